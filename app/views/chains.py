"""地区视图 · 产业链 The region's named chains on two axes (fit, attractiveness) with crowding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app.figures_chains import plotly_chain_quadrant
from app.tables import level_text
from app.widgets import downloads, show_table
from models.api import CHAIN_MEASURES, STRATEGIES, STRATEGY_NOTE, chain_board, chain_list

TEXT: dict[str, tuple[str, str]] = {
    "chains_header": ("产业链排名（可行性 × 吸引力）", "Chains (fit × attractiveness)"),
    "strategy": ("策略", "Strategy"),
    "rank": ("排名", "Rank"),
    "chain": ("产业链", "Chain"),
    "groups": ("对应投入产出部门", "IO groups"),
    "fit": ("可行性", "Fit"),
    "attract": ("吸引力", "Attractiveness"),
    "crowd": ("拥挤度", "Crowding"),
    "crowd_level": ("拥挤程度", "Crowding level"),
    "score": ("综合分", "Score"),
    "reason": ("理由 {n}", "Reason {n}"),
    "quadrant": ("象限图：横轴可行性，纵轴吸引力，颜色为拥挤度", "Quadrant: fit (x), attractiveness (y), colour = crowding"),
    "components": ("各组成部分对综合分的贡献（分）", "Points each component adds to the score"),
    "axes_note": ("三个轴均为 0–100，由各组成部分在全部“地区 × 产业链”中的百分位合成（成本类反向，50 为中位数）。",
                  "All three axes are 0–100, built from each component's percentile among all region × chain rows "
                  "(reversed for costs; 50 = the median)."),
}


def _t(key: str, lang: str) -> str:
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


def chain_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The displayed (and downloadable) chain table: rank, chain, groups, axes, crowding, three reasons."""
    names = {row["chain"]: row["name_zh" if lang == "zh" else "name_en"] for row in chain_list()}
    table = pd.DataFrame({
        _t("rank", lang): frame["rank"].to_numpy(),
        _t("chain", lang): [names[c] for c in frame["chain"]],
        _t("groups", lang): [", ".join(g) for g in frame["groups"]],
        _t("fit", lang): frame["fit"].round(1).to_numpy(),
        _t("attract", lang): frame["attract"].round(1).to_numpy(),
        _t("crowd", lang): frame["crowd"].round(1).to_numpy(),
        _t("crowd_level", lang): [level_text(v, lang) for v in frame["crowd_level"]],
        _t("score", lang): frame["score"].round(1).to_numpy(),
    })
    for n in range(3):
        table[_t("reason", lang).format(n=n + 1)] = [r[n].text(lang) if len(r) > n else "" for r in frame["reasons"]]
    return table


def component_table(frame: pd.DataFrame, names: list[str], lang: str) -> pd.DataFrame:
    """Chain × component points (every axis's components; blank where a component does not apply)."""
    columns = {}
    for name, spec in CHAIN_MEASURES.items():
        label = f"{_t(spec.axis, lang)} · {spec.label_zh if lang == 'zh' else spec.label_en}"
        columns[label] = [f"{v:+.1f}" if v != 0 and np.isfinite(v) else "" for v in frame[f"pts_{name}"]]
    return pd.DataFrame({_t("chain", lang): names, **columns})


def chain_section(board, region: int, lang: str, key: str = "region_chains") -> None:
    """Chain ranking, quadrant and CSV/XLSX download for ``region`` on ``board``."""
    st.subheader(_t("chains_header", lang))
    options = list(STRATEGIES)
    pick = st.radio(_t("strategy", lang), options, horizontal=True, key=f"{key}_strategy",
                    format_func=lambda k: STRATEGIES[k].label_zh if lang == "zh" else STRATEGIES[k].label_en)
    st.caption(_t("axes_note", lang) + " " + STRATEGY_NOTE[lang])
    frame = chain_board(board).recommend(region, pick)
    table = chain_table(frame, lang)
    show_table(table)
    downloads(table, f"hostfit_chains_{region}_{board.as_of}_{pick}", f"{key}_dl")
    names = table[_t("chain", lang)].str.split("（| \\(", regex=True).str[0]
    with st.expander(_t("components", lang)):
        show_table(component_table(frame, list(table[_t("chain", lang)]), lang))
    st.plotly_chart(plotly_chain_quadrant(frame.assign(label=names.to_numpy()), "label", lang, _t("quadrant", lang)),
                    width="stretch", key=f"{key}_quadrant")
