"""ETL step: the prefecture-level city roster (``cities``).

One row per prefecture-level unit in force at the end of the latest roster year
(2024): 地级市, 地区, 自治州, 盟, and the four municipalities as one unit each
(city code = province code + 0100, as in the census and the outline files).
County-level cities administered directly by a province (济源, 仙桃, 潜江,
天门, 神农架, Hainan's 15 counties and cities, the Xinjiang Production and
Construction Corps cities) are not prefecture-level units and are not rows;
zones located there are flagged ``province_administered`` in ``city_zones``.

Codes: the FIERsity crosswalk's ``legacy_entity_id`` (``E`` + 6 digits) is the
GB/T 2260 code; the ETL checks every name against the 2025 code list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from data.etl.city_gazetteer import MUNICIPALITIES, short_name
from data.etl.city_names import english_names
from data.etl.facts import REGIONS
from data.etl.geo import _round as round_coordinates  # same rounding as the province outlines
from data.etl.sources import SourceError, check_columns, read_csv, require

ROSTER = "city/prefecture_crosswalk_legal_roster_2000_2024.csv"
ENTITIES = "city/prefecture_crosswalk_entities.csv"
DIVISIONS = "geo/china_division_codes_2025.csv"
CENTROIDS = "geo/cn_admin_centroids_area.csv"
OUTLINES = "geo/cn_cities_simplified.geojson"
PINYIN = "geo/echarts_city_pinyin_map.csv"
CENSUS = "population/census_city_2010-2020_v1.csv"
INPUTS = (ROSTER, ENTITIES, DIVISIONS, CENTROIDS, OUTLINES, PINYIN, CENSUS)
EXPECTED = 337

_PROVINCES = {full: code for code, full, _short, _en, _macro in REGIONS}


def _unit_type(code: int, name: str) -> str:
    if code in MUNICIPALITIES.values():
        return "municipality"
    for suffix, kind in (("自治州", "autonomous_prefecture"), ("地区", "prefecture"),
                         ("盟", "league"), ("市", "city")):
        if name.endswith(suffix):
            return kind
    raise SourceError(f"{ROSTER}: cannot tell the kind of prefecture-level unit {name!r}")


def roster(sources: Path) -> pd.DataFrame:
    """Prefecture-level units active at the end of the latest roster year.

    Returns ``city``, ``province``, ``name_zh``, ``entity_id`` sorted by code.
    """
    table = read_csv(sources, ROSTER)
    check_columns(table, ["entity_id", "year", "legal_name_zh", "legal_level", "status"], ROSTER)
    entities = read_csv(sources, ENTITIES)
    check_columns(entities, ["entity_id", "legacy_entity_id", "province_name_zh"], ENTITIES)
    latest = table.loc[table["year"].eq(table["year"].max()) & table["status"].eq("active")
                       & table["legal_level"].eq("prefecture")]
    merged = latest.merge(entities, on="entity_id", how="left", validate="1:1")
    if merged["legacy_entity_id"].isna().any() or not merged["legacy_entity_id"].str.fullmatch(r"E\d{6}").all():
        raise SourceError(f"{ENTITIES}: active entities without a 6-digit legacy code")
    frame = pd.DataFrame({
        "city": merged["legacy_entity_id"].str[1:].astype("int64"),
        "province": merged["province_name_zh"].map(_PROVINCES),
        "name_zh": merged["legal_name_zh"],
        "entity_id": merged["entity_id"],
    })
    if frame["province"].isna().any():
        raise SourceError(f"{ENTITIES}: unknown province name(s) "
                          f"{sorted(merged.loc[frame['province'].isna(), 'province_name_zh'].unique())}")
    frame["province"] = frame["province"].astype("int64")
    if not (frame["city"] // 10000 * 10000).eq(frame["province"]).all():
        raise SourceError(f"{ENTITIES}: city code and province disagree")
    if frame["city"].duplicated().any():
        raise SourceError(f"{ENTITIES}: duplicate city codes in the {table['year'].max()} roster")
    return frame.sort_values("city", ignore_index=True)


def _check_names(frame: pd.DataFrame, sources: Path) -> None:
    codes = read_csv(sources, DIVISIONS, dtype={"code": str})
    check_columns(codes, ["code", "name"], DIVISIONS)
    official = dict(zip(codes["code"].astype(int), codes["name"]))
    for row in frame.itertuples(index=False):
        published = official.get(row.province if row.city in MUNICIPALITIES.values() else row.city)
        if published != row.name_zh:
            raise SourceError(f"{DIVISIONS}: code {row.city} is {published!r}, roster says {row.name_zh!r}")


def _source_readings(frame: pd.DataFrame, sources: Path) -> list[list[str] | None]:
    """Toneless syllables of each short name in the ECharts city list (None where it has none)."""
    table = read_csv(sources, PINYIN)
    check_columns(table, ["city_zh", "pinyin_tone"], PINYIN)
    entries = list(zip(table["city_zh"], table["pinyin_tone"]))
    readings: list[list[str] | None] = []
    for row in frame.itertuples(index=False):
        short = row.short_zh
        exact = [t for z, t in entries if z in (short, row.name_zh)]
        prefix = [t for z, t in entries if z.startswith(short) and z.endswith(("自治州", "地区", "盟"))]
        found = exact or prefix
        syllables = found[0].split("_") if len(found) == 1 else []
        readings.append([s.rstrip("012345") for s in syllables[: len(short)]]
                        if len(syllables) >= len(short) else None)
    return readings


def _outlines(sources: Path) -> dict[int, str]:
    path = require(sources, OUTLINES)
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (ValueError, KeyError) as exc:
        raise SourceError(f"source file malformed: {OUTLINES}: {exc}") from exc
    outlines = {}
    for feature in features:
        geometry = {"type": feature["geometry"]["type"],
                    "coordinates": round_coordinates(feature["geometry"]["coordinates"])}
        outlines[int(feature["properties"]["adcode"])] = json.dumps(geometry, separators=(",", ":"))
    return outlines


def build_cities(sources: Path) -> pd.DataFrame:
    """Assemble the ``cities`` table (see module docstring)."""
    frame = roster(sources)
    if abs(len(frame) - EXPECTED) > 5:
        raise SourceError(f"{ROSTER}: {len(frame)} prefecture-level units, expected about {EXPECTED}")
    _check_names(frame, sources)
    frame["short_zh"] = [
        name.removesuffix("市") if city in MUNICIPALITIES.values() else short_name(name)
        for city, name in zip(frame["city"], frame["name_zh"])]
    names = english_names(list(frame["short_zh"]), _source_readings(frame, sources), PINYIN)
    frame["name_en"] = [name for _pinyin, name in names]
    frame["pinyin"] = [pinyin for pinyin, _name in names]
    frame["unit_type"] = [_unit_type(c, n) for c, n in zip(frame["city"], frame["name_zh"])]

    centroids = read_csv(sources, CENTROIDS)
    check_columns(centroids, ["adcode", "level", "centroid_lon", "centroid_lat", "approx_area_km2"], CENTROIDS)
    centroids = centroids.loc[centroids["level"].eq("市")].set_index("adcode")
    census = read_csv(sources, CENSUS, usecols=lambda c: c != "coord")
    check_columns(census, ["city_code", "popu_2010", "popu_2020"], CENSUS)
    census = census.set_index("city_code")
    outlines = _outlines(sources)
    # The geometry files key Chongqing's city-level row by its province code 500000.
    geo_key = frame["city"].where(frame["city"].isin(centroids.index) | ~frame["city"].isin(MUNICIPALITIES.values()),
                                  frame["province"])
    missing = sorted(set(geo_key) - set(centroids.index) | set(geo_key) - set(outlines))
    if missing:
        raise SourceError(f"{CENTROIDS} / {OUTLINES}: no geometry for cities {missing[:10]}")

    frame["centroid_lon"] = geo_key.map(centroids["centroid_lon"]).astype(float)
    frame["centroid_lat"] = geo_key.map(centroids["centroid_lat"]).astype(float)
    frame["area_km2"] = geo_key.map(centroids["approx_area_km2"]).astype(float)
    frame["population_2010"] = frame["city"].map(census["popu_2010"]).astype(float)
    frame["population_2020"] = frame["city"].map(census["popu_2020"]).astype(float)
    frame["outline"] = geo_key.map(outlines)
    columns = ["city", "province", "name_zh", "short_zh", "name_en", "pinyin", "unit_type",
               "entity_id", "centroid_lon", "centroid_lat", "area_km2", "population_2010", "population_2020", "outline"]
    return frame[columns]


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``cities``."""
    return {"cities": build_cities(sources)}
