"""转得出 Origin push: is the industry leaving the east, and from where?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.arrays import InputArrays
from features.catalogue import feature
from features.context import YearContext, ratio

SRC = "io_panel (provincial IO tables), regions (macro-regions)"

EAST_SHARE = feature(
    "east_share", "origin", label_zh="东部份额", label_en="Eastern share of the industry",
    unit_zh="%", unit_en="%",
    meaning_zh="东部各省合计占全国该产业总产出的百分比；越高，可转出的存量越大。",
    meaning_en="Eastern provinces' combined share of national gross output of the industry; higher = more "
               "capacity that could move",
    source=SRC)
EAST_SHARE_TREND = feature(
    "east_share_trend", "origin", label_zh="东部份额变化", label_en="Eastern share trend",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="东部各省合计的全国份额在上一期（最近两期投入产出表之间）的变化；为负表示该产业正在迁出东部。",
    meaning_en="Change in the eastern provinces' combined national share of the industry over the previous "
               "period (negative = moving out of the east)",
    source=SRC)
EAST_SHED = feature(
    "east_shed", "origin", label_zh="东部迁出产能", label_en="Capacity shed by the east",
    unit_zh="万元（对数）", unit_en="log of 10⁴ yuan",
    meaning_zh="上一期东部份额下降所让出的产出（东部份额降幅 × t 期全国总产出；东部份额上升时为 0）"
               "加 1 后取自然对数；越大，东部让出的产能越多。",
    meaning_en="Natural log of 1 + the output the eastern provinces gave up beyond their proportional share "
               "of the industry's national growth over the previous period (−Δ eastern share × national "
               "output at t; 0 when the east gained share)",
    source=SRC)
COST_VS_EAST = feature(
    "cost_vs_east", "origin", label_zh="相对东部单位劳动成本", label_en="Unit labour cost relative to the east",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="本地区该产业单位产出的劳动者报酬，除以东部各省合计的同一比值（t 年及以前最近一期投入产出表）；"
               "小于 1 表示比东部便宜。",
    meaning_en="Labour compensation per unit of output of the industry in the region over that in "
               "the eastern provinces combined (latest IO year ≤ t); < 1 = cheaper than the east",
    source=SRC, direction=-1, neutral=1.0)
EAST_COST_GAP = feature(
    "east_cost_gap", "origin", label_zh="东部成本压力", label_en="Eastern cost pressure",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="东部各省合计的该产业单位产出劳动者报酬，除以中西部各省合计的同一比值；大于 1 表示东部更贵、外迁压力更大。",
    meaning_en="Labour compensation per unit output of the industry in the east over that in the "
               "central and western provinces; > 1 = the east is dearer",
    source=SRC, direction=1, neutral=1.0)


def _east_share(output: np.ndarray, east: np.ndarray) -> np.ndarray:
    """1 × I: the eastern provinces' combined share (%) of each industry's national output."""
    return ratio(np.nansum(output[east], axis=0, keepdims=True), np.nansum(output, axis=0, keepdims=True)) * 100


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Origin features (industry-level, except the cost relative to the east) as of the context's year."""
    now, before = ctx.now, ctx.before
    if now is None:
        return {EAST_SHARE: ctx.nan("i"), EAST_SHARE_TREND: ctx.nan("i"), EAST_SHED: ctx.nan("i"),
                EAST_COST_GAP: ctx.nan("i"), COST_VS_EAST: ctx.nan()}
    share_now = _east_share(now, ctx.east)
    trend = share_now - _east_share(before, ctx.east) if before is not None else ctx.nan("i")
    shed = np.log1p(np.clip(-trend / 100 * ctx.national, 0, None))
    labour = ctx.item(ctx.io_year, "labour_compensation")
    east_cost = ratio(np.nansum(labour[ctx.east], axis=0), np.nansum(now[ctx.east], axis=0))[None, :]
    inland_cost = ratio(np.nansum(labour[ctx.inland], axis=0), np.nansum(now[ctx.inland], axis=0))[None, :]
    return {EAST_SHARE: share_now, EAST_SHARE_TREND: trend, EAST_SHED: shed,
            EAST_COST_GAP: ratio(east_cost, inland_cost), COST_VS_EAST: ratio(ratio(labour, now), east_cost)}


def east_share_changes(arrays: InputArrays, year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """National shares (%) of every region in every sector at the IO year ≤ ``year`` and the one
    before, and the change (pp); NaN except for eastern regions with both tables. None when
    there is no previous period. Memoised per arrays and year."""
    def compute():
        now_year = arrays.io_year_as_of(year)
        before_year = arrays.previous_io_year(now_year)
        if now_year is None or before_year is None:
            return None
        now, before = arrays.output(now_year), arrays.output(before_year)
        share_now = ratio(now, np.nansum(now, axis=0, keepdims=True)) * 100
        share_before = ratio(before, np.nansum(before, axis=0, keepdims=True)) * 100
        keep = ((arrays.macro == "East") & ~np.isnan(now).all(axis=1) & ~np.isnan(before).all(axis=1))[:, None]
        share_now, share_before = np.where(keep, share_now, np.nan), np.where(keep, share_before, np.nan)
        return share_before, share_now, share_now - share_before

    return arrays.memo(("east_share_changes", int(year)), compute, depends=("io", "regions"))


def shedding_regions(arrays: InputArrays, industry: str, year: int, top: int = 5) -> pd.DataFrame:
    """Eastern provinces most likely to be shedding ``industry``: largest national-share drops
    over the period ending at the latest IO year ≤ ``year``.

    Returns
    -------
    DataFrame
        ``region, share_before, share_now, change`` (percentage points), most negative
        change first; only drops; empty when there is no previous period.
    """
    columns = ["region", "share_before", "share_now", "change"]
    changes = east_share_changes(arrays, year)
    if changes is None:
        return pd.DataFrame(columns=columns)
    j = arrays.column[industry]
    before, now, change = (part[:, j] for part in changes)
    drops = np.flatnonzero(change < 0)
    order = drops[np.argsort(change[drops], kind="stable")][:top]
    return pd.DataFrame({"region": arrays.regions[order].astype(int), "share_before": before[order],
                         "share_now": now[order], "change": change[order]})


def shedding_lists(arrays: InputArrays, year: int, top: int = 5) -> dict[str, list[int]]:
    """Every sector → the codes of :func:`shedding_regions` (largest drop first), in one pass."""
    changes = east_share_changes(arrays, year)
    if changes is None:
        return {industry: [] for industry in arrays.industries}
    change = changes[2]
    order = np.argsort(np.where(change < 0, change, np.inf), axis=0, kind="stable")[:top]
    dropped = np.take_along_axis(change, order, axis=0) < 0
    codes = arrays.regions.astype(int)
    return {industry: [int(codes[i]) for i, keep in zip(order[:, j], dropped[:, j]) if keep]
            for j, industry in enumerate(arrays.industries)}
