"""发展势头 Momentum: the region's recent share change and the industry's national growth."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, ratio, share_of_nation

SRC = "io_panel (provincial IO tables, two consecutive benchmark years)"

SHARE_CHANGE = feature(
    "share_change_prev", "momentum", label_zh="份额变化(上期)", label_en="National share change, previous period",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="本地区该产业全国产出份额在 t 年及以前最近两期投入产出表之间的变化；为正表示份额上升。",
    meaning_en="Change in the region's national output share of the industry between the previous and the "
               "latest IO benchmark year ≤ t; > 0 = gaining share",
    source=SRC)
RCA_CHANGE = feature(
    "rca_change_prev", "momentum", label_zh="专业化系数变化(上期)", label_en="Change in specialisation ratio, previous period",
    unit_zh="比值变化量", unit_en="change in ratio",
    meaning_zh="本地区该产业专业化系数在 t 年及以前最近两期投入产出表之间的变化；为正表示专业化程度提高。",
    meaning_en="Change in the region's specialisation ratio between the two latest IO years ≤ t; > 0 = becoming "
               "more specialised",
    source=SRC)
NATIONAL_GROWTH = feature(
    "national_growth", "momentum", label_zh="全国增速", label_en="National growth of the industry",
    unit_zh="五年增长率（小数）", unit_en="5-year growth (fraction)",
    meaning_zh="该产业全国（各省合计）总产出在 t 年及以前最近两期投入产出表之间的名义增长率，以小数表示"
               "（0.5 即增长 50%）。",
    meaning_en="Nominal growth of the industry's gross output summed over provinces between the two latest IO "
               "years ≤ t, as a fraction (0.5 = +50%)",
    source=SRC)


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
