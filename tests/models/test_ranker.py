"""The LambdaRank wrapper: estimator conventions, seed averaging, the prior, determinism."""

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
    params = {"n_estimators": 30, "num_leaves": 4, "min_child_samples": 5, "colsample_bytree": 0.7, "n_seeds": 3}
    first = HostfitRanker(**params).fit(X, y, group=group)
    second = clone(first).fit(X, y, group=group)
    assert list(first.feature_names_in_) == ["a", "b", "c"] and first.n_features_in_ == 3
    assert first.booster_.model_to_string() == second.booster_.model_to_string()
    assert np.array_equal(first.predict(X), second.predict(X))
    assert np.corrcoef(first.predict(X), X["a"])[0, 1] > 0.8
    assert first.booster_.num_trees() == 3 * 30


def test_prior_is_the_start_and_contributions_sum_to_the_margin():
    X, y, group = _toy()
    X.loc[3, "b"] = np.nan
    model = HostfitRanker(n_estimators=10, min_child_samples=5, prior={"b": 2.0}, n_seeds=2).fit(X, y, group)
    trees = model.booster_.predict(X.to_numpy())
    centred = np.where(X["b"].isna(), 0.0, X["b"] - X["b"].mean())
    np.testing.assert_allclose(model.predict(X), trees + 2.0 * centred, rtol=0, atol=1e-12)
    contrib = model.predict_contrib(X)
    np.testing.assert_allclose(contrib.sum(axis=1), model.predict(X), rtol=0, atol=1e-9)
    np.testing.assert_allclose(contrib[:, -1], model.base_value, rtol=0, atol=1e-12)
    assert model.prior_means_ == {"b": pytest.approx(float(X["b"].mean()))}


def test_bad_group_prior_and_missing_features_raise():
    X, y, group = _toy()
    with pytest.raises(ValueError, match="group sizes"):
        HostfitRanker().fit(X, y, group=group[:-1])
    with pytest.raises(ValueError, match="prior on features"):
        HostfitRanker(prior={"zzz": 1.0}).fit(X, y, group=group)
    model = HostfitRanker(n_estimators=5, min_child_samples=5, n_seeds=1).fit(X, y, group=group)
    with pytest.raises(ValueError, match="lacks features"):
        model.predict(X.drop(columns="b"))
    with pytest.raises(ValueError, match="unknown features"):
        HostfitRanker(monotone={"zzz": 1}).fit(X, y, group=group)
