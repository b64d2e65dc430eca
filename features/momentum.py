"""发展势头 Momentum: the region's recent share change and the industry's national growth."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, ratio, share_of_nation

SRC = "io_panel (provincial IO tables, two consecutive benchmark years)"

SHARE_CHANGE = feature("share_change_prev", "momentum", "份额变化(上期)", "National share change, previous period",
                       "percentage points", "Change in the region's national output share of the industry "
                       "between the previous and the latest IO benchmark year ≤ t", SRC)
RCA_CHANGE = feature("rca_change_prev", "momentum", "区位商变化(上期)", "RCA change, previous period", "ratio",
                     "Change in the region's location quotient between the two latest IO years ≤ t", SRC)
NATIONAL_GROWTH = feature("national_growth", "momentum", "全国增速", "National growth of the industry",
                          "ratio per 5 years", "Growth of the industry's gross output summed over provinces "
                          "between the two latest IO years ≤ t (nominal)", SRC)


def _rca(output: np.ndarray) -> np.ndarray:
    return ratio(ratio(output, output.sum(axis=1, keepdims=True)),
                 np.nansum(output, axis=0, keepdims=True) / np.nansum(output))


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Momentum features as of the context's year."""
    now, before = ctx.now, ctx.before
    if now is None or before is None:
        return {SHARE_CHANGE: ctx.nan(), RCA_CHANGE: ctx.nan(), NATIONAL_GROWTH: ctx.nan("i")}
    growth = ratio(np.nansum(now, axis=0, keepdims=True), np.nansum(before, axis=0, keepdims=True)) - 1
    return {SHARE_CHANGE: share_of_nation(now) - share_of_nation(before), RCA_CHANGE: _rca(now) - _rca(before),
            NATIONAL_GROWTH: growth}
