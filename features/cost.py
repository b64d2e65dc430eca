"""成本 Cost: labour cost per unit of output relative to the national level."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, ratio

SRC = "io_panel (provincial IO tables)"

LABOUR_COST = feature("labour_cost_ratio", "cost", "相对单位劳动成本", "Relative unit labour cost", "ratio",
                      "Labour compensation per unit of gross output in the region's industry over the "
                      "national ratio for the industry; < 1 = cheaper than the national level", SRC)
REGION_LABOUR_SHARE = feature("region_labour_share", "cost", "地区劳动报酬率", "Regional labour share",
                              "ratio", "Labour compensation over gross output across all the region's "
                              "industries, relative to the national ratio", SRC)


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Cost features as of the context's year."""
    if ctx.now is None:
        return {LABOUR_COST: ctx.nan(), REGION_LABOUR_SHARE: ctx.nan("r")}
    output, labour = ctx.now, ctx.item(ctx.io_year, "labour_compensation")
    national = ratio(np.nansum(labour, axis=0, keepdims=True), ctx.national)
    region_share = ratio(labour.sum(axis=1, keepdims=True), output.sum(axis=1, keepdims=True))
    overall = ratio(np.nansum(labour), np.nansum(output))
    return {LABOUR_COST: ratio(ratio(labour, output), national), REGION_LABOUR_SHARE: region_share / overall}
