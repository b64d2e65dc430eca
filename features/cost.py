"""成本 Cost: labour cost per unit of output relative to the national level."""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.frames import by_region, stack
from features.inputs import FeatureInputs, io_wide, io_year_as_of, safe_ratio

SRC = "io_panel (provincial IO tables)"

LABOUR_COST = feature(
    "labour_cost_ratio", "cost", label_zh="相对单位劳动成本", label_en="Relative unit labour cost",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="本地区该产业劳动者报酬与总产出之比，除以全国该产业的同一比值；小于 1 表示单位产出的劳动成本低于全国水平。",
    meaning_en="Labour compensation per unit of gross output in the region's industry over the "
               "national ratio for the industry; < 1 = cheaper than the national level",
    source=SRC)
REGION_LABOUR_SHARE = feature(
    "region_labour_share", "cost", label_zh="地区劳动报酬率", label_en="Regional labour share",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="本地区全部产业劳动者报酬与总产出之比，除以全国的同一比值；小于 1 表示本地区整体劳动成本低于全国水平。",
    meaning_en="Labour compensation over gross output across all the region's industries, relative to the "
               "national ratio; < 1 = cheaper than the national level",
    source=SRC)


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Cost features for every (region, industry) as of ``year``."""
    io_year = io_year_as_of(inputs, year)
    output = io_wide(inputs, io_year)
    labour = io_wide(inputs, io_year, "labour_compensation")
    unit_cost = safe_ratio(labour, output)
    national = safe_ratio(labour.sum(axis=0), output.sum(axis=0))
    region_share = safe_ratio(labour.sum(axis=1), output.sum(axis=1))
    overall = safe_ratio(labour.to_numpy().sum(), output.to_numpy().sum()) if not output.empty else float("nan")
    return pd.DataFrame({
        LABOUR_COST: stack(unit_cost.div(national, axis=1), inputs),
        REGION_LABOUR_SHARE: by_region(region_share / overall, inputs),
    })
