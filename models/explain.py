"""SHAP explanations of the ranker's scores, grouped by pillar.

SHAP values come from :class:`shap.TreeExplainer` on the LightGBM booster
(exact path-dependent Tree SHAP, identical to LightGBM's ``pred_contrib``). For
every row, ``base_value + Σ feature contributions = score``; pillar contributions
are the sums of the contributions of the pillar's features
(:func:`features.catalogue.pillar_of`), so ``base_value + Σ pillar contributions =
score`` as well. Scores — and so contributions — are comparable only within a
query (one region's candidate industries).
"""

from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pandas as pd
import shap

from features.catalogue import PILLARS, pillar_of

SHAP_PREFIX = "shap_"
PILLAR_PREFIX = "pillar_"


def shap_column(feature: str) -> str:
    """Name of the SHAP column of ``feature`` in a contribution frame."""
    return SHAP_PREFIX + feature


def pillar_column(pillar: str) -> str:
    """Name of the contribution column of ``pillar`` in a contribution frame."""
    return PILLAR_PREFIX + pillar


class TreeContributions:
    """Tree SHAP of a LightGBM booster over named features, summed per pillar.

    Parameters
    ----------
    booster : lightgbm.Booster
        Fitted model.
    features : list of str, optional
        Model inputs in booster order (default: ``booster.feature_name()``).
    pillars : dict, optional
        Feature → pillar (default: the feature catalogue). Every feature needs one.
    """

    def __init__(self, booster: lgb.Booster, features: list[str] | None = None,
                 pillars: dict[str, str] | None = None) -> None:
        self.booster = booster
        self.features = list(booster.feature_name() if features is None else features)
        if self.features != list(booster.feature_name()):
            raise ValueError("features differ from the booster's feature names")
        pillars = pillar_of() if pillars is None else pillars
        unknown = [f for f in self.features if f not in pillars]
        if unknown:
            raise ValueError(f"features without a pillar in the catalogue: {unknown}")
        self.pillars = {f: pillars[f] for f in self.features}
        self.explainer = shap.TreeExplainer(booster)

    @property
    def base_value(self) -> float:
        """The expected raw score (SHAP base value)."""
        return float(np.ravel(self.explainer.expected_value)[0])

    def shap_values(self, X: pd.DataFrame) -> np.ndarray:
        """Rows × features SHAP values of ``X`` (columns picked by name)."""
        if len(X) == 0:
            return np.zeros((0, len(self.features)))
        return np.asarray(self.explainer.shap_values(X[self.features].to_numpy(dtype=float)), dtype=float)

    def pillar_matrix(self) -> pd.DataFrame:
        """Feature × pillar 0/1 membership (every pillar of the catalogue, in display order)."""
        member = np.array([[float(self.pillars[f] == p) for p in PILLARS] for f in self.features])
        return pd.DataFrame(member.reshape(len(self.features), len(PILLARS)), index=self.features,
                            columns=list(PILLARS))

    def frame(self, X: pd.DataFrame) -> pd.DataFrame:
        """Score, base value, per-feature and per-pillar contributions of every row.

        Returns
        -------
        DataFrame
            Index of ``X``; columns ``score, base_value``, ``shap_<feature>`` per
            feature and ``pillar_<pillar>`` per pillar. ``score`` is the booster's
            prediction.
        """
        values = self.shap_values(X)
        score = (self.booster.predict(X[self.features].to_numpy(dtype=float)) if len(X)
                 else np.zeros(0))
        pillars = values @ self.pillar_matrix().to_numpy()
        out = pd.DataFrame({"score": score, "base_value": self.base_value}, index=X.index)
        shap_part = pd.DataFrame(values, index=X.index, columns=[shap_column(f) for f in self.features])
        pillar_part = pd.DataFrame(pillars, index=X.index, columns=[pillar_column(p) for p in PILLARS])
        return pd.concat([out, shap_part, pillar_part], axis=1)

