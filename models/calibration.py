"""The 0–100 fit score: a calibrated probability, and contributions in score points.

A ranker's margin is comparable within a region only up to an arbitrary scale, and
users should never see raw margins or negative numbers. The fit score is

``score = 100 · σ(a + b · (margin − base_value))``

the probability that the industry is among the region's five largest
above-proportional gains over the next five years (``top_gainer``), with ``a, b``
fitted by logistic regression on **rolling out-of-time** predictions: each
transition scored by a model trained only on earlier transitions. Centring on the
model's base value (its expected margin) makes margins of different fits comparable.

Contributions are shown in score points: the score's distance from the base score
``100 · σ(a)`` is shared among pillars (or features) in proportion to their margin
contributions. The factor is the secant slope of σ between the base and the row, so
it is positive, signs are kept and ``base score + Σ points = score`` exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import minimize

SCALE = 100.0


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def fit_calibration(centred: np.ndarray, outcome: np.ndarray) -> tuple[float, float]:
    """Logistic regression ``P(outcome) = σ(a + b · centred)`` by maximum likelihood.

    Parameters
    ----------
    centred : ndarray
        Out-of-time margins minus their model's base value.
    outcome : ndarray
        0/1 outcomes (the row's industry was a top-5 gainer of its region).

    Returns
    -------
    (a, b)
        Intercept and slope; ``b`` is clipped at 0 from below (a score may not fall
        as the margin rises).
    """
    x = np.asarray(centred, dtype=float)
    y = np.asarray(outcome, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if len(x) == 0:
        raise ValueError("no finite rows to calibrate on")

    def loss(theta: np.ndarray) -> float:
        z = theta[0] + theta[1] * x
        return float(np.sum(np.logaddexp(0.0, z) - y * z))

    rate = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    start = np.array([np.log(rate / (1 - rate)), 0.0])
    fitted = minimize(loss, start, method="BFGS")
    a, b = (float(v) for v in fitted.x)
    return a, max(b, 0.0)


def to_score(centred: np.ndarray, a: float, b: float) -> np.ndarray:
    """0–100 fit score of centred margins."""
    return SCALE * _sigmoid(a + b * np.asarray(centred, dtype=float))


def base_score(a: float) -> float:
    """The fit score of a row at the model's base value."""
    return float(SCALE * _sigmoid(a))


def to_points(contributions: np.ndarray, a: float, b: float) -> np.ndarray:
    """Margin contributions (rows × parts, summing to the centred margin) in score points.

    Each row's ``score − base score`` is shared in proportion to its contributions;
    the shares sum to it exactly.
    """
    contributions = np.asarray(contributions, dtype=float)
    total = contributions.sum(axis=1)
    z = a + b * total
    score_gap = SCALE * (_sigmoid(z) - _sigmoid(a))
    slope_at_base = SCALE * b * _sigmoid(a) * (1 - _sigmoid(a))
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(np.abs(total) > 1e-12, score_gap / total, slope_at_base)
    return contributions * factor[:, None]


def reliability(centred: np.ndarray, outcome: np.ndarray, a: float, b: float, bins: int = 5) -> pd.DataFrame:
    """Predicted vs observed rate by quantile bin of the predicted score.

    Returns
    -------
    DataFrame
        ``bin, n, predicted, observed`` (rates in %), one row per bin.
    """
    score = to_score(centred, a, b)
    frame = pd.DataFrame({"score": score, "outcome": np.asarray(outcome, dtype=float) * SCALE})
    frame["bin"] = pd.qcut(frame["score"].rank(method="first"), bins, labels=False) + 1
    grouped = frame.groupby("bin")
    return pd.DataFrame({"bin": grouped.size().index, "n": grouped.size().to_numpy(),
                         "predicted": grouped["score"].mean().round(1).to_numpy(),
                         "observed": grouped["outcome"].mean().round(1).to_numpy()})
