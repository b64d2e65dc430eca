"""情景推演 What-if: edit a region, re-score and re-explain live against the baseline.

Typed values are not bounded by the widgets: the scoring API clamps them to their
plausible range and every clamp is shown as a warning, so nothing is replaced silently.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from app.figures import plotly_rank_changes
from app.i18n import industry_name, t
from app.state import base_inputs, board, lang, widget_key
from app.views.explanation import show_explanation
from app.widgets import downloads, industry_picker, region_picker, show_table
from models.api import (
    EDITABLE_ATTRIBUTES,
    GENERATION,
    apply_edits,
    attribute_value,
    clean_share,
    generation_mix,
    mix_for_clean_share,
    readable_number,
)

_SLIDERS = {"rd_intensity", "secondary_share"}
_SHARE_KEY = "wi_clean_share"


def _scenario() -> dict:
    return st.session_state.setdefault("scenario", {"region": 510000, "attributes": {}, "outputs": {},
                                                    "version": 0, "notes": []})


def _key(name: str) -> str:
    """Widget key of an editor; new after every reset and per language, so the browser cannot send back
    the previous region's (or the discarded scenario's) values and labels follow the language."""
    return f"wi_attr_{_scenario()['version']}_{lang()}_{name}"


def _seed(name: str, value: float) -> str:
    """The editor's key, its state seeded with ``value`` on first use (never both a default and a
    session value, which Streamlit warns about)."""
    key = _key(name)
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _reset() -> None:
    scenario = _scenario()
    scenario.update(attributes={}, outputs={}, notes=[], version=scenario["version"] + 1)


def _store(attribute: str) -> None:
    scenario = _scenario()
    scenario["attributes"][attribute] = st.session_state[_key(attribute)]
    if attribute in GENERATION:  # keep the clean-share control in step with the typed mix
        share = clean_share(_current_mix(scenario["region"], base_inputs().latest_year))
        if not math.isnan(share):
            st.session_state[_key(_SHARE_KEY)] = min(max(round(share, 1), 0.0), 100.0)


def _current_mix(region: int, year: int) -> dict[str, float]:
    """Generation mix of the region with the scenario's generation edits applied."""
    mix = generation_mix(base_inputs(), region, year)
    mix.update({k: float(v) for k, v in _scenario()["attributes"].items() if k in GENERATION})
    return mix


def _national_mix(year: int) -> dict[str, float]:
    arrays = base_inputs()
    return {name: float(np.nansum(arrays.attr(name, year))) for name in GENERATION}


def _set_clean_share(region: int, year: int) -> None:
    """Re-divide the region's generation so the clean share is the control's value."""
    scenario = _scenario()
    try:
        mix, warning = mix_for_clean_share(_current_mix(region, year), st.session_state[_key(_SHARE_KEY)],
                                           _national_mix(year))
    except ValueError:
        scenario["notes"] = ["no_generation"]
        return
    scenario["notes"] = [warning] if warning else []
    for name, value in mix.items():
        scenario["attributes"][name] = value
        st.session_state[_key(name)] = float(value)


def _explain_key() -> str:
    return f"wi_explain.{lang()}"


def _add_output() -> None:
    """Apply the typed extra output (nothing when the box is empty) and explain that sector next."""
    industry = st.session_state[widget_key("wi_add_industry")]
    value = st.session_state[widget_key("wi_add_value")]
    if value is None:
        return
    outputs = _scenario()["outputs"]
    outputs[industry] = outputs.get(industry, 0.0) + float(value)
    st.session_state.pop(_explain_key(), None)  # the explanation picker starts again on the edited sector


def _attribute_editors(region: int, year: int) -> None:
    lg = lang()
    base = base_inputs()
    scenario = _scenario()
    columns = st.columns(3)
    for i, (name, spec) in enumerate(EDITABLE_ATTRIBUTES.items()):
        current = attribute_value(base, region, name, year)
        value = float(scenario["attributes"].get(name, current))
        if math.isnan(value):
            value = float(spec.low)
        label = spec.titled(lg)
        with columns[i % 3]:
            if name in _SLIDERS:
                key = _seed(name, float(min(max(value, spec.low), spec.high)))
                st.slider(label, float(spec.low), float(spec.high), key=key, on_change=_store, args=(name,))
            else:
                st.number_input(label, key=_seed(name, value), on_change=_store, args=(name,), format="%.2f",
                                help=t("plausible_range", lg).format(low=readable_number(spec.low),
                                                                     high=readable_number(spec.high),
                                                                     unit=spec.unit(lg)))


