"""Baseline rankers an analyst could apply by hand, scored like the model.

Each baseline maps an evaluation frame (features of year t plus ``pci`` and
``cog`` from :mod:`models.complexity`) to one score per row; higher = recommend.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Atlas of Economic Complexity weights: density, product complexity, opportunity gain.
ATLAS_WEIGHTS = {"density": 0.50, "pci": 0.15, "cog": 0.35}
BASELINES = ("random", "persistence", "momentum", "density", "atlas")


def _standardise_within_year(frame: pd.DataFrame, column: str) -> pd.Series:
    grouped = frame.groupby("year")[column]
    return (frame[column] - grouped.transform("mean")) / grouped.transform("std")


def atlas_score(frame: pd.DataFrame) -> np.ndarray:
    """``0.50·z(density) + 0.15·z(PCI) + 0.35·z(COG)``, each z-scored within year."""
    total = sum(w * _standardise_within_year(frame, col).fillna(0.0) for col, w in ATLAS_WEIGHTS.items())
    return total.to_numpy(dtype=float)


def baseline_scores(frame: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Scores of every baseline for the rows of ``frame``.

    Parameters
    ----------
    frame : DataFrame
        Needs ``year``, ``rca``, ``share_change_prev``, ``density``, ``pci``, ``cog``.
    seed : int
        Seed of the random baseline.

    Returns
    -------
    DataFrame
        One column per name in :data:`BASELINES`, aligned with ``frame``.
    """
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "random": rng.random(len(frame)),
        "persistence": frame["rca"].to_numpy(dtype=float),
        "momentum": frame["share_change_prev"].to_numpy(dtype=float),
        "density": frame["density"].to_numpy(dtype=float),
        "atlas": atlas_score(frame),
    }, index=frame.index)
