"""模型与数据 Model & data: the backtest card, data vintages and sources, the feature catalogue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_backtest
from app.i18n import pillar_label, t
from app.state import lang
from app.widgets import downloads
from data.check import check_all
from features.catalogue import catalogue
from models.model_card import CARD_PATH as MODEL_CARD_PATH
from models.reporting import load_evaluation


@st.cache_data(show_spinner=False)
def _coverage() -> dict:
    return check_all()


def _metric_table(evaluation: dict, metric: str) -> pd.DataFrame:
    rows = []
    for method, metrics in evaluation["methods"].items():
        entry = metrics[metric]
        rows.append({"method": method, "mean": entry["mean"], "lo": entry["ci"][0], "hi": entry["ci"][1]})
    return pd.DataFrame(rows).sort_values("mean", ascending=False)


def render() -> None:
    """Render the model & data view."""
    lg = lang()
    st.header(t("nav_model", lg))
    st.subheader(t("backtest", lg))
    evaluation = load_evaluation()
    target = evaluation["target"]
    message = t("target_met" if target["met"] else "target_missed", lg).format(
        test=evaluation["test_transition"], metric=target["metric"], model=target["model"],
        baseline=target["best_baseline"], best=target["baseline"], ratio=target["ratio"],
        required=target["required_ratio"])
    (st.success if target["met"] else st.warning)(message)
    metric = st.selectbox(t("metric", lg), ["ndcg@5", "ndcg@10", "p@5", "map"], key="model_metric")
    table = _metric_table(evaluation, metric)
    st.plotly_chart(plotly_backtest(table, f"{metric} · {evaluation['test_transition']}"),
                    width="stretch", key="model_bt")
    shown = table.rename(columns={"method": t("method", lg), "mean": t("mean", lg), "lo": "CI 5%", "hi": "CI 95%"})
    st.dataframe(shown.round(4), hide_index=True, width="stretch")
    downloads(shown, f"hostfit_backtest_{metric}", "model_dl")
    st.subheader(t("where_loses", lg))
    with st.expander("MODEL_CARD.md", expanded=not target["met"]):
        st.markdown(MODEL_CARD_PATH.read_text(encoding="utf-8") if MODEL_CARD_PATH.exists() else "—")
    st.subheader(t("sources", lg))
    summary = _coverage()
    sources = pd.DataFrame([{t("table", lg): name, t("rows", lg): entry["rows"], t("source", lg): entry["source"]}
                            for name, entry in summary["tables"].items()])
    st.dataframe(sources, hide_index=True, width="stretch")
    downloads(sources, "hostfit_sources", "src_dl")
    st.subheader(t("feature_catalogue", lg))
    cat = catalogue()
    features = pd.DataFrame({
        t("feature", lg): cat["label_zh"] if lg == "zh" else cat["label_en"],
        "name": cat["name"], t("pillar", lg): [pillar_label(p, lg) for p in cat["pillar"]],
        t("unit", lg): cat["unit"], t("meaning", lg): cat["meaning"], t("source", lg): cat["source"],
    })
    st.dataframe(features, hide_index=True, width="stretch")
    downloads(features, "hostfit_features", "feat_dl")
