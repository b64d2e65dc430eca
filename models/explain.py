"""Explanations of the fit score: SHAP contributions, in score points, grouped by pillar.

The ranker's margin is explained exactly by path-dependent Tree SHAP of its trees
plus the linear prior terms (as in :meth:`models.ranker.HostfitRanker.predict_contrib`):
``base + Σ contributions = margin``. The trees' part comes from precomputed lookup
tables (:mod:`models.treeshap`, equal to LightGBM's ``pred_contrib`` to 1e-9, tested)
once a batch is large enough to pay for building them (:data:`TABLE_MIN_ROWS`), and
from ``pred_contrib`` before that (:func:`contributions`). Users see the 0–100 fit
score (:mod:`models.calibration`), so contributions are converted to score points:
``base score + Σ points = score`` for every row, per feature and per pillar (the sum
of its features' points).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import PILLARS, pillar_of
from models.calibration import base_score, to_points, to_score
from models.ranker import HostfitRanker
from models.treeshap import TreeShapTables

POINTS_PREFIX = "points_"
PILLAR_PREFIX = "pillar_"
#: Rows from which :func:`contributions` builds the SHAP tables (≈ 0.3 s, once per
#: explainer) rather than calling ``pred_contrib`` (≈ 0.1–0.3 ms per row); once built,
#: the tables serve every batch.
TABLE_MIN_ROWS = 2000


def points_column(feature: str) -> str:
    """Name of the column holding the score points of ``feature``."""
    return POINTS_PREFIX + feature


def pillar_column(pillar: str) -> str:
    """Name of the column holding the score points of ``pillar``."""
    return PILLAR_PREFIX + pillar


def contributions(ranker: HostfitRanker, X: pd.DataFrame | np.ndarray, tables: TreeShapTables | None = None,
                  n_threads: int = 1) -> np.ndarray:
    """Per-feature contributions plus the base value (last column), as :meth:`HostfitRanker.predict_contrib`.

    Parameters
    ----------
    ranker : HostfitRanker
        Fitted ranker.
    X : DataFrame or ndarray
        Rows with the ranker's features (a matrix: columns in ``feature_names_in_`` order).
    tables : TreeShapTables, optional
        SHAP tables of ``ranker.booster_``; without them LightGBM's ``pred_contrib`` is used.
    n_threads : int
        Threads for the tables (``pred_contrib`` uses the ranker's own setting).

    Returns
    -------
    ndarray, shape (len(X), n_features + 1)
        Tree SHAP values plus each prior feature's linear term; rows sum to the margin.
    """
    if tables is None:
        return ranker.predict_contrib(X)
    contrib = tables.shap_values(ranker._matrix(X), n_threads=n_threads)
    terms = ranker._prior_terms(X)
    names = list(ranker.feature_names_in_)
    for j, name in enumerate(ranker.prior_weights_):
        contrib[:, names.index(name)] += terms[:, j]
    return contrib


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
    table_min_rows : int or None
        Batch size from which the SHAP tables are built and used (0: always; None: never,
        LightGBM's ``pred_contrib`` only).
    """

    def __init__(self, ranker: HostfitRanker, calibration: tuple[float, float],
                 pillars: dict[str, str] | None = None, table_min_rows: int | None = TABLE_MIN_ROWS) -> None:
        self.ranker = ranker
        self.table_min_rows = table_min_rows
        self._tables: TreeShapTables | None = None
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

    @property
    def has_tables(self) -> bool:
        """Whether the SHAP tables are built (then :meth:`margin_points` is the fast path)."""
        return self._tables is not None

    def ensure_tables(self) -> bool:
        """Build the SHAP tables now unless disabled (``table_min_rows=None``); True if they exist."""
        if self._tables is None and self.table_min_rows is not None:
            self._tables = TreeShapTables.from_booster(self.ranker.booster_)
        return self._tables is not None

    def margin_points(self, X: pd.DataFrame | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Margins and :meth:`points` of the rows of ``X`` from one contribution pass
        (the margin is the base value plus the row's contributions)."""
        if len(X) == 0:
            return np.zeros(0), np.zeros((0, len(self.columns)))
        contrib = self.contrib(X)
        return contrib.sum(axis=1), self._points_of(contrib[:, :-1])

    def contrib(self, X: pd.DataFrame | np.ndarray) -> np.ndarray:
        """Margin contributions of the rows of ``X`` (last column: base margin) via :func:`contributions`."""
        if self._tables is None and self.table_min_rows is not None and len(X) >= self.table_min_rows:
            self._tables = TreeShapTables.from_booster(self.ranker.booster_)
        return contributions(self.ranker, X, self._tables)

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
        return self._points_of(self.contrib(X)[:, :-1])

    def _points_of(self, contrib: np.ndarray) -> np.ndarray:
        points = to_points(contrib, self.a, self.b)
        score = self.score(contrib.sum(axis=1) + self.base_margin)
        return np.column_stack([score, np.full(len(contrib), self.base_score), points, points @ self.membership])

    def frame(self, X: pd.DataFrame) -> pd.DataFrame:
        """:meth:`points` of the rows of the frame ``X`` as a frame with ``X``'s index."""
        return pd.DataFrame(self.points(X), index=X.index, columns=self.columns)
