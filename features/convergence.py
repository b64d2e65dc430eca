"""发展势头 Convergence: how far a region's share of an industry sits from the size of its
economy, and its longer share history (mean reversion)."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, share_of_nation

SRC = "io_panel (provincial IO tables, up to three consecutive benchmark years)"

SHARE_GAP = feature("share_gap", "momentum", "份额缺口", "Share gap to economic weight", "percentage points",
                    "Region's share of national gross output over all industries minus its national share of "
                    "the industry (latest IO year ≤ t): > 0 = under-represented relative to the size of its "
                    "economy, room to converge", SRC)
SHARE_CHANGE_LAG = feature("share_change_lag", "momentum", "份额变化(前一期)",
                           "National share change, period before", "percentage points",
                           "Change in the region's national output share of the industry between the second and "
                           "third latest IO benchmark years ≤ t (the period before share_change_prev)", SRC)
SHARE_CHANGE_10Y = feature("share_change_10y", "momentum", "份额变化(两期)", "National share change, two periods",
                           "percentage points", "Change in the region's national output share of the industry "
                           "from the third latest to the latest IO benchmark year ≤ t", SRC)
FEATURES = (SHARE_GAP, SHARE_CHANGE_LAG, SHARE_CHANGE_10Y)


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Convergence features as of the context's year."""
    now, before, earlier = ctx.now, ctx.before, ctx.earlier
    if now is None:
        return {name: ctx.nan() for name in FEATURES}
    weight = now.sum(axis=1, keepdims=True) / np.nansum(now) * 100
    share_now = share_of_nation(now)
    share_before = share_of_nation(before) if before is not None else None
    share_earlier = share_of_nation(earlier) if earlier is not None else None
    lag = share_before - share_earlier if share_before is not None and share_earlier is not None else ctx.nan()
    ten = share_now - share_earlier if share_earlier is not None else ctx.nan()
    return {SHARE_GAP: weight - share_now, SHARE_CHANGE_LAG: lag, SHARE_CHANGE_10Y: ten}
