"""Fixtures for Streamlit AppTest tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

APP = str(Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py")


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches():
    """Streamlit caches outlive AppTest runs: start every test from a clean slate."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def app_test():
    """A fresh AppTest of the whole app (navigation + default page)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=180)
