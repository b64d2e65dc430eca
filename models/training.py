"""Training-set assembly, hyper-parameter selection and model fitting.

A row = (region, industry, t): features from ``build_features(inputs, t)`` (data
≤ t only), complexity terms of year t for the Atlas baseline, and the labels of
the transition ``t → t+5`` from :mod:`models.labels` (IO at t+5 only).

Hyper-parameters are chosen among :data:`VARIANTS` by time-series validation on
the transitions *before* the test transition only: train on 1997→2002 and
validate on 2002→2007; train on 1997→2002 + 2002→2007 and validate on
2007→2012. The 2012→2017 transition is never seen by the selection.

Feature sets of the variants: :data:`BASE_FEATURES` (the first release's 41),
without the :data:`INDUSTRY_LEVEL` ones, and with the convergence, transfer-fit and
within-region-rank groups (:mod:`features.convergence`, :mod:`features.transfer`,
:mod:`features.relative`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from features import convergence, relative, transfer
from features.build import build_panel
from features.catalogue import feature_names
from features.inputs import FeatureInputs, io_wide, load_inputs
from models.complexity import complexity_frame
from models.labels import TRAINING_LABELS, build_labels, transitions
from models.metrics import ndcg_at_k
from models.ranker import HostfitRanker

KEYS = ["region", "industry", "year"]
QUERY = ["year", "region"]
TEST_YEAR = 2012
VALIDATION_YEARS = (2002, 2007)
HOST_MACROS = ("Central", "West")

_NAIVE = {"n_estimators": 100, "learning_rate": 0.1, "num_leaves": 31, "min_child_samples": 20,
          "reg_lambda": 0.0}
_NL8 = {"n_estimators": 200, "learning_rate": 0.05, "num_leaves": 8, "min_child_samples": 20,
        "reg_lambda": 5.0, "colsample_bytree": 0.7}
_CHAIN_MONOTONE = {"density": 1, "upstream_presence": 1, "downstream_presence": 1, "upstream_depth": 1}
NAIVE_FEATURES = ("rca", "national_share", "density", "share_change_prev", "national_growth",
                  "upstream_presence", "labour_cost_ratio")
#: Features identical in every region (one value per industry and year): within a query
#: they act as industry × period effects, which the ranker can memorise from past periods.
INDUSTRY_LEVEL = ("co2_intensity", "east_share", "east_share_trend", "east_cost_gap", "national_growth")
_NEW_GROUPS = convergence.FEATURES + transfer.FEATURES + relative.FEATURES
BASE_FEATURES = tuple(f for f in feature_names() if f not in _NEW_GROUPS)
NO_INDUSTRY_LEVEL = tuple(f for f in BASE_FEATURES if f not in INDUSTRY_LEVEL)


@dataclass(frozen=True)
class Variant:
    """A candidate configuration: ranker parameters, features and training label.

    ``label`` is the column trained on (one of :data:`models.labels.TRAINING_LABELS`);
    every variant is validated and evaluated on ``grade``.
    """

    name: str
    description: str
    params: dict = field(default_factory=dict)
    features: tuple[str, ...] | None = None
    label: str = "grade"

    def __post_init__(self) -> None:
        if self.label not in TRAINING_LABELS:
            raise ValueError(f"variant {self.name!r}: unknown label {self.label!r}; expected {TRAINING_LABELS}")

    def feature_list(self) -> list[str]:
        """The variant's features (all catalogue features when unrestricted)."""
        return model_features() if self.features is None else list(self.features)


_BASE = "all 41 base features"
_LONG = {**_NL8, "n_estimators": 400}
_NO_IND = "base features without the industry-level ones"
_CONV = convergence.FEATURES
_TRANSFER = transfer.FEATURES
_RELATIVE = relative.FEATURES

