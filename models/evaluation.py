"""Honest evaluation: rolling out-of-time, blocked leave-region-out CV, the single 2012→2017 test.

Every method — the model and each baseline — is a score column on the same frame
and goes through the same code: metrics per query (region × transition), averaged
per region, then over regions with a 90% bootstrap CI over regions; differences
between methods are paired by region. Queries whose labels are all zero are
dropped. ``random`` is the exact expectation over random orders, not one draw.

Protocols (all on the xgain target; the Δshare target is reported as secondary):

* **rolling** (primary) — for each of 2002→07, 2007→12, 2012→17: choose the
  configuration by rolling validation on the transitions before it (the first
  configuration where none exists), train on the transitions ending at or before its
  start, score it; pool the queries.
* **blocked CV** — each region's query of each transition is scored by a model
  trained on the other regions' queries of the *other* transitions (neither the
  region nor the period is seen), with the configuration the shipped model uses.
* **test 2012→2017** — the last rolling fold on its own.
* **recent wave** — features as of 2017 against provincial product output 2017→2022 and
  2017→2024: :mod:`models.recent_wave`, added to this evaluation by :func:`models.operations.evaluate`.

The bars (``targets``) are checked on central + western provinces
(:data:`EVALUATION_MACROS`), as DESIGN §5 states them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.baselines import BASELINES, DESCRIPTIONS, SCORED_BASELINES, baseline_scores
from models.calibration import fit_calibration, reliability
from models.labels import TARGETS
from models.metrics import expected_random_metrics, query_metrics, summarise
from models.training import (CONFIGS, EVALUATION_MACROS, QUERY, Config, default_frame, eligible_features,
                             fit_ranker, select_config, validation_years)

METRICS = ("ndcg@5", "ndcg@10", "p@5", "map")
METHODS = ("model", *BASELINES)
LABEL_KEEP = ["region", "industry", "year", "macro_region", "xgain", "share_change",
              *{col for pair in TARGETS.values() for col in pair}]
ROLLING_YEARS = (2002, 2007, 2012)
TEST_YEAR = 2012
TARGET_RATIO = 1.10
N_BOOT = 2000
SEED = 0


def score_table(frame: pd.DataFrame, model_scores: np.ndarray, training: pd.DataFrame) -> pd.DataFrame:
    """Keys and labels of ``frame`` with one score column per scored method."""
    table = frame[LABEL_KEEP].copy()
    table["model"] = np.asarray(model_scores, dtype=float)
    return pd.concat([table, baseline_scores(frame, training)], axis=1)


def per_region(scores: pd.DataFrame, target: str = "xgain", methods: tuple[str, ...] = METHODS) -> pd.DataFrame:
    """Metrics per region (mean over its queries) for every method.

    Parameters
    ----------
    scores : DataFrame
        :func:`score_table` output (several transitions may be stacked).
    target : str
        A key of :data:`models.labels.TARGETS`.
    methods : tuple of str
        Methods to evaluate; ``random`` is the exact expectation.

    Returns
    -------
    DataFrame
        Columns ``region, method, n_queries`` + :data:`METRICS`.
    """
    grade_col, rel_col = TARGETS[target]
    records = []
    for (year, region), query in scores.groupby(QUERY, sort=True):
        grade = query[grade_col].to_numpy(dtype=float)
        if not (grade > 0).any():
            continue
        relevant = query[rel_col].to_numpy(dtype=float)
        for method in methods:
            metrics = (expected_random_metrics(grade, relevant) if method == "random"
                       else query_metrics(grade, relevant, query[method].to_numpy(dtype=float)))
            records.append({"region": int(region), "year": int(year), "method": method, **metrics})
    table = pd.DataFrame.from_records(records, columns=["region", "year", "method", *METRICS])
    grouped = table.groupby(["region", "method"], sort=True)
    out = grouped[list(METRICS)].mean()
    out["n_queries"] = grouped["year"].size()
    return out.reset_index()


def summarise_methods(table: pd.DataFrame, regions: list[int]) -> dict:
    """``{method: {metric: {"mean", "ci", "n"}}}`` over ``regions`` (90% bootstrap CI)."""
    table = table.loc[table["region"].isin(regions)]
    return {method: {m: summarise(part[m].to_numpy(), n_boot=N_BOOT, seed=SEED) for m in METRICS}
            for method, part in table.groupby("method", sort=False)}


def paired_difference(table: pd.DataFrame, regions: list, model: str, baseline: str,
                      unit: str = "region", metrics: tuple[str, ...] = METRICS) -> dict:
    """Per metric, mean and 90% bootstrap CI of ``model − baseline`` paired by ``unit``
    (a region by default; ``regions`` lists the units kept)."""
    table = table.loc[table[unit].isin(regions)]
    out = {}
    for metric in metrics:
        wide = table.pivot(index=unit, columns="method", values=metric)
        out[metric] = summarise((wide[model] - wide[baseline]).to_numpy(), n_boot=N_BOOT, seed=SEED)
    return out


def best_baseline(summary: dict, metric: str = "ndcg@5") -> str:
    """The baseline with the highest mean ``metric`` in a :func:`summarise_methods` result."""
    return max(BASELINES, key=lambda b: summary[b][metric]["mean"])


def report(scores: pd.DataFrame, hosts: list[int]) -> dict:
    """Per target: summaries, best baseline and paired differences (model − best baseline,
    model − every baseline) for the evaluation hosts and for all regions."""
    every = sorted(int(r) for r in scores["region"].unique())
    out = {}
    for target in TARGETS:
        table = per_region(scores, target)
        out[target] = {}
        for name, regions in (("hosts", hosts), ("all", every)):
            summary = summarise_methods(table, regions)
            best = best_baseline(summary)
            out[target][name] = {
                "n_regions": len(set(regions) & set(table["region"])),
                "n_queries": int(table.loc[(table["method"] == "model") & table["region"].isin(regions),
                                           "n_queries"].sum()),
                "methods": summary, "best_baseline": best,
                "paired": paired_difference(table, regions, "model", best),
                "paired_all": {b: paired_difference(table, regions, "model", b)["ndcg@5"] for b in BASELINES}}
        out[target]["per_region"] = table.round(4).to_dict(orient="records")
    return out


def rolling_scores(frame: pd.DataFrame, years: tuple[int, ...] = ROLLING_YEARS,
                   configs: tuple[Config, ...] = CONFIGS) -> tuple[pd.DataFrame, dict]:
    """Nested rolling out-of-time scores and, per test year, the selection record.

    Returns
    -------
    (scores, selections)
        :func:`score_table` rows of every test transition (plus ``centred`` margins),
        and ``{year: {"config", "validation_years", "record"}}``.
    """
    parts, selections = [], {}
    for year in years:
        train = frame.loc[frame["year"] < year]
        inner = validation_years(train)
        choice = select_config(train, inner, configs)
        model = fit_ranker(train, choice.config)
        test = frame.loc[frame["year"] == year]
        margin = model.predict(test)
        parts.append(score_table(test, margin, train).assign(centred=margin - model.base_value))
        selections[int(year)] = {"config": choice.config.name, "validation_years": inner,
                                 "record": choice.record}
    return pd.concat(parts), selections


def blocked_cv_scores(frame: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Blocked leave-region-out CV: region r's query of transition t is scored by a model
    trained on the other regions' queries of the other transitions."""
    parts = []
    for year in sorted(frame["year"].unique()):
        for region in sorted(frame.loc[frame["year"] == year, "region"].unique()):
            train = frame.loc[(frame["region"] != region) & (frame["year"] != year)]
            held = frame.loc[(frame["region"] == region) & (frame["year"] == year)]
            parts.append(score_table(held, fit_ranker(train, config).predict(held), train))
    return pd.concat(parts)


