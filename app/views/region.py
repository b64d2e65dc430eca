"""地区视图 Region → ranked manufacturing industries, with reasons, a PDF report and an upload."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_pillar_bars
from app.i18n import hub_name, industry_name, region_name, t
from app.report_pdf import ReportError, region_report_pdf
from app.state import base_inputs, board, lang, reset_on_change, session_inputs, widget_key
from app.tables import industries_text, level_text, ranked_table, regions_text
from app.views.chains import chain_section
from app.views.city import city_drilldown
from app.views.common import score_caption, vintage_caption
from app.views.explanation import show_comparison, show_explanation
from app.views.summary import investment_summary
from app.views.upload_panel import upload_panel
from app.widgets import downloads, industry_picker, region_picker, show_table, year_picker
from models.api import reasons, region_report


@st.cache_data(show_spinner=False, max_entries=64)
def _report_pdf(region: int, as_of: int, lg: str) -> bytes:
    """The PDF of the shipped data (cached: the same for every session)."""
    return region_report_pdf(region_report(board(as_of), region), lg)


def _card(row: pd.Series, found: list, lg: str) -> None:
    with st.container(border=True):
        left, right = st.columns([5, 1])
        left.markdown(f"**{row['rank']}. {industry_name(row['industry'], lg)}** · {row['industry']}")
        right.metric(t("score", lg), f"{row['score']:.0f}")
        st.caption(t("card_badges", lg).format(scale=row["scale_rank"], crowd=level_text(row["crowding_level"], lg),
                                               declared=row["declared_count"],
                                               dlevel=level_text(row["declared_level"], lg)))
        st.markdown(f"**{t('reasons', lg)}**\n\n" + "\n".join(f"- {reason.text(lg)}" for reason in found))
        notes = []
        if row["rivals"]:
            notes.append(t("card_rivals", lg).format(rivals=regions_text(row["rivals"], lg, 3)))
        if row["alternatives"]:
            notes.append(t("card_alternatives", lg).format(alternatives=industries_text(row["alternatives"], lg)))
        if row["origins"]:
            notes.append(t("card_origins", lg).format(origins=regions_text(row["origins"], lg, 3)))
        if row["green_flag"]:
            notes.append("⚠ " + t("green_flag", lg))
        if notes:
            st.caption(" · ".join(notes))


def _digital_track(current, region: int, lg: str) -> None:
    track = current.digital_track(region)
    with st.expander(t("digital_track", lg)):
        hubs = ("、" if lg == "zh" else ", ").join(hub_name(h, lg) for h in track["hub_names"])
        rows = {t("hub", lg): ("✔ " + hubs) if track["hub"] else "—",
                t("clean_power_share", lg): track["clean_power_share"],
                t("power_per_gdp", lg): track["power_per_gdp"],
                t("h29_rca", lg): track["h29_rca"]}
        show_table(pd.DataFrame({t("item", lg): list(rows), t("value", lg): [
            "—" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v)) for v in rows.values()]}))


def _resource_base(current, region: int, lg: str) -> None:
    base = current.resource_base(region)
    with st.expander(t("resource_base", lg)):
        show_table(pd.DataFrame({
            t("industry", lg): [f"{c} {industry_name(c, lg)}" for c in base["industry"]],
            t("rca", lg): base["rca"].round(2), t("national_share_pct", lg): base["national_share"].round(2)}))


def render() -> None:
    """Render the region view."""
    lg = lang()
    st.header(t("nav_region", lg))
    base_inputs()  # load and verify data and model here: an error inside the fragment would not reach the app's guard
    arrays = session_inputs()
    left, mid, right = st.columns([3, 2, 2])
    with left:
        region = region_picker(arrays, "region")
    reset_on_change("region", region, ["explain", "compare_a", "compare_b", "city"])
    with mid:
        as_of = year_picker(base_inputs(), "year")
    with right:
        top = st.slider(t("top_n", lg), 5, 16, 8, key=widget_key("top"))
    upload_panel(region)
    official = region in base_inputs().position
    current = board(as_of, None if official else arrays)  # an upload never moves an official region's numbers
    frame = current.recommend(region)
    shown = frame.head(top)
    st.subheader(f"{region_name(region, lg)} · {t('ranked_industries', lg)} ({as_of})")
    vintage_caption(current)
    score_caption(current)
    investment_summary(current, shown, region)
    found = {code: reasons(current, region, code) for code in shown["industry"]}
    with st.expander(t("details", lg)):
        for _, row in shown.iterrows():
            _card(row, found[row["industry"]], lg)
        bars = shown.assign(label=[f"{c} {industry_name(c, lg)}" for c in shown["industry"]])
        st.plotly_chart(plotly_pillar_bars(bars, "label", lg, t("pillar_contrib", lg),
                                           current.explainer.used_pillars()), width="stretch", key="region_bars")
    with st.expander(t("ranked_table", lg)):
        text = {code: [r.text(lg) for r in items] for code, items in found.items()}
        table = ranked_table(shown, lg, text)
        show_table(table)
        downloads(table, f"hostfit_{region}_{as_of}", "region_dl")
    chain_section(current, region, lg)
    if official:
        try:
            st.download_button(t("pdf_report", lg), _report_pdf(region, as_of, lg),
                               file_name=f"hostfit_report_{region}_{as_of}_{lg}.pdf", mime="application/pdf",
                               key=f"region_report_{lg}")
        except ReportError as exc:
            st.warning(t("pdf_unavailable", lg).format(reason=exc))
    city_drilldown(region, as_of, top)
    _digital_track(current, region, lg)
    _resource_base(current, region, lg)
    st.subheader(t("explain", lg))
    pick = industry_picker(list(shown["industry"]), "explain", t("explain_pick", lg))
    show_explanation(current, region, pick, "region_explain")
    st.subheader(t("compare", lg))
    show_comparison(current, region, frame["industry"].tolist(), "compare")
