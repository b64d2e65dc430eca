"""产业基础 Industrial base: specialisation, scale and relatedness density."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext, share_of_nation

SRC = "io_panel (provincial IO tables)"

RCA = feature(
    "rca", "industrial_base", label_zh="专业化系数", label_en="Specialisation ratio",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="该产业占本地区总产出的比重，除以该产业占全国总产出的比重；大于等于 1 表示本地区在该产业上已形成专业化。",
    meaning_en="Region's share of the industry in its own output over the national share; ≥ 1 = specialised",
    source=SRC)
NATIONAL_SHARE = feature(
    "national_share", "industrial_base", label_zh="全国份额", label_en="National output share",
    unit_zh="%", unit_en="%",
    meaning_zh="本地区该产业总产出占全国（各省合计）该产业总产出的百分比；越高，在全国的分量越重。",
    meaning_en="Region's share of national gross output of the industry; higher = a bigger national player",
    source=SRC)
LOG_OUTPUT = feature(
    "log_output", "industrial_base", label_zh="产业规模(对数)", label_en="Industry scale (log)",
    unit_zh="万元（对数）", unit_en="log of 10⁴ yuan",
    meaning_zh="本地区该产业总产出（万元，当年价）加 1 后取自然对数，反映现有产业规模；越大，规模越大。",
    meaning_en="Natural log of 1 + the region's gross output of the industry (10⁴ yuan, current prices); "
               "larger = a bigger existing industry",
    source=SRC)
DENSITY = feature(
    "density", "industrial_base", label_zh="关联密度", label_en="Relatedness density",
    unit_zh="份额 0–1", unit_en="share 0–1",
    meaning_zh="在与该产业相关的产业中（按各省共同专业化算出的产业邻近度加权，不含该产业自身），"
               "本地区已具有专业化（专业化系数 ≥ 1）的份额；越接近 1，本地区现有产业与该产业越相关。",
    meaning_en="Proximity-weighted share of related industries in which the region has specialisation ratio ≥ 1 "
               "(proximity from co-specialisation of all provinces, diagonal excluded); closer to 1 = the "
               "region already makes what is related to the industry",
    source=SRC)
SECONDARY_SHARE = feature(
    "secondary_share", "industrial_base", label_zh="第二产业比重", label_en="Secondary-sector share of GDP",
    unit_zh="%", unit_en="%",
    meaning_zh="第二产业（工业和建筑业）增加值占地区生产总值的百分比（取 t 年及以前的最新值）。",
    meaning_en="Industry and construction value added over GDP (latest year ≤ t)",
    source="attr_macro (NBS)")


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Industrial-base features as of the context's year."""
    secondary = ctx.attr("secondary_share")
    if ctx.now is None:
        return {RCA: ctx.nan(), NATIONAL_SHARE: ctx.nan(), LOG_OUTPUT: ctx.nan(), DENSITY: ctx.nan(),
                SECONDARY_SHARE: secondary}
    return {RCA: ctx.rca, NATIONAL_SHARE: share_of_nation(ctx.now), LOG_OUTPUT: np.log1p(np.clip(ctx.now, 0, None)),
            DENSITY: ctx.density, SECONDARY_SHARE: secondary}
