"""链式配套 Supply chain: are the industry's suppliers and buyers already in the region?"""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.chain_measures import downstream_presence, upstream_presence
from features.context import YearContext

SRC = "io_matrix, io_panel (provincial IO tables)"

UPSTREAM = feature(
    "upstream_presence", "chain", label_zh="上游配套", label_en="Upstream supplier presence",
    unit_zh="份额 0–1", unit_en="share 0–1",
    meaning_zh="该产业从其他产业购进的中间投入中，来自本地区已具有专业化（专业化系数 ≥ 1）的产业的份额，"
               "按投入产出流量加权；越高，本地上游配套越齐全。",
    meaning_en="Share of the industry's purchases from other industries that come from industries "
               "the region specialises in (specialisation ratio ≥ 1), weighted by input-output flows; higher = suppliers at hand",
    source=SRC)
DOWNSTREAM = feature(
    "downstream_presence", "chain", label_zh="下游市场", label_en="Downstream buyer presence",
    unit_zh="份额 0–1", unit_en="share 0–1",
    meaning_zh="该产业卖给其他产业的中间产品中，流向本地区已具有专业化的产业的份额，按投入产出流量加权；"
               "越高，本地下游买家越多。",
    meaning_en="Share of the industry's intermediate sales to other industries that go to industries "
               "the region specialises in, weighted by input-output flows; higher = buyers at hand",
    source=SRC)
UPSTREAM_DEPTH = feature(
    "upstream_depth", "chain", label_zh="上游配套强度", label_en="Upstream supplier depth",
    unit_zh="比值（0–3）", unit_en="ratio (0–3)",
    meaning_zh="该产业各上游供应产业在本地区的专业化系数（超过 3 按 3 计），按投入流量加权平均；越高，本地上游配套越强。",
    meaning_en="Input-flow-weighted mean specialisation ratio (capped at 3) of the industry's suppliers "
               "in the region; higher = stronger local supply",
    source=SRC)


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Chain features as of the context's year."""
    if ctx.now is None:
        return {UPSTREAM: ctx.nan(), DOWNSTREAM: ctx.nan(), UPSTREAM_DEPTH: ctx.nan()}
    depth = upstream_presence(np.clip(np.nan_to_num(ctx.rca, nan=0.0), None, 3.0), ctx.flows)
    return {UPSTREAM: ctx.present(upstream_presence(ctx.presence, ctx.flows)),
            DOWNSTREAM: ctx.present(downstream_presence(ctx.presence, ctx.flows)),
            UPSTREAM_DEPTH: ctx.present(depth)}
