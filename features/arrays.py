"""The curated inputs as NumPy arrays: what every feature, score and what-if is computed from.

:class:`InputArrays` holds, for a fixed ordering of regions (R) and the 38 sectors
(I), the IO items per benchmark year as R × I arrays (NaN rows for regions without a
table that year), the summed intermediate flows per year (I × I), every province
attribute as a region × year matrix (raw and forward-filled, so "the latest value ≤ t"
is one column lookup), national CO2 by sector and year, national product output,
geography flags, policy lists, and the region and industry catalogues for display.

Arrays are never edited in place: a what-if is :meth:`InputArrays.with_attribute`,
:meth:`with_output` or :meth:`with_region`, which copy only the arrays they change and
share the rest, and carry a content key (``key``) that identifies the edited state for
caches — a hash of the arrays, not of pandas frames.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

IO_ITEMS = ("gross_output", "value_added", "labour_compensation", "final_consumption", "capital_formation",
            "exports", "imports", "outflow", "inflow", "intermediate_use")


def _hash(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def _ffill(raw: np.ndarray) -> np.ndarray:
    """Forward-fill NaN along the last axis (years)."""
    index = np.where(np.isnan(raw), 0, np.arange(raw.shape[-1]))
    np.maximum.accumulate(index, axis=-1, out=index)
    filled = np.take_along_axis(raw, index, axis=-1)
    first = ~np.isnan(raw)
    seen = np.maximum.accumulate(first, axis=-1)
    return np.where(seen, filled, np.nan)


@dataclass(frozen=True)
class InputArrays:
    """NumPy view of the curated inputs (see module docstring).

    Attributes
    ----------
    regions : ndarray of int
        Region adcodes, the row order of every region axis.
    industries : ndarray of str
        The 38 sector codes, the column order of every industry axis.
    candidates : ndarray of str
        The candidate industries (manufacturing groups), in code order.
    io_years : tuple of int
        IO benchmark years.
    io : dict
        ``year → item → R × I`` array (万元; NaN rows for regions without a table).
    flows : dict
        ``year → I × I`` intermediate flows summed over provinces (row supplies column).
    attr_years : ndarray of int
        Years of the attribute matrices' columns.
    attributes : dict
        ``name → R × Y`` raw values (NaN when not observed).
    co2 : dict
        ``year → I`` national scope-1 CO2 by sector (Mt).
    products : DataFrame
        National product output ``product, industry, year, output``.
    coastal, land_border : ndarray of float
        0/1 per region (NaN when unknown).
    lon, lat : ndarray of float
        Region centroids (degrees).
    hub_year : ndarray of float
        Year a region became a 东数西算 hub node (inf when never).
    new_area_years : tuple of ndarray
        Approval years of each region's national new areas.
    declared : ndarray of bool
        R × candidates: the region declares the industry a priority.
    regions_table, industries_table, hubs_table : DataFrame
        Catalogues and the hub list, for display.
    key : str
        Content key of this state (hash of the arrays, or of the parent key and the edit).
    """

    regions: np.ndarray
    industries: np.ndarray
    candidates: np.ndarray
    io_years: tuple[int, ...]
    io: dict
    flows: dict
    attr_years: np.ndarray
    attributes: dict
    co2: dict
    products: pd.DataFrame
    coastal: np.ndarray
    land_border: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    hub_year: np.ndarray
    new_area_years: tuple
    declared: np.ndarray
    regions_table: pd.DataFrame = field(repr=False)
    industries_table: pd.DataFrame = field(repr=False)
    hubs_table: pd.DataFrame = field(repr=False)
    key: str = ""

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_inputs(cls, inputs) -> "InputArrays":
        """Arrays of a :class:`~features.inputs.FeatureInputs` bundle."""
        regions = np.array(sorted(int(r) for r in inputs.regions["region"]), dtype=np.int64)
        industries = np.array(sorted(inputs.industries["industry"]), dtype=object)
        candidates = np.array(sorted(inputs.industries.loc[inputs.industries["candidate"], "industry"]), dtype=object)
        row = pd.Index(regions)
        col = pd.Index(industries)
        panel = inputs.io_panel
        io_years = tuple(sorted(int(y) for y in panel["year"].unique()))
        io = {}
        for year in io_years:
            part = panel.loc[panel["year"] == year]
            io[year] = {item: _frozen(part.pivot(index="region", columns="industry", values=item)
                                      .reindex(index=row, columns=col).to_numpy(dtype=float))
                        for item in IO_ITEMS if item in part.columns}
        matrix = inputs.io_matrix
        flows = {}
        for year in io_years:
            part = matrix.loc[matrix["year"] == year] if len(matrix) else matrix
            if len(part):
                summed = part.pivot_table(index="from_industry", columns="to_industry", values="value", aggfunc="sum")
                flows[year] = _frozen(summed.reindex(index=col, columns=col).fillna(0.0).to_numpy(dtype=float))
            else:
                flows[year] = _frozen(np.zeros((len(col), len(col))))
        attrs = inputs.attributes
        if not len(attrs):
            attrs = pd.DataFrame(columns=["region", "year", "attribute", "value"])
        attr_years = np.array(sorted(int(y) for y in attrs["year"].unique()), dtype=np.int64)
        attributes = {}
        for name, part in attrs.dropna(subset=["value"]).groupby("attribute", sort=True):
            wide = part.pivot_table(index="region", columns="year", values="value", aggfunc="last")
            attributes[name] = _frozen(wide.reindex(index=row, columns=attr_years).to_numpy(dtype=float))
        co2 = {}
        if len(inputs.co2):
            for year, part in inputs.co2.groupby("year"):
                co2[int(year)] = _frozen(part.groupby("industry")["co2"].sum().reindex(col).to_numpy(dtype=float))
        geo = inputs.geo.set_index("region").reindex(row) if len(inputs.geo) else pd.DataFrame(index=row)
        flag = lambda name: _frozen(geo[name].astype(float).to_numpy() if name in geo else np.full(len(row), np.nan))  # noqa: E731
        hubs = inputs.data_hubs
        hub_year = np.full(len(row), np.inf)
        if len(hubs):
            first = hubs.groupby("region")["year"].min() if "year" in hubs else hubs.groupby("region").size() * 0
            hub_year = first.reindex(row).fillna(np.inf).to_numpy(dtype=float)
        areas = inputs.new_areas
        area_years = tuple(
            np.sort(areas.loc[areas["region"] == r, "year"].to_numpy(dtype=float)) if len(areas) else np.array([])
            for r in regions)
        declared = np.zeros((len(regions), len(candidates)), dtype=bool)
        priorities = inputs.priorities
        if len(priorities):
            rows = priorities.loc[priorities["plan"] != "MIIT_2018_catalogue_exit", ["region", "industry"]]
            position = {r: i for i, r in enumerate(regions)}
            column = {c: j for j, c in enumerate(candidates)}
            for region, industry in rows.itertuples(index=False):
                if int(region) in position and industry in column:
                    declared[position[int(region)], column[industry]] = True
        products = inputs.national_products[["product", "industry", "year", "output"]].copy() \
            if len(inputs.national_products) else pd.DataFrame(columns=["product", "industry", "year", "output"])
        arrays = cls(regions=_frozen(regions), industries=industries, candidates=candidates, io_years=io_years,
                     io=io, flows=flows, attr_years=attr_years, attributes=attributes, co2=co2, products=products,
                     coastal=flag("coastal"), land_border=flag("land_border"), lon=flag("centroid_lon"),
                     lat=flag("centroid_lat"), hub_year=_frozen(hub_year), new_area_years=area_years,
                     declared=_frozen(declared), regions_table=inputs.regions.reset_index(drop=True),
                     industries_table=inputs.industries.reset_index(drop=True), hubs_table=hubs)
        return replace(arrays, key=arrays._content_hash())

    def _content_hash(self) -> str:
        parts = [self.regions.tobytes(), "|".join(self.industries).encode(), "|".join(self.candidates).encode()]
        for year in self.io_years:
            parts += [self.io[year][item].tobytes() for item in sorted(self.io[year])] + [self.flows[year].tobytes()]
        parts += [self.attr_years.tobytes()] + [name.encode() + self.attributes[name].tobytes()
                                                for name in sorted(self.attributes)]
        parts += [self.co2[y].tobytes() for y in sorted(self.co2)]
        parts += [pd.util.hash_pandas_object(self.products, index=False).to_numpy().tobytes()]
        parts += [a.tobytes() for a in (self.coastal, self.land_border, self.lon, self.lat, self.hub_year,
                                        self.declared)]
        parts += [a.tobytes() for a in self.new_area_years]
        return _hash(*parts)

    # ------------------------------------------------------------------ lookups
    @cached_property
    def position(self) -> dict[int, int]:
        """Adcode → row index."""
        return {int(r): i for i, r in enumerate(self.regions)}

    @cached_property
    def column(self) -> dict[str, int]:
        """Sector code → column index."""
        return {c: j for j, c in enumerate(self.industries)}

    @cached_property
    def candidate_columns(self) -> np.ndarray:
        """Column indices of the candidate industries."""
        return np.array([self.column[c] for c in self.candidates], dtype=np.int64)

    @cached_property
    def macro(self) -> np.ndarray:
        """Macro-region of every region (row order)."""
        table = self.regions_table.set_index("region")
        return table.loc[self.regions, "macro_region"].to_numpy(dtype=object)

    @cached_property
    def hosts(self) -> list[int]:
        """Host regions (the ``host`` flag of the regions catalogue)."""
        table = self.regions_table
        return sorted(int(r) for r in table.loc[table["host"].astype(bool), "region"])

    @property
    def latest_year(self) -> int:
        """The latest year with any data (IO or attributes)."""
        years = [max(self.io_years)] + ([int(self.attr_years.max())] if len(self.attr_years) else [])
        return int(max(years))

    def io_year_as_of(self, year: int) -> int | None:
        """Latest IO benchmark year ≤ ``year`` (None if there is none)."""
        years = [y for y in self.io_years if y <= year]
        return max(years) if years else None

    def previous_io_year(self, io_year: int | None) -> int | None:
        """The IO benchmark year before ``io_year`` (None for the first or for None)."""
        if io_year is None:
            return None
        years = [y for y in self.io_years if y < io_year]
        return max(years) if years else None

    def output(self, io_year: int | None, item: str = "gross_output") -> np.ndarray | None:
        """R × I array of an IO item at ``io_year`` (None when there is no such year)."""
        if io_year is None:
            return None
        return self.io[io_year].get(item)

    @cached_property
    def _cache(self) -> dict:
        return {}

    def memo(self, key: tuple, compute, depends: tuple[str, ...]):
        """``compute()`` memoised on this (immutable) arrays object under ``key``.

        ``depends`` names the parts the value is computed from (``"io"``, ``"products"``,
        ``"regions"``, ``"attr_years"``, ``"attributes.<name>"``): an edited copy keeps the
        entries none of whose parts the edit changed.
        """
        if key not in self._cache:
            self._cache[key] = (compute(), frozenset(depends))
        return self._cache[key][0]

    def _edited(self, changed: set[str], **fields) -> "InputArrays":
        """A copy with ``fields`` replaced, keeping the memo entries that do not depend on ``changed``."""
        copy = replace(self, **fields)
        copy._cache.update({key: entry for key, entry in self._cache.items() if not entry[1] & changed})
        return copy

    def _ffilled(self, name: str) -> np.ndarray:
        return self.memo(("ffilled", name), lambda: _frozen(_ffill(self.attributes[name])),
                         depends=(f"attributes.{name}", "attr_years", "regions"))

    def attr(self, name: str, year: int) -> np.ndarray:
        """Per region, the latest value of attribute ``name`` observed in a year ≤ ``year`` (NaN if none)."""
        if name not in self.attributes or not len(self.attr_years):
            return np.full(len(self.regions), np.nan)
        index = int(np.searchsorted(self.attr_years, year, side="right")) - 1
        if index < 0:
            return np.full(len(self.regions), np.nan)
        return self._ffilled(name)[:, index]

    def attr_exact(self, name: str, year: int) -> np.ndarray:
        """Per region, attribute ``name`` observed in exactly ``year`` (NaN if not)."""
        if name not in self.attributes:
            return np.full(len(self.regions), np.nan)
        index = np.flatnonzero(self.attr_years == year)
        return self.attributes[name][:, index[0]] if len(index) else np.full(len(self.regions), np.nan)

    def population(self, year: int) -> np.ndarray:
        """Resident population (10^4 persons), latest ≤ ``year``: NBS annual series, else census."""
        annual = self.attr("population", year)
        census = self.attr("census_population", year) / 1e4
        return np.where(np.isnan(annual), census, annual)

    def co2_as_of(self, year: int) -> np.ndarray | None:
        """National CO2 by sector (Mt) of the latest inventory year ≤ ``year`` (None if none)."""
        years = [y for y in self.co2 if y <= year]
        return self.co2[max(years)] if years else None

    def new_areas(self, year: int) -> np.ndarray:
        """Number of national new areas approved in each region up to ``year``."""
        return np.array([float(np.searchsorted(years, year, side="right")) for years in self.new_area_years])

    # ------------------------------------------------------------------ edits (copy-on-write)
    def with_attribute(self, region: int, name: str, year: int, value: float, unit: str | None = None) -> "InputArrays":
        """A copy with attribute ``name`` of ``region`` set to ``value`` as observed in ``year``."""
        years = self.attr_years
        changed = {f"attributes.{name}"}
        if year not in set(int(y) for y in years):
            changed.add("attr_years")
            years = np.array(sorted(set(int(y) for y in years) | {int(year)}), dtype=np.int64)
            attributes = {n: _frozen(pd.DataFrame(m, columns=self.attr_years).reindex(columns=years).to_numpy())
                          for n, m in self.attributes.items()}
        else:
            attributes = dict(self.attributes)
        matrix = attributes.get(name)
        matrix = np.full((len(self.regions), len(years)), np.nan) if matrix is None else matrix.copy()
        matrix[self.position[int(region)], int(np.flatnonzero(years == year)[0])] = float(value)
        attributes[name] = _frozen(matrix)
        edit = f"attr|{region}|{name}|{year}|{float(value)!r}".encode()
        return self._edited(changed, attr_years=_frozen(years), attributes=attributes,
                            key=_hash(self.key.encode(), edit))

    def with_output(self, region: int, industry: str, io_year: int, value: float) -> "InputArrays":
        """A copy with the region's gross output of ``industry`` at ``io_year`` set to ``value`` (万元).

        The other IO items of the cell are scaled by the same factor, so cost and demand
        ratios stay as they were; a sector that had no output gets the region's average
        ratios of those items to gross output.
        """
        r, j = self.position[int(region)], self.column[industry]
        items = {name: array.copy() for name, array in self.io[io_year].items()}
        gross = items["gross_output"]
        if np.isnan(gross[r]).all():
            raise KeyError(f"region {region} has no IO table for {io_year}")
        old = float(gross[r, j])
        for name, array in items.items():
            if name == "gross_output":
                continue
            if old > 0:
                array[r, j] = array[r, j] * (value / old)
            else:
                total = max(float(np.nansum(gross[r])), 1.0)
                array[r, j] = float(np.nansum(array[r])) / total * value
        gross[r, j] = float(value)
        io = dict(self.io)
        io[io_year] = {name: _frozen(array) for name, array in items.items()}
        edit = f"output|{region}|{industry}|{io_year}|{float(value)!r}".encode()
        return self._edited({"io"}, io=io, key=_hash(self.key.encode(), edit))

    def with_region(self, code: int, name_zh: str, name_en: str, macro_region: str, outputs: dict[str, float],
                    io_year: int, flags: dict[str, bool] | None = None) -> "InputArrays":
        """A copy with one more region: gross outputs (万元) at ``io_year`` with the other IO items
        at the national average ratio of each industry, no other year's table, no attributes yet
        (add them with :meth:`with_attribute`), no declared priorities and no centroid."""
        if int(code) in self.position:
            raise ValueError(f"region code {code} already exists")
        grow = lambda a, fill=np.nan: np.concatenate([a, np.full((1,) + a.shape[1:], fill, dtype=a.dtype)])  # noqa: E731
        values = np.array([float(outputs.get(c, 0.0)) for c in self.industries])
        io = {}
        for year, items in self.io.items():
            io[year] = {name: _frozen(grow(array)) for name, array in items.items()}
        nation = self.io[io_year]
        gross = np.nansum(nation["gross_output"], axis=0)
        for name, array in io[io_year].items():
            array = array.copy()
            if name == "gross_output":
                array[-1] = values
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    ratio = np.where(gross > 0, np.nansum(nation[name], axis=0) / gross, np.nan)
                array[-1] = ratio * values
            io[io_year][name] = _frozen(array)
        flags = flags or {}
        table = pd.concat([self.regions_table, pd.DataFrame([{
            "region": int(code), "name_zh": name_zh, "short_zh": name_zh, "name_en": name_en,
            "macro_region": macro_region, "macro_region_zh": "", "host": macro_region != "East",
            "aliases": ""}])], ignore_index=True)
        edit = f"region|{code}|{macro_region}|{io_year}|".encode() + values.tobytes() + repr(sorted(flags.items())).encode()
        return replace(
            self, regions=_frozen(np.append(self.regions, int(code))), io=io,
            attributes={n: _frozen(grow(m)) for n, m in self.attributes.items()},
            coastal=_frozen(np.append(self.coastal, float(flags.get("coastal", False)))),
            land_border=_frozen(np.append(self.land_border, float(flags.get("land_border", False)))),
            lon=_frozen(np.append(self.lon, np.nan)), lat=_frozen(np.append(self.lat, np.nan)),
            hub_year=_frozen(np.append(self.hub_year, np.inf)), new_area_years=self.new_area_years + (np.array([]),),
            declared=_frozen(grow(self.declared, False)), regions_table=table,
            key=_hash(self.key.encode(), edit))
