"""转得出 Transfer fit: the eastern exit of an industry meeting a host's cost and growth.

Derived from already built columns: the origin push (``east_share_trend``) is an
industry-level number, the same for every region; these interactions make it
region-specific, so the ranker can tell *which* host an exiting industry is likely to go to.
"""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.context import YearContext
from features.cost import LABOUR_COST
from features.origin import EAST_SHARE_TREND

SRC = "io_panel (provincial IO tables), regions (macro-regions); derived from east_share_trend"

EXIT_COST = feature(
    "exit_x_cost", "origin", label_zh="东部转出×成本优势", label_en="Eastern exit × cost advantage",
    unit_zh="百分点", unit_en="percentage points",
    meaning_zh="东部份额变化取负值，乘以（1 − 本地区该产业相对单位劳动成本）；"
               "正在迁出东部的产业遇上本地区较低的劳动成本时为正。",
    meaning_en="Minus the eastern share trend of the industry times (1 − the region's relative unit labour cost "
               "in it): > 0 when an industry leaving the east meets cheaper labour in the region",
    source=SRC, direction=1, neutral=0.0)
EXIT_GROWTH = feature(
    "exit_x_growth", "origin", label_zh="东部转出×经济增长", label_en="Eastern exit × regional growth",
    unit_zh="百分点×百分点", unit_en="percentage points × percentage points",
    meaning_zh="东部份额变化取负值，乘以上一期本地区占全国总产出份额的变化（百分点）；"
               "正在迁出东部的产业遇上经济比重上升的承接地（市场在扩大）时为正。",
    meaning_en="Minus the eastern share trend of the industry times the change in the region's share of "
               "national gross output over the previous period: > 0 when an industry leaving the east meets a "
               "host economy gaining weight (a growing market)",
    source=SRC)
FEATURES = (EXIT_COST, EXIT_GROWTH)


def _weight_change(ctx: YearContext) -> np.ndarray:
    """R × 1 change (pp) of the region's share of national gross output over the previous period."""
    now, before = ctx.now, ctx.before
    if now is None or before is None:
        return ctx.nan("r")
    return (now.sum(axis=1, keepdims=True) / np.nansum(now) * 100
            - before.sum(axis=1, keepdims=True) / np.nansum(before) * 100)


def derive(values: dict[str, np.ndarray], ctx: YearContext) -> dict[str, np.ndarray]:
    """Transfer-fit interactions from the built ``east_share_trend`` and ``labour_cost_ratio``."""
    exit_push = -values[EAST_SHARE_TREND]
    return {EXIT_COST: exit_push * (1 - values[LABOUR_COST]), EXIT_GROWTH: exit_push * _weight_change(ctx)}
