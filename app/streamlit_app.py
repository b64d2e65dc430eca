"""hostfit Streamlit entry point (``hostfit app`` / ``make run``)."""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.views import crowding, industry, model_data, region, whatif

st.set_page_config(page_title="hostfit 产业承接", page_icon="🧭", layout="wide")

_choice = st.sidebar.radio("语言 / Language", ["中文", "English"], horizontal=True, key="lang_choice")
st.session_state["lang"] = "zh" if _choice == "中文" else "en"
_lang = st.session_state["lang"]
st.sidebar.markdown(f"**{t('app_title', _lang)}**")

pages = [
    st.Page(region.render, title=t("nav_region", _lang), url_path="region", default=True),
    st.Page(industry.render, title=t("nav_industry", _lang), url_path="industry"),
    st.Page(whatif.render, title=t("nav_whatif", _lang), url_path="whatif"),
    st.Page(crowding.render, title=t("nav_crowding", _lang), url_path="crowding"),
    st.Page(model_data.render, title=t("nav_model", _lang), url_path="model"),
]
st.navigation(pages).run()
