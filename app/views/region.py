"""地区视图 Region → ranked manufacturing industries (with bring-your-own region upload)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.exports import region_report_html
from app.figures import plotly_pillar_bars
from app.i18n import industry_name, pillar_label, region_name, t
from app.state import base_inputs, board, lang, session_inputs
from app.views.common import score_caption, vintage_caption
from app.views.explanation import show_comparison, show_explanation
from app.views.upload_panel import upload_panel
from app.widgets import crowding_badge, downloads, region_list, region_picker, year_picker


def ranked_table(frame: pd.DataFrame, lg: str) -> pd.DataFrame:
    """The user-facing ranked table of a recommendation frame."""
    separator = "、" if lg == "zh" else ", "
    return pd.DataFrame({
        t("rank", lg): frame["rank"],
        t("industry", lg): [f"{c} {industry_name(c, lg)}" for c in frame["industry"]],
        t("score", lg): frame["score"].round(0).astype(int),
        t("scale_rank", lg): frame["scale_rank"],
        t("crowding", lg): [crowding_badge(v) for v in frame["crowding_level"]],
        t("rivals", lg): [region_list(v) for v in frame["rivals"]],
        t("declared", lg): [f"{crowding_badge(level)} {count}" for level, count in
                            zip(frame["declared_level"], frame["declared_count"])],
        t("alternatives", lg): [separator.join(industry_name(c, lg) for c in (v or [])) for v in frame["alternatives"]],
        t("green_flag", lg): ["⚠ " + t("yes", lg) if v else "" for v in frame["green_flag"]],
        t("origins", lg): [region_list(v) for v in frame["origins"]],
    })


def _digital_track(current, region: int, lg: str) -> None:
    track = current.digital_track(region)
    with st.expander(t("digital_track", lg)):
        rows = {t("hub", lg): ("✔ " + "、".join(track["hub_names"])) if track["hub"] else "—",
                t("clean_power_share", lg): track["clean_power_share"],
                t("power_per_gdp", lg): track["power_per_gdp"],
                t("h29_rca", lg): track["h29_rca"]}
        st.dataframe(pd.DataFrame({"": list(rows), t("value", lg): [str(v if not isinstance(v, float) else round(v, 2))
                                                                   for v in rows.values()]}),
                     hide_index=True, width="stretch")


def _resource_base(current, region: int, lg: str) -> None:
    base = current.resource_base(region)
    with st.expander(t("resource_base", lg)):
        st.dataframe(pd.DataFrame({
            t("industry", lg): [f"{c} {industry_name(c, lg)}" for c in base["industry"]],
            t("rca", lg): base["rca"].round(2), t("national_share_pct", lg): base["national_share"].round(2)}),
            hide_index=True, width="stretch")


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
        top = st.slider(t("top_n", lg), 5, 16, 10, key="region_top")
    current = board(as_of, inputs)
    frame = current.recommend(region)
    shown = frame.head(top)
    st.subheader(f"{region_name(region, lg)} · {t('ranked_industries', lg)} ({as_of})")
    vintage_caption(current)
    score_caption(current)
    table = ranked_table(shown, lg)
    st.dataframe(table, hide_index=True, width="stretch")
    downloads(ranked_table(frame, lg), f"hostfit_{region}_{as_of}", "region_dl")
    bars = shown.assign(label=[f"{c} {industry_name(c, lg)}" for c in shown["industry"]])
    st.plotly_chart(plotly_pillar_bars(bars, "label", lg, t("pillar_contrib", lg)), width="stretch",
                    key="region_bars")
    _digital_track(current, region, lg)
    _resource_base(current, region, lg)
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
    show_explanation(current, region, pick, "region_explain")
    st.subheader(t("compare", lg))
    show_comparison(current, region, frame["industry"].tolist(), "region_cmp")
