"""招商摘要 The one-screen investment summary of the region view: top candidates in three tiers.

The tier of a candidate follows one documented rule on its fit score and crowding
(:func:`tier`), relative to the average fit score over all provinces and industries
(``base``, the explainer's base value):

* 重点 priority — score at least :data:`PRIORITY_FACTOR` × the average, and crowding not high;
* 谨慎 caution — score below the average, or crowding high with a score under that bar;
* 可考虑 worth considering — everything else (above average; or well above it but crowded).

Pure functions of the board's tables (no Streamlit), so they are tested directly.
"""

from __future__ import annotations

import pandas as pd

TIERS = ("priority", "consider", "caution")
#: A "priority" score is at least this multiple of the all-province average.
PRIORITY_FACTOR = 1.25


def tier(score: float, crowding: str, base: float) -> str:
    """The tier of a candidate (see the module docstring).

    Parameters
    ----------
    score : float
        Fit score (0–100).
    crowding : str
        Crowding level: ``low``, ``medium`` or ``high``.
    base : float
        Average fit score over all provinces and industries.

    Returns
    -------
    str
        ``priority``, ``consider`` or ``caution``.
    """
    bar = PRIORITY_FACTOR * base
    if score >= bar and crowding != "high":
        return "priority"
    if score < base or crowding == "high" and score < bar:
        return "caution"
    return "consider"


def province_rank(scores: pd.Series, region: int) -> tuple[int, int]:
    """``(rank, count)`` of ``region``'s score among all regions' scores (1 = best; ties share a rank)."""
    own = float(scores.loc[region])
    return int((scores > own).sum()) + 1, int(scores.notna().sum())


def summary_frame(board, frame: pd.DataFrame, region: int) -> pd.DataFrame:
    """The summary rows of the candidates in ``frame`` (rows of ``board.recommend(region)``).

    Returns
    -------
    DataFrame
        ``industry, score, crowding_level, province_rank, provinces, tier`` in ``frame``'s order.
    """
    base = float(board.explainer.base_score)
    ranks = [province_rank(board.industry_scores(code), region) for code in frame["industry"]]
    return pd.DataFrame({
        "industry": frame["industry"].to_numpy(),
        "score": frame["score"].to_numpy(dtype=float),
        "crowding_level": frame["crowding_level"].to_numpy(),
        "province_rank": [rank for rank, _ in ranks],
        "provinces": [count for _, count in ranks],
        "tier": [tier(s, c, base) for s, c in zip(frame["score"], frame["crowding_level"])],
    })
