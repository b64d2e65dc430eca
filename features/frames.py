"""Small helpers to shape region × industry feature frames."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from features.inputs import FeatureInputs


def grid(inputs: FeatureInputs) -> pd.MultiIndex:
    """All (region, industry) pairs of the catalogues (38 industries)."""
    return _grid(tuple(inputs.region_codes), tuple(inputs.all_industries))


@lru_cache(maxsize=8)
def _grid(regions: tuple[int, ...], industries: tuple[str, ...]) -> pd.MultiIndex:
    return pd.MultiIndex.from_product([list(regions), list(industries)], names=["region", "industry"])


def stack(wide: pd.DataFrame, inputs: FeatureInputs) -> pd.Series:
    """Region × industry matrix → Series on :func:`grid` (missing pairs NaN)."""
    index = grid(inputs)
    if wide.empty:
        return pd.Series(np.nan, index=index)
    full = wide.reindex(index=inputs.region_codes, columns=inputs.all_industries)
    return pd.Series(full.to_numpy(dtype=float).ravel(), index=index)


def by_region(values: pd.Series, inputs: FeatureInputs) -> pd.Series:
    """Region-level Series broadcast to every industry on :func:`grid`."""
    per_region = values.reindex(inputs.region_codes).to_numpy(dtype=float)
    return pd.Series(np.repeat(per_region, len(inputs.all_industries)), index=grid(inputs))


def by_industry(values: pd.Series, inputs: FeatureInputs) -> pd.Series:
    """Industry-level Series broadcast to every region on :func:`grid`."""
    per_industry = values.reindex(inputs.all_industries).to_numpy(dtype=float)
    return pd.Series(np.tile(per_industry, len(inputs.region_codes)), index=grid(inputs))
