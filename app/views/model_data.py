"""模型与数据 Model & data: the backtest under three protocols, the 2017→2022/2024 recent wave, the model card,
sources, the feature catalogue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.figures import plotly_backtest
from app.i18n import glossary_markdown, method_label, metric_label, pillar_label, t
from app.sources_text import feature_source, table_source, table_title
from app.state import lang, scorer
from app.text_safety import escape_markdown, hide_server_paths
from app.widgets import downloads, show_table
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
    default = evaluation.get("default")
    if default is not None:
        sites = default["sites_rule_text"]["zh" if lg == "zh" else "en"]
        st.info(t("default_ordering", lg).format(region=method_label(default["region_rule"], lg), sites=sites))


def _recent_wave(evaluation: dict, lg: str) -> None:
    """The recent-wave table (features as of 2017 against 2017→2022/2024 product output)."""
    block = evaluation.get("recent_wave")
    if block is None:
        st.info(t("no_evaluation", lg))
        return
    st.caption(t("recent_wave_note", lg))
    left, right = st.columns(2)
    window = left.selectbox(t("wave_window", lg), block["windows"], key="wave_window",
                            format_func=lambda w: w.replace("-", "→"), placeholder=t("choose", lg))
    query = right.selectbox(t("query_type", lg), ["region", "item"], key="wave_query",
                            format_func=lambda q: t(f"query_{q}", lg), placeholder=t("choose", lg))
    result = block["results"][window][query]
    methods, diff = result["methods"], result["paired"]["existing_output"]["ndcg@5"]
    best = result["best_baseline"]
    message = t("wave_verdict", lg).format(
        model=methods["model"]["ndcg@5"]["mean"], base=methods["existing_output"]["ndcg@5"]["mean"],
        diff=diff["mean"], low=diff["ci"][0], high=diff["ci"][1], best=method_label(best, lg),
        best_value=methods[best]["ndcg@5"]["mean"])
    (st.success if diff["ci"][0] > 0 else st.warning)(message)
    rows = [{t("method", lg): method_label(m, lg), metric_label("ndcg@5", lg): round(s["ndcg@5"]["mean"], 4),
             t("ci_low", lg): round(s["ndcg@5"]["ci"][0], 4), t("ci_high", lg): round(s["ndcg@5"]["ci"][1], 4),
             metric_label("ndcg@3", lg): round(s["ndcg@3"]["mean"], 4),
             t("model_minus", lg): f"{result['paired'][m]['ndcg@5']['mean']:+.4f}" if m in result["paired"] else ""}
            for m, s in methods.items()]
    shown = pd.DataFrame(rows)
    show_table(shown)
    downloads(shown, f"hostfit_recent_wave_{window}_{query}", "wave_dl")


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
                                  format_func=lambda p: t(f"protocol_{p}", lg), placeholder=t("choose", lg))
        metric = right.selectbox(t("metric", lg), ["ndcg@5", "ndcg@10", "p@5", "map"], key="model_metric",
                                 format_func=lambda m: metric_label(m, lg), placeholder=t("choose", lg))
        block = evaluation[protocol][evaluation.get("primary_target", "xgain")]["hosts"]
        table = _metric_table(block, metric, lg)
        st.plotly_chart(plotly_backtest(table, f"{metric_label(metric, lg)} · {t(f'protocol_{protocol}', lg)}"),
                        width="stretch", key="model_bt")
        shown = table.drop(columns="key").rename(columns={"method": t("method", lg), "mean": t("mean", lg),
                                                          "lo": t("ci_low", lg), "hi": t("ci_high", lg)})
        show_table(shown.round(4))
        downloads(shown, f"hostfit_backtest_{protocol}_{metric}", "model_dl")
        st.subheader(t("recent_wave", lg))
        _recent_wave(evaluation, lg)
    st.subheader(t("where_loses", lg))
    with st.expander(t("model_card", lg), expanded=False):
        st.markdown(card_text(lg) or "—")
    st.subheader(t("sources", lg))
    summary = _coverage()
    sources = pd.DataFrame([{t("table", lg): table_title(name, lg), t("rows", lg): entry["rows"],
                             t("source", lg): table_source(name, entry["source"], lg)}
                            for name, entry in summary["tables"].items()])
    # a list, not a grid: the citations are long and a grid cell cuts them off
    st.markdown("\n".join(f"- **{escape_markdown(row[0])}**（{row[1]:,} 行）：{escape_markdown(row[2])}" if lg == "zh"
                          else f"- **{escape_markdown(row[0])}** ({row[1]:,} rows): {escape_markdown(row[2])}"
                          for row in sources.itertuples(index=False)))
    downloads(sources, "hostfit_sources", "src_dl")
    st.subheader(t("feature_catalogue", lg))
    cat = catalogue()
    used = set(scorer().features)
    features = pd.DataFrame({
        t("feature", lg): cat["label_zh"] if lg == "zh" else cat["label_en"],
        t("pillar", lg): [pillar_label(p, lg) for p in cat["pillar"]],
        t("in_model", lg): [t("yes", lg) if n in used else "" for n in cat["name"]],
        t("unit", lg): cat["unit_zh"] if lg == "zh" else cat["unit_en"],
        t("meaning", lg): cat["meaning_zh"] if lg == "zh" else cat["meaning_en"],
        t("source", lg): [feature_source(s, lg) for s in cat["source"]],
    })
    show_table(features)
    downloads(features.assign(id=cat["name"].to_numpy()), "hostfit_features", "feat_dl")  # the id for the CLI
    st.subheader(t("glossary", lg))
    st.caption(t("glossary_note", lg))
    st.markdown(glossary_markdown(lg))
