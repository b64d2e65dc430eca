"""绿色底线 Green floor: carbon intensity of the industry against the region's grid."""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.frames import by_industry, by_region
from features.inputs import FeatureInputs, io_wide, io_year_as_of, safe_ratio
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


def co2_intensity(inputs: FeatureInputs, year: int) -> pd.Series:
    """Industry → t CO2 per 万元 of output (national totals), as of ``year``."""
    co2 = inputs.co2.loc[inputs.co2["year"] <= year]
    output = io_wide(inputs, io_year_as_of(inputs, year))
    if co2.empty or output.empty:
        return pd.Series(float("nan"), index=inputs.all_industries)
    latest = co2.loc[co2["year"] == co2["year"].max()]
    tonnes = latest.groupby("industry")["co2"].sum() * 1e6
    return safe_ratio(tonnes.reindex(inputs.all_industries), output.sum(axis=0))


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Green-floor features for every (region, industry) as of ``year``."""
    intensity = co2_intensity(inputs, year)
    percentile = intensity.rank(pct=True)
    clean = clean_power_share(inputs, year)
    heavy = (percentile > 2 / 3).astype(float).where(percentile.notna())
    coal_grid = (clean < clean.median()).astype(float).where(clean.notna())
    return pd.DataFrame({
        CO2_INTENSITY: by_industry(intensity, inputs),
        GREEN_MATCH: by_industry(percentile, inputs) * by_region(clean, inputs),
        COAL_GRID_FLAG: by_industry(heavy, inputs) * by_region(coal_grid, inputs),
    })
