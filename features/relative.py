"""Within-region ranks of industry-varying features.

LambdaRank compares items only within one query (one region in one year), while
absolute feature levels drift across years (prices, coverage of the IO vintages).
The percentile rank of a feature among the region's candidate industries keeps
only the within-region ordering, which is comparable across years. Each rank
column belongs to the pillar of its base feature. Derived from as-of-t columns
only, so the as-of rule carries over.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata

from features import application, chain, cost, industrial_base, momentum, resource
from features.catalogue import feature, spec
from features.context import YearContext

SUFFIX = "_rank_in_region"
#: The middle of the within-region percentile ranks: the neutral value of a directed base's rank.
RANK_NEUTRAL = 0.5
#: Base features that vary across a region's industries (industry-level-only features,
#: identical in every region, would rank the same everywhere and are left out).
BASES = (industrial_base.RCA, industrial_base.LOG_OUTPUT, industrial_base.DENSITY, chain.UPSTREAM,
         chain.DOWNSTREAM, chain.UPSTREAM_DEPTH, cost.LABOUR_COST, application.DEMAND_SHARE,
         application.NET_IMPORT_NEED, application.SUBSTITUTION, resource.RESOURCE_MATCH, momentum.SHARE_CHANGE,
         momentum.RCA_CHANGE)


def _register(base: str) -> str:
    """Register the within-region rank of ``base`` and return its name.

    The zh/en label, unit and meaning are generated from the base feature's spec.
    """
    base_spec = spec(base)
    return feature(
        base + SUFFIX, base_spec.pillar,
        label_zh=f"区内排位：{base_spec.label_zh}", label_en=f"{base_spec.label_en}, rank within region",
        unit_zh="百分位 0–1", unit_en="percentile 0–1",
        meaning_zh=f"“{base_spec.label_zh}”在本地区候选产业中的百分位排位（数值最高者为 1，缺失值保持缺失），"
                   "只保留区内高低次序，便于跨年份比较。",
        meaning_en=f"Percentile rank of “{base_spec.label_en}” among the region's candidate industries "
                   "(1 = highest; missing values stay missing): keeps only the within-region order, comparable "
                   "across years",
        source=f"{base_spec.source}; ranked within region", direction=base_spec.direction,
        neutral=RANK_NEUTRAL if base_spec.direction else None)


FEATURES = tuple(_register(base) for base in BASES)


def _percentile_rows(values: np.ndarray) -> np.ndarray:
    """Per row, the percentile rank of each value (average ties; NaN stays NaN), as pandas
    ``rank(pct=True)`` within each region."""
    ranks = rankdata(values, axis=1, nan_policy="omit")
    counts = (~np.isnan(values)).sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return ranks / counts


def derive(values: dict[str, np.ndarray], ctx: YearContext) -> dict[str, np.ndarray]:
    """Within-region percentile ranks of :data:`BASES` over the candidate industries.

    Returns
    -------
    dict
        One R × I rank array per base, NaN in the columns of non-candidate industries.
    """
    columns = ctx.arrays.candidate_columns
    out = {}
    for base, name in zip(BASES, FEATURES):
        full = np.broadcast_to(values[base], (ctx.n_regions, ctx.n_industries))
        ranked = np.full((ctx.n_regions, ctx.n_industries), np.nan)
        ranked[:, columns] = _percentile_rows(full[:, columns])
        out[name] = ranked
    return out
