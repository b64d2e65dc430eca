"""同质化竞争 Crowding: who chases the same industries, who declares them, and how similar they are."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_heatmap
from app.i18n import industry_name, region_name, region_short, t
from app.state import base_inputs, board, lang
from app.widgets import downloads, region_list, show_table, year_picker


#: Rival regions named in a table cell (the rest as "等 N 个"); the download names them all.
RIVALS_SHOWN = 5


def render() -> None:
    """Render the crowding view: model-based top-K overlap, declared priorities, similarity."""
    lg = lang()
    inputs = base_inputs()
    st.header(t("nav_crowding", lg))
    left, right = st.columns(2)
    with left:
        as_of = year_picker(inputs, "crowd_year")
    with right:
        k = st.slider(t("k_value", lg), 3, 8, 5, key="crowd_k")
    current = board(as_of)
    view = current.crowding(k)
    member = view.membership.astype(int)
    heat = member.T.rename(index=lambda c: f"{c} {industry_name(c, lg)}", columns=lambda r: region_short(r, lg))
    st.plotly_chart(plotly_heatmap(heat, t("heatmap_title", lg) + f" (K={k})", zmin=0, zmax=1),
                    width="stretch", key="crowd_heat")
    chasers = member.sum(axis=0).sort_values(ascending=False)
    declared = current.declared.astype(int)
    chasing = [member.index[member[c] == 1].tolist() for c in chasers.index]
    crowded = pd.DataFrame({
        t("industry", lg): [f"{c} {industry_name(c, lg)}" for c in chasers.index],
        t("rivals_count", lg): chasers.to_numpy(),
        t("rivals", lg): [region_list(codes, RIVALS_SHOWN) for codes in chasing],
        t("declared_count", lg): declared.sum(axis=0).reindex(chasers.index).to_numpy(),
    })
    st.subheader(t("most_crowded", lg))
    st.caption(t("rivals_shown", lg).format(n=RIVALS_SHOWN))
    show_table(crowded)
    full = crowded.assign(**{t("rivals", lg): [region_list(codes) for codes in chasing]})  # every name in the file
    downloads(full, f"hostfit_crowding_{as_of}_k{k}", "crowd_dl")
    declared_heat = declared.T.rename(index=lambda c: f"{c} {industry_name(c, lg)}",
                                      columns=lambda r: region_short(r, lg))
    st.plotly_chart(plotly_heatmap(declared_heat, t("declared", lg), colourscale="Oranges", zmin=0, zmax=1),
                    width="stretch", key="crowd_declared")
    named = view.similarity.rename(index=lambda r: region_name(r, lg), columns=lambda r: region_short(r, lg))
    st.plotly_chart(plotly_heatmap(named, t("similarity_title", lg), colourscale="Viridis", zmin=0, zmax=1),
                    width="stretch", key="crowd_sim")
    downloads(named.reset_index(names=t("region", lg)), f"hostfit_similarity_{as_of}", "sim_dl")
