"""Small reusable Streamlit widgets (pickers, download buttons, badges)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.exports import csv_bytes, xlsx_bytes
from app.i18n import industry_name, region_name, t
from app.state import lang, region_options, year_options

BADGE = {"low": "○", "medium": "◐", "high": "●"}


def region_picker(inputs, key: str, default: int = 510000) -> int:
    """Searchable region select box (zh/en name and code)."""
    options = region_options(inputs)
    index = options.index(default) if default in options else 0
    return st.selectbox(t("region", lang()), options, index=index, key=key,
                        format_func=lambda c: f"{region_name(c, lang())} · {c}")


def industry_picker(codes: list[str], key: str, label: str | None = None, default: str | None = None) -> str:
    """Searchable industry select box."""
    index = codes.index(default) if default in codes else 0
    return st.selectbox(label or t("industry", lang()), codes, index=index, key=key,
                        format_func=lambda c: f"{c} {industry_name(c, lang())}")


def year_picker(inputs, key: str) -> int:
    """As-of year select box, latest first."""
    return st.selectbox(t("as_of", lang()), year_options(inputs), index=0, key=key)


def downloads(frame: pd.DataFrame, stem: str, key: str) -> None:
    """CSV and XLSX download buttons for ``frame``."""
    left, right = st.columns(2)
    left.download_button(t("download_csv", lang()), csv_bytes(frame), file_name=f"{stem}.csv",
                         mime="text/csv", key=f"{key}_csv")
    right.download_button(t("download_xlsx", lang()), xlsx_bytes(frame), file_name=f"{stem}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx")


def crowding_badge(level: str) -> str:
    """Emoji badge plus the localised level."""
    return f"{BADGE.get(level, '')} {t(level, lang()) if level in BADGE else level}"


def region_list(codes) -> str:
    """Comma-separated localised region names."""
    return "、".join(region_name(c, lang()) for c in (codes or [])) if lang() == "zh" else \
        ", ".join(region_name(c, lang()) for c in (codes or []))
