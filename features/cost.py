"""成本 Cost: labour cost per unit of output relative to the national level."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, ratio

SRC = "io_panel (provincial IO tables)"

LABOUR_COST = feature(
    "labour_cost_ratio", "cost", label_zh="相对单位劳动成本", label_en="Relative unit labour cost",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="本地区该产业劳动者报酬与总产出之比，除以全国该产业的同一比值；小于 1 表示单位产出的劳动成本低于全国水平。",
    meaning_en="Labour compensation per unit of gross output in the region's industry over the "
               "national ratio for the industry; < 1 = cheaper than the national level",
    source=SRC, direction=-1, neutral=1.0)
REGION_LABOUR_SHARE = feature(
    "region_labour_share", "cost", label_zh="地区劳动报酬率", label_en="Regional labour share",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="本地区全部产业劳动者报酬与总产出之比，除以全国的同一比值；小于 1 表示本地区整体劳动成本低于全国水平。",
    meaning_en="Labour compensation over gross output across all the region's industries, relative to the "
               "national ratio; < 1 = cheaper than the national level",
    source=SRC, direction=-1, neutral=1.0)


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Cost features as of the context's year."""
    if ctx.now is None:
        return {LABOUR_COST: ctx.nan(), REGION_LABOUR_SHARE: ctx.nan("r")}
    output, labour = ctx.now, ctx.item(ctx.io_year, "labour_compensation")
    national = ratio(np.nansum(labour, axis=0, keepdims=True), ctx.national)
    region_share = ratio(labour.sum(axis=1, keepdims=True), output.sum(axis=1, keepdims=True))
    overall = ratio(np.nansum(labour), np.nansum(output))
    return {LABOUR_COST: ratio(ratio(labour, output), national), REGION_LABOUR_SHARE: region_share / overall}
