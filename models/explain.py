"""Explanations of the fit score: SHAP contributions, in score points, grouped by pillar.

The ranker's margin is explained exactly by Tree SHAP (LightGBM ``pred_contrib``;
parity with ``shap.TreeExplainer`` is tested) plus the linear prior terms
(:meth:`models.ranker.HostfitRanker.predict_contrib`): ``base + Σ contributions =
margin``. Users see the 0–100 fit score (:mod:`models.calibration`), so contributions
are converted to score points: ``base score + Σ points = score`` for every row, per
feature and per pillar (the sum of its features' points).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import PILLARS, pillar_of
from models.calibration import base_score, to_points, to_score
from models.ranker import HostfitRanker

POINTS_PREFIX = "points_"
PILLAR_PREFIX = "pillar_"


def points_column(feature: str) -> str:
    """Name of the column holding the score points of ``feature``."""
    return POINTS_PREFIX + feature


def pillar_column(pillar: str) -> str:
    """Name of the column holding the score points of ``pillar``."""
    return PILLAR_PREFIX + pillar


class Explainer:
    """Scores and score-point contributions of a fitted ranker.

    Parameters
    ----------
    ranker : HostfitRanker
        Fitted ranker (merged seed-averaged trees plus its prior).
    calibration : (float, float)
        ``(a, b)`` of :func:`models.calibration.to_score`.
    pillars : dict, optional
        Feature → pillar (default: the feature catalogue). Every feature needs one.
    """

    def __init__(self, ranker: HostfitRanker, calibration: tuple[float, float],
                 pillars: dict[str, str] | None = None) -> None:
        self.ranker = ranker
        self.features = list(ranker.feature_names_in_)
        pillars = pillar_of() if pillars is None else pillars
        unknown = [f for f in self.features if f not in pillars]
        if unknown:
            raise ValueError(f"features without a pillar in the catalogue: {unknown}")
        self.pillars = {f: pillars[f] for f in self.features}
        self.a, self.b = (float(v) for v in calibration)
        self.base_margin = ranker.base_value
        self.membership = np.array([[float(self.pillars[f] == p) for p in PILLARS] for f in self.features]
                                   ).reshape(len(self.features), len(PILLARS))

    @property
    def base_score(self) -> float:
        """Fit score of a row at the model's expected margin (the start of every waterfall)."""
        return base_score(self.a)

    def used_pillars(self) -> list[str]:
        """Pillars with at least one model feature, in display order."""
        return [p for p in PILLARS if p in self.pillars.values()]

    def margin(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Raw ranker margins of the rows of ``X`` (a frame, or a matrix in :attr:`features` order)."""
        return self.ranker.predict(X)

    def score(self, margin: np.ndarray) -> np.ndarray:
        """0–100 fit scores of margins."""
        return to_score(np.asarray(margin, dtype=float) - self.base_margin, self.a, self.b)

    @property
    def columns(self) -> list[str]:
        """Columns of :meth:`points` / :meth:`frame`."""
        return ["score", "base_score", *[points_column(f) for f in self.features],
                *[pillar_column(p) for p in PILLARS]]

    def points(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Rows × :attr:`columns`: score, base score, per-feature and per-pillar score points.
        ``base_score + Σ points = score`` for every row."""
        if len(X) == 0:
            return np.zeros((0, len(self.columns)))
        contrib = self.ranker.predict_contrib(X)[:, :-1]
        points = to_points(contrib, self.a, self.b)
        score = self.score(contrib.sum(axis=1) + self.base_margin)
        return np.column_stack([score, np.full(len(X), self.base_score), points, points @ self.membership])

    def frame(self, X: pd.DataFrame) -> pd.DataFrame:
        """:meth:`points` of the rows of the frame ``X`` as a frame with ``X``'s index."""
        return pd.DataFrame(self.points(X), index=X.index, columns=self.columns)
