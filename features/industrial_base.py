"""产业基础 Industrial base: specialisation, scale and relatedness density."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, share_of_nation

SRC = "io_panel (provincial IO tables)"

RCA = feature("rca", "industrial_base", "区位商", "Location quotient (RCA)", "ratio",
              "Region's share of the industry in its own output over the national share; ≥1 = specialised",
              SRC)
NATIONAL_SHARE = feature("national_share", "industrial_base", "全国份额", "National output share", "%",
                         "Region's share of national gross output of the industry", SRC)
LOG_OUTPUT = feature("log_output", "industrial_base", "产业规模(对数)", "Industry scale (log)", "log 万元",
                     "Natural log of 1 + the region's gross output of the industry", SRC)
DENSITY = feature("density", "industrial_base", "关联密度", "Relatedness density", "share 0–1",
                  "Proximity-weighted share of related industries in which the region has RCA ≥ 1 "
                  "(proximity from co-specialisation of all provinces, diagonal excluded)", SRC)
SECONDARY_SHARE = feature("secondary_share", "industrial_base", "第二产业比重", "Secondary-sector share of GDP",
                          "%", "Industry and construction value added over GDP (latest year ≤ t)",
                          "attr_macro (NBS)")


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Industrial-base features as of the context's year."""
    secondary = ctx.attr("secondary_share")
    if ctx.now is None:
        return {RCA: ctx.nan(), NATIONAL_SHARE: ctx.nan(), LOG_OUTPUT: ctx.nan(), DENSITY: ctx.nan(),
                SECONDARY_SHARE: secondary}
    return {RCA: ctx.rca, NATIONAL_SHARE: share_of_nation(ctx.now), LOG_OUTPUT: np.log1p(np.clip(ctx.now, 0, None)),
            DENSITY: ctx.density, SECONDARY_SHARE: secondary}
