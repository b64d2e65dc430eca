"""Within-region ranks of industry-varying features.

LambdaRank compares items only within one query (one region in one year), while
absolute feature levels drift across years (prices, coverage of the IO vintages).
The percentile rank of a feature among the region's candidate industries keeps
only the within-region ordering, which is comparable across years. Each rank
column belongs to the pillar of its base feature. Derived from as-of-t columns
only, so the as-of rule carries over.
"""

from __future__ import annotations

import pandas as pd

from features import application, chain, cost, industrial_base, momentum, resource
from features.catalogue import feature, spec
from features.inputs import FeatureInputs

SUFFIX = "_rank_in_region"
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
        meaning_en=f"Percentile rank of “{base_spec.label_en}” ({base}) among the region's candidate industries "
                   "(1 = highest; missing values stay missing): keeps only the within-region order, comparable "
                   "across years",
        source=f"{base_spec.source}; ranked within region")


FEATURES = tuple(_register(base) for base in BASES)


def derive(frame: pd.DataFrame, inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Within-region percentile ranks of :data:`BASES` over the candidate industries.

    Parameters
    ----------
    frame : DataFrame
        Built features indexed by (region, industry), every region × industry.
    inputs : FeatureInputs
        Curated inputs (for the candidate list).
    year : int
        As-of year (unused: the ranks only reorder as-of-``year`` columns).

    Returns
    -------
    DataFrame
        One rank column per base, NaN for non-candidate industries.
    """
    candidate = frame.index.get_level_values("industry").isin(inputs.candidates)
    ranks = frame.loc[candidate, list(BASES)].groupby(level="region").rank(pct=True)
    ranks.columns = list(FEATURES)
    return ranks.reindex(frame.index)
