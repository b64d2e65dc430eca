"""Honest evaluation: out-of-time backtest, leave-region-out CV, bootstrap CIs.

Every method — the model and each baseline — is a score column on the same
frame and goes through the same code: metrics per query (region × year), averaged
per region, then over regions with a 90% bootstrap CI over regions. Queries
whose labels are all zero are dropped.

Targets:

* ``graded`` — NDCG@5/10 on the 0–4 share-change grade; P@5 and MAP with the
  top-5 realised gainers as the relevant set;
* ``activation`` — industries with RCA < 1 at t only; relevant = RCA ≥ 1 at t+5
  (NDCG, P@5 and MAP all on that binary label).

The backtest model is trained on transitions ending ≤ 2012 and tested on
2012→2017; the CV scores each region's training-transition queries with a model
fitted on the other regions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import load_table
from models.baselines import BASELINES, baseline_scores
from models.metrics import query_metrics, summarise
from models.training import (QUERY, TEST_YEAR, Variant, default_frame, fit_ranker, host_regions,
                             select_variant, validation_predictions, validation_summary)

METRICS = ("ndcg@5", "ndcg@10", "p@5", "map")
TARGETS = ("graded", "activation")
METHODS = ("model", *BASELINES)
LABEL_KEEP = ["region", "industry", "year", "share_change", "grade", "top_gainer", "activation"]
TARGET_RATIO = 1.10
BLEND_WEIGHTS = (0.25, 0.5, 1.0)
#: Baselines tried as blend partners of the model: name → score column.
BLEND_BASELINES = {"density": "density", "persistence": "rca"}
N_BOOT = 2000
SEED = 0


def _target_columns(frame: pd.DataFrame, target: str) -> tuple[pd.DataFrame, str, str]:
    if target == "graded":
        return frame, "grade", "top_gainer"
    if target == "activation":
        return frame.loc[frame["activation"].notna()], "activation", "activation"
    raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")


def per_region(scores: pd.DataFrame, target: str = "graded", methods: tuple[str, ...] = METHODS,
               ) -> pd.DataFrame:
    """Metrics per region (mean over its queries) for every method.

    Parameters
    ----------
    scores : DataFrame
        :func:`score_table` output: keys, labels and one score column per method.
    target : {"graded", "activation"}
    methods : tuple of str
        Score columns to evaluate.

    Returns
    -------
    DataFrame
        Columns ``region, method, n_queries`` + :data:`METRICS`.
    """
    rows, grade_col, rel_col = _target_columns(scores, target)
    records = []
    for (year, region), query in rows.groupby(QUERY, sort=True):
        grade = query[grade_col].to_numpy(dtype=float)
        if not (grade > 0).any():
            continue
        relevant = query[rel_col].to_numpy(dtype=float)
        for method in methods:
            records.append({"region": int(region), "year": int(year), "method": method,
                            **query_metrics(grade, relevant, query[method].to_numpy(dtype=float))})
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


def paired_difference(table: pd.DataFrame, regions: list[int], model: str, baseline: str) -> dict:
    """Per metric, mean and 90% bootstrap CI of ``model − baseline`` paired by region."""
    table = table.loc[table["region"].isin(regions)]
    out = {}
    for metric in METRICS:
        wide = table.pivot(index="region", columns="method", values=metric)
        out[metric] = summarise((wide[model] - wide[baseline]).to_numpy(), n_boot=N_BOOT, seed=SEED)
    return out


def best_baseline(summary: dict, metric: str = "ndcg@5") -> str:
    """The baseline with the highest mean ``metric`` in a :func:`summarise_methods` result."""
    return max(BASELINES, key=lambda b: summary[b][metric]["mean"])


def score_table(frame: pd.DataFrame, model_scores: np.ndarray) -> pd.DataFrame:
    """Keys and labels of ``frame`` with one score column per method (``model`` + baselines)."""
    table = frame[LABEL_KEEP].copy()
    table["model"] = np.asarray(model_scores, dtype=float)
    return pd.concat([table, baseline_scores(frame, seed=SEED)], axis=1)


def backtest_scores(frame: pd.DataFrame, variant: Variant, test_year: int = TEST_YEAR) -> pd.DataFrame:
    """Train on transitions starting before ``test_year``; score the ``test_year`` transition."""
    model = fit_ranker(frame.loc[frame["year"] < test_year], variant)
    test = frame.loc[frame["year"] == test_year]
    return score_table(test, model.predict(test))


def leave_region_out_scores(frame: pd.DataFrame, variant: Variant) -> pd.DataFrame:
    """Leave-one-region-out CV: each region's queries are scored by a model trained on
    every other region's queries of the same transitions."""
    scores = np.full(len(frame), np.nan)
    for region in sorted(frame["region"].unique()):
        held = (frame["region"] == region).to_numpy()
        scores[held] = fit_ranker(frame.loc[~held], variant).predict(frame.loc[held])
    return score_table(frame, scores)


