"""AppTest tests of the five views: widgets, interactions, language, downloads, uploads."""

from __future__ import annotations

import json

import pytest


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _first_table(at):
    return at.dataframe[0].value


def test_region_view_widgets_and_ranking_changes_with_region(app_test):
    at = app_test.run()
    _no_errors(at)
    assert at.selectbox(key="region").value == 510000
    assert at.selectbox(key="year") is not None and at.slider(key="top").value == 8
    sichuan = _first_table(at)
    assert len(sichuan) == 8
    at.selectbox(key="region").set_value(650000).run()
    _no_errors(at)
    xinjiang = _first_table(at)
    assert list(sichuan.iloc[:, 1]) != list(xinjiang.iloc[:, 1])
    assert len(at.get("plotly_chart")) >= 3  # pillar bars + waterfalls + comparison
    assert len(at.get("download_button")) >= 3  # CSV, XLSX, report (+ template)


def test_region_view_as_of_year_replays_the_past(app_test):
    at = app_test.run()
    latest = _first_table(at)
    at.selectbox(key="year").set_value(2007).run()
    _no_errors(at)
    assert list(_first_table(at).iloc[:, 1]) != list(latest.iloc[:, 1])


def test_language_switch_changes_labels_and_names(app_test):
    at = app_test.run()
    zh_columns = list(_first_table(at).columns)
    assert "排名" in zh_columns
    at.radio(key="lang_choice").set_value("English").run()
    _no_errors(at)
    table = _first_table(at)
    assert "Rank" in table.columns and "排名" not in table.columns
    assert any("Sichuan" in h.value for h in at.subheader)


def test_selections_carry_over_to_the_next_page(app_test):
    at = app_test.run()
    at.selectbox(key="region").set_value(520000).run()
    at.selectbox(key="year").set_value(2017).run()
    at.switch_page("page_scripts/whatif.py").run()
    _no_errors(at)
    assert at.selectbox(key="region").value == 520000
    at.switch_page("page_scripts/industry.py").run()
    _no_errors(at)
    assert at.selectbox(key="year").value == 2017
    at.switch_page("page_scripts/region.py").run()
    assert at.selectbox(key="region").value == 520000 and at.selectbox(key="year").value == 2017


