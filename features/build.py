"""Assemble all feature groups for a year (or several) into one frame.

The result is keyed by ``region, industry, year`` and has one column per
catalogue feature (in catalogue order), for every region × candidate industry.
Missing values stay missing (LightGBM handles them).

:data:`BUILDERS` compute their columns from the inputs (``build(inputs, year)``);
:data:`DERIVED` groups then add columns computed from those already built
(``derive(frame, inputs, year)``), in order.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from features import (application, chain, convergence, cost, green, industrial_base, momentum, origin,
                      relative, research, resource, transfer, wave)
from features.catalogue import feature_names
from features.inputs import FeatureInputs

BUILDERS = (resource, industrial_base, research, application, chain, green, cost, origin, momentum,
            convergence, wave)
DERIVED = (transfer, relative)
KEYS = ["region", "industry", "year"]


def build_features(inputs: FeatureInputs, year: int, candidates_only: bool = True) -> pd.DataFrame:
    """All features as of ``year`` for every region × (candidate) industry.

    Parameters
    ----------
    inputs : FeatureInputs
        Curated tables (possibly a modified what-if copy).
    year : int
        As-of year: only data observed in years ≤ ``year`` is used.
    candidates_only : bool
        Keep only candidate industries (the manufacturing groups H06–H21).
    """
    frame = pd.concat([builder.build(inputs, year) for builder in BUILDERS], axis=1)
    for group in DERIVED:
        frame = pd.concat([frame, group.derive(frame, inputs, year)], axis=1)
    frame = frame[feature_names()].reset_index()
    frame.insert(2, "year", int(year))
    if candidates_only:
        frame = frame.loc[frame["industry"].isin(inputs.candidates)]
    return frame.reset_index(drop=True)


def benchmark_years(inputs: FeatureInputs) -> list[int]:
    """IO benchmark years plus the latest year with data."""
    return sorted(set(inputs.io_years) | {inputs.latest_year})


def build_panel(inputs: FeatureInputs, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Features stacked over ``years`` (default: :func:`benchmark_years`)."""
    years = benchmark_years(inputs) if years is None else list(years)
    return pd.concat([build_features(inputs, y) for y in years], ignore_index=True)