def report(scores: pd.DataFrame, hosts: list[int]) -> dict:
    """Summaries, best baseline and paired difference for both targets, hosts and all regions."""
    every = sorted(int(r) for r in scores["region"].unique())
    out = {}
    for target in TARGETS:
        table = per_region(scores, target)
        out[target] = {}
        for name, regions in (("hosts", hosts), ("all", every)):
            summary = summarise_methods(table, regions)
            best = best_baseline(summary)
            out[target][name] = {"n_regions": len(set(regions) & set(table["region"])),
                                 "methods": summary, "best_baseline": best,
                                 "paired": paired_difference(table, regions, "model", best)}
        out[target]["per_region"] = table.round(4).to_dict(orient="records")
    return out


def big_jumps(scores: pd.DataFrame, hosts: list[int], top: int = 20) -> list[dict]:
    """The largest share gains of host regions and where the model and density ranked them.

    Ranks are within the region-query (1 = recommended first); ``caught`` = in the top 5.
    """
    ranked = scores.copy()
    for method in ("model", "density"):
        ranked[f"rank_{method}"] = ranked.groupby(QUERY)[method].rank(ascending=False, method="first")
    jumps = ranked.loc[ranked["region"].isin(hosts)].nlargest(top, "share_change")
    region_name = load_table("regions").set_index("region")["name_en"]
    industry_name = load_table("industries").set_index("industry")["name_en"]
    return [{"region": int(r.region), "region_name": region_name[r.region], "industry": r.industry,
             "industry_name": industry_name[r.industry], "transition": f"{r.year}-{r.year + 5}",
             "share_change": round(float(r.share_change), 3), "rank_model": int(r.rank_model),
             "rank_density": int(r.rank_density), "caught_model": bool(r.rank_model <= 5),
             "caught_density": bool(r.rank_density <= 5)} for r in jumps.itertuples()]


def _z_within_query(frame: pd.DataFrame, values: np.ndarray) -> np.ndarray:
    series = pd.Series(np.asarray(values, dtype=float), index=frame.index)
    grouped = series.groupby([frame["year"], frame["region"]])
    return ((series - grouped.transform("mean")) / grouped.transform("std")).fillna(0.0).to_numpy()


def blend_validation(frame: pd.DataFrame, variant: Variant) -> list[dict]:
    """Validation scores of ``z(model) + w·z(baseline)`` blends (z within query) with the
    density and persistence (RCA) baselines, to check whether leaning on them helps; same
    folds as the variant selection."""
    held = validation_predictions(frame.loc[frame["year"] < TEST_YEAR], variant)
    model = _z_within_query(held, held["prediction"].to_numpy())
    rows = []
    for name, column in BLEND_BASELINES.items():
        base = _z_within_query(held, held[column].to_numpy())
        rows += [{"variant": f"{variant.name}+{name}×{w}", "description": f"z(model) + {w}·z({name}) "
                  "within each query", **validation_summary(held, model + w * base), "selected": False}
                 for w in BLEND_WEIGHTS]
    return rows


def target_check(test_report: dict) -> dict:
    """Did the model reach ``TARGET_RATIO`` × the best baseline's NDCG@5 on the test hosts,
    with the paired CI above zero?"""
    hosts = test_report["graded"]["hosts"]
    best = hosts["best_baseline"]
    model_mean = hosts["methods"]["model"]["ndcg@5"]["mean"]
    best_mean = hosts["methods"][best]["ndcg@5"]["mean"]
    low = hosts["paired"]["ndcg@5"]["ci"][0]
    return {"metric": "ndcg@5", "regions": "hosts", "best_baseline": best, "model": model_mean,
            "baseline": best_mean, "ratio": model_mean / best_mean, "required_ratio": TARGET_RATIO,
            "paired_ci_low": low, "met": bool(model_mean >= TARGET_RATIO * best_mean and low > 0)}


def evaluate(frame: pd.DataFrame | None = None) -> dict:
    """The full evaluation: variant selection record, backtest, CV and target check.

    Parameters
    ----------
    frame : DataFrame, optional
        :func:`models.training.assemble` output (default: the committed data).

    Returns
    -------
    dict
        JSON-ready; ``methods`` / ``paired`` at the top level are the headline
        (graded target, 2012→2017 test, central + western hosts).
    """
    frame = default_frame() if frame is None else frame
    variant, validation = select_variant(frame)
    hosts = host_regions(frame)
    train = frame.loc[frame["year"] < TEST_YEAR]
    test = report(backtest_scores(frame, variant), hosts)
    cv_scores = leave_region_out_scores(train, variant)
    cv = report(cv_scores, hosts)
    headline = test["graded"]["hosts"]
    train_years = sorted(int(y) for y in train["year"].unique())
    return {
        "test_transition": f"{TEST_YEAR}-{TEST_YEAR + 5}",
        "train_transitions": [f"{y}-{y + 5}" for y in train_years],
        "hosts": {"macro_regions": ["Central", "West"], "regions": hosts},
        "methods": headline["methods"],
        "best_baseline": headline["best_baseline"],
        "paired": {"baseline": headline["best_baseline"], **headline["paired"]},
        "target": target_check(test),
        "selected_variant": {"name": variant.name, "description": variant.description,
                             "params": variant.params, "features": variant.feature_list(),
                             "label": variant.label},
        "validation": validation + blend_validation(frame, variant),
        "test": test,
        "cv": cv,
        "big_jumps_cv": big_jumps(cv_scores, hosts),
        "settings": {"bootstrap_resamples": N_BOOT, "ci_level": 0.90, "seed": SEED},
    }
