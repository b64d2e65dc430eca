"""Baseline rankers an analyst could apply by hand, scored like the model.

Each baseline maps an evaluation frame (features of year t plus ``pci`` and ``cog``
from :mod:`models.complexity`) to one score per row; higher = recommend. The
``industry_prior`` needs the training rows (labels of earlier transitions only).
``random`` is not a score: its metrics are the exact expectation over random
orders (:func:`models.metrics.expected_random_metrics`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Atlas of Economic Complexity weights: density, product complexity, opportunity gain.
ATLAS_WEIGHTS = {"density": 0.50, "pci": 0.15, "cog": 0.35}
#: Scored baselines, then ``random`` (an expectation, added by the evaluation).
SCORED_BASELINES = ("persistence", "momentum", "density", "atlas", "scale", "industry_prior", "national_size",
                    "density_persistence")
BASELINES = ("random", *SCORED_BASELINES)
DESCRIPTIONS = {
    "random": "expected metric of a random order (exact, not one draw)",
    "persistence": "location quotient (RCA) at t: what the region is already specialised in",
    "momentum": "the region's national-share change over the previous period",
    "density": "relatedness density: share of related industries the region already specialises in",
    "atlas": "Atlas-style 0.50·z(density) + 0.15·z(PCI) + 0.35·z(opportunity gain)",
    "scale": "existing output: the region's gross output of the industry at t",
    "industry_prior": "the same list for every province: each industry's mean grade over the training transitions",
    "national_size": "the same list for every province: the industry's national gross output at t",
    "density_persistence": "mean of the within-region ranks of density and RCA",
}


def _standardise_within_year(frame: pd.DataFrame, column: str) -> pd.Series:
    grouped = frame.groupby("year")[column]
    return (frame[column] - grouped.transform("mean")) / grouped.transform("std")


def atlas_score(frame: pd.DataFrame) -> np.ndarray:
    """``0.50·z(density) + 0.15·z(PCI) + 0.35·z(COG)``, each z-scored within year."""
    total = sum(w * _standardise_within_year(frame, col).fillna(0.0) for col, w in ATLAS_WEIGHTS.items())
    return total.to_numpy(dtype=float)


def industry_prior(frame: pd.DataFrame, training: pd.DataFrame, label: str = "grade") -> np.ndarray:
    """Mean ``label`` of each industry over ``training`` rows (all regions), for every row of
    ``frame``; industries absent from training get the overall mean."""
    means = training.groupby("industry")[label].mean()
    overall = float(training[label].mean()) if len(training) else 0.0
    return frame["industry"].map(means).fillna(overall).to_numpy(dtype=float)


def _rank_within_query(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame.groupby(["year", "region"])[column].rank(method="average", na_option="bottom")


def baseline_scores(frame: pd.DataFrame, training: pd.DataFrame) -> pd.DataFrame:
    """Scores of every scored baseline for the rows of ``frame``.

    Parameters
    ----------
    frame : DataFrame
        Needs ``year, region, industry, rca, share_change_prev, density, pci, cog,
        log_output, national_market``.
    training : DataFrame
        Rows (with labels) of the transitions a model scoring ``frame`` was trained on;
        used by ``industry_prior`` only.

    Returns
    -------
    DataFrame
        One column per name in :data:`SCORED_BASELINES`, aligned with ``frame``.
    """
    return pd.DataFrame({
        "persistence": frame["rca"].to_numpy(dtype=float),
        "momentum": frame["share_change_prev"].to_numpy(dtype=float),
        "density": frame["density"].to_numpy(dtype=float),
        "atlas": atlas_score(frame),
        "scale": frame["log_output"].to_numpy(dtype=float),
        "industry_prior": industry_prior(frame, training),
        "national_size": frame["national_market"].to_numpy(dtype=float),
        "density_persistence": ((_rank_within_query(frame, "density") + _rank_within_query(frame, "rca")) / 2
                                ).to_numpy(dtype=float),
    }, index=frame.index)
