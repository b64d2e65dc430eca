"""发展势头 Convergence: how far a region's share of an industry sits from the size of its
economy, and its longer share history (mean reversion)."""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.frames import by_region, stack
from features.inputs import FeatureInputs, io_wide, io_year_as_of, previous_io_year

SRC = "io_panel (provincial IO tables, up to three consecutive benchmark years)"

SHARE_GAP = feature("share_gap", "momentum", "份额缺口", "Share gap to economic weight", "percentage points",
                    "Region's share of national gross output over all industries minus its national share of "
                    "the industry (latest IO year ≤ t): > 0 = under-represented relative to the size of its "
                    "economy, room to converge", SRC)
SHARE_CHANGE_LAG = feature("share_change_lag", "momentum", "份额变化(前一期)",
                           "National share change, period before", "percentage points",
                           "Change in the region's national output share of the industry between the second and "
                           "third latest IO benchmark years ≤ t (the period before share_change_prev)", SRC)
SHARE_CHANGE_10Y = feature("share_change_10y", "momentum", "份额变化(两期)", "National share change, two periods",
                           "percentage points", "Change in the region's national output share of the industry "
                           "from the third latest to the latest IO benchmark year ≤ t", SRC)
FEATURES = (SHARE_GAP, SHARE_CHANGE_LAG, SHARE_CHANGE_10Y)


def _share(output: pd.DataFrame) -> pd.DataFrame:
    return output.div(output.sum(axis=0), axis=1) * 100


def _io_chain(inputs: FeatureInputs, year: int, length: int = 3) -> list[int | None]:
    """The latest ``length`` IO benchmark years ≤ ``year``, newest first (None when absent)."""
    chain = [io_year_as_of(inputs, year)]
    while len(chain) < length:
        chain.append(previous_io_year(inputs, chain[-1]) if chain[-1] is not None else None)
    return chain


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Convergence features for every (region, industry) as of ``year``."""
    now, before, earlier = (io_wide(inputs, y) for y in _io_chain(inputs, year))
    empty = stack(pd.DataFrame(dtype=float), inputs)
    if now.empty:
        return pd.DataFrame({name: empty for name in FEATURES})
    weight = now.sum(axis=1) / now.to_numpy().sum() * 100
    share_now = _share(now)
    share_before = _share(before) if not before.empty else None
    share_earlier = _share(earlier) if not earlier.empty else None
    gap = by_region(weight, inputs) - stack(share_now, inputs)
    lag = (stack(share_before - share_earlier, inputs) if share_earlier is not None and share_before is not None
           else empty)
    ten = stack(share_now - share_earlier, inputs) if share_earlier is not None else empty
    return pd.DataFrame({SHARE_GAP: gap, SHARE_CHANGE_LAG: lag, SHARE_CHANGE_10Y: ten})
