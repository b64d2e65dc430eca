"""What-if output edits (issue 19): an empty box, a labelled 添加 button, the list of applied edits, and
the explanation defaulting to the edited sector."""

from __future__ import annotations


def _no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _whatif(app_test):
    at = app_test.run()
    at.switch_page("page_scripts/whatif.py").run()
    _no_errors(at)
    return at


def test_output_box_starts_empty_and_the_button_is_labelled(app_test):
    at = _whatif(app_test)
    assert at.number_input(key="wi_add_value").value is None
    assert at.button(key="wi_add_button").label == "添加"
    assert any(c.value.startswith("尚未添加产出改动") for c in at.caption)
    at.button(key="wi_add_button").click().run()  # pressing Add with an empty box changes nothing
    _no_errors(at)
    assert at.session_state["scenario"]["outputs"] == {}
    assert (at.dataframe[0].value.iloc[:, 4] == 0).all()


def _add(at, industry: str, value: float) -> list[str]:
    """Add ``value`` 万元 of ``industry``; return the listed edits."""
    at.selectbox(key="wi_add_industry").set_value(industry)
    at.number_input(key="wi_add_value").set_value(value)
    at.button(key="wi_add_button").click().run()
    _no_errors(at)
    return [m.value for m in at.markdown if m.value.startswith("已应用的产出改动：")]


def test_applied_edits_are_listed_and_the_explanation_follows_the_edited_sector(app_test):
    from app.i18n import industry_name

    at = _whatif(app_test)
    ranked = [label.split()[0] for label in at.dataframe[0].value.iloc[:, 0]]
    first, second = ranked[-1], ranked[-2]  # the lowest-ranked: never the explanation's default
    assert at.selectbox(key="wi_explain.zh").value == ranked[0]
    one = f"- {first} {industry_name(first, 'zh')} +2,000,000 万元"
    two = f"- {second} {industry_name(second, 'zh')} +1,000,000 万元"
    assert _add(at, first, 2e6) == [f"已应用的产出改动：\n{one}"]
    assert at.selectbox(key="wi_explain.zh").value == first
    assert _add(at, second, 1e6) == [f"已应用的产出改动：\n{one}\n{two}"]
    assert at.selectbox(key="wi_explain.zh").value == second


def test_add_button_in_english(app_test):
    at = app_test.run()
    at.radio(key="lang_choice").set_value("English").run()
    at.switch_page("page_scripts/whatif.py").run()
    _no_errors(at)
    assert at.button(key="wi_add_button").label == "Add"
