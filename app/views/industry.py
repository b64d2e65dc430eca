"""产业视图 Industry → ranked host regions, on a map of China, optionally from an origin province."""

from __future__ import annotations

import streamlit as st

from app.figures import ChinaMapGeometry, china_map_geometry, plotly_china_map, plotly_pillar_bars
from app.i18n import industry_name, region_name, t
from app.state import base_inputs, board, choose, lang, widget_key
from app.tables import sites_table
from app.views.city import city_sites
from app.views.common import score_caption, sites_rule_caption, vintage_caption
from app.views.explanation import show_explanation
from app.widgets import downloads, industry_picker, region_picker, show_table, year_picker
from models.api import map_tables


@st.cache_resource(show_spinner=False)
def map_geometry() -> ChinaMapGeometry:
    """The map's geometry, built once per server process."""
    outlines, national = map_tables()
    return china_map_geometry(outlines, national)


def _origin_picker(arrays, lg: str) -> int | None:
    table = arrays.regions_table
    east = [int(r) for r in table.loc[~table["host"].astype(bool), "region"]]
    pick = choose("origin", t("origin_pick", lg), [0, *east], 0,
                  format_func=lambda c: t("no_origin", lg) if c == 0 else region_name(c, lg))
    return None if pick == 0 else int(pick)


def _horizontal_radio(label: str, options: list, **kwargs) -> str:
    """``st.radio`` laid out in a row (the widget :func:`app.state.choose` calls)."""
    return st.radio(label, options, horizontal=True, **kwargs)


def _province_sites(current, frame, industry: str, origin: int | None, top: int, as_of: int, lg: str,
                    hosts_only: bool) -> None:
    """The province-level map (non-hosts grey when only hosts are listed, the origin outlined), origin
    trend, ranked host regions and pillar bars."""
    arrays = base_inputs()
    vintage_caption(current)
    labels = {int(r): region_name(r, lg) for r in arrays.regions}
    muted = {int(r) for r in arrays.regions} - {int(r) for r in arrays.hosts} if hosts_only else None
    st.plotly_chart(plotly_china_map(map_geometry(), current.industry_scores(industry), labels,
                                     f"{industry_name(industry, lg)} · {t('map_title', lg)} ({as_of})",
                                     t("score", lg), lang=lg, value_format=".0f", muted=muted,
                                     muted_label=t("not_host", lg), marked=origin, marked_label=t("origin_mark", lg)),
                    width="stretch", key=f"industry_map_{lg}")
    if origin is not None:
        trend = current.origin_trend(industry, origin)
        if trend["change"] is not None:
            st.info(t("origin_trend", lg).format(origin=region_name(origin, lg), y0=trend["year_before"],
                                                 y1=trend["year_now"], before=trend["share_before"],
                                                 now=trend["share_now"], change=trend["change"]))
    shown = frame.head(top)
    table = sites_table(shown, lg, origin is not None)
    st.subheader(t("shortlist", lg))
    sites_rule_caption(current, origin is not None)
    score_caption(current)
    show_table(table)
    downloads(table, f"hostfit_sites_{industry}_{as_of}", "industry_dl")
    bars = shown.assign(label=[region_name(r, lg) for r in shown["region"]])
    st.plotly_chart(plotly_pillar_bars(bars, "label", lg, t("pillar_contrib", lg), current.explainer.used_pillars()),
                    width="stretch", key=f"industry_bars_{lg}")


def render() -> None:
    """Render the industry view."""
    lg = lang()
    arrays = base_inputs()
    st.header(t("nav_industry", lg))
    left, mid, origin_col, right = st.columns([5, 2, 2, 2])  # room for the longest English industry name
    with left:
        industry = industry_picker(list(arrays.candidates), "industry", default="H19")
    with mid:
        as_of = year_picker(arrays, "year")
    with origin_col:
        origin = _origin_picker(arrays, lg)
    with right:
        top = st.slider(t("top_n", lg), 5, 31, 10, key=widget_key("industry_top"))
    toggle_col, level_col = st.columns([3, 2])
    with toggle_col:
        hosts_only = st.toggle(t("hosts_only", lg), value=True, key=widget_key("hosts_only"))
    with level_col:
        level = choose("level", t("map_level", lg), ["province", "city"], "province",
                       format_func=lambda v: t(f"{v}_level", lg), widget=_horizontal_radio)
    current = board(as_of)
    frame = current.sites(industry, hosts_only=hosts_only, origin=origin)
    if level == "city":
        city_sites(industry, origin, hosts_only, top, as_of)
    else:
        _province_sites(current, frame, industry, origin, top, as_of, lg, hosts_only)
    st.subheader(t("explain", lg))
    pick = region_picker(arrays, "explain_region", default=int(frame["region"].iloc[0]))
    show_explanation(current, int(pick), industry, "industry_explain")
    st.subheader(t("shedding", lg))
    shed = current.shedding(industry)
    shed_table = shed.assign(region=[region_name(r, lg) for r in shed["region"]]).round(2).rename(columns={
        "region": t("region", lg), "share_before": t("share_before", lg), "share_now": t("share_now", lg),
        "change": t("change_pp", lg)})
    show_table(shed_table)
    downloads(shed_table, f"hostfit_shedding_{industry}_{as_of}", "shed_dl")
