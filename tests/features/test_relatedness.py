"""RCA, proximity and density on a hand-computed 3-region × 3-industry example."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from features.relatedness import density, presence, proximity, rca

OUTPUT = pd.DataFrame(
    [[10.0, 0.0, 10.0],
     [0.0, 10.0, 10.0],
     [10.0, 10.0, 0.0]],
    index=["r1", "r2", "r3"], columns=["a", "b", "c"],
)


def test_rca_by_hand():
    # every region total 20, every industry total 20, grand 60 → RCA = (x/20)/(20/60)
    expected = OUTPUT / 20 / (20 / 60)
    pd.testing.assert_frame_equal(rca(OUTPUT), expected)
    assert rca(OUTPUT).loc["r1", "a"] == pytest.approx(1.5)


def test_rca_zero_totals_are_missing():
    frame = OUTPUT.copy()
    frame.loc["r3"] = 0.0
    assert rca(frame).loc["r3"].isna().all()


def test_proximity_by_hand_and_properties():
    m = presence(rca(OUTPUT))
    phi = proximity(m)
    # a: r1,r3; b: r2,r3; c: r1,r2 → every pair co-occurs once, ubiquity 2 → φ = 1/2
    expected = np.full((3, 3), 0.5)
    np.fill_diagonal(expected, 0.0)
    np.testing.assert_allclose(phi.to_numpy(), expected)
    assert (np.diag(phi) == 0).all()
    np.testing.assert_allclose(phi, phi.T)
    assert ((phi >= 0) & (phi <= 1)).all().all()


def test_proximity_asymmetric_ubiquity():
    m = pd.DataFrame([[1, 1, 0], [1, 0, 0], [1, 0, 1]], index=list("xyz"), columns=list("abc"), dtype=float)
    phi = proximity(m)
    # a everywhere (3), b once (1), co-occur once → φ_ab = 1/max(3,1) = 1/3; b,c never → 0
    assert phi.loc["a", "b"] == pytest.approx(1 / 3)
    assert phi.loc["b", "a"] == pytest.approx(1 / 3)
    assert phi.loc["b", "c"] == 0.0
    assert phi.loc["a", "c"] == pytest.approx(1 / 3)


def test_density_by_hand():
    m = pd.DataFrame([[1, 1, 0], [1, 0, 0], [1, 0, 1]], index=list("xyz"), columns=list("abc"), dtype=float)
    phi = proximity(m)
    d = density(m, phi)
    # region y has only a; industry b: related a (1/3), c (0) → ω = (1/3·1)/(1/3) = 1
    assert d.loc["y", "b"] == pytest.approx(1.0)
    # industry a: related b (1/3), c (1/3); region x has b only → 0.5
    assert d.loc["x", "a"] == pytest.approx(0.5)
    # industry c: related a (1/3), b (0); region x has a → 1
    assert d.loc["x", "c"] == pytest.approx(1.0)
    assert ((d >= 0) & (d <= 1)).all().all()
