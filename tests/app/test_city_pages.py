"""AppTest tests of the city layer in the app: the province → city drill-down and the city-level map."""

from __future__ import annotations

import json
import re

import pytest

from models.api import city_recommend_answer, city_sites_answer, load_scorer

CJK = re.compile(r"[\u4e00-\u9fff]")
JIANGXI, GANZHOU, NANCHANG, HENAN = 360000, 360700, 360100, 410000


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture(scope="module")
def board():
    return load_scorer().board(None)


def _ganzhou(app_test):
    at = app_test.run()
    at.selectbox(key="region").set_value(JIANGXI).run()
    at.selectbox(key="city").set_value(GANZHOU).run()
    _no_errors(at)
    return at


def test_drill_down_shows_the_cli_ranking_of_the_picked_city(app_test, board):
    at = _ganzhou(app_test)
    assert at.query_params["city"] == str(GANZHOU)
    assert all(o.endswith(" · " + o.split(" · ")[-1]) and o.split(" · ")[-1].startswith("36")
               for o in at.selectbox(key="city").options)  # only Jiangxi's cities
    at.slider(key="top").set_value(16).run()
    _no_errors(at)
    table = _table(at, "城市得分 (0–100)")
    expected = city_recommend_answer(board, GANZHOU)["industries"]
    assert len(table) == 16 and list(table["排名"]) == list(range(1, 17))
    assert [c.split()[0] for c in table["产业"]] == [i["industry"] for i in expected]
    assert list(table["城市得分 (0–100)"]) == [round(i["score"]) for i in expected]
    assert list(table["本省适配分 (0–100)"]) == [round(i["province_score"]) for i in expected]
    assert list(table["全国宣布该产业的开发区 (个)"]) == [i["zones_nationwide"] for i in expected]
    assert all("×" in cell or "无同类开发区" in cell for cell in table["拥挤度 (相对随机期望)"])
    crowded = [i for i in expected if i["crowding"]["alternatives"]]
    assert crowded, "Ganzhou has a highly crowded candidate"
    row = table.loc[table["产业"].str.startswith(crowded[0]["industry"])].iloc[0]
    assert row["较少竞争的替代产业"].split()[0] == crowded[0]["crowding"]["alternatives"][0]
    captions = " ".join(c.value for c in at.caption)
    assert "并非产出" in captions and "开发区 2018 年目录" in captions and "2020 年常住人口" in captions
    sentence = expected[0]["nationwide_sentence"]["zh"]
    assert any(sentence in m.value for m in at.markdown), sentence
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载本市一页 PDF 报告" in labels and labels.count("下载 CSV") >= 2


def test_switching_province_resets_the_city(app_test):
    at = _ganzhou(app_test)
    at.selectbox(key="region").set_value(HENAN).run()
    _no_errors(at)
    henan = at.selectbox(key="city")
    assert henan.value == 410100 and all(o.split(" · ")[-1].startswith("41") for o in henan.options)
    at.selectbox(key="region").set_value(JIANGXI).run()
    _no_errors(at)
    assert at.selectbox(key="city").value == NANCHANG  # Ganzhou was forgotten, not carried back
    assert at.query_params["city"] == str(NANCHANG)


def test_an_older_year_says_the_city_layer_uses_the_latest(app_test, board):
    at = app_test.run()
    at.selectbox(key="year").set_value(2017).run()
    _no_errors(at)
    assert any(f"基于 {board.as_of} 年的省级适配分" in i.value for i in at.info)


def test_drill_down_in_english_has_no_chinese(app_test):
    at = _ganzhou(app_test)
    at.radio(key="lang_choice").set_value("English").run()
    _no_errors(at)
    assert at.selectbox(key="city.en").value == GANZHOU
    table = _table(at, "City score (0–100)")
    texts = [*table.columns, *table.astype(str).to_numpy().ravel(), *at.selectbox(key="city.en").options,
             *(c.value for c in at.caption), *(m.value for m in at.markdown), *(e.label for e in at.expander),
             *(s.value for s in at.subheader), *(i.value for i in at.info)]
    shown = " ".join(str(x) for x in texts).replace("\\", "")  # Markdown escapes
    assert "Ganzhou · ranked candidate industries (city level)" in shown
    assert "presence-based estimates, not output" in shown and "development zones nationwide declare" in shown
    found = [x for x in texts if CJK.search(str(x))]
    assert not found, found[:5]


def test_industry_view_city_level_map_and_ranked_cities(app_test, board):
    at = app_test.run()
    at.switch_page("page_scripts/industry.py").run()
    at.radio(key="level").set_value("city").run()
    _no_errors(at)
    assert at.query_params["level"] == "city"
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    metas = [(trace.get("meta"), trace.get("geo", "geo")) for trace in figure["data"]]
    choropleth = next(trace for trace in figure["data"] if trace["type"] == "choropleth")
    assert choropleth["meta"] == "cities" and len(choropleth["locations"]) == 337 + 34
    assert {"710000", "810000", "820000", "360700"} <= set(choropleth["locations"])
    for layer in [("national_outline", "geo"), ("maritime_boundary", "geo"), ("maritime_boundary", "geo2"),
                  ("scs_islands", "geo2"), ("inset_title", "geo2"), ("province_borders", "geo"),
                  ("province_labels", "geo")]:
        assert layer in metas, layer
    table = _table(at, "城市得分 (0–100)")
    expected = city_sites_answer(board, "H19", top=10)["cities"]
    assert len(table) == 10 and list(table["地级市"]) == [c["name_zh"] for c in expected]
    assert list(table["城市得分 (0–100)"]) == sorted(table["城市得分 (0–100)"], reverse=True)
    at.selectbox(key="city_scope").set_value(HENAN).run()
    _no_errors(at)
    henan = _table(at, "城市得分 (0–100)")
    assert set(henan["所在省份"]) == {"河南省"} and len(henan) == 10
    assert any("全国" in c.value and "个开发区把" in c.value for c in at.caption)
    at.selectbox(key="city_scope").set_value(0).run()
    at.selectbox(key="origin").set_value(440000).run()
    _no_errors(at)
    moved = _table(at, "城市得分 (0–100)")
    assert "距迁出地 (公里)" in moved.columns and (moved["距迁出地 (公里)"] > 0).all()
    assert "广东省" not in set(moved["所在省份"])


def test_an_uploaded_region_has_no_cities_and_says_so():
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from app.views.city import city_drilldown

        city_drilldown(990000, 2024, 8)

    at = AppTest.from_function(script, default_timeout=120).run()
    _no_errors(at)
    assert any("自定义地区 没有地级市数据" in i.value for i in at.info), [i.value for i in at.info]
    assert not at.dataframe and not at.selectbox


def test_industry_view_city_level_in_english_has_no_chinese(app_test):
    at = app_test.run()
    at.radio(key="lang_choice").set_value("English").run()
    at.switch_page("page_scripts/industry.py").run()
    at.radio(key="level.en").set_value("city").run()
    _no_errors(at)
    table = _table(at, "City score (0–100)")
    assert len(table) == 10 and table["Prefecture city"].str.match(r"^[A-Z][a-z]").all()
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    choropleth = next(trace for trace in figure["data"] if trace["type"] == "choropleth")
    texts = [*table.columns, *table.astype(str).to_numpy().ravel(), *(c.value for c in at.caption),
             *(row[0] + row[1] for row in choropleth["customdata"]), figure["layout"]["title"]["text"],
             *next(trace["text"] for trace in figure["data"] if trace.get("meta") == "province_labels")]
    found = [x for x in texts if CJK.search(str(x))]
    assert not found, found[:5]
