"""SHAP tables against an independent reference: exact Shapley values by subset enumeration.

The reference below shares no code with :mod:`models.treeshap`: it walks the dumped
trees recursively to evaluate the path-dependent value function
``v(S) = Σ_trees E[tree(x) | x_S]`` (a split on a feature in ``S`` follows the row,
any other split averages its children weighted by their training counts) for
every subset ``S`` of the features, and applies the Shapley formula
``φ_i = Σ_{S ⊆ N∖i} |S|! (n − |S| − 1)! / n! · (v(S ∪ i) − v(S))`` directly.
"""

from __future__ import annotations

from itertools import combinations
from math import factorial

import lightgbm as lgb
import numpy as np
import pandas as pd
import pytest

from models.ensemble import merge_models
from models.explain import Explainer, contributions
from models.treeshap import TreeShapTables, leaf_shapley

N_FEATURES = 4
TOL = 1e-12


# ---------------------------------------------------------------- the reference

ZERO = float(np.float32(1e-35))  # LightGBM's kZeroThreshold, a float32


def _goes_left(node: dict, x: np.ndarray) -> bool:
    """LightGBM's rule for a numerical split (it reads |x| ≤ kZeroThreshold as 0)."""
    value = x[node["split_feature"]]
    if abs(value) <= ZERO:
        value = 0.0
    missing = node["missing_type"]
    if np.isnan(value) and missing != "NaN":
        value = 0.0
    if (missing == "Zero" and value == 0.0) or (missing == "NaN" and np.isnan(value)):
        return bool(node["default_left"])
    return bool(value <= node["threshold"])


def _count(node: dict) -> float:
    return node["leaf_count"] if "leaf_value" in node else node["internal_count"]


def _conditional(node: dict, x: np.ndarray, known: frozenset) -> float:
    """E[tree(x) | x_known] with the tree's covers."""
    if "leaf_value" in node:
        return node["leaf_value"]
    left, right = node["left_child"], node["right_child"]
    if node["split_feature"] in known:
        return _conditional(left if _goes_left(node, x) else right, x, known)
    return (_count(left) * _conditional(left, x, known) + _count(right) * _conditional(right, x, known)) / _count(node)


def reference_shap(booster: lgb.Booster, X: np.ndarray) -> np.ndarray:
    """Exact Shapley values by enumerating every feature subset; last column v(∅)."""
    trees = [t["tree_structure"] for t in booster.dump_model()["tree_info"]]
    n = X.shape[1]
    subsets = [frozenset(c) for size in range(n + 1) for c in combinations(range(n), size)]
    out = np.zeros((len(X), n + 1))
    for r, x in enumerate(X):
        value = {S: sum(_conditional(t, x, S) for t in trees) for S in subsets}
        for i in range(n):
            for S in subsets:
                if i not in S:
                    weight = factorial(len(S)) * factorial(n - len(S) - 1) / factorial(n)
                    out[r, i] += weight * (value[S | {i}] - value[S])
        out[r, n] = value[frozenset()]
    return out


# ---------------------------------------------------------------- small models

def _synthetic(seed: int, rows: int = 400, nan: float = 0.0, zeros: float = 0.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, N_FEATURES))
    y = X[:, 0] * X[:, 1] + np.where(X[:, 2] > 0, X[:, 3], -X[:, 0]) + rng.normal(scale=0.3, size=rows)
    X[rng.random(X.shape) < zeros] = 0.0
    X[rng.random(X.shape) < nan] = np.nan
    return X, y


def _train(X, y, seed: int = 0, rounds: int = 12, **params) -> lgb.Booster:
    base = {"objective": "regression", "num_leaves": 8, "min_data_in_leaf": 8, "learning_rate": 0.3,
            "feature_fraction": 0.8, "seed": seed, "deterministic": True, "force_row_wise": True,
            "num_threads": 1, "verbosity": -1}
    return lgb.train({**base, **params}, lgb.Dataset(X, y), num_boost_round=rounds)


def _missing_types(booster: lgb.Booster) -> set[tuple[str, bool]]:
    found = set()
    stack = [t["tree_structure"] for t in booster.dump_model()["tree_info"]]
    while stack:
        node = stack.pop()
        if "split_index" in node:
            found.add((node["missing_type"], node["default_left"]))
            stack += [node["left_child"], node["right_child"]]
    return found


