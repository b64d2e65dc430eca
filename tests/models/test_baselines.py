"""Baselines and the complexity measures behind the Atlas score."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.baselines import BASELINES, baseline_scores
from models.complexity import complexity_frame, product_complexity


def test_pci_falls_with_ubiquity_in_a_nested_matrix():
    # nested: region i makes products 0..i; product 0 is ubiquitous, product 4 rare
    present = pd.DataFrame(np.tril(np.ones((5, 5))), columns=list("abcde"))
    pci = product_complexity(present)
    assert np.isclose(pci.mean(), 0) and np.isclose(pci.std(ddof=0), 1)
    assert pci["e"] > pci["a"]


def test_complexity_frame_shape():
    rng = np.random.default_rng(0)
    output = pd.DataFrame(rng.random((6, 4)) ** 3, index=range(6), columns=list("wxyz"))
    frame = complexity_frame(output, 2012)
    assert list(frame.columns) == ["region", "industry", "year", "pci", "cog"]
    assert len(frame) == 24 and (frame["year"] == 2012).all()


def test_baseline_scores_columns_and_random_seed():
    frame = pd.DataFrame({"year": [2012] * 4, "rca": [0.5, 2.0, 1.0, 0.1],
                          "share_change_prev": [0.1, -0.2, np.nan, 0.3], "density": [0.2, 0.4, 0.3, 0.1],
                          "pci": [1.0, -1.0, 0.5, 0.0], "cog": [0.1, 0.2, 0.3, 0.4]})
    scores = baseline_scores(frame, seed=1)
    assert list(scores.columns) == list(BASELINES)
    assert scores["persistence"].tolist() == frame["rca"].tolist()
    assert np.array_equal(scores["random"], baseline_scores(frame, seed=1)["random"])
    z = (frame - frame.mean()) / frame.std()
    expected = 0.5 * z["density"] + 0.15 * z["pci"] + 0.35 * z["cog"]
    assert np.allclose(scores["atlas"], expected)
