"""发展势头 Momentum: the region's recent share change and the industry's national growth."""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.frames import by_industry, stack
from features.inputs import FeatureInputs, io_wide, io_year_as_of, previous_io_year, safe_ratio

SRC = "io_panel (provincial IO tables, two consecutive benchmark years)"

SHARE_CHANGE = feature(
    "share_change_prev", "momentum", label_zh="份额变化(上期)", label_en="National share change, previous period",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="本地区该产业全国产出份额在 t 年及以前最近两期投入产出表之间的变化；为正表示份额上升。",
    meaning_en="Change in the region's national output share of the industry between the previous and the "
               "latest IO benchmark year ≤ t; > 0 = gaining share",
    source=SRC)
RCA_CHANGE = feature(
    "rca_change_prev", "momentum", label_zh="区位商变化(上期)", label_en="RCA change, previous period",
    unit_zh="比值变化量", unit_en="change in ratio",
    meaning_zh="本地区该产业区位商在 t 年及以前最近两期投入产出表之间的变化；为正表示专业化程度提高。",
    meaning_en="Change in the region's location quotient between the two latest IO years ≤ t; > 0 = becoming "
               "more specialised",
    source=SRC)
NATIONAL_GROWTH = feature(
    "national_growth", "momentum", label_zh="全国增速", label_en="National growth of the industry",
    unit_zh="五年增长率（小数）", unit_en="5-year growth (fraction)",
    meaning_zh="该产业全国（各省合计）总产出在 t 年及以前最近两期投入产出表之间的名义增长率，以小数表示"
               "（0.5 即增长 50%）。",
    meaning_en="Nominal growth of the industry's gross output summed over provinces between the two latest IO "
               "years ≤ t, as a fraction (0.5 = +50%)",
    source=SRC)


def _share(output: pd.DataFrame) -> pd.DataFrame:
    return output.div(output.sum(axis=0), axis=1) * 100


def _rca(output: pd.DataFrame) -> pd.DataFrame:
    return safe_ratio(output.div(output.sum(axis=1), axis=0), output.sum(axis=0) / output.to_numpy().sum())


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Momentum features for every (region, industry) as of ``year``."""
    now_year = io_year_as_of(inputs, year)
    before_year = previous_io_year(inputs, now_year) if now_year is not None else None
    now = io_wide(inputs, now_year)
    before = io_wide(inputs, before_year)
    if now.empty or before.empty:
        empty = stack(pd.DataFrame(dtype=float), inputs)
        return pd.DataFrame({SHARE_CHANGE: empty, RCA_CHANGE: empty, NATIONAL_GROWTH: empty})
    growth = safe_ratio(now.sum(axis=0), before.sum(axis=0)) - 1
    return pd.DataFrame({
        SHARE_CHANGE: stack(_share(now) - _share(before), inputs),
        RCA_CHANGE: stack(_rca(now) - _rca(before), inputs),
        NATIONAL_GROWTH: by_industry(growth, inputs),
    })
