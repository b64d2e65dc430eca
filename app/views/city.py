"""城市层 The prefecture-city parts of the region view (drill-down) and the industry view (city map).

The numbers are those of ``hostfit recommend --city`` and ``hostfit sites --level city``
(:func:`models.api.city_recommend_answer`, :func:`models.api.city_sites_answer`), on the
latest province board: the city evidence (zones 2018, firms 2025, census 2010/2020) has
no history to replay.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures_city_map import CityMapGeometry, city_map_geometry, plotly_city_map
from app.i18n import industry_name, region_name, t
from app.report_city_pdf import city_report_pdf
from app.report_pdf import ReportError
from app.state import board, choose, lang
from app.tables_city import alternatives_text, city_sites_table, city_table
from app.text_safety import escape_markdown
from app.widgets import downloads, show_table
from models.api import (CITY_NOTE, city_board, city_facts_sentence, city_recommend_answer, city_report, city_sites_answer,
                        evidence_sentences, map_tables)


@st.cache_resource(show_spinner=False)
def city_geometry() -> CityMapGeometry:
    """The city map's geometry, built once per server process."""
    outlines, national = map_tables()
    return city_map_geometry(city_board(board()).data.cities, outlines, national)


@st.cache_data(show_spinner=False, max_entries=64)
def _city_pdf(city: int, lg: str) -> bytes:
    """The city PDF of the shipped data (cached: the same for every session)."""
    return city_report_pdf(city_report(board(), city), lg)


def _city_names(lg: str) -> dict[int, str]:
    """City adcode → display name (``name_en`` in English)."""
    cities = city_board(board()).data.cities
    return dict(zip(cities["city"].astype(int), cities["name_zh" if lg == "zh" else "name_en"]))


def _captions(answer: dict, as_of: int | None, lg: str) -> None:
    """Vintage line, the note when the chosen year is not the city layer's, the presence-based note and what
    the province and city score scales mean (both appear on the same screen)."""
    vintage = answer["vintage"]
    st.caption(t("city_vintage", lg).format(zones=vintage["zones_year"], firms=vintage["firms_year"],
                                            steel=vintage["steel_year"], as_of=answer["as_of"],
                                            census="/".join(str(y) for y in vintage["census_years"])))
    if as_of is not None and as_of != answer["as_of"]:
        st.info(t("city_year_note", lg).format(latest=answer["as_of"], year=as_of))
    st.caption(t("city_note", lg).format(note=CITY_NOTE[lg]))
    st.caption(t("score_scales", lg))


def city_drilldown(region: int, as_of: int, top: int) -> None:
    """城市细分: pick a prefecture city of ``region`` and show its ranked candidates.

    Parameters
    ----------
    region : int
        Province adcode picked on the region view (an uploaded region has no cities).
    as_of : int
        The region view's as-of year (the city layer uses the latest; a note says so).
    top : int
        Number of candidates shown.
    """
    lg = lang()
    st.subheader(t("city_section", lg))
    current = board()
    cities = city_board(current).cities_of(region)
    if not cities:
        st.info(t("no_city_data", lg).format(region=region_name(region, lg)))
        return
    names = _city_names(lg)
    city = choose("city", t("city", lg), cities, format_func=lambda c: f"{names[c]} · {c}")
    answer = city_recommend_answer(current, city, top=top)
    st.markdown(f"**{escape_markdown(t('city_ranked', lg).format(city=names[city]))}**")
    _captions(answer, as_of, lg)
    st.caption(city_facts_sentence(answer["facts"])[lg])
    table = city_table(answer["industries"], lg)
    show_table(table)
    downloads(table, f"hostfit_city_{city}_{answer['as_of']}", "city_dl")
    reference = float(answer["method"]["reference"])
    for item in answer["industries"]:
        score = t("score_points", lg).format(score=item["score"])
        label = f"{item['rank']}. {item['industry']} {industry_name(item['industry'], lg)} · {score}"
        with st.expander(label):
            sentences = evidence_sentences(item, reference, answer["vintage"]["steel_year"])[lg]
            st.markdown("\n".join(f"- {escape_markdown(s)}" for s in sentences))
            if item["crowding"]["alternatives"]:
                st.caption("⚠ " + t("city_alternatives", lg).format(
                    alternatives=alternatives_text(item["crowding"]["alternatives"], lg)))
    try:
        st.download_button(t("city_pdf", lg), _city_pdf(city, lg), file_name=f"hostfit_city_report_{city}_{lg}.pdf",
                           mime="application/pdf", key=f"city_report_{lg}")
    except ReportError as exc:
        st.warning(t("pdf_unavailable", lg).format(reason=exc))


def city_sites(industry: str, origin: int | None, hosts_only: bool, top: int, as_of: int) -> None:
    """The industry view at city level: a map of every city's score and the ranked cities.

    Parameters
    ----------
    industry : str
        H code picked on the industry view.
    origin : int, optional
        Origin province (adds the distance component; its cities leave the ranking).
    hosts_only : bool
        Rank (and offer as scope) only the cities of host provinces; the map shows every city.
    top : int
        Number of cities in the table.
    as_of : int
        The industry view's as-of year (the city layer uses the latest; a note says so).
    """
    lg = lang()
    current = board()
    cboard = city_board(current, origin)
    regions = current.arrays.regions_table
    offered = regions["host"].astype(bool) if hosts_only else pd.Series(True, index=regions.index)
    provinces = [int(r) for r in regions.loc[offered, "region"]]
    scope = choose("city_scope", t("city_scope", lg), [0, *provinces], 0,
                   format_func=lambda c: region_name(c, lg) if c else t("all_host_provinces" if hosts_only
                                                                           else "all_provinces", lg))
    answer = city_sites_answer(current, industry, province=scope or None, top=top, origin=origin,
                               all_regions=not hosts_only)
    _captions(answer, as_of, lg)
    rows = cboard.table.loc[cboard.table["industry"] == industry]
    values = pd.Series(rows["score"].to_numpy(), index=rows["city"].astype(int))  # every city: the map is national
    provinces_named = {int(r): region_name(r, lg) for r in current.arrays.regions}
    st.plotly_chart(plotly_city_map(city_geometry(), values, _city_names(lg), provinces_named,
                                    f"{industry_name(industry, lg)} · {t('city_map_title', lg)} ({answer['as_of']})",
                                    t("city_score", lg), lang=lg),
                    width="stretch", key=f"city_map_{lg}")
    st.caption(answer["nationwide_sentence"][lg])
    st.subheader(t("city_shortlist", lg))
    table = city_sites_table(answer["cities"], lg)
    show_table(table)
    downloads(table, f"hostfit_city_sites_{industry}_{answer['as_of']}", "city_sites_dl")
