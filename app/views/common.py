"""Small pieces of text shared by the views (vintage line, score note)."""

from __future__ import annotations

import streamlit as st

from app.i18n import industry_name, t
from app.state import lang
from models.api import SITES_RULES


def vintage_caption(board) -> None:
    """One caption saying which data vintage the scores rest on."""
    lg = lang()
    vintage = board.vintage()
    separator = "、" if lg == "zh" else ", "
    forward = separator.join(industry_name(c, lg) for c in vintage["brought_forward"]) or "—"
    st.caption(t("vintage", lg).format(io=vintage["io_year"], attr=vintage["attributes_year"],
                                       prod=vintage["products_year"], forward=forward))


def sites_rule_caption(board, origin: bool = False) -> None:
    """Which rule orders the sites list (and how an origin changes it)."""
    lg = lang()
    zh, en = SITES_RULES[board.sites_rule]
    st.caption(t("sites_rule", lg).format(rule=zh if lg == "zh" else en)
               + (" " + t("origin_rule", lg) if origin else ""))


def score_caption(board) -> None:
    """What the 0–100 fit score means, with the average score."""
    st.caption(t("score_note", lang()).format(base=board.explainer.base_score))
