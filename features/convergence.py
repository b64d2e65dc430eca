"""发展势头 Convergence: how far a region's share of an industry sits from the size of its
economy, and its longer share history (mean reversion)."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, share_of_nation

SRC = "io_panel (provincial IO tables, up to three consecutive benchmark years)"

SHARE_GAP = feature(
    "share_gap", "momentum", label_zh="份额缺口", label_en="Share gap to economic weight",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="本地区全部产业总产出占全国的份额，减去本地区该产业的全国份额（t 年及以前最近一期投入产出表）；"
               "大于 0 表示该产业在本地区的分量小于其经济体量，有追赶空间。",
    meaning_en="Region's share of national gross output over all industries minus its national share of "
               "the industry (latest IO year ≤ t): > 0 = under-represented relative to the size of its "
               "economy, room to converge",
    source=SRC)
SHARE_CHANGE_LAG = feature(
    "share_change_lag", "momentum", label_zh="份额变化(前一期)", label_en="National share change, period before",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="本地区该产业全国产出份额在 t 年及以前第三近与第二近两期投入产出表之间的变化"
               "（即“份额变化(上期)”之前的一期）；为正表示份额上升。",
    meaning_en="Change in the region's national output share of the industry between the second and "
               "third latest IO benchmark years ≤ t (the period before “National share change, previous period”); > 0 = gaining share",
    source=SRC)
SHARE_CHANGE_10Y = feature(
    "share_change_10y", "momentum", label_zh="份额变化(两期)", label_en="National share change, two periods",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="本地区该产业全国产出份额从 t 年及以前第三近一期到最近一期投入产出表（两期，约十年）的变化；"
               "为正表示份额上升。",
    meaning_en="Change in the region's national output share of the industry from the third latest to the "
               "latest IO benchmark year ≤ t (two periods, about ten years); > 0 = gaining share",
    source=SRC)
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
