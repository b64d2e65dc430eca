"""Honest evaluation: out-of-time backtest, leave-region-out CV, bootstrap CIs.

Every method — the model and each baseline — is a score column on the same
frame and goes through the same code: per query (region × year) metrics, averaged
per region, then over regions with a 90% bootstrap CI over regions. Queries
whose labels are all zero are dropped.

Targets:

* ``graded`` — NDCG@5/10 on the 0–4 share-change grade; P@5 and MAP with the
  top-5 realised gainers as the relevant set;
* ``activation`` — industries with RCA < 1 at t only; relevant = RCA ≥ 1 at t+5
  (NDCG, P@5 and MAP all on that binary label).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.baselines import BASELINES, baseline_scores
from models.metrics import query_metrics, summarise
from models.training import PARAMS, TEST_TRANSITION, default_frame, fit_ranker, model_features

METRICS = ("ndcg@5", "ndcg@10", "p@5", "map")
TARGETS = ("graded", "activation")
HOST_MACROS = ("Central", "West")
LABEL_KEEP = ["region", "industry", "year", "grade", "top_gainer", "activation"]
N_BOOT = 2000
SEED = 0


def _target_columns(frame: pd.DataFrame, target: str) -> tuple[pd.DataFrame, str, str]:
    if target == "graded":
        return frame, "grade", "top_gainer"
    if target == "activation":
        return frame.loc[frame["activation"].notna()], "activation", "activation"
    raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")


def per_region(frame: pd.DataFrame, methods: list[str], target: str = "graded") -> pd.DataFrame:
    """Metrics per region (mean over its queries) for every method.

    Parameters
    ----------
    frame : DataFrame
        Rows keyed by ``region, industry, year`` with the label columns and one
        score column per method.
    methods : list of str
        Score columns.
    target : {"graded", "activation"}

    Returns
    -------
    DataFrame
        Columns ``region, method, n_queries`` + :data:`METRICS`.
    """
    rows, grade_col, rel_col = _target_columns(frame, target)
    records = []
    for (year, region), query in rows.groupby(["year", "region"], sort=True):
        grade = query[grade_col].to_numpy(dtype=float)
        if not (grade > 0).any():
            continue
        relevant = query[rel_col].to_numpy(dtype=float)
        for method in methods:
            records.append({"region": region, "year": year, "method": method,
                            **query_metrics(grade, relevant, query[method].to_numpy(dtype=float))})
    table = pd.DataFrame.from_records(records)
    if table.empty:
        return pd.DataFrame(columns=["region", "method", "n_queries", *METRICS])
    out = table.groupby(["region", "method"], sort=True)[list(METRICS)].mean()
    out["n_queries"] = table.groupby(["region", "method"], sort=True)["year"].size()
    return out.reset_index()


def summarise_methods(table: pd.DataFrame, regions: list[int]) -> dict:
    """``{method: {metric: {"mean", "ci", "n"}}}`` over ``regions``."""
    table = table.loc[table["region"].isin(regions)]
    return {method: {m: summarise(part[m].to_numpy(), n_boot=N_BOOT, seed=SEED) for m in METRICS}
            for method, part in table.groupby("method", sort=False)}


def paired_difference(table: pd.DataFrame, regions: list[int], model: str, baseline: str) -> dict:
    """Per metric, mean and 90% bootstrap CI of ``model − baseline`` paired by region."""
    table = table.loc[table["region"].isin(regions)]
    wide = {m: table.pivot(index="region", columns="method", values=m) for m in METRICS}
    return {m: summarise((w[model] - w[baseline]).to_numpy(), n_boot=N_BOOT, seed=SEED)
            for m, w in wide.items()}


def best_baseline(summary: dict, metric: str = "ndcg@5") -> str:
    """The baseline with the highest mean ``metric`` in a :func:`summarise_methods` result."""
    return max(BASELINES, key=lambda b: summary[b][metric]["mean"])


def score_table(frame: pd.DataFrame, model_scores: np.ndarray) -> pd.DataFrame:
    """Keys and labels of ``frame`` with one score column per method (``model`` + baselines)."""
    table = frame[LABEL_KEEP].copy()
    table["model"] = model_scores
    return pd.concat([table, baseline_scores(frame, seed=SEED)], axis=1)


def backtest_scores(frame: pd.DataFrame, test_year: int, params: dict | None = None,
                    features: list[str] | None = None) -> pd.DataFrame:
    """Train on transitions starting before ``test_year``; score the ``test_year`` transition.

    Returns the test rows with a ``model`` score column and every baseline.
    """
    model = fit_ranker(frame.loc[frame["year"] < test_year], features=features, params=params)
    test = frame.loc[frame["year"] == test_year]
    return score_table(test, model.predict(test))


def leave_region_out_scores(frame: pd.DataFrame, params: dict | None = None,
                            features: list[str] | None = None) -> pd.DataFrame:
    """Leave-one-region-out CV over the rows of ``frame``: each region's queries are
    scored by a model trained on all the other regions' queries (same transitions)."""
    scores = pd.Series(np.nan, index=frame.index)
    for region in sorted(frame["region"].unique()):
        held = frame["region"] == region
        model = fit_ranker(frame.loc[~held], features=features, params=params)
        scores[held] = model.predict(frame.loc[held])
    return score_table(frame, scores.to_numpy())


def host_regions(frame: pd.DataFrame, inputs_regions: pd.DataFrame) -> list[int]:
    """Central and western provinces present in ``frame``."""
    hosts = inputs_regions.loc[inputs_regions["macro_region"].isin(HOST_MACROS), "region"].astype(int)
    return sorted(set(hosts) & set(frame["region"].astype(int)))
