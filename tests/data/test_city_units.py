"""The ``cities`` table: the 2024 prefecture roster with geometry and census population."""

from __future__ import annotations

import json

import pytest

from data.etl.city_steel import point_in_outline
from data.loader import load_table


@pytest.fixture(scope="module")
def cities():
    return load_table("cities").set_index("city")


def test_roster_size_and_kinds(cities):
    assert len(cities) == 337
    counts = cities["unit_type"].value_counts().to_dict()
    assert counts == {"city": 293, "autonomous_prefecture": 30, "prefecture": 7, "municipality": 4, "league": 3}
    assert set(cities.loc[cities["unit_type"].eq("municipality")].index) == {110100, 120100, 310100, 500100}
    # province-administered county-level cities are not prefecture-level units
    assert not {419001, 429004, 469002, 659001} & set(cities.index)


def test_spot_values_from_the_raw_files(cities):
    # population/census_city_2010-2020_v1.csv and geo/cn_admin_centroids_area.csv, read by hand
    chengdu = cities.loc[510100]
    assert (chengdu["name_zh"], chengdu["short_zh"], chengdu["name_en"]) == ("成都市", "成都", "Chengdu")
    assert chengdu["population_2020"] == 20937757 and chengdu["population_2010"] == 15118840
    assert chengdu["area_km2"] == pytest.approx(14294.6)
    jiayuguan = cities.loc[620200]
    assert jiayuguan["population_2020"] == 312663 and jiayuguan["centroid_lon"] == pytest.approx(98.21114)
    assert cities.loc[500100, "population_2020"] == 32054159
    assert cities.loc[460300, "name_zh"] == "三沙市" and cities["population_2010"].isna().sum() == 1
    assert cities.loc[532300, "short_zh"] == "楚雄" and cities.loc[532300, "name_en"] == "Chuxiong"


def test_outlines_are_rounded_geometries_containing_their_city(cities):
    for code in (510100, 620200, 110100, 650100):
        geometry = json.loads(cities.loc[code, "outline"])
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        lon, lat = cities.loc[code, ["centroid_lon", "centroid_lat"]]
        assert point_in_outline(lon, lat, cities.loc[code, "outline"]), code
    sample = json.loads(cities.loc[510100, "outline"])["coordinates"]
    point = sample[0][0] if isinstance(sample[0][0][0], float) else sample[0][0][0]
    assert all(round(v, 3) == v for v in point)


def test_point_in_outline_respects_holes():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
                                                  [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]}
    text = json.dumps(square)
    assert point_in_outline(0.5, 0.5, text)
    assert not point_in_outline(2, 2, text)
    assert not point_in_outline(5, 2, text)
