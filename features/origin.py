"""转得出 Origin push: is the industry leaving the east, and from where?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.frames import by_industry, stack
from features.inputs import FeatureInputs, io_wide, io_year_as_of, previous_io_year, safe_ratio

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
    source=SRC)
EAST_COST_GAP = feature(
    "east_cost_gap", "origin", label_zh="东部成本压力", label_en="Eastern cost pressure",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="东部各省合计的该产业单位产出劳动者报酬，除以中西部各省合计的同一比值；大于 1 表示东部更贵、外迁压力更大。",
    meaning_en="Labour compensation per unit output of the industry in the east over that in the "
               "central and western provinces; > 1 = the east is dearer",
    source=SRC)


def _east(inputs: FeatureInputs) -> list[int]:
    return sorted(inputs.regions.loc[inputs.regions["macro_region"] == "East", "region"].astype(int))


def _inland(inputs: FeatureInputs) -> list[int]:
    mask = inputs.regions["macro_region"].isin(["Central", "West"])
    return sorted(inputs.regions.loc[mask, "region"].astype(int))


def _east_share(output: pd.DataFrame, east: list[int]) -> pd.Series:
    return output.reindex(east).sum(axis=0) / output.sum(axis=0) * 100


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Origin features (industry-level, broadcast to every region) as of ``year``."""
    now_year = io_year_as_of(inputs, year)
    before_year = previous_io_year(inputs, now_year) if now_year is not None else None
    now, before = io_wide(inputs, now_year), io_wide(inputs, before_year)
    east, inland = _east(inputs), _inland(inputs)
    nan = pd.Series(float("nan"), index=inputs.all_industries)
    share_now = _east_share(now, east) if not now.empty else nan
    trend = share_now - _east_share(before, east) if not before.empty else nan
    shed = np.log1p((-trend / 100 * now.sum(axis=0)).clip(lower=0)) if not now.empty else nan
    if now.empty:
        gap = nan
        versus_east = stack(now, inputs)
    else:
        labour = io_wide(inputs, now_year, "labour_compensation")
        east_cost = safe_ratio(labour.reindex(east).sum(), now.reindex(east).sum())
        inland_cost = safe_ratio(labour.reindex(inland).sum(), now.reindex(inland).sum())
        gap = safe_ratio(east_cost, inland_cost)
        versus_east = stack(safe_ratio(safe_ratio(labour, now), east_cost), inputs)
    return pd.DataFrame({
        EAST_SHARE: by_industry(share_now, inputs),
        EAST_SHARE_TREND: by_industry(trend, inputs),
        EAST_SHED: by_industry(shed, inputs),
        EAST_COST_GAP: by_industry(gap, inputs),
        COST_VS_EAST: versus_east,
    })


def east_share_changes(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Every eastern province's national share of every industry at the latest IO year
    ≤ ``year`` and the one before: ``region, industry, share_before, share_now, change``
    (percentage points). Empty when there is no previous period. Memoised per IO panel.
    """
    def compute() -> pd.DataFrame:
        now_year = io_year_as_of(inputs, year)
        before_year = previous_io_year(inputs, now_year) if now_year is not None else None
        now, before = io_wide(inputs, now_year), io_wide(inputs, before_year)
        columns = ["region", "industry", "share_before", "share_now", "change"]
        if now.empty or before.empty:
            return pd.DataFrame(columns=columns)
        east = [r for r in _east(inputs) if r in now.index and r in before.index]
        share_now = (now / now.sum(axis=0) * 100).reindex(east)
        share_before = (before / before.sum(axis=0) * 100).reindex(east)
        table = pd.DataFrame({
            "region": np.repeat(east, share_now.shape[1]),
            "industry": np.tile(share_now.columns.to_numpy(), len(east)),
            "share_before": share_before.to_numpy().ravel(),
            "share_now": share_now.to_numpy().ravel(),
        })
        table["change"] = table["share_now"] - table["share_before"]
        return table[columns]

    return inputs.memo(("east_share_changes", year), inputs.io_panel, compute)


def shedding_regions(inputs: FeatureInputs, industry: str, year: int, top: int = 5) -> pd.DataFrame:
    """Eastern provinces most likely to be shedding ``industry``: largest share drops
    over the period ending at the latest IO year ≤ ``year``.

    Returns columns ``region, share_before, share_now, change`` (percentage points),
    most negative change first; empty when there is no previous period.
    """
    table = east_share_changes(inputs, year)
    rows = table.loc[(table["industry"] == industry) & (table["change"] < 0)]
    ordered = rows.sort_values("change", kind="stable").head(top)
    return ordered.drop(columns="industry").reset_index(drop=True)
