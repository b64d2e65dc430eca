"""绿色底线 Green floor: carbon intensity of the industry against the region's grid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.context import YearContext, ratio
from features.resource import clean_power_share

SRC = "co2_sectors (CEADs; Shan et al. 2018, 2020; Guan et al. 2021), io_panel"

CO2_INTENSITY = feature(
    "co2_intensity", "green", label_zh="碳排放强度", label_en="CO2 intensity of the industry",
    unit_zh="吨二氧化碳/万元", unit_en="t CO2 per 10⁴ yuan",
    meaning_zh="该产业全国直接（范围一）二氧化碳排放量（t 年及以前的最新年份）除以全国该产业总产出"
               "（t 年及以前最近一期投入产出表）；越高，排放越重。",
    meaning_en="The industry's national scope-1 CO2 (latest year ≤ t) over its national gross output at the "
               "latest IO year ≤ t; higher = more carbon per unit of output",
    source=SRC)
GREEN_MATCH = feature(
    "green_match", "green", label_zh="绿电匹配", label_en="Green-power match",
    unit_zh="指数 0–100", unit_en="index 0–100",
    meaning_zh="该产业碳排放强度在各产业中的百分位（0–1）乘以本地区清洁电力占比（%）；"
               "高耗能产业落在清洁电网地区时数值高。",
    meaning_en="CO2 intensity percentile of the industry (0–1) times the region's clean-power share "
               "(%): high when an energy-intensive industry lands on a clean grid",
    source=SRC + ", attr_energy")
COAL_GRID_FLAG = feature(
    "coal_grid_flag", "green", label_zh="高碳落煤电", label_en="Energy-intensive on a coal-heavy grid",
    unit_zh="0/1（是/否）", unit_en="0/1 (yes/no)",
    meaning_zh="该产业碳排放强度居各产业前三分之一、且本地区清洁电力占比低于各地区中位数时为 1，否则为 0；"
               "为 1 提示高碳产业落在以煤电为主的电网上。",
    meaning_en="1 when the industry is in the top third by CO2 intensity and the region's clean-power share is "
               "below the median of regions, else 0: a carbon-heavy industry on a coal-heavy grid",
    source=SRC + ", attr_energy", direction=-1, neutral=0.0)


def co2_intensity(ctx: YearContext) -> np.ndarray:
    """1 × I: t CO2 per 万元 of output (national totals), as of the context's year."""
    co2 = ctx.arrays.co2_as_of(ctx.year)
    if co2 is None or ctx.now is None:
        return ctx.nan("i")
    return ratio(co2[None, :] * 1e6, ctx.national)


def _percentile(values: np.ndarray) -> np.ndarray:
    """Percentile rank (average ties, NaN kept) of a vector, as pandas ``rank(pct=True)``."""
    return pd.Series(values).rank(pct=True).to_numpy()


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Green-floor features as of the context's year."""
    intensity = co2_intensity(ctx)
    percentile = _percentile(intensity[0])[None, :]
    clean = clean_power_share(ctx)
    heavy = np.where(np.isnan(percentile), np.nan, (percentile > 2 / 3).astype(float))
    median = np.nanmedian(clean) if (~np.isnan(clean)).any() else np.nan
    coal_grid = np.where(np.isnan(clean), np.nan, (clean < median).astype(float))
    return {CO2_INTENSITY: intensity, GREEN_MATCH: percentile * clean, COAL_GRID_FLAG: heavy * coal_grid}