def evaluation_hosts(frame: pd.DataFrame) -> list[int]:
    """Central and western provinces present in ``frame`` (the bars' region set)."""
    mask = frame["macro_region"].isin(EVALUATION_MACROS)
    return sorted(int(r) for r in frame.loc[mask, "region"].unique())


def target_check(rolling: dict, cv: dict, test: dict) -> dict:
    """The bars: rolling NDCG@5 ≥ :data:`TARGET_RATIO` × the best baseline with the paired CI
    above 0; blocked-CV paired CI above 0; on the 2012→2017 test not significantly worse
    than the best baseline (paired CI upper bound ≥ 0)."""
    def block(report_: dict) -> dict:
        hosts = report_["xgain"]["hosts"]
        best = hosts["best_baseline"]
        model, base = hosts["methods"]["model"]["ndcg@5"]["mean"], hosts["methods"][best]["ndcg@5"]["mean"]
        return {"best_baseline": best, "model": model, "baseline": base, "ratio": model / base,
                "paired_ci": hosts["paired"]["ndcg@5"]["ci"]}

    roll, blocked, single = block(rolling), block(cv), block(test)
    roll["met"] = bool(roll["ratio"] >= TARGET_RATIO and roll["paired_ci"][0] > 0)
    blocked["met"] = bool(blocked["paired_ci"][0] > 0)
    single["met"] = bool(single["paired_ci"][1] >= 0)
    return {"metric": "ndcg@5", "regions": "central + western", "required_ratio": TARGET_RATIO,
            "rolling": roll, "blocked_cv": blocked, "test": single,
            "met": bool(roll["met"] and blocked["met"] and single["met"])}


