"""The curated tables features are computed from.

Builders never read files: the tables are bundled in a :class:`FeatureInputs`, turned
into NumPy arrays once (:class:`features.arrays.InputArrays`, :func:`features.build.arrays_of`)
and computed from there. A what-if is an edited copy of the arrays (:mod:`features.scenario`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import pandas as pd

from data import load_table
from data.paths import ATTRIBUTE_TABLES
IO_COLUMNS = ["region", "industry", "year", "gross_output", "value_added", "labour_compensation",
              "final_consumption", "capital_formation", "exports", "imports", "outflow", "inflow",
              "intermediate_use"]


@dataclass
class FeatureInputs:
    """Curated inputs of the feature builders.

    Attributes
    ----------
    io_panel : DataFrame
        ``region, industry, year`` + IO items in 万元.
    io_matrix : DataFrame
        ``region, year, from_industry, to_industry, value`` in 万元.
    attributes : DataFrame
        Long province attributes ``region, year, attribute, value, unit, pillar``.
    co2 : DataFrame
        ``region, year, industry, co2`` in Mt CO2.
    geo : DataFrame
        ``region, centroid_lon, centroid_lat, area_km2, coastal, land_border, …``.
    regions, industries : DataFrame
        Catalogues.
    data_hubs, new_areas : DataFrame
        Policy lists (东数西算 hubs; national new areas).
    national_products : DataFrame
        National annual product output ``product, industry, year, output, unit``
        (empty when not given).
    priorities : DataFrame
        Declared priority industries ``region, plan, industry, …`` (empty when not given).
    """

    io_panel: pd.DataFrame
    io_matrix: pd.DataFrame
    attributes: pd.DataFrame
    co2: pd.DataFrame
    geo: pd.DataFrame
    regions: pd.DataFrame
    industries: pd.DataFrame
    data_hubs: pd.DataFrame
    new_areas: pd.DataFrame
    national_products: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["product", "industry", "year", "output", "unit"]))
    priorities: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["region", "plan", "industry"]))
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def copy(self) -> "FeatureInputs":
        """Deep copy, so a scenario can be edited without touching the original."""
        return replace(self, **{f.name: getattr(self, f.name).copy() for f in fields(self) if f.init})

    def tables(self) -> tuple[pd.DataFrame, ...]:
        """The data tables of the bundle, in field order."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.init)

    def memo(self, key: tuple, table: pd.DataFrame, compute):
        """Memoise ``compute()`` under ``key`` for the current object behind ``table``.

        Lookups are tied to the identity of ``table``: replacing a table (as the
        scenario functions do) recomputes them; editing one in place after
        features were built from it is not supported — edit a ``copy()``.
        """
        held = self._memo.get(key)
        if held is None or held[0] is not table:
            held = (table, compute())
            self._memo[key] = held
        return held[1]

    @property
    def io_years(self) -> list[int]:
        """IO benchmark years present in the panel."""
        return sorted(int(y) for y in self.io_panel["year"].unique())

    @property
    def latest_year(self) -> int:
        """The latest year with any data (IO or attributes)."""
        return int(max(self.io_panel["year"].max(), self.attributes["year"].max()))

    @property
    def region_codes(self) -> list[int]:
        """All catalogue regions."""
        return self.memo(("region_codes",), self.regions,
                         lambda: sorted(int(r) for r in self.regions["region"]))

    @property
    def candidates(self) -> list[str]:
        """Candidate industries for transfer: the manufacturing groups H06–H21."""
        return self.memo(("candidates",), self.industries,
                         lambda: sorted(self.industries.loc[self.industries["candidate"], "industry"]))

    @property
    def hosts(self) -> list[int]:
        """Host regions of the transfer (central, western and north-eastern provinces; the
        ``host`` flag of the regions catalogue)."""
        return self.memo(("hosts",), self.regions,
                         lambda: sorted(int(r) for r in self.regions.loc[self.regions["host"], "region"]))

    @property
    def all_industries(self) -> list[str]:
        """All 38 harmonised industries."""
        return self.memo(("all_industries",), self.industries, lambda: sorted(self.industries["industry"]))


def load_inputs() -> FeatureInputs:
    """Assemble the inputs from the committed curated tables."""
    attributes = pd.concat([load_table(name) for name in ATTRIBUTE_TABLES], ignore_index=True)
    clashes = attributes.duplicated(["region", "year", "attribute"])
    if clashes.any():
        names = sorted(attributes.loc[clashes, "attribute"].unique())
        raise ValueError(f"attribute names used by more than one attribute table: {names}")
    return FeatureInputs(
        io_panel=load_table("io_panel")[IO_COLUMNS],
        io_matrix=load_table("io_matrix"),
        attributes=attributes,
        co2=load_table("co2_sectors"),
        geo=load_table("geo_regions"),
        regions=load_table("regions"),
        industries=load_table("industries"),
        data_hubs=load_table("policy_data_hubs"),
        new_areas=load_table("policy_new_areas"),
        national_products=load_table("national_products"),
        priorities=load_table("policy_priorities"),
    )


def io_wide(inputs: FeatureInputs, io_year: int | None, item: str = "gross_output") -> pd.DataFrame:
    """Region × industry matrix of an IO item at ``io_year`` (all 38 industries).

    Regions without a table that year are absent; an empty frame if ``io_year`` is None.
    """
    if io_year is None:
        return pd.DataFrame(columns=inputs.all_industries, dtype=float)

    def compute() -> pd.DataFrame:
        panel = inputs.io_panel.loc[inputs.io_panel["year"] == io_year]
        wide = panel.pivot(index="region", columns="industry", values=item)
        return wide.reindex(columns=inputs.all_industries)

    return inputs.memo(("io_wide", io_year, item), inputs.io_panel, compute).copy()
