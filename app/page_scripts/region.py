"""Streamlit page script: region view (logic lives in app.views.region)."""

from app.views import region

region.render()
