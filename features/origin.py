"""转得出 Origin push: is the industry leaving the east, and from where?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.frames import by_industry, stack
from features.inputs import FeatureInputs, io_wide, io_year_as_of, previous_io_year, safe_ratio

SRC = "io_panel (provincial IO tables), regions (macro-regions)"

EAST_SHARE = feature("east_share", "origin", "东部份额", "Eastern share of the industry", "%",
                     "Eastern provinces' combined share of national gross output of the industry", SRC)
EAST_SHARE_TREND = feature("east_share_trend", "origin", "东部份额变化", "Eastern share trend",
                           "percentage points", "Change in the eastern provinces' combined national share of the "
                           "industry over the previous period (negative = moving out of the east)", SRC)
EAST_SHED = feature("east_shed", "origin", "东部迁出产能", "Capacity shed by the east", "log 万元",
                    "Natural log of 1 + the output the eastern provinces gave up beyond their proportional share "
                    "of the industry's national growth over the previous period (−Δ eastern share × national "
                    "output at t; 0 when the east gained share)", SRC)
COST_VS_EAST = feature("cost_vs_east", "origin", "相对东部单位劳动成本", "Unit labour cost relative to the east",
                       "ratio", "Labour compensation per unit of output of the industry in the region over that in "
                       "the eastern provinces combined (latest IO year ≤ t); < 1 = cheaper than the east", SRC)
EAST_COST_GAP = feature("east_cost_gap", "origin", "东部成本压力", "Eastern cost pressure", "ratio",
                        "Labour compensation per unit output of the industry in the east over that in the "
                        "central and western provinces; > 1 = the east is dearer", SRC)


def _east(inputs: FeatureInputs) -> list[int]:
    return sorted(inputs.regions.loc[inputs.regions["macro_region"] == "East", "region"].astype(int))


def _inland(inputs: FeatureInputs) -> list[int]:
    mask = inputs.regions["macro_region"].isin(["Central", "West"])
    return sorted(inputs.regions.loc[mask, "region"].astype(int))


def _east_share(output: pd.DataFrame, east: list[int]) -> pd.Series:
    return output.reindex(east).sum(axis=0) / output.sum(axis=0) * 100


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Origin features (industry-level, broadcast to every region) as of ``year``."""
    now_year = io_year_as_of(inputs, year)
    before_year = previous_io_year(inputs, now_year) if now_year is not None else None
    now, before = io_wide(inputs, now_year), io_wide(inputs, before_year)
    east, inland = _east(inputs), _inland(inputs)
    nan = pd.Series(float("nan"), index=inputs.all_industries)
    share_now = _east_share(now, east) if not now.empty else nan
    trend = share_now - _east_share(before, east) if not before.empty else nan
    shed = np.log1p((-trend / 100 * now.sum(axis=0)).clip(lower=0)) if not now.empty else nan
    if now.empty:
        gap = nan
        versus_east = stack(now, inputs)
    else:
        labour = io_wide(inputs, now_year, "labour_compensation")
        east_cost = safe_ratio(labour.reindex(east).sum(), now.reindex(east).sum())
        inland_cost = safe_ratio(labour.reindex(inland).sum(), now.reindex(inland).sum())
        gap = safe_ratio(east_cost, inland_cost)
        versus_east = stack(safe_ratio(safe_ratio(labour, now), east_cost), inputs)
    return pd.DataFrame({
        EAST_SHARE: by_industry(share_now, inputs),
        EAST_SHARE_TREND: by_industry(trend, inputs),
        EAST_SHED: by_industry(shed, inputs),
        EAST_COST_GAP: by_industry(gap, inputs),
        COST_VS_EAST: versus_east,
    })


def east_share_changes(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Every eastern province's national share of every industry at the latest IO year
    ≤ ``year`` and the one before: ``region, industry, share_before, share_now, change``
    (percentage points). Empty when there is no previous period. Memoised per IO panel.
    """
    def compute() -> pd.DataFrame:
        now_year = io_year_as_of(inputs, year)
        before_year = previous_io_year(inputs, now_year) if now_year is not None else None
        now, before = io_wide(inputs, now_year), io_wide(inputs, before_year)
        columns = ["region", "industry", "share_before", "share_now", "change"]
        if now.empty or before.empty:
            return pd.DataFrame(columns=columns)
        east = [r for r in _east(inputs) if r in now.index and r in before.index]
        share_now = (now / now.sum(axis=0) * 100).reindex(east)
        share_before = (before / before.sum(axis=0) * 100).reindex(east)
        table = pd.DataFrame({
            "region": np.repeat(east, share_now.shape[1]),
            "industry": np.tile(share_now.columns.to_numpy(), len(east)),
            "share_before": share_before.to_numpy().ravel(),
            "share_now": share_now.to_numpy().ravel(),
        })
        table["change"] = table["share_now"] - table["share_before"]
        return table[columns]

    return inputs.memo(("east_share_changes", year), inputs.io_panel, compute)


def shedding_regions(inputs: FeatureInputs, industry: str, year: int, top: int = 5) -> pd.DataFrame:
    """Eastern provinces most likely to be shedding ``industry``: largest share drops
    over the period ending at the latest IO year ≤ ``year``.

    Returns columns ``region, share_before, share_now, change`` (percentage points),
    most negative change first; empty when there is no previous period.
    """
    table = east_share_changes(inputs, year)
    rows = table.loc[(table["industry"] == industry) & (table["change"] < 0)]
    ordered = rows.sort_values("change", kind="stable").head(top)
    return ordered.drop(columns="industry").reset_index(drop=True)