def _clean_share_control(region: int, year: int) -> None:
    lg = lang()
    mix = _current_mix(region, year)
    share = clean_share(mix)
    if math.isnan(share):
        st.info(t("no_generation", lg))
        return
    key = _seed(_SHARE_KEY, float(min(max(round(share, 1), 0.0), 100.0)))
    st.slider(t("clean_share_control", lg), 0.0, 100.0, step=0.5, key=key, on_change=_set_clean_share,
              args=(region, year))
    spec = EDITABLE_ATTRIBUTES
    parts = [f"{spec[name].label(lg)} {mix[name]:,.1f}" for name in GENERATION]
    st.caption(t("generation_mix", lg).format(mix=("，" if lg == "zh" else ", ").join(parts),
                                              share=f"{share:.1f}"))


def _output_edits(candidates: list[str]) -> None:
    lg = lang()
    left, right, button = st.columns([3, 2, 1], vertical_alignment="bottom")
    with left:
        industry_picker(candidates, "wi_add_industry", default="H18")
    right.number_input(t("extra_output", lg), value=None, step=1e6, key=widget_key("wi_add_value"),
                       format="%.0f")
    button.button(t("add_edit", lg), on_click=_add_output, key="wi_add_button", width="stretch")
    outputs = _scenario()["outputs"]
    if not outputs:
        st.caption(t("no_output_edits", lg))
        return
    unit = "万元" if lg == "zh" else "× 10^4 yuan"
    st.markdown(t("edits_applied", lg) + "\n" + "\n".join(
        f"- {code} {industry_name(code, lg)} {value:+,.0f} {unit}" for code, value in outputs.items()))


def _warnings(notes: list) -> None:
    lg = lang()
    for note in notes:
        st.warning(t(note, lg) if isinstance(note, str) else note.message(lg))


def _rank_table(changes: pd.DataFrame) -> pd.DataFrame:
    lg = lang()
    return pd.DataFrame({
        t("industry", lg): changes["label"], t("baseline_rank", lg): changes["rank_base"],
        t("scenario_rank", lg): changes["rank"], t("rank_change", lg): changes["rank_change"],
        t("score_change", lg): changes["score_change"].round(1),
    })


def render() -> None:
    """Render the what-if view."""
    lg = lang()
    base = base_inputs()
    year = base.latest_year
    scenario = _scenario()
    st.header(t("nav_whatif", lg))
    st.caption(t("whatif_intro", lg))
    region = region_picker(base, "region", default=scenario["region"])
    if region != scenario["region"]:
        scenario["region"] = region
        _reset()
    with st.expander(t("attributes", lg), expanded=True):
        _clean_share_control(region, year)
        _attribute_editors(region, year)
    with st.expander(t("add_base", lg), expanded=True):
        _output_edits(list(base.candidates))
    st.button(t("reset", lg), on_click=_reset, key="wi_reset")
    edited, warnings = apply_edits(base, region, year, scenario["attributes"], scenario["outputs"])
    _warnings([*scenario["notes"], *warnings])
    changes = board(year, edited).rank_changes(board(year), region)
    changes["label"] = [f"{c} {industry_name(c, lg)}" for c in changes["industry"]]
    table = _rank_table(changes)
    show_table(table)
    downloads(table, f"hostfit_whatif_{region}", "wi_dl")
    edited_sectors = set(scenario["outputs"])
    shown = changes.loc[(changes["rank"] <= 12) | changes["industry"].isin(edited_sectors)]
    figure_frame = shown.rename(columns={"rank_base": "baseline_rank", "rank": "scenario_rank"})
    highlight = set(changes.loc[changes["industry"].isin(edited_sectors), "label"])
    if highlight:
        st.caption(t("edited_sector_note", lg))
    st.plotly_chart(plotly_rank_changes(figure_frame, "label", t("rank_change", lg), lang=lg, highlight=highlight),
                    width="stretch", key="wi_ranks")
    options = changes["industry"].tolist()
    last_edit = list(scenario["outputs"])[-1] if scenario["outputs"] else None
    pick = st.selectbox(t("explain_pick", lg), options, key=_explain_key(),
                        index=options.index(last_edit) if last_edit in options else 0,
                        format_func=lambda c: f"{c} {industry_name(c, lg)}", placeholder=t("choose", lg))
    show_explanation(board(year, edited), region, pick, "wi_explain")
