"""A scikit-learn-style LightGBM LambdaRank ranker: seed-averaged trees over a linear prior.

One query = one region in one year; its items are the candidate industries. The
score of a row is

``margin = Σ_f prior_f · x_f + mean over seeds of the trees' output``

The optional linear ``prior`` (feature → weight) is a rule the trees refine: it is
passed to LightGBM as the initial score, so the trees learn what the rule misses.
Averaging boosters trained with different seeds (feature subsampling differs)
lowers the variance a small training set gives a single booster; the average is
stored as one merged LightGBM model (:mod:`models.ensemble`).

Training is deterministic: fixed seeds, ``deterministic=True``, ``force_row_wise``
and a fixed thread count, so refitting on the same data gives identical trees.
"""

from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from models.ensemble import merge_models


class HostfitRanker(BaseEstimator):
    """Seed-averaged LambdaRank trees over (region, industry) feature rows.

    Parameters
    ----------
    n_estimators : int
        Boosting rounds per seed.
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
    monotone : dict or None
        Feature name → +1 / −1 monotone constraint (others unconstrained).
    truncation_level : int
        LambdaRank truncation: pairs beyond this rank are not optimised.
    prior : dict or None
        Feature name → weight of a linear prior score the trees start from.
    n_seeds : int
        Boosters averaged (seeds ``random_state … random_state + n_seeds − 1``).
    random_state : int
        First seed of every random stream in LightGBM.
    num_threads : int
        Threads; fixed for reproducibility.
    """

    def __init__(self, n_estimators: int = 150, learning_rate: float = 0.05, num_leaves: int = 4,
                 min_child_samples: int = 30, reg_lambda: float = 10.0, colsample_bytree: float = 0.7,
                 monotone: dict[str, int] | None = None, truncation_level: int = 16,
                 prior: dict[str, float] | None = None, n_seeds: int = 5, random_state: int = 0,
                 num_threads: int = 1) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.reg_lambda = reg_lambda
        self.colsample_bytree = colsample_bytree
        self.monotone = monotone
        self.truncation_level = truncation_level
        self.prior = prior
        self.n_seeds = n_seeds
        self.random_state = random_state
        self.num_threads = num_threads

    def lgb_params(self, feature_names: list[str], seed: int) -> dict:
        """The LightGBM parameter dict for ``feature_names`` and one ``seed``."""
        monotone = self.monotone or {}
        unknown = set(monotone) - set(feature_names)
        if unknown:
            raise ValueError(f"monotone constraints on unknown features: {sorted(unknown)}")
        return {
            "objective": "lambdarank", "metric": "ndcg", "eval_at": [5, 10],
            "learning_rate": self.learning_rate, "num_leaves": self.num_leaves,
            "min_data_in_leaf": self.min_child_samples, "lambda_l2": self.reg_lambda,
            "feature_fraction": self.colsample_bytree,
            "lambdarank_truncation_level": self.truncation_level,
            "monotone_constraints": [int(monotone.get(f, 0)) for f in feature_names],
            "monotone_constraints_method": "basic",
            "min_data_in_bin": 1, "feature_pre_filter": False,
            "deterministic": True, "force_row_wise": True, "num_threads": self.num_threads,
            "seed": seed, "bagging_seed": seed, "feature_fraction_seed": seed, "data_random_seed": seed,
            "verbosity": -1,
        }

    def _prior_terms(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Rows × prior features: ``weight · (x − training mean)`` (missing x → 0)."""
        if not self.prior_weights_:
            return np.zeros((len(X), 0))
        names = list(self.prior_weights_)
        if isinstance(X, pd.DataFrame):
            values = X[names].to_numpy(dtype=float)
        else:
            order = list(self.feature_names_in_)
            values = np.asarray(X, dtype=float)[:, [order.index(n) for n in names]]
        means = np.array([self.prior_means_[n] for n in names])
        weights = np.array([self.prior_weights_[n] for n in names])
        centred = np.where(np.isnan(values), 0.0, values - means)
        return centred * weights

    def fit(self, X: pd.DataFrame, y: np.ndarray, group: np.ndarray) -> "HostfitRanker":
        """Fit on rows sorted by query.

        Parameters
        ----------
        X : DataFrame
            Feature columns (their names become ``feature_names_in_``); prior features
            must be among them.
        y : array of int
            Graded relevance per row.
        group : array of int
            Query sizes, in row order (LightGBM convention); they must sum to ``len(X)``.
        """
        group = np.asarray(group, dtype=int)
        if group.sum() != len(X):
            raise ValueError(f"group sizes sum to {group.sum()}, but X has {len(X)} rows")
        names = [str(c) for c in X.columns]
        prior = dict(self.prior or {})
        missing = set(prior) - set(names)
        if missing:
            raise ValueError(f"prior on features not in X: {sorted(missing)}")
        self.prior_weights_ = {f: float(w) for f, w in prior.items()}
        self.prior_means_ = {f: float(np.nanmean(X[f].to_numpy(dtype=float))) for f in prior}
        init = self._prior_terms(X).sum(axis=1)
        matrix = X.to_numpy(dtype=float)
        texts = []
        for k in range(self.n_seeds):
            params = self.lgb_params(names, self.random_state + k)
            data = lgb.Dataset(matrix, label=np.asarray(y), group=group, init_score=init,
                               feature_name=names, params=params, free_raw_data=True)
            texts.append(lgb.train(params, data, num_boost_round=self.n_estimators).model_to_string())
        self.booster_ = lgb.Booster(model_str=merge_models(texts))
        self.feature_names_in_ = np.asarray(names, dtype=object)
        self.n_features_in_ = len(names)
        return self

    @classmethod
    def from_booster(cls, booster: lgb.Booster, prior_means: dict[str, float] | None = None,
                     **params) -> "HostfitRanker":
        """A fitted ranker around an existing booster (e.g. loaded from text) and its prior."""
        ranker = cls(**params)
        ranker.booster_ = booster
        ranker.feature_names_in_ = np.asarray(booster.feature_name(), dtype=object)
        ranker.n_features_in_ = len(ranker.feature_names_in_)
        ranker.prior_weights_ = {f: float(w) for f, w in (params.get("prior") or {}).items()}
        ranker.prior_means_ = {f: float((prior_means or {})[f]) for f in ranker.prior_weights_}
        return ranker

    def _matrix(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """``X`` as a float matrix in ``feature_names_in_`` order (an array must already be in it)."""
        if not isinstance(X, pd.DataFrame):
            matrix = np.asarray(X, dtype=float)
            if matrix.ndim != 2 or matrix.shape[1] != self.n_features_in_:
                raise ValueError(f"X has shape {matrix.shape}; expected (n, {self.n_features_in_}) in the "
                                 "order of feature_names_in_")
            return matrix
        missing = [f for f in self.feature_names_in_ if f not in X.columns]
        if missing:
            raise ValueError(f"X lacks features the ranker was trained on: {missing}")
        return X[list(self.feature_names_in_)].to_numpy(dtype=float)

    @property
    def base_value(self) -> float:
        """Expected margin over the training rows (the SHAP base value): the trees'
        expected value plus the prior at the training means."""
        contrib = self.booster_.predict(np.full((1, self.n_features_in_), np.nan), pred_contrib=True)
        return float(contrib[0, -1])

    def predict(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Margins (higher = better; comparable within a query). ``X``: a frame with the features,
        or a matrix whose columns are in the order of ``feature_names_in_``."""
        trees = self.booster_.predict(self._matrix(X), num_threads=self.num_threads)
        return trees + self._prior_terms(X).sum(axis=1)

    def predict_contrib(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Per-feature contributions plus the base value (last column); rows sum to :meth:`predict`.

        The trees' part is LightGBM's exact Tree SHAP (``pred_contrib``); a prior
        feature adds its linear term ``weight · (x − training mean)``, which is its
        exact SHAP value in the linear part.
        """
        contrib = self.booster_.predict(self._matrix(X), pred_contrib=True, num_threads=self.num_threads)
        terms = self._prior_terms(X)
        for j, name in enumerate(self.prior_weights_):
            contrib[:, list(self.feature_names_in_).index(name)] += terms[:, j]
        return contrib
