"""Region view (issue 19): the one-screen 招商摘要, the score-scale note, the template of the selected
region, and uploads that never move an official region's numbers."""

from __future__ import annotations

import re

import pytest

from models.api import load_scorer

SUMMARY_TIERS = ["**重点**", "**可考虑**", "**谨慎**"]


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _region(app_test, code: int):
    at = app_test.run()
    at.selectbox(key="region").set_value(code).run()
    _no_errors(at)
    return at


def test_summary_with_three_tiers_comes_first_and_cards_are_behind_details(app_test):
    at = _region(app_test, 520000)
    subheaders = [s.value for s in at.subheader]
    assert subheaders.index("招商摘要") == 1  # right after the ranked-industries heading
    markdown = [m.value for m in at.markdown]
    assert [m for m in markdown if m in SUMMARY_TIERS] == SUMMARY_TIERS
    lines = "\n".join(m for m in markdown if " 分 · 全国第 " in m).splitlines()
    items = [line for line in lines if not line.startswith("- **")]
    assert len(items) == 8 and all(re.fullmatch(r"\d+ 分 · 全国第 \d+/31 · 同质化 . [低中高]", i) for i in items), items
    board = load_scorer().board()
    scores = board.industry_scores("H06")  # 贵州's 食品和烟草: its score and place among the provinces
    rank = 1 + int((scores > scores.loc[520000]).sum())
    assert any(i.startswith(f"{scores.loc[520000]:.0f} 分 · 全国第 {rank}/31 · ") for i in items), items
    base = board.explainer.base_score
    assert any(c.value.startswith(f"分档规则：适配分不低于全国平均 {base:.1f} 分的 1.25 倍（{1.25 * base:.1f} 分）")
               for c in at.caption)
    details = [e for e in at.expander if e.label == "展开详情"]
    assert len(details) == 1
    assert len(details[0].get("metric")) == 8  # the eight full cards sit behind 展开详情
    assert not [m for m in at.main.get("metric") if m not in details[0].get("metric")]


def test_summary_in_english(app_test):
    at = app_test.run()
    at.radio(key="lang_choice").set_value("English").run()
    _no_errors(at)
    assert "Investment summary" in [s.value for s in at.subheader]
    assert [m.value for m in at.markdown if m.value in ("**Priority**", "**Worth considering**", "**Caution**")] == \
        ["**Priority**", "**Worth considering**", "**Caution**"]
    assert any(e.label == "Show details" for e in at.expander)


def test_province_and_city_scores_are_labelled_where_both_appear(app_test):
    at = _region(app_test, 510000)
    city_table = [d.value for d in at.dataframe if "城市得分 (0–100)" in d.value.columns]
    assert city_table and "本省适配分 (0–100)" in city_table[0].columns  # both scales on one screen …
    assert any(c.value.startswith("两种分数：省级适配分是经回测校准的概率") for c in at.caption)  # … and said so


def test_template_is_the_selected_regions():
    from app.upload import parse_region_csv
    from app.views.upload_panel import region_template
    from models.api import load_scorer

    arrays = load_scorer().arrays
    guizhou, sichuan = region_template(arrays, 520000), region_template(arrays, 510000)
    assert guizhou != sichuan
    expected = arrays.output(max(arrays.io_years))[arrays.position[520000], arrays.column["H06"]]
    assert parse_region_csv(guizhou).outputs["H06"] == pytest.approx(expected, rel=1e-6)


def test_region_view_offers_the_selected_regions_template(app_test, monkeypatch):
    from app.views import upload_panel

    asked = []
    real = upload_panel.region_template
    monkeypatch.setattr(upload_panel, "region_template", lambda arrays, region: asked.append(region)
                        or real(arrays, region))
    _region(app_test, 520000)
    assert asked[-1] == 520000


def _upload_of_sichuan():
    """Arrays with an uploaded region as large as 四川 (its own template, read back)."""
    from app.upload import parse_region_csv
    from app.views.upload_panel import region_template
    from models.api import add_region, load_scorer

    base = load_scorer().arrays
    parsed = parse_region_csv(region_template(base, 510000))
    arrays, _ = add_region(base, 990000, "自定义地区", "Custom region", "West", parsed.outputs, parsed.attributes,
                           base.latest_year, parsed.flags)
    return arrays


def _official_view(app_test, upload) -> tuple[list, list, list]:
    at = app_test
    if upload is not None:
        at.session_state["byo_inputs"] = upload
    at = _region(at, 520000)
    assert ("自定义地区 · 990000" in at.selectbox(key="region").options) == (upload is not None)
    tables = [d.value.to_csv(index=False) for d in at.dataframe]
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    metrics = [(m.label, m.value) for m in at.get("metric")]
    return tables, texts, metrics


def test_an_upload_never_moves_an_official_regions_numbers():
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    plain = _official_view(AppTest.from_file(APP, default_timeout=180), None)
    uploaded = _official_view(AppTest.from_file(APP, default_timeout=180), _upload_of_sichuan())
    assert plain[0][0] == uploaded[0][0]  # the ranked table of 贵州, byte for byte
    assert plain == uploaded  # and every table, sentence and score on the page


def test_the_uploaded_region_itself_has_its_summary_and_template():
    from streamlit.testing.v1 import AppTest

    from app.upload import parse_region_csv
    from app.views.upload_panel import region_template
    from tests.app.conftest import APP

    upload = _upload_of_sichuan()
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["byo_inputs"] = upload
    at = _region(at, 990000)
    assert "招商摘要" in [s.value for s in at.subheader]
    assert [m.value for m in at.markdown if m.value in SUMMARY_TIERS] == SUMMARY_TIERS
    assert not [b for b in at.get("download_button") if "PDF" in b.proto.label]  # no report of an upload
    year = max(upload.io_years)
    own = upload.output(year)[upload.position[990000], upload.column["H19"]]
    assert parse_region_csv(region_template(upload, 990000)).outputs["H19"] == pytest.approx(own, rel=1e-6)
