"""链式配套 Supply chain: are the industry's suppliers and buyers already in the region?"""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.chain_measures import downstream_presence, upstream_presence
from features.context import YearContext

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


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Chain features as of the context's year."""
    if ctx.now is None:
        return {UPSTREAM: ctx.nan(), DOWNSTREAM: ctx.nan(), UPSTREAM_DEPTH: ctx.nan()}
    depth = upstream_presence(np.clip(np.nan_to_num(ctx.rca, nan=0.0), None, 3.0), ctx.flows)
    return {UPSTREAM: ctx.present(upstream_presence(ctx.presence, ctx.flows)),
            DOWNSTREAM: ctx.present(downstream_presence(ctx.presence, ctx.flows)),
            UPSTREAM_DEPTH: ctx.present(depth)}
