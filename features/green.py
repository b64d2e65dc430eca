"""绿色底线 Green floor: carbon intensity of the industry against the region's grid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.context import YearContext, ratio
from features.resource import clean_power_share

SRC = "co2_sectors (CEADs; Shan et al. 2018, 2020; Guan et al. 2021), io_panel"

CO2_INTENSITY = feature("co2_intensity", "green", "碳排放强度", "CO2 intensity of the industry",
                        "t CO2 per 万元", "The industry's national scope-1 CO2 (latest year ≤ t) over its "
                        "national gross output at the latest IO year ≤ t", SRC)
GREEN_MATCH = feature("green_match", "green", "绿电匹配", "Green-power match", "index",
                      "CO2 intensity percentile of the industry (0–1) times the region's clean-power share "
                      "(%): high when an energy-intensive industry lands on a clean grid",
                      SRC + ", attr_energy")
COAL_GRID_FLAG = feature("coal_grid_flag", "green", "高碳落煤电", "Energy-intensive on a coal-heavy grid",
                         "0/1", "1 when the industry is in the top third by CO2 intensity and the region's "
                         "clean-power share is below the median of regions", SRC + ", attr_energy")


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
