"""Streamlit page script: model_data view (logic lives in app.views.model_data)."""

from app.views import model_data

model_data.render()
