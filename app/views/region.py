"""地区视图 Region → ranked industries (with bring-your-own region upload)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.exports import region_report_html
from app.figures import plotly_pillar_bars
from app.i18n import industry_name, pillar_label, region_name, t
from app.state import base_inputs, lang, scorer, session_inputs
from app.views.explanation import show_comparison, show_explanation
from app.views.upload_panel import upload_panel
from app.widgets import crowding_badge, downloads, region_list, region_picker, year_picker


def ranked_table(frame: pd.DataFrame, lg: str) -> pd.DataFrame:
    """The user-facing ranked table of a recommendation frame."""
    return pd.DataFrame({
        t("rank", lg): frame["rank"],
        t("industry", lg): [f"{c} {industry_name(c, lg)}" for c in frame["industry"]],
        t("score", lg): frame["score"].round(4),
        t("crowding", lg): [crowding_badge(v) for v in frame["crowding_level"]],
        t("rivals", lg): [region_list(v) for v in frame["rivals"]],
        t("alternatives", lg): ["、".join(industry_name(c, lg) for c in (v or [])) for v in frame["alternatives"]],
        t("green_flag", lg): ["⚠ " + t("yes", lg) if v else "" for v in frame["green_flag"]],
        t("origins", lg): [region_list(v) for v in frame["origins"]],
    })


def render() -> None:
    """Render the region view."""
    lg = lang()
    st.header(t("nav_region", lg))
    upload_panel()
    inputs = session_inputs()
    left, mid, right = st.columns([3, 2, 2])
    with left:
        region = region_picker(inputs, "region_pick")
    with mid:
        as_of = year_picker(base_inputs(), "region_year")
    with right:
        top = st.slider(t("top_n", lg), 5, 24, 10, key="region_top")
    frame = scorer().recommend(region, as_of=as_of, inputs=inputs)
    shown = frame.head(top)
    st.subheader(f"{region_name(region, lg)} · {t('ranked_industries', lg)} ({as_of})")
    table = ranked_table(shown, lg)
    st.dataframe(table, hide_index=True, width="stretch")
    downloads(ranked_table(frame, lg), f"hostfit_{region}_{as_of}", "region_dl")
    bars = shown.assign(label=[f"{c} {industry_name(c, lg)}" for c in shown["industry"]])
    st.plotly_chart(plotly_pillar_bars(bars, "label", lg, t("pillar_contrib", lg)), width="stretch",
                    key="region_bars")
    report = region_report_html(
        f"hostfit · {region_name(region, lg)} · {t('ranked_industries', lg)}",
        f"{t('as_of', lg)} {as_of}", table,
        [", ".join(f"{pillar_label(p, lg)}" for p in ("resource", "industrial_base", "research", "application")),
         "hostfit — " + ("基于官方统计数据的模型排名，仅供决策参考。" if lg == "zh" else
                         "model ranking on official statistics; decision support, not a decision.")])
    st.download_button(t("report", lg), report.encode("utf-8"), file_name=f"hostfit_report_{region}_{as_of}.html",
                       mime="text/html", key="region_report")
    st.subheader(t("explain", lg))
    codes = shown["industry"].tolist()
    pick = st.selectbox(t("explain_pick", lg), codes, key="region_explain",
                        format_func=lambda c: f"{c} {industry_name(c, lg)}")
    show_explanation(region, pick, as_of, inputs, "region_explain")
    st.subheader(t("compare", lg))
    show_comparison(region, frame["industry"].tolist(), as_of, inputs, "region_cmp")
