"""The LambdaRank wrapper: estimator conventions and determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from models.ranker import HostfitRanker


def _toy(seed: int = 0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(240, 3)), columns=["a", "b", "c"])
    y = np.clip(np.round(X["a"] * 1.5 + 2 + rng.normal(scale=0.3, size=240)), 0, 4).astype(int)
    return X, y, np.full(10, 24)


def test_fit_predict_learns_and_is_deterministic():
    X, y, group = _toy()
    params = {"n_estimators": 30, "num_leaves": 4, "min_child_samples": 5, "colsample_bytree": 0.7,
              "subsample": 0.8}
    first = HostfitRanker(**params).fit(X, y, group=group)
    second = clone(first).fit(X, y, group=group)
    assert list(first.feature_names_in_) == ["a", "b", "c"] and first.n_features_in_ == 3
    assert np.array_equal(first.predict(X), second.predict(X))
    assert np.corrcoef(first.predict(X), X["a"])[0, 1] > 0.8


def test_contributions_sum_to_score():
    X, y, group = _toy()
    model = HostfitRanker(n_estimators=20, min_child_samples=5).fit(X, y, group=group)
    assert np.allclose(model.predict_contrib(X).sum(axis=1), model.predict(X))


def test_bad_group_and_missing_features_raise():
    X, y, group = _toy()
    with pytest.raises(ValueError, match="group sizes"):
        HostfitRanker().fit(X, y, group=group[:-1])
    model = HostfitRanker(n_estimators=5, min_child_samples=5).fit(X, y, group=group)
    with pytest.raises(ValueError, match="lacks features"):
        model.predict(X.drop(columns="b"))
    with pytest.raises(ValueError, match="unknown features"):
        HostfitRanker(monotone={"zzz": 1}).fit(X, y, group=group)
