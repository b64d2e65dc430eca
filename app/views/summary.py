"""招商摘要 The region view's one-screen summary: top candidates as 重点 / 可考虑 / 谨慎 tiers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import industry_name, t
from app.state import lang
from app.summary import PRIORITY_FACTOR, TIERS, summary_frame
from app.tables import level_text


def investment_summary(board, frame: pd.DataFrame, region: int) -> None:
    """Three columns, one per tier, each candidate with score, rank among provinces and crowding.

    Parameters
    ----------
    board : Board
        The board the candidates come from.
    frame : DataFrame
        The candidates shown (rows of ``board.recommend(region)``).
    region : int
        Adcode of the region.
    """
    lg = lang()
    rows = summary_frame(board, frame, region)
    st.subheader(t("summary_title", lg))
    for column, name in zip(st.columns(len(TIERS)), TIERS):
        with column.container(border=True, key=f"summary_{name}"):
            st.markdown(f"**{t(name, lg)}**")
            chosen = rows.loc[rows["tier"] == name]
            lines = [f"- **{code} {industry_name(code, lg)}**  \n"
                     + t("summary_item", lg).format(score=r.score, rank=r.province_rank, n=r.provinces,
                                                    crowd=level_text(r.crowding_level, lg))
                     for code, r in zip(chosen["industry"], chosen.itertuples(index=False))]
            st.markdown("\n".join(lines) if lines else t("tier_none", lg))
    base = float(board.explainer.base_score)
    st.caption(t("tier_rule", lg).format(base=base, factor=PRIORITY_FACTOR, bar=PRIORITY_FACTOR * base))
