"""Streamlit page script: industry view (logic lives in app.views.industry)."""

from app.views import industry

industry.render()