def test_industry_view(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/industry.py").run()
    _no_errors(at)
    assert at.selectbox(key="industry").value == "H19"
    first = _first_table(at)
    at.selectbox(key="industry").set_value("H07").run()
    _no_errors(at)
    assert list(_first_table(at).iloc[:, 1]) != list(first.iloc[:, 1])
    assert len(at.get("plotly_chart")) >= 3  # map, bars, waterfall


def test_what_if_changes_the_score_and_reset_restores(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/whatif.py").run()
    _no_errors(at)
    before = _first_table(at)
    assert (before.iloc[:, 4] == 0).all()  # no edits yet: every score change is zero
    at.selectbox(key="wi_add_industry").set_value("H18")
    at.number_input(key="wi_add_value").set_value(5e7)
    at.button(key="wi_add_button").click().run()
    _no_errors(at)
    after = _first_table(at)
    assert (after.iloc[:, 4] != 0).any()
    at.button(key="wi_reset").click().run()
    assert (_first_table(at).iloc[:, 4] == 0).all()


def test_what_if_scenario_survives_page_switches(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/whatif.py").run()
    at.number_input(key="wi_add_value").set_value(3e7)
    at.button(key="wi_add_button").click().run()
    at.switch_page("page_scripts/crowding.py").run()
    at.switch_page("page_scripts/whatif.py").run()
    _no_errors(at)
    assert (_first_table(at).iloc[:, 4] != 0).any()


def test_crowding_view(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/crowding.py").run()
    _no_errors(at)
    assert at.slider(key="crowd_k").value == 5
    assert len(at.get("plotly_chart")) == 3  # top-K presence, declared priorities, similarity
    counts = _first_table(at).iloc[:, 1]
    at.slider(key="crowd_k").set_value(8).run()
    _no_errors(at)
    assert _first_table(at).iloc[:, 1].sum() > counts.sum()


def test_model_view_shows_backtest_sources_catalogue(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/model_data.py").run()
    _no_errors(at)
    methods = set(_first_table(at).iloc[:, 0])
    assert {"模型", "关联密度", "延续（专业化系数）", "随机（期望值）", "现有产出规模", "全国产业规模", "产业先验"} <= methods
    assert len(at.dataframe) == 3  # backtest, recent wave, catalogue (the sources are a list: their citations are long)
    assert any("省级产业产出面板" in m.value for m in at.markdown)
    at.selectbox(key="model_protocol").set_value("blocked_cv").run()
    _no_errors(at)
    assert len(at.warning) + len(at.success) == 4  # one verdict per protocol, one for the recent wave
    wave = at.dataframe[1].value
    assert {"模型", "产业链默认排序", "现有产出（门类）", "产品份额", "份额差", "全国产业规模", "随机（期望值）"} <= set(wave.iloc[:, 0])
    at.selectbox(key="wave_query").set_value("item").run()
    at.selectbox(key="wave_window").set_value("2017-2024").run()
    _no_errors(at)
    items = at.dataframe[1].value
    assert "全国产业规模" not in set(items.iloc[:, 0])  # the same for every host: not an item-query method
    from models.reporting import load_evaluation

    expected = load_evaluation()["recent_wave"]["results"]["2017-2024"]["item"]["methods"]["model"]["ndcg@5"]["mean"]
    assert items.loc[items.iloc[:, 0] == "模型", "前 5 名排序质量"].iloc[0] == pytest.approx(expected, abs=1e-4)


def _upload_app(content: bytes):
    """Run the real upload handler (AppTest cannot drive st.file_uploader itself)."""
    from streamlit.testing.v1 import AppTest

    def script(payload: bytes) -> None:
        from app.views.upload_panel import handle_upload

        handle_upload(len(payload), lambda: payload)

    return AppTest.from_function(script, args=(content,), default_timeout=120).run()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "the file is empty"), (b"foo,bar\n1,2\n", "missing required column"),
     (b"field,value\nH19,abc\n", "is not a number"), (b"field,value\nH19,-5\n", "must not be negative")],
)
def test_bad_upload_shows_an_error_not_a_traceback(content, fragment):
    at = _upload_app(content)
    _no_errors(at)
    assert any(fragment in e.value for e in at.error), [e.value for e in at.error]
    assert "byo_inputs" not in at.session_state


def test_good_upload_in_gbk_adds_a_region():
    at = _upload_app("field,value,unit\nH19,5000000,万元\n电气机械和器材,3000000,万元\nH06,2000000,万元\n"
                     "population,3000,10^4 persons\n".encode("gbk"))
    _no_errors(at)
    assert at.success
    arrays = at.session_state["byo_inputs"]
    assert 990000 in set(arrays.regions)
    assert arrays.output(2017)[arrays.position[990000], arrays.column["H18"]] == 3000000


def test_huge_upload_is_rejected_before_reading():
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from app.views.upload_panel import handle_upload

        def never():
            raise AssertionError("content must not be read")

        handle_upload(200 * 1024 * 1024, never)

    at = AppTest.from_function(script, default_timeout=60).run()
    _no_errors(at)
    assert "file too large" in at.error[0].value


def _attribute_key(at, name: str) -> str:
    version = at.session_state["scenario"]["version"]
    return f"wi_attr_{version}_zh_{name}"


def test_what_if_clean_share_control_derives_the_generation_mix(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/whatif.py").run()
    thermal = at.number_input(key=_attribute_key(at, "generation_thermal")).value
    at.slider(key=_attribute_key(at, "wi_clean_share")).set_value(90.0).run()
    _no_errors(at)
    mix = {k: v for k, v in at.session_state["scenario"]["attributes"].items() if k.startswith("generation_")}
    assert 100 * (1 - mix["generation_thermal"] / sum(mix.values())) == pytest.approx(90.0)
    assert at.number_input(key=_attribute_key(at, "generation_thermal")).value < thermal  # the editor follows
    assert any("清洁电力占 90.0%" in c.value for c in at.caption)
    assert (_first_table(at).iloc[:, 4] != 0).any()


def test_what_if_typed_out_of_range_value_is_used_clamped_and_said(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/whatif.py").run()
    at.number_input(key=_attribute_key(at, "gdp")).set_value(9e6).run()
    _no_errors(at)
    assert [w.value for w in at.warning] == ["地区生产总值 = 9,000,000 超出合理范围 [10, 250,000] 亿元，已按 250,000 计算"]


def test_what_if_edited_sector_is_in_the_chart_whatever_its_rank(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/whatif.py").run()
    last = _first_table(at).iloc[-1, 0]  # the lowest-ranked candidate
    code = last.split()[0]
    at.selectbox(key="wi_add_industry").set_value(code)
    at.number_input(key="wi_add_value").set_value(1e5)
    at.button(key="wi_add_button").click().run()
    _no_errors(at)
    scenario = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][2]  # the scenario-rank markers
    colours = dict(zip(scenario["y"], scenario["marker"]["color"]))
    assert colours[last] == "#ff7f0e"
    assert sum(c == "#ff7f0e" for c in colours.values()) == 1


def test_what_if_in_english_has_english_labels_and_units(app_test):
    at = app_test.run()
    at.radio(key="lang_choice").set_value("English").run()
    at.switch_page("page_scripts/whatif.py").run()
    _no_errors(at)
    labels = [w.label for w in at.number_input] + [w.label for w in at.slider]
    assert "GDP (100 million yuan)" in labels and "Population (10^4 persons)" in labels
    assert not any("\u4e00" <= ch <= "\u9fff" for label in labels for ch in label), labels


def test_switching_region_forgets_the_previous_explain_pick(app_test):
    def codes(at):
        return [o.split()[0] for o in at.selectbox(key="explain").options]

    at = app_test.run()
    sichuan = codes(at)
    xinjiang = codes(at.selectbox(key="region").set_value(650000).run())
    at.selectbox(key="region").set_value(510000).run()
    shared = next(c for c in sichuan[1:] if c in xinjiang[1:])  # would survive the switch if kept
    at.selectbox(key="explain").set_value(shared).run()
    assert at.selectbox(key="explain").value == shared
    at.selectbox(key="region").set_value(650000).run()
    _no_errors(at)
    assert at.selectbox(key="explain").value == xinjiang[0]
