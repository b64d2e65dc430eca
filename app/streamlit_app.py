"""hostfit Streamlit entry point (``hostfit app`` / ``make run``)."""

from __future__ import annotations

import streamlit as st

from app.i18n import t
from app.state import enter_page, lang, set_lang
from app.text_safety import hide_server_paths
from models.api import ArtifactError, DataError

LANGUAGE_CHOICES = {"中文": "zh", "English": "en"}

st.set_page_config(page_title=t("app_title", lang()), page_icon="🧭", layout="wide")

if "lang_choice" not in st.session_state:
    st.session_state["lang_choice"] = "English" if lang() == "en" else "中文"
st.sidebar.radio("语言 / Language", list(LANGUAGE_CHOICES), horizontal=True, key="lang_choice",
                 on_change=lambda: set_lang(LANGUAGE_CHOICES[st.session_state["lang_choice"]]))
set_lang(LANGUAGE_CHOICES[st.session_state["lang_choice"]])
_lang = lang()
st.sidebar.markdown(f"**{t('app_title', _lang)}**")
st.sidebar.caption(t("sidebar_note", _lang) + " " + t("glossary_hint", _lang))

pages = [
    st.Page("page_scripts/region.py", title=t("nav_region", _lang), url_path="region", default=True),
    st.Page("page_scripts/industry.py", title=t("nav_industry", _lang), url_path="industry"),
    st.Page("page_scripts/whatif.py", title=t("nav_whatif", _lang), url_path="whatif"),
    st.Page("page_scripts/crowding.py", title=t("nav_crowding", _lang), url_path="crowding"),
    st.Page("page_scripts/model_data.py", title=t("nav_model", _lang), url_path="model"),
]
page = st.navigation(pages)
enter_page(page.url_path)
try:
    page.run()
except (DataError, ArtifactError) as exc:
    # Tampered or missing data, or a model file that fails its checks: refuse to score, say why.
    st.error(t("cannot_score", _lang))
    st.code(hide_server_paths(exc), language=None)  # the file names, not the server's folders

