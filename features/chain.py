"""链式配套 Supply chain: are the industry's suppliers and buyers already in the region?"""

from __future__ import annotations

import pandas as pd

from features.catalogue import feature
from features.chain_measures import downstream_presence, upstream_presence
from features.frames import stack
from features.inputs import FeatureInputs, flows_as_of, io_wide, io_year_as_of
from features.relatedness import presence, rca

SRC = "io_matrix, io_panel (provincial IO tables)"

UPSTREAM = feature("upstream_presence", "chain", "上游配套", "Upstream supplier presence", "share 0–1",
                   "Share of the industry's purchases from other industries that come from industries "
                   "the region specialises in (RCA ≥ 1), weighted by input-output flows", SRC)
DOWNSTREAM = feature("downstream_presence", "chain", "下游市场", "Downstream buyer presence", "share 0–1",
                     "Share of the industry's intermediate sales to other industries that go to industries "
                     "the region specialises in, weighted by input-output flows", SRC)
UPSTREAM_DEPTH = feature("upstream_depth", "chain", "上游配套强度", "Upstream supplier depth", "ratio",
                         "Input-flow-weighted mean location quotient (capped at 3) of the industry's suppliers "
                         "in the region", SRC)


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
