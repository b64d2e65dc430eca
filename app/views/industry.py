"""产业视图 Industry → ranked host regions, on a map of China."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import ChinaMapGeometry, china_map_geometry, plotly_china_map, plotly_pillar_bars
from app.i18n import industry_name, region_name, t
from app.state import base_inputs, board, lang
from models.api import map_tables
from app.views.common import score_caption, vintage_caption
from app.views.explanation import show_explanation
from app.widgets import crowding_badge, downloads, industry_picker, region_list, year_picker


@st.cache_resource(show_spinner=False)
def _map_geometry() -> ChinaMapGeometry:
    outlines, national = map_tables()
    return china_map_geometry(outlines, national)


def _origin_picker(lg: str) -> int | None:
    inputs = base_inputs()
    table = inputs.regions_table
    east = [int(r) for r in table.loc[~table["host"].astype(bool), "region"]]
    options = [0, *east]
    pick = st.selectbox(t("origin_pick", lg), options, key="industry_origin",
                        format_func=lambda c: t("no_origin", lg) if c == 0 else region_name(c, lg))
    return None if pick == 0 else int(pick)


def render() -> None:
    """Render the industry view."""
    lg = lang()
    inputs = base_inputs()
    st.header(t("nav_industry", lg))
    left, mid, origin_col, right = st.columns([3, 2, 2, 2])
    with left:
        industry = industry_picker(list(inputs.candidates), "industry_pick", default="H19")
    with mid:
        as_of = year_picker(inputs, "industry_year")
    with origin_col:
        origin = _origin_picker(lg)
    with right:
        top = st.slider(t("top_n", lg), 5, 31, 10, key="industry_top")
    hosts_only = st.toggle(t("hosts_only", lg), value=True, key="industry_hosts_only")
    current = board(as_of)
    frame = current.sites(industry, hosts_only=hosts_only, origin=origin)
    vintage_caption(current)
    labels = {int(r): region_name(r, lg) for r in inputs.regions}
    values = current.industry_scores(industry)
    st.plotly_chart(plotly_china_map(_map_geometry(), values, labels,
                                     f"{industry_name(industry, lg)} · {t('map_title', lg)} ({as_of})",
                                     t("score", lg), lang=lg, value_format=".0f"),
                    width="stretch", key="industry_map")
    if origin is not None:
        trend = current.origin_trend(industry, origin)
        if trend["change"] is not None:
            st.info(t("origin_trend", lg).format(origin=region_name(origin, lg), y0=trend["year_before"],
                                                 y1=trend["year_now"], before=trend["share_before"],
                                                 now=trend["share_now"], change=trend["change"]))
    shown = frame.head(top)
    columns = {
        t("rank", lg): shown["rank"],
        t("region", lg): [region_name(r, lg) for r in shown["region"]],
        t("score", lg): shown["score"].round(0).astype(int),
        t("region_rank", lg): shown["region_rank"],
        t("crowding", lg): [crowding_badge(v) for v in shown["crowding_level"]],
        t("rivals", lg): [region_list(v) for v in shown["rivals"]],
        t("declared", lg): [f"{crowding_badge(level)} {count}" for level, count in
                            zip(shown["declared_level"], shown["declared_count"])],
    }
    if origin is not None:
        columns[t("distance_km", lg)] = shown["distance_km"].round(0)
        columns[t("origin_points", lg)] = shown["pillar_origin"].round(1)
    table = pd.DataFrame(columns)
    st.subheader(t("shortlist", lg))
    score_caption(current)
    st.dataframe(table, hide_index=True, width="stretch")
    downloads(table, f"hostfit_sites_{industry}_{as_of}", "industry_dl")
    bars = shown.assign(label=[region_name(r, lg) for r in shown["region"]])
    st.plotly_chart(plotly_pillar_bars(bars, "label", lg, t("pillar_contrib", lg)), width="stretch",
                    key="industry_bars")
    st.subheader(t("explain", lg))
    pick = st.selectbox(t("region", lg), shown["region"].tolist(), key="industry_explain",
                        format_func=lambda r: region_name(r, lg))
    show_explanation(current, int(pick), industry, "industry_explain")
    st.subheader(t("shedding", lg))
    shed = current.shedding(industry)
    shed_table = pd.DataFrame({
        t("region", lg): [region_name(r, lg) for r in shed["region"]],
        t("share_before", lg): shed["share_before"].round(2),
        t("share_now", lg): shed["share_now"].round(2),
        t("change_pp", lg): shed["change"].round(2),
    })
    st.dataframe(shed_table, hide_index=True, width="stretch")
    downloads(shed_table, f"hostfit_shedding_{industry}_{as_of}", "shed_dl")
