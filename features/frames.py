"""Small helpers to shape region × industry feature frames."""

from __future__ import annotations

from functools import lru_cache

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
    if wide.empty:
        return pd.Series(float("nan"), index=grid(inputs))
    series = wide.rename_axis(index="region", columns="industry").stack(future_stack=True)
    return series.astype(float).reindex(grid(inputs))


def by_region(values: pd.Series, inputs: FeatureInputs) -> pd.Series:
    """Region-level Series broadcast to every industry on :func:`grid`."""
    index = grid(inputs)
    return pd.Series(values.reindex(index.get_level_values("region")).to_numpy(dtype=float), index=index)


def by_industry(values: pd.Series, inputs: FeatureInputs) -> pd.Series:
    """Industry-level Series broadcast to every region on :func:`grid`."""
    index = grid(inputs)
    return pd.Series(values.reindex(index.get_level_values("industry")).to_numpy(dtype=float), index=index)
