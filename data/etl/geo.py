"""ETL step: province geography (``geo_regions``) and outlines (``geo_outlines``)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from data.etl.attributes_common import REGION_CODES
from data.etl.sources import SourceError, check_columns, read_csv, require

CENTROIDS = "geo/cn_admin_centroids_area.csv"
FLAGS = "geo/cn_admin_border_coastal_flags.csv"
OUTLINES = "geo/cn_provinces_simplified.geojson"
INPUTS = (CENTROIDS, FLAGS, OUTLINES)
DECIMALS = 3


def _provinces(frame: pd.DataFrame, relpath: str) -> pd.DataFrame:
    check_columns(frame, ["adcode", "level"], relpath)
    rows = frame.loc[frame["adcode"].isin(REGION_CODES) & frame["level"].eq("省")]
    if len(rows) != len(REGION_CODES) or rows["adcode"].nunique() != len(REGION_CODES):
        raise SourceError(f"source file malformed: {relpath}: not all 31 provinces present")
    return rows


def _regions(sources: Path) -> pd.DataFrame:
    centroids = read_csv(sources, CENTROIDS)
    check_columns(centroids, ["adcode", "centroid_lon", "centroid_lat", "approx_area_km2"], CENTROIDS)
    flags = read_csv(sources, FLAGS)
    check_columns(flags, ["adcode", "coastal_flag", "land_border_flag", "bordering_countries_iso3"], FLAGS)
    merged = _provinces(centroids, CENTROIDS).merge(_provinces(flags, FLAGS), on="adcode")
    borders = merged["bordering_countries_iso3"].str.replace(";", "|")
    return pd.DataFrame({
        "region": merged["adcode"].astype("int64"),
        "centroid_lon": merged["centroid_lon"].astype(float),
        "centroid_lat": merged["centroid_lat"].astype(float),
        "area_km2": merged["approx_area_km2"].astype(float),
        "coastal": merged["coastal_flag"].astype(bool),
        "land_border": merged["land_border_flag"].astype(bool),
        "border_countries": borders.where(borders.notna(), None),
    }).sort_values("region", ignore_index=True)


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    rounded = [_round(c) for c in coords]
    if rounded and isinstance(rounded[0][0], (int, float)):  # a ring: drop repeats after rounding
        rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return rounded


def _outlines(sources: Path) -> pd.DataFrame:
    path = require(sources, OUTLINES)
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError) as exc:
        raise SourceError(f"source file malformed: {OUTLINES}: {exc}") from exc
    rows = []
    for feature in features:
        code = int(feature["properties"]["adcode"])
        if code in REGION_CODES:
            geometry = {"type": feature["geometry"]["type"],
                        "coordinates": _round(feature["geometry"]["coordinates"])}
            rows.append({"region": code, "geojson": json.dumps(geometry, separators=(",", ":"))})
    frame = pd.DataFrame(rows).sort_values("region", ignore_index=True)
    if len(frame) != len(REGION_CODES):
        raise SourceError(f"source file malformed: {OUTLINES}: {len(frame)} of 31 provinces")
    return frame


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``geo_regions`` and ``geo_outlines``."""
    return {"geo_regions": _regions(sources), "geo_outlines": _outlines(sources)}
