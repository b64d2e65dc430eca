"""Ranking metrics against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from models.metrics import (average_precision, bootstrap_ci, expected_random_metrics, ndcg_at_k, precision_at_k,
                            query_metrics, summarise)


def test_ndcg_perfect_and_hand_value():
    grade = np.array([0, 3, 1, 0])
    assert ndcg_at_k(grade, np.array([0.0, 4.0, 2.0, 1.0]), 2) == 1.0
    # ranking [item0, item1]: gains 0, 7 → DCG 7/log2(3); ideal 7 + 1/log2(3)
    got = ndcg_at_k(grade, np.array([5.0, 4.0, 0.0, 0.0]), 2)
    assert np.isclose(got, (7 / np.log2(3)) / (7 + 1 / np.log2(3)))


def test_ndcg_nan_without_relevance_and_nan_scores_last():
    assert np.isnan(ndcg_at_k(np.zeros(3), np.arange(3.0), 2))
    assert ndcg_at_k(np.array([1, 0]), np.array([0.0, np.nan]), 1) == 1.0


def test_precision_and_average_precision():
    relevant = np.array([1, 0, 1, 0, 0, 0])
    scores = np.array([6.0, 5.0, 4.0, 3.0, 2.0, 1.0])
    assert precision_at_k(relevant, scores, 5) == 1.0  # both relevant in top 5, capped at n_relevant
    assert np.isclose(average_precision(relevant, scores), (1 + 2 / 3) / 2)


def test_bootstrap_is_seeded_and_brackets_mean():
    values = np.linspace(0, 1, 20)
    ci = bootstrap_ci(values, n_boot=1000, seed=3)
    assert ci == bootstrap_ci(values, n_boot=1000, seed=3)
    assert ci[0] < values.mean() < ci[1]
    assert summarise(np.array([1.0, np.nan, 3.0]))["n"] == 2


def test_expected_random_metrics_match_simulation():
    rng = np.random.default_rng(0)
    grade = np.array([4, 3, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], dtype=float)
    relevant = (grade >= 2).astype(float)
    exact = expected_random_metrics(grade, relevant)
    draws = [query_metrics(grade, relevant, rng.random(len(grade))) for _ in range(40000)]
    for metric, value in exact.items():
        assert value == pytest.approx(np.mean([d[metric] for d in draws]), abs=0.004), metric
    assert exact["p@5"] == pytest.approx(3 / 16 * 5 / 3)


def test_expected_random_metrics_without_relevant_items():
    out = expected_random_metrics(np.zeros(5), np.zeros(5))
    assert all(np.isnan(v) for v in out.values())
