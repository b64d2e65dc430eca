"""Small reusable Streamlit widgets (pickers, download buttons, badges)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.exports import csv_bytes, xlsx_bytes
from app.i18n import industry_name, region_name, t
from app.state import choose, lang, region_options, year_options
from app.tables import column_widths

BADGE = {"low": "○", "medium": "◐", "high": "●"}


def region_picker(arrays, name: str, default: int = 510000) -> int:
    """Searchable region select box (name and code), kept in the URL as ``name``."""
    lg = lang()
    return choose(name, t("region", lg), region_options(arrays), default,
                  format_func=lambda c: f"{region_name(c, lg)} · {c}")


def industry_picker(codes: list[str], name: str, label: str | None = None, default: str | None = None) -> str:
    """Searchable industry select box, kept in the URL as ``name``."""
    lg = lang()
    return choose(name, label or t("industry", lg), list(codes), default,
                  format_func=lambda c: f"{c} {industry_name(c, lg)}")


def year_picker(arrays, name: str) -> int:
    """As-of year select box, latest first, kept in the URL as ``name``."""
    return choose(name, t("as_of", lang()), year_options(arrays))


def show_table(frame: pd.DataFrame, host=st) -> None:
    """``st.dataframe`` (on ``host``: ``st`` or a tab/column) with every column wide enough for its whole header."""
    config = {name: st.column_config.Column(width=px) for name, px in column_widths(frame).items()}
    host.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def downloads(frame: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and XLSX download buttons for ``frame``."""
    lg = lang()
    left, right = st.columns(2)
    left.download_button(t("download_csv", lg), csv_bytes(frame), file_name=f"{stem}.csv",
                         mime="text/csv", key=f"{key}_csv_{lg}")
    right.download_button(t("download_xlsx", lg), xlsx_bytes(frame), file_name=f"{stem}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx_{lg}")


def crowding_badge(level: str) -> str:
    """Symbol plus the localised level."""
    return f"{BADGE.get(level, '')} {t(level, lang()) if level in BADGE else level}"


def region_list(codes, limit: int | None = None) -> str:
    """Separator-joined localised region names (the first ``limit``, then "+N")."""
    lg = lang()
    codes = list(codes or [])
    shown = codes if limit is None else codes[:limit]
    text = ("、" if lg == "zh" else ", ").join(region_name(c, lg) for c in shown)
    if limit is not None and len(codes) > limit:
        text += f" 等 {len(codes)} 个" if lg == "zh" else f" (+{len(codes) - limit})"
    return text
