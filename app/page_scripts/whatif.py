"""Streamlit page script: whatif view (logic lives in app.views.whatif)."""

from app.views import whatif

whatif.render()
