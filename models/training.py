"""Training-set assembly and model fitting.

A row = (region, industry, t): features from ``build_features(inputs, t)`` (data
≤ t only), complexity terms of year t for the Atlas baseline, and the labels of
the transition ``t → t+5`` from :mod:`models.labels` (IO at t+5 only).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from features.build import build_panel
from features.catalogue import feature_names
from features.inputs import FeatureInputs, io_wide, load_inputs
from models.complexity import complexity_frame
from models.labels import build_labels, transitions
from models.ranker import HostfitRanker

KEYS = ["region", "industry", "year"]
TEST_TRANSITION = (2012, 2017)

#: Hyper-parameters of the shipped ranker, chosen by the time-series validation in
#: :func:`models.evaluation.validation_scores` (never on the 2012→2017 test).
PARAMS: dict = {"n_estimators": 150, "learning_rate": 0.03, "num_leaves": 4, "min_child_samples": 30,
                "reg_lambda": 5.0, "colsample_bytree": 0.7, "subsample": 1.0}


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
    return frame.sort_values(["year", "region", "industry"]).reset_index(drop=True)


def model_features() -> list[str]:
    """The ranker's inputs: every catalogue feature, in catalogue order."""
    return feature_names()


def query_sizes(frame: pd.DataFrame) -> np.ndarray:
    """Sizes of the contiguous (year, region) queries of a frame sorted by query."""
    keys = frame["year"].astype(np.int64) * 1_000_000 + frame["region"].astype(np.int64)
    change = np.flatnonzero(np.diff(keys.to_numpy())) + 1
    return np.diff(np.concatenate([[0], change, [len(frame)]]))


def fit_ranker(frame: pd.DataFrame, features: list[str] | None = None, params: dict | None = None,
               ) -> HostfitRanker:
    """Fit a :class:`HostfitRanker` on the graded labels of ``frame``.

    Queries whose labels are all zero carry no ranking signal and are dropped.
    """
    features = model_features() if features is None else features
    frame = frame.sort_values(["year", "region", "industry"])
    frame = frame.loc[frame.groupby(["year", "region"])["grade"].transform("max") > 0]
    ranker = HostfitRanker(**(PARAMS if params is None else params))
    return ranker.fit(frame[features], frame["grade"].to_numpy(), group=query_sizes(frame))


def train_model(frame: pd.DataFrame | None = None, last_year: int | None = None,
                params: dict | None = None) -> HostfitRanker:
    """Train the ranker on the transitions starting at or before ``last_year``.

    Parameters
    ----------
    frame : DataFrame, optional
        Output of :func:`assemble` (default: :func:`default_frame`).
    last_year : int, optional
        Latest start year of a training transition; default all transitions (the
        model used to score "now"). The evaluation uses ``2007`` (transitions ending ≤ 2012).
    params : dict, optional
        Ranker hyper-parameters (default :data:`PARAMS`).
    """
    frame = default_frame() if frame is None else frame
    if last_year is not None:
        frame = frame.loc[frame["year"] <= last_year]
    return fit_ranker(frame, params=params)
