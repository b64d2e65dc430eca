"""Everything the feature builders share for one as-of year, computed once and cached.

A :class:`YearContext` wraps :class:`~features.arrays.InputArrays` and an as-of year t:
the IO years in force (t, the one before, the one before that), their output arrays,
national totals, RCA, presence, proximity, density and flows, and as-of attribute
vectors. Builders read from it and return R × I arrays (region rows, all 38 sector
columns); region-level values are R × 1 and industry-level 1 × I, broadcast later.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from features.arrays import InputArrays
from features.relatedness import density, presence, proximity, rca


def ratio(numerator, denominator):
    """Elementwise ratio with NaN instead of inf or division errors."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(numerator, dtype=float) / np.asarray(denominator, dtype=float)
    return np.where(np.isfinite(out), out, np.nan)


def share_of_nation(output: np.ndarray) -> np.ndarray:
    """Each region's share (%) of the national total of every column (NaN rows stay NaN)."""
    return ratio(output, np.nansum(output, axis=0, keepdims=True)) * 100


class YearContext:
    """Shared, cached intermediate results of the feature builders for one as-of year.

    Parameters
    ----------
    arrays : InputArrays
        The inputs.
    year : int
        As-of year: only data of years ≤ ``year`` is used.
    """

    def __init__(self, arrays: InputArrays, year: int) -> None:
        self.arrays = arrays
        self.year = int(year)
        self.n_regions = len(arrays.regions)
        self.n_industries = len(arrays.industries)

    # ------------------------------------------------------------------ IO years in force
    @cached_property
    def io_year(self) -> int | None:
        return self.arrays.io_year_as_of(self.year)

    @cached_property
    def before_year(self) -> int | None:
        return self.arrays.previous_io_year(self.io_year)

    @cached_property
    def earlier_year(self) -> int | None:
        return self.arrays.previous_io_year(self.before_year)

    def nan(self, shape: str = "ri") -> np.ndarray:
        """A NaN array of shape R × I (``"ri"``), R × 1 (``"r"``) or 1 × I (``"i"``)."""
        rows = self.n_regions if "r" in shape else 1
        cols = self.n_industries if "i" in shape else 1
        return np.full((rows, cols), np.nan)

    def item(self, io_year: int | None, name: str = "gross_output") -> np.ndarray | None:
        """R × I array of an IO item (None without a table that year)."""
        return self.arrays.output(io_year, name)

    @cached_property
    def now(self) -> np.ndarray | None:
        """Gross output at the latest IO year ≤ t (R × I, 万元)."""
        return self.item(self.io_year)

    @cached_property
    def before(self) -> np.ndarray | None:
        return self.item(self.before_year)

    @cached_property
    def earlier(self) -> np.ndarray | None:
        return self.item(self.earlier_year)

    @cached_property
    def national(self) -> np.ndarray:
        """1 × I national gross output at the IO year (sum over regions with a table)."""
        return np.nansum(self.now, axis=0, keepdims=True) if self.now is not None else self.nan("i")

    @cached_property
    def flows(self) -> np.ndarray | None:
        """I × I intermediate flows summed over provinces at the IO year."""
        return self.arrays.flows.get(self.io_year) if self.io_year is not None else None

    @cached_property
    def rca(self) -> np.ndarray:
        return rca(self.now) if self.now is not None else self.nan()

    @cached_property
    def presence(self) -> np.ndarray:
        return presence(self.rca)

    @cached_property
    def density(self) -> np.ndarray:
        if self.now is None:
            return self.nan()
        value = density(self.presence, proximity(self.presence))
        return np.where(self._present_rows, value, np.nan)

    @cached_property
    def _present_rows(self) -> np.ndarray:
        """R × 1: the region has an IO table at the IO year."""
        if self.now is None:
            return np.zeros((self.n_regions, 1), dtype=bool)
        return ~np.isnan(self.now).all(axis=1, keepdims=True)

    def present(self, values: np.ndarray) -> np.ndarray:
        """``values`` with rows of regions lacking the IO table set to NaN."""
        return np.where(self._present_rows, values, np.nan)

    # ------------------------------------------------------------------ attributes
    def attr(self, name: str) -> np.ndarray:
        """R × 1: latest value of an attribute ≤ t."""
        return self.arrays.attr(name, self.year)[:, None]

    @cached_property
    def population(self) -> np.ndarray:
        """R × 1 resident population (10^4 persons), latest ≤ t."""
        return self.arrays.population(self.year)[:, None]

    # ------------------------------------------------------------------ region groups
    @cached_property
    def east(self) -> np.ndarray:
        """R-vector: eastern province."""
        return self.arrays.macro == "East"

    @cached_property
    def inland(self) -> np.ndarray:
        """R-vector: central or western province."""
        return np.isin(self.arrays.macro, ["Central", "West"])

    def column(self, code: str) -> int:
        return self.arrays.column[code]

    def columns(self, codes) -> list[int]:
        return [self.arrays.column[c] for c in codes]
