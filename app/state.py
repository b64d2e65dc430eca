"""Session state and cached resources shared by the pages."""

from __future__ import annotations

import streamlit as st

UPLOAD_CODE = 990000


def lang() -> str:
    """Current UI language ('zh' default)."""
    return st.session_state.get("lang", "zh")


@st.cache_resource(show_spinner=False)
def scorer():
    """The shipped model and inputs (one per server process)."""
    from models.api import load_scorer

    return load_scorer()


def base_inputs():
    """The shipped input arrays (immutable; edits make copies)."""
    return scorer().arrays


def session_inputs():
    """Input arrays of this session: the shipped ones plus an uploaded region, if any."""
    return st.session_state.get("byo_inputs") or base_inputs()


def board(as_of: int | None = None, arrays=None):
    """The board of (arrays, as-of) — the one door to scores, ranks, crowding and reasons."""
    return scorer().board(as_of, arrays)


def region_options(arrays) -> list[int]:
    """Region codes to offer, uploaded region first."""
    codes = [int(r) for r in arrays.regions]
    return sorted(codes, key=lambda c: (c != UPLOAD_CODE, c))


def year_options(arrays) -> list[int]:
    """As-of years: IO benchmark years and the latest year, newest first."""
    return sorted(set(arrays.io_years) | {arrays.latest_year}, reverse=True)
