"""模型与数据 Model & data: the backtest under three protocols, the model card, sources, the feature catalogue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_backtest
from app.i18n import method_label, pillar_label, t
from app.state import lang, scorer
from app.text_safety import escape_markdown, hide_server_paths
from app.widgets import downloads
from models.api import EvaluationMissing, card_text, catalogue, data_summary, load_evaluation

PROTOCOLS = ("rolling", "blocked_cv", "test")


@st.cache_data(show_spinner=False)
def _coverage() -> dict:
    return data_summary()


def _metric_table(block: dict, metric: str, lg: str) -> pd.DataFrame:
    rows = [{"method": method_label(method, lg), "key": method, "mean": stats[metric]["mean"],
             "lo": stats[metric]["ci"][0], "hi": stats[metric]["ci"][1]}
            for method, stats in block["methods"].items()]
    return pd.DataFrame(rows).sort_values("mean", ascending=False)


def _verdicts(evaluation: dict, lg: str) -> None:
    targets = evaluation["targets"]
    for name in PROTOCOLS:
        check = targets[name]
        message = t(f"bar_{name}", lg).format(model=check["model"], baseline=method_label(check["best_baseline"], lg),
                                            best=check["baseline"], ratio=check["ratio"], low=check["paired_ci"][0],
                                            high=check["paired_ci"][1], required=targets["required_ratio"])
        (st.success if check["met"] else st.warning)(message)


def render() -> None:
    """Render the model & data view."""
    lg = lang()
    st.header(t("nav_model", lg))
    st.subheader(t("backtest", lg))
    try:
        evaluation = load_evaluation()
    except EvaluationMissing as exc:
        st.error(t("no_evaluation", lg) + f" ({escape_markdown(hide_server_paths(exc))})")
        evaluation = None
    if evaluation is not None:
        _verdicts(evaluation, lg)
        left, right = st.columns(2)
        protocol = left.selectbox(t("protocol", lg), PROTOCOLS, key="model_protocol",
                                  format_func=lambda p: t(f"protocol_{p}", lg))
        metric = right.selectbox(t("metric", lg), ["ndcg@5", "ndcg@10", "p@5", "map"], key="model_metric")
        block = evaluation[protocol]["xgain"]["hosts"]
        table = _metric_table(block, metric, lg)
        st.plotly_chart(plotly_backtest(table, f"{metric} · {t(f'protocol_{protocol}', lg)}"),
                        width="stretch", key="model_bt")
        shown = table.drop(columns="key").rename(columns={"method": t("method", lg), "mean": t("mean", lg),
                                                          "lo": "CI 5%", "hi": "CI 95%"})
        st.dataframe(shown.round(4), hide_index=True, width="stretch")
        downloads(shown, f"hostfit_backtest_{protocol}_{metric}", "model_dl")
    st.subheader(t("where_loses", lg))
    with st.expander(t("model_card", lg), expanded=False):
        st.markdown(card_text(lg) or "—")
    st.subheader(t("sources", lg))
    summary = _coverage()
    sources = pd.DataFrame([{t("table", lg): name, t("rows", lg): entry["rows"], t("source", lg): entry["source"]}
                            for name, entry in summary["tables"].items()])
    st.dataframe(sources, hide_index=True, width="stretch")
    downloads(sources, "hostfit_sources", "src_dl")
    st.subheader(t("feature_catalogue", lg))
    cat = catalogue()
    used = set(scorer().features)
    features = pd.DataFrame({
        t("feature", lg): cat["label_zh"] if lg == "zh" else cat["label_en"],
        "name": cat["name"], t("pillar", lg): [pillar_label(p, lg) for p in cat["pillar"]],
        t("in_model", lg): [t("yes", lg) if n in used else "" for n in cat["name"]],
        t("unit", lg): cat["unit_zh"] if lg == "zh" else cat["unit_en"],
        t("meaning", lg): cat["meaning_zh"] if lg == "zh" else cat["meaning_en"], t("source", lg): cat["source"],
    })
    st.dataframe(features, hide_index=True, width="stretch")
    downloads(features, "hostfit_features", "feat_dl")
