"""hostfit Streamlit entry point (``hostfit app`` / ``make run``)."""

from __future__ import annotations

import streamlit as st

from app.pages_data import render_data_page

st.set_page_config(page_title="hostfit 产业承接", page_icon="🧭", layout="wide")
render_data_page()
