"""Baselines and the complexity measures behind the Atlas score."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.baselines import BASELINES, SCORED_BASELINES, baseline_scores, industry_prior
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


def test_baseline_scores_by_hand():
    frame = pd.DataFrame({"year": [2012] * 4, "region": [1, 1, 2, 2], "industry": ["H06", "H07", "H06", "H07"],
                          "rca": [0.5, 2.0, 1.0, 0.1], "share_change_prev": [0.1, -0.2, np.nan, 0.3],
                          "density": [0.2, 0.4, 0.3, 0.1], "pci": [1.0, -1.0, 0.5, 0.0], "cog": [0.1, 0.2, 0.3, 0.4],
                          "log_output": [10.0, 12.0, 9.0, 8.0], "national_market": [20.0, 19.0, 20.0, 19.0]})
    training = pd.DataFrame({"industry": ["H06", "H06", "H07", "H08"], "grade": [4, 2, 1, 3]})
    scores = baseline_scores(frame, training)
    assert list(scores.columns) == list(SCORED_BASELINES)
    assert BASELINES == ("random", *SCORED_BASELINES)
    assert scores["persistence"].tolist() == frame["rca"].tolist()
    assert scores["scale"].tolist() == frame["log_output"].tolist()
    assert scores["national_size"].tolist() == frame["national_market"].tolist()
    assert scores["industry_prior"].tolist() == [3.0, 1.0, 3.0, 1.0]  # mean training grade per industry
    # rank blend: region 1: density ranks (1, 2), rca ranks (1, 2) → (1, 2); region 2: (2, 1) and (2, 1)
    assert scores["density_persistence"].tolist() == [1.0, 2.0, 2.0, 1.0]
    z = (frame[["density", "pci", "cog"]] - frame[["density", "pci", "cog"]].mean()) / frame[["density", "pci", "cog"]].std()
    expected = 0.5 * z["density"] + 0.15 * z["pci"] + 0.35 * z["cog"]
    assert np.allclose(scores["atlas"], expected)


def test_industry_prior_falls_back_to_the_overall_mean():
    frame = pd.DataFrame({"industry": ["H09"]})
    training = pd.DataFrame({"industry": ["H06", "H07"], "grade": [4, 0]})
    assert industry_prior(frame, training).tolist() == [2.0]
