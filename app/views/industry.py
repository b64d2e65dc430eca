"""产业视图 Industry → ranked host regions, on a map of China."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import ChinaMapGeometry, china_map_geometry, plotly_china_map, plotly_pillar_bars
from app.i18n import industry_name, region_name, t
from app.state import base_inputs, lang, scorer
from app.views.explanation import show_explanation
from app.widgets import crowding_badge, downloads, industry_picker, region_list, year_picker
from data import load_table
from features.origin import shedding_regions


@st.cache_resource(show_spinner=False)
def _map_geometry() -> ChinaMapGeometry:
    outlines = pd.concat([load_table("geo_outlines"), load_table("geo_outlines_extra")], ignore_index=True)
    return china_map_geometry(outlines, load_table("geo_national"))


def render() -> None:
    """Render the industry view."""
    lg = lang()
    inputs = base_inputs()
    st.header(t("nav_industry", lg))
    left, mid, right = st.columns([3, 2, 2])
    with left:
        industry = industry_picker(inputs.candidates, "industry_pick", default="H19")
    with mid:
        as_of = year_picker(inputs, "industry_year")
    with right:
        top = st.slider(t("top_n", lg), 5, 31, 10, key="industry_top")
    frame = scorer().sites(industry, as_of=as_of)
    labels = {int(r): region_name(r, lg) for r in frame["region"]}
    values = frame.set_index("region")["site_score"]
    st.plotly_chart(plotly_china_map(_map_geometry(), values, labels,
                                     f"{industry_name(industry, lg)} · {t('map_title', lg)} ({as_of})",
                                     t("site_score", lg), lang=lg),
                    width="stretch", key="industry_map")
    hosts_only = st.toggle(t("hosts_only", lg), value=True, key="industry_hosts_only")
    listed = frame.loc[frame["macro_region"] != "East"] if hosts_only else frame
    shown = listed.head(top)
    table = pd.DataFrame({
        t("rank", lg): range(1, len(shown) + 1),
        t("region", lg): [region_name(r, lg) for r in shown["region"]],
        t("site_score", lg): shown["site_score"].round(3),
        t("region_rank", lg): shown["region_rank"],
        t("crowding", lg): [crowding_badge(v) for v in shown["crowding_level"]],
        t("rivals", lg): [region_list(v) for v in shown["rivals"]],
    })
    st.subheader(t("shortlist", lg))
    st.caption(t("site_score_note", lg))
    st.dataframe(table, hide_index=True, width="stretch")
    downloads(table, f"hostfit_sites_{industry}_{as_of}", "industry_dl")
    bars = shown.assign(label=[region_name(r, lg) for r in shown["region"]])
    st.plotly_chart(plotly_pillar_bars(bars, "label", lg, t("pillar_contrib", lg)), width="stretch",
                    key="industry_bars")
    st.subheader(t("explain", lg))
    pick = st.selectbox(t("region", lg), shown["region"].tolist(), key="industry_explain",
                        format_func=lambda r: region_name(r, lg))
    show_explanation(int(pick), industry, as_of, inputs, "industry_explain")
    st.subheader(t("shedding", lg))
    shed = shedding_regions(inputs, industry, as_of)
    shed_table = pd.DataFrame({
        t("region", lg): [region_name(r, lg) for r in shed["region"]],
        t("share_before", lg): shed["share_before"].round(2),
        t("share_now", lg): shed["share_now"].round(2),
        t("change_pp", lg): shed["change"].round(2),
    })
    st.dataframe(shed_table, hide_index=True, width="stretch")
    downloads(shed_table, f"hostfit_shedding_{industry}_{as_of}", "shed_dl")
