"""The 0–100 fit score: calibration by logistic regression and exact score points."""

from __future__ import annotations

import numpy as np
import pytest

from models.calibration import base_score, fit_calibration, reliability, to_points, to_score


def test_fit_calibration_recovers_a_known_logistic():
    rng = np.random.default_rng(0)
    x = rng.normal(size=20000)
    y = rng.random(20000) < 1 / (1 + np.exp(-(-1.0 + 0.8 * x)))
    a, b = fit_calibration(x, y.astype(float))
    assert a == pytest.approx(-1.0, abs=0.05) and b == pytest.approx(0.8, abs=0.05)


def test_slope_never_negative():
    rng = np.random.default_rng(1)
    x = rng.normal(size=500)
    y = (x < 0).astype(float)  # a falling relation must not give a falling score
    assert fit_calibration(x, y)[1] == 0.0


def test_scores_between_0_and_100_and_monotone():
    margins = np.linspace(-10, 10, 41)
    score = to_score(margins, -1.2, 0.8)
    assert (score > 0).all() and (score < 100).all() and (np.diff(score) > 0).all()
    assert base_score(-1.2) == pytest.approx(to_score(np.array([0.0]), -1.2, 0.8)[0])


def test_points_add_up_to_the_score_and_keep_signs():
    rng = np.random.default_rng(2)
    contributions = rng.normal(size=(50, 6))
    contributions[0] = [1.0, -1.0, 0.0, 0.0, 0.0, 0.0]  # a row whose parts cancel
    points = to_points(contributions, -1.2, 0.8)
    scores = to_score(contributions.sum(axis=1), -1.2, 0.8)
    np.testing.assert_allclose(base_score(-1.2) + points.sum(axis=1), scores, rtol=0, atol=1e-9)
    assert (np.sign(points) == np.sign(contributions)).all()
    assert points[0, 0] > 0 > points[0, 1]


def test_reliability_table():
    rng = np.random.default_rng(3)
    x = rng.normal(size=1000)
    y = (rng.random(1000) < 1 / (1 + np.exp(-x))).astype(float)
    table = reliability(x, y, 0.0, 1.0, bins=4)
    assert list(table.columns) == ["bin", "n", "predicted", "observed"] and table["n"].sum() == 1000
    assert (np.diff(table["predicted"]) > 0).all()
