"""Session state and cached resources shared by the pages."""

from __future__ import annotations

import streamlit as st

from features.inputs import FeatureInputs

UPLOAD_CODE = 990000


def lang() -> str:
    """Current UI language ('zh' default)."""
    return st.session_state.get("lang", "zh")


@st.cache_resource(show_spinner=False)
def scorer():
    """The shipped model and inputs (one per server process)."""
    from models.scoring import load_scorer

    return load_scorer()


def base_inputs() -> FeatureInputs:
    """The shipped inputs (read-only: copy before editing)."""
    return scorer().inputs


def session_inputs() -> FeatureInputs:
    """Inputs of this session: the shipped ones plus an uploaded region, if any."""
    return st.session_state.get("byo_inputs") or base_inputs()


def region_options(inputs: FeatureInputs) -> list[int]:
    """Region codes to offer, uploaded region first."""
    codes = [int(r) for r in inputs.regions["region"]]
    return sorted(codes, key=lambda c: (c != UPLOAD_CODE, c))


def year_options(inputs: FeatureInputs) -> list[int]:
    """As-of years: IO benchmark years and the latest year, newest first."""
    from features.build import benchmark_years

    return sorted(benchmark_years(inputs), reverse=True)
