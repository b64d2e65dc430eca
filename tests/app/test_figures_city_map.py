"""The city map: every prefecture city, Taiwan/Hong Kong/Macao as no data, the province map's compliant layers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app.figures import china_map_geometry, plotly_china_map
from app.figures_city_map import CityMapGeometry, city_map_geometry, plotly_city_map
from data import load_table

COMPLIANT = ("national_outline", "maritime_boundary", "inset_land", "scs_islands", "inset_title")


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    outlines = pd.concat([load_table("geo_outlines"), load_table("geo_outlines_extra")], ignore_index=True)
    return load_table("cities"), outlines, load_table("geo_national")


@pytest.fixture(scope="module")
def geometry(tables) -> CityMapGeometry:
    return city_map_geometry(*tables)


@pytest.fixture(scope="module")
def values(tables) -> pd.Series:
    """A value for every city but Chengdu, and (wrongly) for Taiwan: neither may be coloured."""
    cities = tables[0]
    series = pd.Series(np.linspace(10.0, 90.0, len(cities)), index=cities["city"].astype(int))
    return pd.concat([series.drop(510100), pd.Series({710000: 99.0})])


def _map(geometry, values, tables, lang="zh"):
    cities = tables[0]
    labels = dict(zip(cities["city"].astype(int), cities["name_zh" if lang == "zh" else "name_en"]))
    regions = load_table("regions")
    provinces = dict(zip(regions["region"], regions["name_zh" if lang == "zh" else "name_en"]))
    return plotly_city_map(geometry, values, labels, provinces, "标题" if lang == "zh" else "Title",
                           "城市得分 (0–100)" if lang == "zh" else "City score (0–100)", lang=lang)


def _traces(fig, meta, geo=None):
    return [t for t in fig.data if t.meta == meta and (geo is None or t.geo == geo)]


def test_one_choropleth_of_all_cities_and_the_three_units_without_city_data(geometry, values, tables):
    fig = _map(geometry, values, tables)
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert len(choropleths) == 1 and choropleths[0].meta == "cities"
    locations = set(choropleths[0].locations)
    assert len(locations) == 337 + 34  # the cities over all 34 provincial units (land outside a city: no data)
    assert {str(c) for c in tables[0]["city"]} <= locations
    assert {"710000", "810000", "820000"} <= locations  # never omitted
    order = list(choropleths[0].locations)
    assert order.index("420000") < order.index("420100")  # Hubei under its cities
    assert not _traces(fig, "provinces") and not _traces(fig, "labels")  # no 337 city names on the map


def test_taiwan_hong_kong_macao_and_missing_cities_are_grey_no_data(geometry, values, tables):
    fig = _map(geometry, values, tables)
    choropleth = next(t for t in fig.data if t.type == "choropleth")
    z = dict(zip(choropleth.locations, choropleth.z))
    hover = dict(zip(choropleth.locations, (row[1] for row in choropleth.customdata)))
    for code in ("710000", "810000", "820000", "510100", "420000"):
        assert z[code] < values.drop(710000).min(), code  # in the grey band below the data
        assert hover[code] == "暂无数据", code
    assert hover["360700"].startswith("城市得分 (0–100): ")
    names = dict(zip(choropleth.locations, (row[0] for row in choropleth.customdata)))
    assert names["360700"] == "赣州市" and names["710000"] == "台湾省"


def test_the_compliant_layers_are_exactly_the_province_maps(geometry, values, tables):
    _, outlines, national = tables
    province = plotly_china_map(china_map_geometry(outlines, national), pd.Series(dtype=float), {}, lang="zh")
    city = _map(geometry, values, tables)
    for meta in COMPLIANT:
        ours, theirs = _traces(city, meta), _traces(province, meta)
        assert len(ours) == len(theirs) >= 1, meta
        for a, b in zip(ours, theirs):
            assert a.geo == b.geo
            np.testing.assert_array_equal(np.asarray(a.lon, dtype=float), np.asarray(b.lon, dtype=float))
            np.testing.assert_array_equal(np.asarray(a.lat, dtype=float), np.asarray(b.lat, dtype=float))
    assert city.layout.geo2.to_plotly_json() == province.layout.geo2.to_plotly_json()  # the inset
    assert city.layout.geo.lataxis.range == province.layout.geo.lataxis.range
    for name in ("geo", "geo2"):  # no remote topojson: each subplot starts with a line layer
        first = next(t for t in city.data if t.geo == name)
        assert first.type == "scattergeo" and first.locationmode is None


def test_province_borders_and_names_of_all_34_units(geometry, values, tables):
    fig = _map(geometry, values, tables, lang="en")
    borders = _traces(fig, "province_borders", "geo")
    assert len(borders) == 1 and np.isnan(np.asarray(borders[0].lat, dtype=float)).sum() > 30
    names = list(_traces(fig, "province_labels", "geo")[0].text)
    assert len(names) == 34 and {"Taiwan", "Jiangxi"} <= set(names)
    choropleth = next(t for t in fig.data if t.type == "choropleth")
    assert not any("\u4e00" <= ch <= "\u9fff" for row in choropleth.customdata for ch in "".join(row))


def test_renders_in_chromium_without_network_or_errors(geometry, values, tables, tmp_path):
    """Draw the city map in headless Chromium: 371 units, both subplots, no request leaves."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    page_file = tmp_path / "city_map.html"
    _map(geometry, values, tables).write_html(page_file, include_plotlyjs=True, full_html=True,
                                              default_width=940, default_height=560)
    remote, errors = [], []
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--headless"])
        page = browser.new_page(viewport={"width": 960, "height": 600})
        page.on("request", lambda r: remote.append(r.url) if r.url.startswith("http") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length >= 371 "
                               "&& document.querySelectorAll('g.geo').length >= 2", timeout=60_000)
        drawn = page.locator("path.choroplethlocation").count()
        if os.environ.get("HOSTFIT_MAP_SHOT"):
            page.screenshot(path=os.environ["HOSTFIT_MAP_SHOT"])
        browser.close()
    assert remote == [] and errors == []
    assert drawn == 371


def test_no_degenerate_ring_reaches_plotly(geometry):
    for feature in geometry.units.features["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            assert polygon and all(len(ring) >= 4 for ring in polygon), feature["id"]

