"""Labels: what a region actually captured of an industry between t and t+5.

Per transition ``t → t+5`` (consecutive IO benchmark years), over the regions with
an IO table in both years (so national totals are comparable):

* **xgain** (万元, the training and headline target) — capacity captured beyond a
  proportional share: ``xgain_ri = ΔY_ri − s_ri,t · ΔY_i``, the region's output
  gain in industry i minus its share at t of the industry's national gain. It
  equals ``Y_i,t+5 · (s_ri,t+5 − s_ri,t)``: a share gain weighted by the size of
  the industry, so one point of national share in chemicals counts for more than
  one point in a small sector. Summed over regions it is zero for every industry.
* **grade** 0–4 — within each region-query, 0 when ``xgain ≤ 0``; the positive
  ones are split into within-region quartiles (4 = the top quarter of the
  region's gains). ``top_gainer`` marks the five largest positive gains.
* **grade_share** / ``top_gainer_share`` — the same construction on the change of
  the national share in percentage points (the first release's label). It
  rewarded swings of tiny sectors and stays only as a secondary evaluation target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.inputs import FeatureInputs, io_wide

N_GRADES = 5
TOP_K_GAINERS = 5
LABEL_COLUMNS = ["region", "industry", "year", "year_end", "output_start", "output_end", "xgain", "grade",
                 "top_gainer", "share_start", "share_end", "share_change", "grade_share", "top_gainer_share"]
#: Evaluation targets: name → (graded relevance column, binary relevance column).
TARGETS = {"xgain": ("grade", "top_gainer"), "share": ("grade_share", "top_gainer_share")}


def transitions(inputs: FeatureInputs) -> list[tuple[int, int]]:
    """Consecutive IO benchmark years ``(t, t+5)`` present in the panel."""
    years = inputs.io_years
    return list(zip(years[:-1], years[1:]))


def graded_relevance(change: np.ndarray, n_grades: int = N_GRADES) -> np.ndarray:
    """Within-query graded relevance of gains.

    Parameters
    ----------
    change : ndarray
        Gains of one region's industries (NaN allowed → grade 0).
    n_grades : int
        Number of grades; positive gains are split into ``n_grades - 1`` quantile bins.

    Returns
    -------
    ndarray of int
        0 for no gain; 1 … ``n_grades - 1`` by the within-query quantile rank of the gain.
    """
    change = np.asarray(change, dtype=float)
    grade = np.zeros(change.shape, dtype=int)
    gain = np.nan_to_num(change, nan=0.0) > 0
    if gain.any():
        rank = pd.Series(change[gain]).rank(method="average", pct=True).to_numpy()
        grade[gain] = np.ceil(rank * (n_grades - 1) - 1e-9).astype(int).clip(1, n_grades - 1)
    return grade


def top_gainers(change: np.ndarray, k: int = TOP_K_GAINERS) -> np.ndarray:
    """1 for the ``k`` largest positive gains of a query (ties by position), else 0."""
    change = np.nan_to_num(np.asarray(change, dtype=float), nan=0.0)
    order = np.argsort(-change, kind="stable")[:k]
    flag = np.zeros(change.shape, dtype=int)
    flag[order] = 1
    return flag * (change > 0)


def excess_gain(start: pd.DataFrame, end: pd.DataFrame) -> pd.DataFrame:
    """``xgain = ΔY_ri − s_ri,start · ΔY_i`` of region × industry output matrices (same shape)."""
    gain = end - start
    share = start.div(start.sum(axis=0).replace(0.0, np.nan), axis=1).fillna(0.0)
    return gain - share.mul(gain.sum(axis=0), axis=1)


def _share(output: pd.DataFrame) -> pd.DataFrame:
    return output.div(output.sum(axis=0).replace(0.0, np.nan), axis=1) * 100


def _graded(frame: pd.DataFrame, column: str, grade: str, top: str) -> None:
    by_query = frame.groupby("region", sort=False)[column]
    frame[grade] = by_query.transform(lambda s: graded_relevance(s.to_numpy())).astype(int)
    frame[top] = by_query.transform(lambda s: top_gainers(s.to_numpy())).astype(int)


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
    wide = {"output_start": now, "output_end": later, "xgain": excess_gain(now, later),
            "share_start": _share(now), "share_end": _share(later)}
    candidates = inputs.candidates
    frame = pd.DataFrame({name: m[candidates].stack(future_stack=True) for name, m in wide.items()})
    frame = frame.rename_axis(["region", "industry"]).reset_index().sort_values(["region", "industry"])
    frame.insert(2, "year", int(year))
    frame.insert(3, "year_end", int(year_next))
    frame["share_change"] = frame["share_end"] - frame["share_start"]
    _graded(frame, "xgain", "grade", "top_gainer")
    _graded(frame, "share_change", "grade_share", "top_gainer_share")
    return frame[LABEL_COLUMNS].reset_index(drop=True)


def build_labels(inputs: FeatureInputs, pairs: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Labels stacked over transitions (default: all of :func:`transitions`)."""
    pairs = transitions(inputs) if pairs is None else pairs
    return pd.concat([transition_labels(inputs, t, t_next) for t, t_next in pairs], ignore_index=True)
