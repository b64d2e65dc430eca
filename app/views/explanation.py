"""Explanation drill-down shared by the region, industry and what-if views."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_difference, plotly_waterfall
from app.i18n import feature_label, industry_name, pillar_label, t
from app.state import lang, scorer
from features.inputs import FeatureInputs


def show_explanation(region: int, industry: str, as_of: int, inputs: FeatureInputs, key: str) -> None:
    """SHAP waterfall grouped by pillar and by feature for one (region, industry)."""
    lg = lang()
    result = scorer().explain(region, industry, as_of=as_of, inputs=inputs)
    by_pillar, by_feature = st.tabs([t("by_pillar", lg), t("by_feature", lg)])
    pillars = sorted(result["pillars"].items(), key=lambda kv: -abs(kv[1]))
    by_pillar.plotly_chart(plotly_waterfall(result["base_value"], [(pillar_label(p, lg), v) for p, v in pillars],
                                            lg, f"{industry} {industry_name(industry, lg)}"),
                           width="stretch", key=f"{key}_wf_p")
    top = result["features"][:12]
    rest = sum(f["shap"] for f in result["features"][12:])
    items = [(feature_label(f["feature"], lg), f["shap"]) for f in top]
    if len(result["features"]) > 12:
        items.append(("其他" if lg == "zh" else "others", rest))
    by_feature.plotly_chart(plotly_waterfall(result["base_value"], items, lg), width="stretch",
                            key=f"{key}_wf_f")
    table = pd.DataFrame([{t("feature", lg): feature_label(f["feature"], lg),
                           t("pillar", lg): pillar_label(f["pillar"], lg),
                           t("value", lg): f["value"], t("unit", lg): f["unit"],
                           t("contribution", lg): f["shap"]} for f in result["features"]])
    by_feature.dataframe(table, hide_index=True, width="stretch")


def show_comparison(region: int, codes: list[str], as_of: int, inputs: FeatureInputs, key: str) -> None:
    """'Why A above B': difference of contribution vectors by pillar."""
    lg = lang()
    left, right = st.columns(2)
    fmt = lambda c: f"{c} {industry_name(c, lg)}"  # noqa: E731
    a = left.selectbox(t("industry_a", lg), codes, index=0, key=f"{key}_a", format_func=fmt)
    b = right.selectbox(t("industry_b", lg), codes, index=min(1, len(codes) - 1), key=f"{key}_b", format_func=fmt)
    diff = scorer().compare(region, a, b, as_of=as_of, inputs=inputs)
    pillars = diff.loc[diff["kind"] == "pillar"]
    features = diff.loc[diff["kind"] == "feature"].head(12)
    by_pillar, by_feature = st.tabs([t("by_pillar", lg), t("by_feature", lg)])
    frame = pd.DataFrame({"label": [pillar_label(p, lg) for p in pillars["name"]],
                          "difference": pillars["difference"].to_numpy()})
    by_pillar.plotly_chart(plotly_difference(frame, "label", "difference", t("difference", lg)),
                           width="stretch", key=f"{key}_diff_p")
    frame = pd.DataFrame({"label": [feature_label(f, lg) for f in features["name"]],
                          "difference": features["difference"].to_numpy()})
    by_feature.plotly_chart(plotly_difference(frame, "label", "difference", t("difference", lg)),
                            width="stretch", key=f"{key}_diff_f")
