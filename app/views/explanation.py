"""Explanation drill-down shared by the region, industry and what-if views."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_difference, plotly_waterfall
from app.i18n import feature_label, industry_name, pillar_label, t
from app.state import choose, lang
from app.widgets import show_table
from models.api import reasons

N_FEATURES = 12


def show_explanation(board, region: int, industry: str, key: str) -> None:
    """The reasons, then waterfalls of score points by pillar and by feature, for one (region, industry)."""
    lg = lang()
    result = board.explain(region, industry)
    st.markdown("\n".join(f"- {reason.text(lg)}" for reason in reasons(board, region, industry)))
    st.caption(t("reading_guide", lg))
    by_pillar, by_feature = st.tabs([t("by_pillar", lg), t("by_feature", lg)])
    used = board.explainer.used_pillars()
    pillars = sorted(((p, v) for p, v in result["pillars"].items() if p in used), key=lambda kv: -abs(kv[1]))
    by_pillar.plotly_chart(plotly_waterfall(result["base_score"], [(pillar_label(p, lg), v) for p, v in pillars],
                                            lg, f"{industry} {industry_name(industry, lg)}"),
                           width="stretch", key=f"{key}_wf_p_{lg}")
    top = result["features"][:N_FEATURES]
    rest = sum(f["points"] for f in result["features"][N_FEATURES:])
    items = [(feature_label(f["feature"], lg), f["points"]) for f in top]
    if len(result["features"]) > N_FEATURES:
        items.append(("其他" if lg == "zh" else "others", rest))
    by_feature.plotly_chart(plotly_waterfall(result["base_score"], items, lg), width="stretch",
                            key=f"{key}_wf_f_{lg}")
    table = pd.DataFrame([{t("feature", lg): feature_label(f["feature"], lg),
                           t("pillar", lg): pillar_label(f["pillar"], lg),
                           t("value", lg): f["value"], t("unit", lg): f["unit_zh"] if lg == "zh" else f["unit_en"],
                           t("contribution", lg): round(f["points"], 2)} for f in result["features"]])
    show_table(table, by_feature)


def show_comparison(board, region: int, codes: list[str], name: str) -> None:
    """'Why A above B': difference of score-point contributions by pillar and feature."""
    lg = lang()
    left, right = st.columns(2)
    fmt = lambda c: f"{c} {industry_name(c, lg)}"  # noqa: E731
    with left:
        a = choose(f"{name}_a", t("industry_a", lg), codes, codes[0], format_func=fmt)
    with right:
        b = choose(f"{name}_b", t("industry_b", lg), codes, codes[min(1, len(codes) - 1)], format_func=fmt)
    diff = board.compare(region, a, b)
    used = board.explainer.used_pillars()
    pillars = diff.loc[(diff["kind"] == "pillar") & diff["name"].isin(used)]
    features = diff.loc[diff["kind"] == "feature"].head(N_FEATURES)
    by_pillar, by_feature = st.tabs([t("by_pillar", lg), t("by_feature", lg)])
    frame = pd.DataFrame({"label": [pillar_label(p, lg) for p in pillars["name"]],
                          "difference": pillars["difference"].to_numpy()})
    by_pillar.plotly_chart(plotly_difference(frame, "label", "difference", t("difference", lg), lg),
                           width="stretch", key=f"{name}_diff_p_{lg}")
    frame = pd.DataFrame({"label": [feature_label(f, lg) for f in features["name"]],
                          "difference": features["difference"].to_numpy()})
    by_feature.plotly_chart(plotly_difference(frame, "label", "difference", t("difference", lg), lg),
                            width="stretch", key=f"{name}_diff_f_{lg}")
