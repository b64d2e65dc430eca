"""同质化竞争 Crowding: who chases the same industries, and how similar they are."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_heatmap
from app.i18n import industry_name, region_name, t
from app.state import base_inputs, lang, scorer
from app.widgets import downloads, region_list, year_picker
from features.inputs import io_wide, io_year_as_of
from models.crowding import structural_similarity, top_k_membership


def render() -> None:
    """Render the crowding view."""
    lg = lang()
    inputs = base_inputs()
    st.header(t("nav_crowding", lg))
    left, right = st.columns(2)
    with left:
        as_of = year_picker(inputs, "crowd_year")
    with right:
        k = st.slider(t("k_value", lg), 3, 10, 5, key="crowd_k")
    scores = scorer().score_all(as_of=as_of)
    member = top_k_membership(scores[["region", "industry", "rank"]], k).astype(int)
    heat = member.T.rename(index=lambda c: f"{c} {industry_name(c, lg)}", columns=lambda r: region_name(r, lg))
    st.plotly_chart(plotly_heatmap(heat, t("heatmap_title", lg) + f" (K={k})", zmin=0, zmax=1),
                    width="stretch", key="crowd_heat")
    chasers = member.sum(axis=0).sort_values(ascending=False)
    crowded = pd.DataFrame({
        t("industry", lg): [f"{c} {industry_name(c, lg)}" for c in chasers.index],
        t("rivals", lg) + " #": chasers.to_numpy(),
        t("rivals", lg): [region_list(member.index[member[c] == 1].tolist()) for c in chasers.index],
    })
    st.subheader(t("most_crowded", lg))
    st.dataframe(crowded, hide_index=True, width="stretch")
    downloads(crowded, f"hostfit_crowding_{as_of}_k{k}", "crowd_dl")
    output = io_wide(inputs, io_year_as_of(inputs, as_of)).dropna(how="all")
    similarity = structural_similarity(output)
    named = similarity.rename(index=lambda r: region_name(r, lg), columns=lambda r: region_name(r, lg))
    st.plotly_chart(plotly_heatmap(named, t("similarity_title", lg), colourscale="Viridis", zmin=0, zmax=1),
                    width="stretch", key="crowd_sim")
    downloads(named.reset_index(names=t("region", lg)), f"hostfit_similarity_{as_of}", "sim_dl")
