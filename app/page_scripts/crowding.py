"""Streamlit page script: crowding view (logic lives in app.views.crowding)."""

from app.views import crowding

crowding.render()
