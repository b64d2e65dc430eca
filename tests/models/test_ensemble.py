"""Seed averaging as one merged LightGBM model."""

from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pytest
import shap

from models.ensemble import merge_models


@pytest.fixture(scope="module")
def boosters():
    rng = np.random.default_rng(0)
    X = rng.random((300, 4))
    X[rng.random(X.shape) < 0.1] = np.nan
    y = rng.integers(0, 4, 300)
    params = {"objective": "lambdarank", "verbosity": -1, "num_leaves": 5, "feature_fraction": 0.7,
              "deterministic": True, "force_row_wise": True, "num_threads": 1}
    models = [lgb.train({**params, "seed": s, "feature_fraction_seed": s},
                        lgb.Dataset(X, y, group=[15] * 20), num_boost_round=25) for s in range(4)]
    return X, models


def test_merged_model_predicts_the_mean(boosters):
    X, models = boosters
    merged = lgb.Booster(model_str=merge_models([m.model_to_string() for m in models]))
    expected = np.mean([m.predict(X) for m in models], axis=0)
    np.testing.assert_allclose(merged.predict(X), expected, rtol=0, atol=1e-12)
    assert merged.num_trees() == sum(m.num_trees() for m in models)


def test_merged_model_contributions_are_the_mean_and_match_shap(boosters):
    X, models = boosters
    merged = lgb.Booster(model_str=merge_models([m.model_to_string() for m in models]))
    contrib = merged.predict(X, pred_contrib=True)
    mean = np.mean([m.predict(X, pred_contrib=True) for m in models], axis=0)
    np.testing.assert_allclose(contrib, mean, rtol=0, atol=1e-12)
    np.testing.assert_allclose(shap.TreeExplainer(merged).shap_values(X), contrib[:, :-1], rtol=0, atol=1e-9)


def test_merge_refuses_nothing_and_mixed_features(boosters):
    _, models = boosters
    with pytest.raises(ValueError, match="no models"):
        merge_models([])
    other = models[0].model_to_string().replace("feature_names=Column_0", "feature_names=other", 1)
    with pytest.raises(ValueError, match="different features"):
        merge_models([models[0].model_to_string(), other])
