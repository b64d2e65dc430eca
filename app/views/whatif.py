"""情景推演 What-if: edit a region, re-score and re-explain live against the baseline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_rank_changes
from app.i18n import industry_name, t
from app.state import base_inputs, board, lang
from app.views.explanation import show_explanation
from app.widgets import downloads, industry_picker, region_picker
from models.api import EDITABLE_ATTRIBUTES, apply_edits, attribute_value

_SLIDERS = {"rd_intensity", "secondary_share"}


def _scenario() -> dict:
    return st.session_state.setdefault("scenario", {"region": 510000, "attributes": {}, "outputs": {},
                                                    "version": 0})


def _attribute_key(attribute: str) -> str:
    """Widget key of an attribute editor; new after every reset, so the browser cannot
    send back the previous region's (or the discarded scenario's) values."""
    return f"wi_attr_{_scenario()['version']}_{attribute}"


def _reset() -> None:
    scenario = _scenario()
    scenario.update(attributes={}, outputs={}, version=scenario["version"] + 1)
    for key in [k for k in st.session_state if str(k).startswith("wi_attr_")]:
        del st.session_state[key]


def _store(attribute: str) -> None:
    _scenario()["attributes"][attribute] = st.session_state[_attribute_key(attribute)]


def _add_output() -> None:
    industry = st.session_state["wi_add_industry"]
    outputs = _scenario()["outputs"]
    outputs[industry] = outputs.get(industry, 0.0) + float(st.session_state["wi_add_value"])


def _attribute_editors(region: int, year: int) -> None:
    lg = lang()
    base = base_inputs()
    scenario = _scenario()
    columns = st.columns(3)
    for i, (name, spec) in enumerate(EDITABLE_ATTRIBUTES.items()):
        current = attribute_value(base, region, name, year)
        value = scenario["attributes"].get(name, current)
        label = f"{spec.label_zh if lg == 'zh' else spec.label_en} ({spec.unit})"
        if pd.isna(value):
            value = spec.low
        value = float(min(max(value, spec.low), spec.high))
        with columns[i % 3]:
            if name in _SLIDERS:
                st.slider(label, float(spec.low), float(spec.high), value, key=_attribute_key(name),
                          on_change=_store, args=(name,))
            else:
                st.number_input(label, float(spec.low), float(spec.high), value, key=_attribute_key(name),
                                on_change=_store, args=(name,), format="%.2f")


def render() -> None:
    """Render the what-if view."""
    lg = lang()
    base = base_inputs()
    year = base.latest_year
    scenario = _scenario()
    st.header(t("nav_whatif", lg))
    st.caption(t("whatif_intro", lg))
    region = region_picker(base, "wi_region", default=scenario["region"])
    if region != scenario["region"]:
        scenario["region"] = region
        _reset()
    with st.expander(t("attributes", lg), expanded=True):
        _attribute_editors(region, year)
    with st.expander(t("add_base", lg), expanded=True):
        left, right, button = st.columns([3, 2, 1])
        with left:
            industry_picker(list(base.candidates), "wi_add_industry", default="H18")
        right.number_input(t("extra_output", lg), -1e9, 1e9, 1e7, step=1e6, key="wi_add_value", format="%.0f")
        button.button("＋", on_click=_add_output, key="wi_add_button")
        if scenario["outputs"]:
            st.write({f"{k} {industry_name(k, lg)}": f"{v:+,.0f} 万元" for k, v in scenario["outputs"].items()})
    st.button(t("reset", lg), on_click=_reset, key="wi_reset")
    edited, warnings = apply_edits(base, region, year, scenario["attributes"], scenario["outputs"])
    for warning in warnings:
        st.warning(warning.message(lg))
    changes = board(year, edited).rank_changes(board(year), region)
    changes["label"] = [f"{c} {industry_name(c, lg)}" for c in changes["industry"]]
    table = pd.DataFrame({
        t("industry", lg): changes["label"], t("baseline_rank", lg): changes["rank_base"],
        t("scenario_rank", lg): changes["rank"], t("rank_change", lg): changes["rank_change"],
        t("score_change", lg): changes["score_change"].round(2),
    })
    st.dataframe(table, hide_index=True, width="stretch")
    downloads(table, f"hostfit_whatif_{region}", "wi_dl")
    edited_sectors = set(scenario["outputs"])
    shown = changes.loc[(changes["rank"] <= 12) | changes["industry"].isin(edited_sectors)]
    figure_frame = shown.rename(columns={"rank_base": "baseline_rank", "rank": "scenario_rank"})
    st.plotly_chart(plotly_rank_changes(figure_frame, "label", t("rank_change", lg)), width="stretch",
                    key="wi_ranks")
    pick = st.selectbox(t("explain_pick", lg), changes["industry"].tolist(), key="wi_explain",
                        format_func=lambda c: f"{c} {industry_name(c, lg)}")
    show_explanation(board(year, edited), region, pick, "wi_explain")
