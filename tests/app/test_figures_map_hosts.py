"""The industry map with 「只列出承接地」: non-hosts grey, the origin province outlined (issue 19)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.figures import china_map_geometry, plotly_china_map
from data import load_table

GUANGDONG, SICHUAN, SHANGHAI = 440000, 510000, 310000


@pytest.fixture(scope="module")
def geometry():
    outlines = pd.concat([load_table("geo_outlines"), load_table("geo_outlines_extra")], ignore_index=True)
    return china_map_geometry(outlines, load_table("geo_national"))


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return load_table("regions")


def _choropleth(fig):
    return [t for t in fig.data if t.meta == "provinces"][0]


def _map(geometry, regions, **kwargs):
    values = pd.Series(np.linspace(10.0, 60.0, len(regions)), index=regions["region"])
    labels = dict(zip(regions["region"], regions["name_zh"]))
    return plotly_china_map(geometry, values, labels, "H19", "适配分 (0–100)", value_format=".0f", **kwargs), values


def test_non_hosts_are_grey_and_named_as_such(geometry, regions):
    east = {int(r) for r in regions.loc[~regions["host"].astype(bool), "region"]}
    fig, values = _map(geometry, regions, muted=east, muted_label="非承接地（不参与排名）")
    trace = _choropleth(fig)
    z = dict(zip(trace.locations, trace.z))
    hover = dict(zip(trace.locations, trace.customdata[:, 1]))
    lowest_host = min(values[c] for c in values.index if c not in east)
    assert all(trace.zmin <= z[str(c)] < lowest_host for c in east)  # in the grey band below the colour range
    assert values[GUANGDONG] > lowest_host  # although Guangdong's own value is inside it
    assert hover[str(GUANGDONG)] == "非承接地（不参与排名）" and hover[str(SICHUAN)].startswith("适配分")
    assert trace.colorbar.ticktext[0] == "暂无数据 / 非承接地（不参与排名）"
    assert z[str(SICHUAN)] == pytest.approx(values[SICHUAN])  # hosts keep their colour
    # the colour range spans the hosts only
    assert trace.zmax == pytest.approx(max(values[c] for c in values.index if c not in east))


def test_without_muting_every_province_is_coloured(geometry, regions):
    fig, values = _map(geometry, regions)
    z = dict(zip(_choropleth(fig).locations, _choropleth(fig).z))
    assert z[str(GUANGDONG)] == pytest.approx(values[GUANGDONG])
    assert not [t for t in fig.data if t.meta in ("marked", "marked_label")]


def test_the_origin_province_is_outlined_and_labelled(geometry, regions):
    fig, _ = _map(geometry, regions, marked=SHANGHAI, marked_label="迁出地")
    outline = [t for t in fig.data if t.meta == "marked"]
    label = [t for t in fig.data if t.meta == "marked_label"]
    assert len(outline) == 1 and list(outline[0].locations) == [str(SHANGHAI)]
    assert outline[0].marker.line.width >= 2 and outline[0].showscale is False
    assert "迁出地" in outline[0].hovertemplate and "上海市" in outline[0].hovertemplate
    at = geometry.codes.index(SHANGHAI)
    assert list(label[0].text) == ["▼ 迁出地"]
    assert (label[0].lon[0], label[0].lat[0]) == tuple(geometry.labels[at])
    assert fig.data[0].type == "scattergeo"  # still no remote base map: the first trace is a line


def test_industry_view_greys_non_hosts_and_marks_the_origin(app_test):
    import json

    at = app_test.run()
    at.switch_page("page_scripts/industry.py").run()
    at.selectbox(key="origin").set_value(SHANGHAI).run()
    assert not at.exception
    assert at.toggle(key="hosts_only").value is True
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    traces = {t.get("meta"): t for t in spec["data"]}
    assert traces["marked"]["locations"] == [str(SHANGHAI)]
    hover = dict(zip(traces["provinces"]["locations"], (c[1] for c in traces["provinces"]["customdata"])))
    assert hover[str(GUANGDONG)] == "非承接地（不参与排名）" and hover[str(SICHUAN)].startswith("适配分")
