"""发展势头 Momentum: the region's recent share change and the industry's national growth."""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.frames import by_industry, stack
from features.inputs import FeatureInputs, io_wide, io_year_as_of, previous_io_year, safe_ratio

SRC = "io_panel (provincial IO tables, two consecutive benchmark years)"

SHARE_CHANGE = feature("share_change_prev", "momentum", "份额变化(上期)", "National share change, previous period",
                       "percentage points", "Change in the region's national output share of the industry "
                       "between the previous and the latest IO benchmark year ≤ t", SRC)
RCA_CHANGE = feature("rca_change_prev", "momentum", "区位商变化(上期)", "RCA change, previous period", "ratio",
                     "Change in the region's location quotient between the two latest IO years ≤ t", SRC)
NATIONAL_GROWTH = feature("national_growth", "momentum", "全国增速", "National growth of the industry",
                          "ratio per 5 years", "Growth of the industry's gross output summed over provinces "
                          "between the two latest IO years ≤ t (nominal)", SRC)


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