VARIANTS: tuple[Variant, ...] = (
    Variant("naive7", "7 features, LightGBM defaults (31 leaves, 100 rounds, lr 0.1)", _NAIVE,
            NAIVE_FEATURES),
    Variant("all_default", f"{_BASE}, LightGBM defaults", _NAIVE, BASE_FEATURES),
    Variant("all_stumps", f"{_BASE}, 2-leaf stumps, 100 rounds, lr 0.05",
            {"n_estimators": 100, "learning_rate": 0.05, "num_leaves": 2, "min_child_samples": 30,
             "reg_lambda": 5.0, "colsample_bytree": 0.7}, BASE_FEATURES),
    Variant("all_shallow", f"{_BASE}, 4 leaves, ≥30 rows/leaf, 150 rounds, lr 0.03",
            {"n_estimators": 150, "learning_rate": 0.03, "num_leaves": 4, "min_child_samples": 30,
             "reg_lambda": 5.0, "colsample_bytree": 0.7}, BASE_FEATURES),
    Variant("all_nl8", f"{_BASE}, 8 leaves, ≥20 rows/leaf, 200 rounds, lr 0.05, 70% features/tree", _NL8,
            BASE_FEATURES),
    Variant("all_nl8_allcols", "as all_nl8 with every feature in every tree", {**_NL8, "colsample_bytree": 1.0},
            BASE_FEATURES),
    Variant("all_nl8_long", "as all_nl8 with 400 rounds", _LONG, BASE_FEATURES),
    Variant("all_nl16", "as all_nl8 with 16 leaves", {**_NL8, "num_leaves": 16}, BASE_FEATURES),
    Variant("all_nl8_monotone", "as all_nl8, score non-decreasing in density and chain presence",
            {**_NL8, "monotone": _CHAIN_MONOTONE}, BASE_FEATURES),
    Variant("all_nl8_top10", "as all_nl8, LambdaRank truncated at rank 10", {**_NL8, "truncation_level": 10},
            BASE_FEATURES),
    Variant("noind_nl8", f"as all_nl8, {_NO_IND} ({', '.join(INDUSTRY_LEVEL)})", _NL8, NO_INDUSTRY_LEVEL),
    Variant("noind_nl8_long", "as noind_nl8 with 400 rounds", _LONG, NO_INDUSTRY_LEVEL),
    Variant("noind_conv_nl8", "as noind_nl8 + convergence (share gap, earlier and 10-year share change)", _NL8,
            NO_INDUSTRY_LEVEL + _CONV),
    Variant("noind_conv_nl8_long", "as noind_conv_nl8 with 400 rounds", _LONG, NO_INDUSTRY_LEVEL + _CONV),
    Variant("noind_transfer_nl8", "as noind_nl8 + eastern exit × cost advantage / × regional growth", _NL8,
            NO_INDUSTRY_LEVEL + _TRANSFER),
    Variant("noind_transfer_nl8_long", "as noind_transfer_nl8 with 400 rounds", _LONG,
            NO_INDUSTRY_LEVEL + _TRANSFER),
    Variant("noind_conv_transfer_nl8", "as noind_nl8 + convergence + transfer fit", _NL8,
            NO_INDUSTRY_LEVEL + _CONV + _TRANSFER),
    Variant("noind_relative_nl8", "as noind_nl8 + within-region percentile ranks", _NL8,
            NO_INDUSTRY_LEVEL + _RELATIVE),
    Variant("all_relative_nl8", "as all_nl8 + within-region percentile ranks", _NL8, BASE_FEATURES + _RELATIVE),
    Variant("all_relative_nl8_long", "as all_relative_nl8 with 400 rounds", _LONG, BASE_FEATURES + _RELATIVE),
    Variant("all_conv_transfer_nl8", "as all_nl8 + convergence + transfer fit", _NL8,
            BASE_FEATURES + _CONV + _TRANSFER),
    Variant("every_nl8", "every catalogue feature (base, convergence, transfer fit, ranks), as all_nl8", _NL8),
    Variant("noind_nl8_fine", "as noind_nl8, trained on the 0–10 decile grade of gainers", _NL8,
            NO_INDUSTRY_LEVEL, "grade_fine"),
    Variant("noind_nl8_rca", "as noind_nl8, trained on the 0–4 grade of the RCA change", _NL8,
            NO_INDUSTRY_LEVEL, "rca_grade"),
)


@lru_cache(maxsize=1)
def _default_frame() -> pd.DataFrame:
    return assemble(load_inputs())


def default_frame() -> pd.DataFrame:
    """:func:`assemble` on the committed curated data (cached per process; a copy)."""
    return _default_frame().copy()


