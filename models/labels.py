"""Labels: what actually happened to a (region, industry) between t and t+5.

Two targets per transition ``t → t+5`` (consecutive IO benchmark years):

* **graded** relevance 0–4 from the change in the region's national output share
  of the industry, ``Δs = s(t+5) − s(t)`` in percentage points. Within each
  region-query: grade 0 when the region did not gain share (``Δs ≤ 0``); the
  industries it gained share in are split into within-region quartiles of
  ``Δs`` → grades 1–4 (4 = the top quarter of its gainers). Quartiles of the
  *gainers* (not of all 24 industries) keep losing industries at 0 however the
  region fared overall, and within-region ranks make regions of very different
  size comparable. Percentage points (not log ratios) are used because a host
  cares about the amount of national activity it captured; log ratios would
  reward noise in industries with a negligible base.
* **auxiliary training labels** (never evaluation targets; a variant may train on
  one when validation says it helps): ``grade_fine`` — the same construction with
  the gainers split into deciles (grades 0–10), so the ranker sees finer
  distinctions among gainers; ``rca_grade`` — graded relevance 0–4 of the change
  in the region's RCA instead of its national share, which weighs a gain by the
  region's own size rather than the sector's national size.
* **activation**: 1 when ``RCA(t) < 1`` and ``RCA(t+5) ≥ 1`` — the region became
  specialised. Only industries with ``RCA(t) < 1`` are candidates for it; others
  are NaN (left out of the activation report).

Shares and RCAs of both years are computed over the regions that have an IO
table in *both* years (the others are excluded from the transition), so the
national totals are comparable. RCA uses all 38 sectors, as the features do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.inputs import FeatureInputs, io_wide
from features.relatedness import rca

N_GRADES = 5
N_FINE_GRADES = 11
TOP_K_GAINERS = 5
LABEL_COLUMNS = ["region", "industry", "year", "year_end", "share_start", "share_end", "share_change",
                 "grade", "top_gainer", "rca_start", "rca_end", "activation", "grade_fine", "rca_grade"]
#: Labels a ranker can be trained on; ``grade`` is also the evaluation target.
TRAINING_LABELS = ("grade", "grade_fine", "rca_grade")


def transitions(inputs: FeatureInputs) -> list[tuple[int, int]]:
    """Consecutive IO benchmark years ``(t, t+5)`` present in the panel."""
    years = inputs.io_years
    return list(zip(years[:-1], years[1:]))


def graded_relevance(change: np.ndarray, n_grades: int = N_GRADES) -> np.ndarray:
    """Within-query graded relevance of share changes.

    Parameters
    ----------
    change : ndarray
        Share changes of one region's industries (NaN allowed → grade 0).
    n_grades : int
        Number of grades; gainers are split into ``n_grades - 1`` quantile bins.

    Returns
    -------
    ndarray of int
        0 for no gain; 1 … ``n_grades - 1`` by the within-query quantile rank of the gain.
    """
    change = np.asarray(change, dtype=float)
    grade = np.zeros(change.shape, dtype=int)
    gain = np.nan_to_num(change, nan=0.0) > 0
    if gain.any():
        values = change[gain]
        rank = pd.Series(values).rank(method="average", pct=True).to_numpy()
        grade[gain] = np.ceil(rank * (n_grades - 1) - 1e-9).astype(int).clip(1, n_grades - 1)
    return grade


def top_gainers(change: np.ndarray, k: int = TOP_K_GAINERS) -> np.ndarray:
    """1 for the ``k`` largest positive share changes of a query (ties by position), else 0."""
    change = np.nan_to_num(np.asarray(change, dtype=float), nan=0.0)
    order = np.argsort(-change, kind="stable")[:k]
    flag = np.zeros(change.shape, dtype=int)
    flag[order] = 1
    return flag * (change > 0)


def _share(output: pd.DataFrame) -> pd.DataFrame:
    return output.div(output.sum(axis=0), axis=1) * 100


def transition_labels(inputs: FeatureInputs, year: int, year_next: int) -> pd.DataFrame:
    """Labels of every (region, candidate industry) for the transition ``year → year_next``.

    Returns
    -------
    DataFrame
        :data:`LABEL_COLUMNS`, keyed by ``region, industry, year`` (= ``year``), rows
        sorted by region then industry; regions without an IO table in either year absent.
    """
    now, later = io_wide(inputs, year), io_wide(inputs, year_next)
    common = now.index.intersection(later.index)
    now, later = now.loc[common].fillna(0.0), later.loc[common].fillna(0.0)
    wide = {"share_start": _share(now), "share_end": _share(later), "rca_start": rca(now), "rca_end": rca(later)}
    candidates = inputs.candidates
    frame = pd.DataFrame({name: m[candidates].stack(future_stack=True) for name, m in wide.items()})
    frame = frame.rename_axis(["region", "industry"]).reset_index().sort_values(["region", "industry"])
    frame.insert(2, "year", int(year))
    frame.insert(3, "year_end", int(year_next))
    frame["share_change"] = frame["share_end"] - frame["share_start"]
    by_query = frame.groupby("region", sort=False)["share_change"]
    frame["grade"] = by_query.transform(lambda s: graded_relevance(s.to_numpy())).astype(int)
    frame["top_gainer"] = by_query.transform(lambda s: top_gainers(s.to_numpy())).astype(int)
    frame["grade_fine"] = by_query.transform(lambda s: graded_relevance(s.to_numpy(), N_FINE_GRADES)).astype(int)
    rca_change = (frame["rca_end"] - frame["rca_start"]).groupby(frame["region"], sort=False)
    frame["rca_grade"] = rca_change.transform(lambda s: graded_relevance(s.to_numpy())).astype(int)
    eligible = frame["rca_start"] < 1
    frame["activation"] = np.where(eligible, (frame["rca_end"] >= 1).astype(float), np.nan)
    return frame[LABEL_COLUMNS].reset_index(drop=True)


def build_labels(inputs: FeatureInputs, pairs: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Labels stacked over transitions (default: all of :func:`transitions`)."""
    pairs = transitions(inputs) if pairs is None else pairs
    return pd.concat([transition_labels(inputs, t, t_next) for t, t_next in pairs], ignore_index=True)
