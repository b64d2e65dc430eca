"""链式配套 Supply chain: are the industry's suppliers and buyers already in the region?"""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.chain_measures import downstream_presence, upstream_presence
from features.frames import stack
from features.inputs import FeatureInputs, flows_as_of, io_wide, io_year_as_of
from features.relatedness import presence, rca

SRC = "io_matrix, io_panel (provincial IO tables)"

UPSTREAM = feature(
    "upstream_presence", "chain", label_zh="上游配套", label_en="Upstream supplier presence",
    unit_zh="份额 0–1", unit_en="share 0–1",
    meaning_zh="该产业从其他产业购进的中间投入中，来自本地区已具有专业化（区位商 ≥ 1）的产业的份额，"
               "按投入产出流量加权；越高，本地上游配套越齐全。",
    meaning_en="Share of the industry's purchases from other industries that come from industries "
               "the region specialises in (RCA ≥ 1), weighted by input-output flows; higher = suppliers at hand",
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
    meaning_zh="该产业各上游供应产业在本地区的区位商（超过 3 按 3 计），按投入流量加权平均；越高，本地上游配套越强。",
    meaning_en="Input-flow-weighted mean location quotient (capped at 3) of the industry's suppliers "
               "in the region; higher = stronger local supply",
    source=SRC)


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Chain features for every (region, industry) as of ``year``."""
    io_year = io_year_as_of(inputs, year)
    output = io_wide(inputs, io_year)
    if output.empty:
        empty = stack(output, inputs)
        return pd.DataFrame({UPSTREAM: empty, DOWNSTREAM: empty, UPSTREAM_DEPTH: empty})
    flows = flows_as_of(inputs, io_year)
    rca_matrix = rca(output)
    present = presence(rca_matrix)
    depth = upstream_presence(rca_matrix.fillna(0).clip(upper=3.0), flows)
    return pd.DataFrame({
        UPSTREAM: stack(upstream_presence(present, flows), inputs),
        DOWNSTREAM: stack(downstream_presence(present, flows), inputs),
        UPSTREAM_DEPTH: stack(depth, inputs),
    })
