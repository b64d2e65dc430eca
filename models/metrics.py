"""Ranking metrics of one query (one region's industries) and bootstrap summaries.

Rankings sort by descending score; ties keep the input order (rows are sorted by
industry code), so every metric is deterministic.
"""

from __future__ import annotations

import numpy as np


def ranking(scores: np.ndarray) -> np.ndarray:
    """Indices of ``scores`` from best to worst (NaN last, ties by position)."""
    scores = np.asarray(scores, dtype=float)
    return np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable")


def _tie_averaged(gains: np.ndarray, ordered_scores: np.ndarray) -> np.ndarray:
    """Gains in ranked order with each run of equal scores replaced by the run's mean gain:
    the expected gain at each position when ties are broken uniformly at random."""
    keys = np.nan_to_num(ordered_scores, nan=-np.inf)
    block = np.concatenate([[0], np.cumsum(keys[1:] != keys[:-1])])
    return (np.bincount(block, weights=gains) / np.bincount(block))[block]


def ndcg_at_k(relevance: np.ndarray, scores: np.ndarray, k: int, ties: str = "first") -> float:
    """NDCG@k with exponential gain ``2^rel − 1`` and ``log2(rank + 1)`` discount.

    Parameters
    ----------
    relevance, scores : ndarray
        Graded relevance and scores of one query's items.
    k : int
        Cut-off.
    ties : {"first", "average"}
        ``"first"``: tied scores keep the input order. ``"average"``: the expectation over
        uniformly random orders of each run of tied scores (so a constant score gives
        exactly the expected NDCG of a random order).

    Returns
    -------
    float
        NaN when the query has no relevant item.
    """
    relevance = np.asarray(relevance, dtype=float)
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = np.sort(relevance)[::-1][:k]
    best = float(((2.0 ** ideal - 1) * discount[: len(ideal)]).sum())
    if best <= 0:
        return float("nan")
    order = ranking(scores)
    gains = 2.0 ** relevance[order] - 1
    if ties == "average":
        gains = _tie_averaged(gains, np.asarray(scores, dtype=float)[order])
    elif ties != "first":
        raise ValueError(f"ties must be 'first' or 'average', not {ties!r}")
    got = gains[:k]
    return float((got * discount[: len(got)]).sum()) / best


def precision_at_k(relevant: np.ndarray, scores: np.ndarray, k: int) -> float:
    """Share of the top-``k`` that is relevant, over ``min(k, n_relevant)`` (so a perfect
    ranking scores 1). NaN when nothing is relevant."""
    relevant = np.asarray(relevant, dtype=float) > 0
    n_rel = int(relevant.sum())
    if n_rel == 0:
        return float("nan")
    return float(relevant[ranking(scores)][:k].sum()) / min(k, n_rel)


def average_precision(relevant: np.ndarray, scores: np.ndarray) -> float:
    """Average precision of a binary relevance vector (NaN when nothing is relevant)."""
    relevant = np.asarray(relevant, dtype=float)[ranking(scores)] > 0
    if not relevant.any():
        return float("nan")
    hits = np.cumsum(relevant)
    return float((hits / np.arange(1, len(relevant) + 1))[relevant].mean())


def query_metrics(grade: np.ndarray, relevant: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """NDCG@5, NDCG@10 (on ``grade``), P@5 and MAP (on binary ``relevant``) of one query."""
    return {
        "ndcg@5": ndcg_at_k(grade, scores, 5),
        "ndcg@10": ndcg_at_k(grade, scores, 10),
        "p@5": precision_at_k(relevant, scores, 5),
        "map": average_precision(relevant, scores),
    }


def expected_random_metrics(grade: np.ndarray, relevant: np.ndarray) -> dict[str, float]:
    """Exact expectation of :func:`query_metrics` over uniformly random orders of one query.

    Every position holds each item with probability ``1/n``, so the expected DCG@k is
    ``mean(gain) · Σ_{p≤k} discount_p``; P@k is ``(R/n) · min(k, n) / min(k, R)``; and
    ``E[AP] = (1/n) Σ_{p=1..n} (1/p) (1 + (p − 1)(R − 1)/(n − 1))`` for ``R`` relevant of ``n``.
    NaN where the metric is undefined (no relevant item).
    """
    grade = np.asarray(grade, dtype=float)
    relevant = np.asarray(relevant, dtype=float) > 0
    n, n_rel = len(grade), int(relevant.sum())
    out = {}
    for k in (5, 10):
        ideal = np.sort(grade)[::-1][:k]
        discount = 1.0 / np.log2(np.arange(2, k + 2))
        best = float(((2.0 ** ideal - 1) * discount[: len(ideal)]).sum())
        expected = float(np.mean(2.0 ** grade - 1)) * float(discount[: min(k, n)].sum())
        out[f"ndcg@{k}"] = expected / best if best > 0 else float("nan")
    if n_rel == 0:
        out["p@5"] = out["map"] = float("nan")
        return out
    out["p@5"] = (n_rel / n) * min(5, n) / min(5, n_rel)
    positions = np.arange(1, n + 1)
    later = (positions - 1) * (n_rel - 1) / (n - 1) if n > 1 else np.zeros(n)
    out["map"] = float(np.sum((1 + later) / positions) / n)
    return out


def bootstrap_ci(values: np.ndarray, n_boot: int = 2000, level: float = 0.90,
                 seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap CI of the mean of ``values`` (one value per region).

    Parameters
    ----------
    values : ndarray
        Per-unit values; NaNs are dropped first.
    n_boot : int
        Number of resamples (with replacement, same size as ``values``).
    level : float
        Two-sided coverage, e.g. 0.90 → 5th and 95th percentiles.
    seed : int
        Seed of the resampling generator.
    """
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return (float(low), float(high))


def summarise(values: np.ndarray, n_boot: int = 2000, seed: int = 0) -> dict:
    """``{"mean", "ci", "n"}`` of per-region values (90% bootstrap CI)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    mean = float(values.mean()) if len(values) else float("nan")
    return {"mean": mean, "ci": list(bootstrap_ci(values, n_boot=n_boot, seed=seed)), "n": int(len(values))}