def assemble(inputs: FeatureInputs, pairs: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Features, complexity terms and labels of every transition, one row per (region, industry, t).

    Parameters
    ----------
    inputs : FeatureInputs
        Curated inputs.
    pairs : list of (t, t+5), optional
        Transitions (default: every consecutive IO benchmark pair).

    Returns
    -------
    DataFrame
        Sorted by ``year, region, industry`` (so rows of a query are contiguous).
    """
    pairs = transitions(inputs) if pairs is None else pairs
    years = sorted({t for t, _ in pairs})
    features = build_panel(inputs, years)
    complexity = pd.concat([complexity_frame(io_wide(inputs, t), t) for t in years], ignore_index=True)
    labels = build_labels(inputs, pairs)
    frame = labels.merge(features, on=KEYS, how="left").merge(complexity, on=KEYS, how="left")
    frame = frame.merge(inputs.regions[["region", "macro_region"]], on="region", how="left")
    return frame.sort_values(QUERY + ["industry"]).reset_index(drop=True)


def model_features() -> list[str]:
    """Every catalogue feature, in catalogue order."""
    return feature_names()


def host_regions(frame: pd.DataFrame) -> list[int]:
    """Central and western provinces (the hosts) present in ``frame``."""
    return sorted(int(r) for r in frame.loc[frame["macro_region"].isin(HOST_MACROS), "region"].unique())


def query_sizes(frame: pd.DataFrame) -> np.ndarray:
    """Sizes of the contiguous (year, region) queries of a frame sorted by query."""
    keys = frame["year"].astype(np.int64) * 1_000_000 + frame["region"].astype(np.int64)
    change = np.flatnonzero(np.diff(keys.to_numpy())) + 1
    return np.diff(np.concatenate([[0], change, [len(frame)]]))


def fit_ranker(frame: pd.DataFrame, variant: Variant) -> HostfitRanker:
    """Fit a :class:`HostfitRanker` of ``variant`` on its training label in ``frame``.

    Queries whose labels are all zero carry no ranking signal and are dropped.
    """
    frame = frame.sort_values(QUERY + ["industry"])
    frame = frame.loc[frame.groupby(QUERY)[variant.label].transform("max") > 0]
    ranker = HostfitRanker(**variant.params)
    return ranker.fit(frame[variant.feature_list()], frame[variant.label].to_numpy(), group=query_sizes(frame))


def _mean_region_ndcg(frame: pd.DataFrame, scores: np.ndarray, regions: list[int], k: int = 5) -> float:
    scored = frame.assign(_score=scores)
    per_query = [(region, ndcg_at_k(q["grade"].to_numpy(), q["_score"].to_numpy(), k))
                 for (_, region), q in scored.groupby(QUERY) if region in regions]
    table = pd.DataFrame(per_query, columns=["region", "ndcg"]).dropna()
    return float(table.groupby("region")["ndcg"].mean().mean())


def validation_predictions(frame: pd.DataFrame, variant: Variant) -> pd.DataFrame:
    """Rows of the :data:`VALIDATION_YEARS` transitions with a ``prediction`` column, each
    transition scored by a model of ``variant`` trained on the transitions before it."""
    parts = []
    for year in VALIDATION_YEARS:
        model = fit_ranker(frame.loc[frame["year"] < year], variant)
        held = frame.loc[frame["year"] == year]
        parts.append(held.assign(prediction=model.predict(held)))
    return pd.concat(parts)


def validation_summary(held: pd.DataFrame, scores: np.ndarray) -> dict[str, float]:
    """Validation NDCG@5 of ``scores`` on ``held`` rows: hosts, all regions, and their mean."""
    hosts = _mean_region_ndcg(held, scores, host_regions(held))
    every = _mean_region_ndcg(held, scores, sorted(held["region"].unique()))
    return {"ndcg@5_hosts": hosts, "ndcg@5_all": every, "score": (hosts + every) / 2}


def validation_scores(frame: pd.DataFrame, variant: Variant) -> dict[str, float]:
    """Time-series validation NDCG@5 of ``variant`` (see :func:`validation_summary`)."""
    held = validation_predictions(frame, variant)
    return validation_summary(held, held["prediction"].to_numpy())


def select_variant(frame: pd.DataFrame | None = None) -> tuple[Variant, list[dict]]:
    """The variant with the best validation score, and the validation record of all variants.

    Only transitions starting before :data:`TEST_YEAR` are used.
    """
    frame = default_frame() if frame is None else frame
    frame = frame.loc[frame["year"] < TEST_YEAR]
    record = [{"variant": v.name, "description": v.description, **validation_scores(frame, v)}
              for v in VARIANTS]
    best = max(range(len(VARIANTS)), key=lambda i: record[i]["score"])
    for i, row in enumerate(record):
        row["selected"] = i == best
    return VARIANTS[best], record


def train_model(frame: pd.DataFrame, variant: Variant, last_year: int | None = None) -> HostfitRanker:
    """Train ``variant`` on the transitions starting at or before ``last_year``.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`assemble`.
    variant : Variant
        Configuration (usually from :func:`select_variant`).
    last_year : int, optional
        Latest start year of a training transition; default all transitions (the
        model that scores "now"). The backtest uses 2007 (transitions ending ≤ 2012).
    """
    if last_year is not None:
        frame = frame.loc[frame["year"] <= last_year]
    return fit_ranker(frame, variant)