def evaluate(frame: pd.DataFrame | None = None, shipped: Config | None = None) -> dict:
    """The full evaluation (JSON-ready).

    Parameters
    ----------
    frame : DataFrame, optional
        :func:`models.training.assemble` output (default: the committed data).
    shipped : Config, optional
        The shipped model's configuration, used by the blocked CV (default: chosen
        by rolling validation on every transition, as ``hostfit train`` does).

    Returns
    -------
    dict
        ``methods`` / ``paired`` / ``best_baseline`` at the top level are the
        headline (xgain target, rolling protocol, central + western provinces);
        ``rolling``, ``blocked_cv`` and ``test`` hold the full reports.
    """
    frame = default_frame() if frame is None else frame
    hosts = evaluation_hosts(frame)
    if shipped is None:
        shipped = select_config(frame, validation_years(frame)).config
    rolled, selections = rolling_scores(frame)
    rolling = report(rolled, hosts)
    test = report(rolled.loc[rolled["year"] == TEST_YEAR], hosts)
    cv = report(blocked_cv_scores(frame, shipped), hosts)
    a, b = fit_calibration(rolled["centred"].to_numpy(), rolled["top_gainer"].to_numpy())
    headline = rolling["xgain"]["hosts"]
    train_rows = frame.loc[frame["year"] < max(ROLLING_YEARS) + 5]
    return {
        "protocols": {
            "rolling": [f"{y}-{y + 5}" for y in ROLLING_YEARS],
            "test": f"{TEST_YEAR}-{TEST_YEAR + 5}",
            "blocked_cv": sorted(f"{y}-{y + 5}" for y in frame["year"].unique()),
        },
        "hosts": {"macro_regions": list(EVALUATION_MACROS), "regions": hosts},
        "methods": headline["methods"],
        "best_baseline": headline["best_baseline"],
        "paired": {"baseline": headline["best_baseline"], **headline["paired"]},
        "targets": target_check(rolling, cv, test),
        "rolling": rolling, "blocked_cv": cv, "test": test,
        "selection": {str(y): s for y, s in selections.items()},
        "shipped_config": {"name": shipped.name, "description": shipped.description,
                           "params": shipped.params, "features": eligible_features(train_rows, shipped.features)},
        "calibration": {"a": a, "b": b, "source": "rolling out-of-time predictions, all regions",
                        "reliability": reliability(rolled["centred"].to_numpy(), rolled["top_gainer"].to_numpy(),
                                                   a, b).to_dict(orient="records")},
        "baselines": DESCRIPTIONS,
        "scored_baselines": list(SCORED_BASELINES),
        "settings": {"bootstrap_resamples": N_BOOT, "ci_level": 0.90, "seed": SEED},
    }
