"""A scikit-learn-style wrapper around LightGBM LambdaRank.

One query = one region in one year; its items are the candidate industries.
Training is deterministic: fixed seeds, ``deterministic=True``, ``force_row_wise``
and a fixed thread count, so refitting on the same data gives identical trees.
"""

from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator


class HostfitRanker(BaseEstimator):
    """LambdaRank gradient-boosted trees over (region, industry) feature rows.

    Parameters
    ----------
    n_estimators : int
        Boosting rounds.
    learning_rate : float
        Shrinkage.
    num_leaves : int
        Maximum leaves per tree.
    min_child_samples : int
        Minimum rows per leaf.
    reg_lambda : float
        L2 regularisation of leaf values.
    colsample_bytree : float
        Fraction of features tried per tree (seeded).
    subsample : float
        Fraction of queries' rows bagged per iteration (1.0 = no bagging; seeded).
    monotone : dict or None
        Feature name → +1 / −1 monotone constraint (others unconstrained).
    truncation_level : int
        LambdaRank truncation: pairs beyond this rank are not optimised.
    random_state : int
        Seed of every random stream in LightGBM.
    num_threads : int
        Threads; fixed for reproducibility.
    """

    def __init__(self, n_estimators: int = 200, learning_rate: float = 0.05, num_leaves: int = 7,
                 min_child_samples: int = 20, reg_lambda: float = 1.0, colsample_bytree: float = 1.0,
                 subsample: float = 1.0, monotone: dict[str, int] | None = None,
                 truncation_level: int = 24, random_state: int = 0, num_threads: int = 1) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.reg_lambda = reg_lambda
        self.colsample_bytree = colsample_bytree
        self.subsample = subsample
        self.monotone = monotone
        self.truncation_level = truncation_level
        self.random_state = random_state
        self.num_threads = num_threads

    def lgb_params(self, feature_names: list[str]) -> dict:
        """The LightGBM parameter dict for ``feature_names``."""
        monotone = self.monotone or {}
        unknown = set(monotone) - set(feature_names)
        if unknown:
            raise ValueError(f"monotone constraints on unknown features: {sorted(unknown)}")
        seed = self.random_state
        return {
            "objective": "lambdarank", "metric": "ndcg", "eval_at": [5, 10],
            "learning_rate": self.learning_rate, "num_leaves": self.num_leaves,
            "min_data_in_leaf": self.min_child_samples, "lambda_l2": self.reg_lambda,
            "feature_fraction": self.colsample_bytree, "bagging_fraction": self.subsample,
            "bagging_freq": 1 if self.subsample < 1 else 0,
            "lambdarank_truncation_level": self.truncation_level,
            "monotone_constraints": [int(monotone.get(f, 0)) for f in feature_names],
            "monotone_constraints_method": "basic",
            "min_data_in_bin": 1, "feature_pre_filter": False,
            "deterministic": True, "force_row_wise": True, "num_threads": self.num_threads,
            "seed": seed, "bagging_seed": seed, "feature_fraction_seed": seed, "data_random_seed": seed,
            "verbosity": -1,
        }

    def fit(self, X: pd.DataFrame, y: np.ndarray, group: np.ndarray) -> "HostfitRanker":
        """Fit on rows sorted by query.

        Parameters
        ----------
        X : DataFrame
            Feature columns (their names become ``feature_names_in_``).
        y : array of int
            Graded relevance per row.
        group : array of int
            Query sizes, in row order (LightGBM convention); they must sum to ``len(X)``.
        """
        group = np.asarray(group, dtype=int)
        if group.sum() != len(X):
            raise ValueError(f"group sizes sum to {group.sum()}, but X has {len(X)} rows")
        names = [str(c) for c in X.columns]
        params = self.lgb_params(names)
        data = lgb.Dataset(X.to_numpy(dtype=float), label=np.asarray(y), group=group,
                           feature_name=names, params=params, free_raw_data=True)
        self.booster_ = lgb.train(params, data, num_boost_round=self.n_estimators)
        self.feature_names_in_ = np.asarray(names, dtype=object)
        self.n_features_in_ = len(names)
        return self

    @classmethod
    def from_booster(cls, booster: lgb.Booster, **params) -> "HostfitRanker":
        """A fitted ranker around an existing booster (e.g. loaded from text)."""
        ranker = cls(**params)
        ranker.booster_ = booster
        ranker.feature_names_in_ = np.asarray(booster.feature_name(), dtype=object)
        ranker.n_features_in_ = len(ranker.feature_names_in_)
        return ranker

    def _matrix(self, X: pd.DataFrame) -> np.ndarray:
        missing = [f for f in self.feature_names_in_ if f not in X.columns]
        if missing:
            raise ValueError(f"X lacks features the ranker was trained on: {missing}")
        return X[list(self.feature_names_in_)].to_numpy(dtype=float)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Scores (comparable only within a query; higher = better)."""
        return self.booster_.predict(self._matrix(X), num_threads=self.num_threads)

    def predict_contrib(self, X: pd.DataFrame) -> np.ndarray:
        """LightGBM ``pred_contrib``: per-feature contributions plus the base value (last column)."""
        return self.booster_.predict(self._matrix(X), pred_contrib=True, num_threads=self.num_threads)
