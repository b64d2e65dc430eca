"""SHAP contributions: parity with LightGBM pred_contrib, additivity, pillar grouping.

:func:`toy_booster` — a small deterministic LambdaRank booster on the real
features of 2012 and the 2012→2017 labels — is shared by the scoring and CLI
tests, so they do not depend on a saved model.
"""

from __future__ import annotations

from functools import lru_cache

import lightgbm as lgb
import numpy as np
import pandas as pd
import pytest

from features.build import build_features
from features.catalogue import PILLARS, feature_names, pillar_of
from features.inputs import load_inputs
from models.explain import TreeContributions, pillar_column, shap_column
from models.labels import transition_labels

TOY_PARAMS = {"objective": "lambdarank", "learning_rate": 0.1, "num_leaves": 7, "min_data_in_leaf": 10,
              "deterministic": True, "force_row_wise": True, "num_threads": 1, "seed": 0,
              "feature_pre_filter": False, "verbosity": -1}


@lru_cache(maxsize=1)
def toy_booster() -> lgb.Booster:
    """LambdaRank on every catalogue feature: features of 2012, grades of 2012→2017."""
    inputs = load_inputs()
    labels = transition_labels(inputs, 2012, 2017)[["region", "industry", "grade"]]
    frame = build_features(inputs, 2012).merge(labels, on=["region", "industry"])
    frame = frame.sort_values(["region", "industry"])
    names = feature_names()
    data = lgb.Dataset(frame[names].to_numpy(dtype=float), label=frame["grade"].to_numpy(),
                       group=frame.groupby("region", sort=True).size().to_numpy(), feature_name=names,
                       params=TOY_PARAMS)
    return lgb.train(TOY_PARAMS, data, num_boost_round=40)


@pytest.fixture(scope="module")
def explainer() -> TreeContributions:
    return TreeContributions(toy_booster())


@pytest.fixture(scope="module")
def latest_features() -> pd.DataFrame:
    inputs = load_inputs()
    return build_features(inputs, inputs.latest_year)


def test_parity_with_lightgbm_pred_contrib(explainer, latest_features):
    X = latest_features[explainer.features]
    assert X.isna().any().any()  # the parity must hold on missing values too
    contrib = toy_booster().predict(X.to_numpy(dtype=float), pred_contrib=True)
    np.testing.assert_allclose(explainer.shap_values(X), contrib[:, :-1], rtol=0, atol=1e-6)
    np.testing.assert_allclose(explainer.base_value, contrib[:, -1], rtol=0, atol=1e-6)


def test_base_plus_contributions_equals_score(explainer, latest_features):
    frame = explainer.frame(latest_features)
    score = toy_booster().predict(latest_features[explainer.features].to_numpy(dtype=float))
    np.testing.assert_allclose(frame["score"], score, rtol=0, atol=1e-12)
    by_feature = frame[[shap_column(f) for f in explainer.features]].sum(axis=1)
    by_pillar = frame[[pillar_column(p) for p in PILLARS]].sum(axis=1)
    np.testing.assert_allclose(frame["base_value"] + by_feature, score, rtol=0, atol=1e-6)
    np.testing.assert_allclose(frame["base_value"] + by_pillar, score, rtol=0, atol=1e-6)


def test_pillar_columns_group_features_by_the_catalogue(explainer, latest_features):
    frame = explainer.frame(latest_features.head(48))
    pillars = pillar_of()
    for pillar in PILLARS:
        members = [shap_column(f) for f in explainer.features if pillars[f] == pillar]
        expected = frame[members].sum(axis=1) if members else 0.0
        np.testing.assert_allclose(frame[pillar_column(pillar)], expected, rtol=0, atol=1e-12)
    assert frame.index.equals(latest_features.head(48).index)


def test_feature_columns_are_picked_by_name(explainer, latest_features):
    shuffled = latest_features[explainer.features[::-1]]
    np.testing.assert_array_equal(explainer.shap_values(shuffled),
                                  explainer.shap_values(latest_features))


def test_features_need_a_pillar():
    with pytest.raises(ValueError, match="without a pillar"):
        TreeContributions(toy_booster(), pillars={"rca": "industrial_base"})


def test_empty_frame(explainer, latest_features):
    frame = explainer.frame(latest_features.iloc[:0])
    assert len(frame) == 0 and "base_value" in frame.columns