def _thresholds(booster: lgb.Booster) -> list[tuple[int, float]]:
    out = []
    stack = [t["tree_structure"] for t in booster.dump_model()["tree_info"]]
    while stack:
        node = stack.pop()
        if "split_index" in node:
            out.append((node["split_feature"], node["threshold"]))
            stack += [node["left_child"], node["right_child"]]
    return out


def _test_rows(booster: lgb.Booster, seed: int, rows: int = 60) -> np.ndarray:
    """Random rows, plus NaN and exact zeros, plus values exactly at split thresholds."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, N_FEATURES))
    X[rng.random(X.shape) < 0.15] = np.nan
    X[rng.random(X.shape) < 0.1] = 0.0
    splits = _thresholds(booster)
    for r in range(0, rows, 2):
        feature, threshold = splits[rng.integers(len(splits))]
        X[r, feature] = threshold
    return X


# NaN in training → missing_type NaN; zero_as_missing → Zero; no missing in training → None.
MODELS = {
    "nan": ({"nan": 0.15}, {}, "NaN"),
    "zero": ({"zeros": 0.2}, {"zero_as_missing": True}, "Zero"),
    "none": ({}, {}, "None"),
}


@pytest.fixture(scope="module", params=sorted(MODELS))
def small_model(request):
    data, params, missing = MODELS[request.param]
    X, y = _synthetic(1, **data)
    booster = _train(X, y, **params)
    assert missing in {m for m, _ in _missing_types(booster)}, "the fixture must exercise this missing type"
    return booster, _test_rows(booster, 2)


# ---------------------------------------------------------------- tests

def test_reference_agrees_with_lightgbm(small_model):
    """Sanity of the reference itself: LightGBM's pred_contrib is this value function's Shapley values."""
    booster, X = small_model
    np.testing.assert_allclose(reference_shap(booster, X), booster.predict(X, pred_contrib=True), rtol=0, atol=TOL)


def test_tables_equal_the_subset_enumeration(small_model):
    booster, X = small_model
    tables = TreeShapTables.from_booster(booster)
    assert tables.fallback_runs == []
    ours = tables.shap_values(X)
    np.testing.assert_allclose(ours, reference_shap(booster, X), rtol=0, atol=TOL)
    np.testing.assert_allclose(ours, booster.predict(X, pred_contrib=True), rtol=0, atol=TOL)


def test_tables_are_additive(small_model):
    booster, X = small_model
    values = TreeShapTables.from_booster(booster).shap_values(X)
    np.testing.assert_allclose(values.sum(axis=1), booster.predict(X), rtol=0, atol=TOL)


def test_nan_follows_default_left_both_ways():
    X, y = _synthetic(3, nan=0.2)
    booster = _train(X, y, rounds=20)
    assert {("NaN", True), ("NaN", False)} <= _missing_types(booster)
    rows = np.full((3, N_FEATURES), np.nan)
    rows[1, :2] = [0.5, -0.5]
    np.testing.assert_allclose(TreeShapTables.from_booster(booster).shap_values(rows),
                               reference_shap(booster, rows), rtol=0, atol=TOL)


def test_values_at_thresholds_go_left_and_just_above_go_right():
    X, y = _synthetic(4)
    booster = _train(X, y)
    tables = TreeShapTables.from_booster(booster)
    for feature, threshold in _thresholds(booster)[:20]:
        rows = np.zeros((2, N_FEATURES))
        rows[:, feature] = [threshold, np.nextafter(threshold, np.inf)]
        np.testing.assert_allclose(tables.shap_values(rows), booster.predict(rows, pred_contrib=True),
                                   rtol=0, atol=TOL)


@pytest.mark.parametrize("config", ["zero", "nan"])
def test_values_near_zero_are_read_as_lightgbm_reads_them(config):
    data, params, _ = MODELS[config]
    X, y = _synthetic(1, **data)
    booster = _train(X, y, **params)
    assert any(abs(t) < 1e-30 for _, t in _thresholds(booster)), "needs a split between 0 and ±1e-35"
    tiny = np.array([0.0, ZERO, -ZERO, ZERO / 2, -ZERO / 2, 2 * ZERO, -2 * ZERO, np.nextafter(ZERO, 1),
                     np.nextafter(-ZERO, -1), np.nan])
    rows = np.array(np.meshgrid(*[tiny] * 2)).reshape(2, -1).T
    rows = np.column_stack([rows, rows[::-1]])
    np.testing.assert_allclose(TreeShapTables.from_booster(booster).shap_values(rows),
                               booster.predict(rows, pred_contrib=True), rtol=0, atol=TOL)


def test_single_leaf_trees_and_merged_seeds():
    X, y = _synthetic(5, nan=0.1)
    seeds = [_train(X, y, seed=s, rounds=6, feature_fraction=0.6) for s in range(3)]
    constant = _train(X, np.full(len(y), 2.5), rounds=2)  # nothing to split: one single-leaf tree
    assert {t["num_leaves"] for t in constant.dump_model()["tree_info"]} == {1}
    merged = lgb.Booster(model_str=merge_models([m.model_to_string() for m in [*seeds, constant]]))
    rows = _test_rows(merged, 6, rows=30)
    ours = TreeShapTables.from_booster(merged).shap_values(rows)
    np.testing.assert_allclose(ours, reference_shap(merged, rows), rtol=0, atol=TOL)
    np.testing.assert_allclose(ours, merged.predict(rows, pred_contrib=True), rtol=0, atol=TOL)
    np.testing.assert_allclose(ours.sum(axis=1), merged.predict(rows), rtol=0, atol=TOL)


def test_grouping_changes_nothing_but_the_lookup_count():
    X, y = _synthetic(7, nan=0.1)
    booster = _train(X, y, rounds=30, num_leaves=4)
    rows = _test_rows(booster, 8, rows=200)
    alone = TreeShapTables.from_booster(booster, group_bits=0)
    grouped = TreeShapTables.from_booster(booster, group_bits=8)
    assert grouped.n_lookups < alone.n_lookups
    np.testing.assert_allclose(grouped.shap_values(rows), alone.shap_values(rows), rtol=0, atol=TOL)
    np.testing.assert_allclose(grouped.shap_values(rows, batch_rows=7), alone.shap_values(rows), rtol=0, atol=TOL)
    np.testing.assert_array_equal(grouped.shap_values(rows, batch_rows=16, n_threads=3),
                                  grouped.shap_values(rows, batch_rows=16))
    assert grouped.shap_values(rows[:0]).shape == (0, N_FEATURES + 1)


def test_large_categorical_and_linear_trees_fall_back_to_pred_contrib():
    X, y = _synthetic(9, nan=0.1)
    booster = _train(X, y, rounds=8, num_leaves=16, min_data_in_leaf=4)
    leaves = [t["num_leaves"] for t in booster.dump_model()["tree_info"]]
    tables = TreeShapTables.from_booster(booster, max_leaves=8)
    assert sum(n for _, n in tables.fallback_runs) == sum(n > 8 for n in leaves) > 0
    rows = _test_rows(booster, 10)
    np.testing.assert_allclose(tables.shap_values(rows), booster.predict(rows, pred_contrib=True), rtol=0, atol=TOL)

    Xc = X.copy()
    Xc[:, 3] = np.random.default_rng(0).integers(0, 6, len(Xc))
    categorical = lgb.train({"objective": "regression", "num_leaves": 4, "verbosity": -1, "min_data_per_group": 5,
                             "cat_smooth": 1, "num_threads": 1},
                            lgb.Dataset(Xc, y + Xc[:, 3] % 3, categorical_feature=[3]), num_boost_round=5)
    tables = TreeShapTables.from_booster(categorical)
    assert tables.fallback_runs
    rows = Xc[:40]
    np.testing.assert_allclose(tables.shap_values(rows), categorical.predict(rows, pred_contrib=True),
                               rtol=0, atol=TOL)

    linear = _train(np.nan_to_num(X), y, rounds=3, num_leaves=4, linear_tree=True)
    tables = TreeShapTables.from_booster(linear)
    assert tables.fallback_runs == [(0, 3)] and tables.n_lookups == 0


def test_leaf_game_by_hand():
    # one feature: φ = v (o − z)
    phi = leaf_shapley(np.array([2.0]), np.array([[0.25]]), np.array([[[1.0, 0.0]]]))
    np.testing.assert_allclose(phi, [[[2.0 * 0.75, -2.0 * 0.25]]])
    # two features, both hot: v(∅) = v z1 z2, v({1}) = v z2, v({2}) = v z1, v(N) = v
    v, z1, z2 = 3.0, 0.4, 0.5
    phi = leaf_shapley(np.array([v]), np.array([[z1, z2]]), np.ones((1, 2, 1)))[0, :, 0]
    expected_1 = 0.5 * (v * z2 - v * z1 * z2) + 0.5 * (v - v * z1)
    expected_2 = 0.5 * (v * z1 - v * z1 * z2) + 0.5 * (v - v * z2)
    np.testing.assert_allclose(phi, [expected_1, expected_2])


def test_bad_shapes_and_multiclass_are_refused():
    X, y = _synthetic(11)
    tables = TreeShapTables.from_booster(_train(X, y, rounds=2))
    with pytest.raises(ValueError, match="shape"):
        tables.shap_values(np.zeros((3, N_FEATURES + 1)))
    with pytest.raises(ValueError, match="max_leaves"):
        TreeShapTables.from_booster(tables.booster, max_leaves=64)
    with pytest.raises(ValueError, match="group_bits"):
        TreeShapTables.from_booster(tables.booster, group_bits=-1)
    multiclass = lgb.train({"objective": "multiclass", "num_class": 3, "verbosity": -1, "num_threads": 1},
                           lgb.Dataset(X, np.arange(len(X)) % 3), num_boost_round=2)
    with pytest.raises(ValueError, match="single-output"):
        TreeShapTables.from_booster(multiclass)


# ---------------------------------------------------------------- the shipped model

@pytest.fixture(scope="module")
def shipped():
    from models.artifacts import load_model

    ranker, meta = load_model()
    return ranker, meta


def _shipped_rows(ranker, frame: pd.DataFrame) -> pd.DataFrame:
    """The real feature rows, a copy with 20% NaN, and a copy with values set to split thresholds."""
    X = frame[list(ranker.feature_names_in_)].astype(float).reset_index(drop=True)
    rng = np.random.default_rng(0)
    holes = X.mask(rng.random(X.shape) < 0.2)
    at = X.copy()
    splits = []
    stack = [t["tree_structure"] for t in ranker.booster_.dump_model()["tree_info"]]
    while stack:
        node = stack.pop()
        if "split_index" in node:
            splits.append((node["split_feature"], node["threshold"]))
            stack += [node["left_child"], node["right_child"]]
    for r in range(len(at)):
        for feature, threshold in (splits[i] for i in rng.integers(len(splits), size=5)):
            at.iat[r, feature] = threshold
    return pd.concat([X, holes, at], ignore_index=True)


def test_shipped_model_equals_pred_contrib(shipped, frame):
    ranker, _ = shipped
    X = _shipped_rows(ranker, frame)
    tables = TreeShapTables.from_booster(ranker.booster_)
    assert tables.fallback_runs == [] and ranker.booster_.num_trees() == 750
    matrix = X.to_numpy()
    ours = tables.shap_values(matrix)
    theirs = ranker.booster_.predict(matrix, pred_contrib=True)
    assert np.abs(ours - theirs).max() <= 1e-9
    np.testing.assert_allclose(ours.sum(axis=1), ranker.booster_.predict(matrix), rtol=0, atol=1e-9)


def test_explainer_frame_is_the_same_with_tables(shipped, frame):
    ranker, meta = shipped
    X = _shipped_rows(ranker, frame).iloc[::7]
    calibration = (meta["calibration"]["a"], meta["calibration"]["b"])
    with_tables = Explainer(ranker, calibration, table_min_rows=0)
    without = Explainer(ranker, calibration, table_min_rows=None)
    a, b = with_tables.frame(X), without.frame(X)
    assert with_tables._tables is not None and without._tables is None
    assert list(a.columns) == list(b.columns) and a.index.equals(b.index)
    np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), rtol=0, atol=1e-9)
    matrix = X[with_tables.features].to_numpy()
    np.testing.assert_allclose(with_tables.points(matrix), without.points(matrix), rtol=0, atol=1e-9)
    assert not np.allclose(a.filter(like="points_").to_numpy(), 0.0)
    np.testing.assert_allclose(contributions(ranker, X, with_tables._tables), ranker.predict_contrib(X),
                               rtol=0, atol=1e-9)


def test_contributions_keep_the_prior_terms(toy_ranker, frame):
    assert toy_ranker.prior_weights_, "the toy model has a linear prior"
    X = frame[list(toy_ranker.feature_names_in_)].iloc[:300]
    tables = TreeShapTables.from_booster(toy_ranker.booster_)
    np.testing.assert_allclose(contributions(toy_ranker, X, tables), toy_ranker.predict_contrib(X), rtol=0, atol=1e-9)
    np.testing.assert_allclose(contributions(toy_ranker, X, tables).sum(axis=1), toy_ranker.predict(X),
                               rtol=0, atol=1e-9)
