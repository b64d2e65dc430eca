"""Assemble all feature groups for a year into a NumPy panel (region × candidate × feature).

:data:`BUILDERS` compute their columns from a :class:`~features.context.YearContext`
(``compute(ctx)`` → name → array); :data:`DERIVED` groups then add columns computed from
those already built (``derive(values, ctx)``), in order. Arrays are R × I, R × 1
(region-level) or 1 × I (industry-level) and are broadcast into the panel.

:func:`feature_panel` is the fast path (what-ifs, scoring); :func:`build_features` and
:func:`build_panel` give the same values as a tidy frame keyed by ``region, industry,
year`` (training, tests, the CLI's ``features show``). Missing values stay missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from features import (application, chain, convergence, cost, green, industrial_base, momentum, origin,
                      relative, research, resource, transfer, wave)
from features.arrays import InputArrays
from features.catalogue import feature_names
from features.context import YearContext
from features.inputs import FeatureInputs

BUILDERS = (resource, industrial_base, research, application, chain, green, cost, origin, momentum,
            convergence, wave)
DERIVED = (transfer, relative)
KEYS = ["region", "industry", "year"]


@dataclass(frozen=True)
class FeaturePanel:
    """Feature values of every region × candidate industry as of one year.

    Attributes
    ----------
    regions : ndarray of int
        Row order.
    industries : ndarray of str
        Candidate industries (column order).
    names : list of str
        Feature names (catalogue order), the last axis.
    values : ndarray
        R × C × F float array (NaN = missing).
    year : int
        As-of year.
    """

    regions: np.ndarray
    industries: np.ndarray
    names: list[str]
    values: np.ndarray
    year: int

    def column(self, name: str) -> np.ndarray:
        """R × C values of feature ``name``."""
        return self.values[:, :, self.names.index(name)]

    def rows(self, names: list[str] | None = None) -> np.ndarray:
        """(R·C) × F matrix, rows ordered region-major (as :meth:`frame`), of ``names`` (default all)."""
        values = self.values if names is None else self.values[:, :, [self.names.index(n) for n in names]]
        return values.reshape(-1, values.shape[-1])

    def frame(self) -> pd.DataFrame:
        """Tidy frame: ``region, industry, year`` + one column per feature, sorted by region, industry."""
        n_regions, n_industries = len(self.regions), len(self.industries)
        frame = pd.DataFrame(self.rows(), columns=self.names)
        frame.insert(0, "region", np.repeat(self.regions, n_industries))
        frame.insert(1, "industry", np.tile(self.industries, n_regions))
        frame.insert(2, "year", int(self.year))
        return frame


def compute_all(arrays: InputArrays, year: int) -> dict[str, np.ndarray]:
    """Every catalogue feature as of ``year`` over all regions × the 38 sectors (broadcastable arrays)."""
    ctx = YearContext(arrays, year)
    values: dict[str, np.ndarray] = {}
    for builder in BUILDERS:
        values.update(builder.compute(ctx))
    for group in DERIVED:
        values.update(group.derive(values, ctx))
    return values


def feature_panel(arrays: InputArrays, year: int) -> FeaturePanel:
    """The :class:`FeaturePanel` of ``arrays`` as of ``year`` (candidate industries only)."""
    values = compute_all(arrays, year)
    names = feature_names()
    shape = (len(arrays.regions), len(arrays.industries))
    columns = arrays.candidate_columns
    stacked = np.stack([np.broadcast_to(values[name], shape)[:, columns] for name in names], axis=-1)
    return FeaturePanel(regions=arrays.regions, industries=arrays.candidates, names=names,
                        values=stacked.astype(float), year=int(year))


def arrays_of(inputs: FeatureInputs) -> InputArrays:
    """The :class:`InputArrays` of ``inputs``, built once per state of its tables (memoised)."""
    tables = inputs.tables()
    held = inputs._memo.get(("arrays",))
    if held is None or len(held[0]) != len(tables) or any(a is not b for a, b in zip(held[0], tables)):
        held = (tables, InputArrays.from_inputs(inputs))
        inputs._memo[("arrays",)] = held
    return held[1]


def build_features(inputs: FeatureInputs | InputArrays, year: int) -> pd.DataFrame:
    """All features as of ``year`` for every region × candidate industry, as a tidy frame.

    Parameters
    ----------
    inputs : FeatureInputs or InputArrays
        Curated tables (possibly edited) or their arrays.
    year : int
        As-of year: only data observed in years ≤ ``year`` is used.
    """
    arrays = inputs if isinstance(inputs, InputArrays) else arrays_of(inputs)
    return feature_panel(arrays, year).frame()


def benchmark_years(inputs: FeatureInputs | InputArrays) -> list[int]:
    """IO benchmark years plus the latest year with data."""
    return sorted(set(inputs.io_years) | {inputs.latest_year})


def build_panel(inputs: FeatureInputs, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Features stacked over ``years`` (default: :func:`benchmark_years`)."""
    years = benchmark_years(inputs) if years is None else list(years)
    return pd.concat([build_features(inputs, y) for y in years], ignore_index=True)
