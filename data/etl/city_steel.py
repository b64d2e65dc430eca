"""Crude-steel capacity per city (part of ``city_presence``).

Source: Global Energy Monitor, Global Iron and Steel Tracker (September 2025
release, CC BY 4.0): plants with location and dates, and capacity rows per
plant and status. Capacities are nominal crude-steel capacity in thousand tonnes
per year (GEM's ``ttpa`` = kt/yr); iron-only rows carry no crude-steel capacity
and are left out. All capacity maps to H14 (metal smelting and rolling).

Location: the province is the one the Chinese address starts with (GEM's
English province field when it does not; they disagree once, a 乐山 plant filed
under Chongqing). The Chinese postal address is then read by
:meth:`~data.etl.city_gazetteer.Gazetteer.locate_address`, then its Chinese
name by :meth:`~data.etl.city_gazetteer.Gazetteer.locate`. Only if both fail are
the plant's coordinates tested against the city outlines of its province (steel
plants only; zones and firms are never located by coordinates).

Capacity in year *t* (a reconstruction, since GEM keeps the current status):

* the latest year (2025) is the capacity whose status is ``operating`` or
  ``operating pre-retirement``;
* an earlier year *t* counts a capacity row started in or before *t* that was
  still working in *t*: operating rows, and retired or mothballed rows whose
  plant-level retirement or idling date is after *t*. Retired and mothballed rows
  without a date cannot be placed; they are reported separately as
  ``steel_capacity_closure_undated`` (capacity that may or may not have worked in *t*).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from data.etl.city_gazetteer import Gazetteer
from data.etl.facts import REGIONS
from data.etl.sources import SourceError, check_columns, read_excel

PLANTS = "city/gem_steel_Plant_data.xlsx"
CAPACITIES = "city/gem_steel_plant_capacities_and_status.xlsx"
INPUTS = (PLANTS, CAPACITIES)

LATEST_YEAR = 2025
YEARS = (2017, 2020, LATEST_YEAR)
WORKING = ("operating", "operating pre-retirement")
CLOSED = ("retired", "mothballed")

_PROVINCE_EN = {english: code for code, _full, _short, english, _macro in REGIONS}
_CAPACITY = "Nominal crude steel capacity (ttpa)"


def _year(value) -> float:
    """Year of a GEM date cell (int year, timestamp or text); NaN when unknown."""
    text = str(value)
    return float(text[:4]) if text[:4].isdigit() else float("nan")


def _inside(lon: float, lat: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def point_in_outline(lon: float, lat: float, geojson: str) -> bool:
    """Whether a point lies in a (Multi)Polygon GeoJSON string (ray casting, holes respected)."""
    geometry = json.loads(geojson)
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for rings in polygons:
        if _inside(lon, lat, rings[0]) and not any(_inside(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


def locate_plants(sources: Path, gazetteer: Gazetteer, cities: pd.DataFrame) -> pd.DataFrame:
    """Chinese plants with ``plant_id, province, city, method`` and plant-level closure years."""
    plants = read_excel(sources, PLANTS)
    columns = ["Plant ID", "Plant name (other language)", "Country/Area", "Subnational unit (province/state)",
               "Other language location address", "Coordinates", "Retired date", "Idled date"]
    check_columns(plants, columns, PLANTS)
    plants = plants.loc[plants["Country/Area"].eq("China")]
    rows = []
    for record in plants[columns].itertuples(index=False):
        plant_id, name, _country, province_en, address, coordinates, retired, idled = record
        province = _address_province(str(address)) or _PROVINCE_EN.get(str(province_en))
        if province is None:
            raise SourceError(f"{PLANTS}: unknown province {province_en!r} of plant {plant_id}")
        method, location = "address", gazetteer.locate_address(str(address), province)
        if location.status in ("unlocated", "ambiguous"):
            method, location = "name", gazetteer.locate(str(name), province)
        city = location.city
        if location.status == "province_administered":
            method = "province_administered"
        elif city is None:
            method, city = "coordinates", _by_coordinates(coordinates, province, cities)
        rows.append({"plant_id": plant_id, "province": province, "city": city,
                     "method": method if city is not None or method == "province_administered" else "unlocated",
                     "retired_year": _year(retired), "idled_year": _year(idled)})
    return pd.DataFrame(rows)


def _address_province(address: str) -> int | None:
    """Province named at the start of a Chinese address (it wins over GEM's English field)."""
    for code, full, short, _english, _macro in REGIONS:
        if address.startswith((full, short)):
            return code
    return None


def _by_coordinates(coordinates, province: int, cities: pd.DataFrame) -> int | None:
    try:
        lat, lon = (float(v) for v in str(coordinates).split(","))
    except ValueError:
        return None
    candidates = cities.loc[cities["province"].eq(province)]
    hits = [c for c, outline in zip(candidates["city"], candidates["outline"]) if point_in_outline(lon, lat, outline)]
    return int(hits[0]) if len(hits) == 1 else None


def read_capacities(sources: Path) -> pd.DataFrame:
    """Chinese capacity rows: ``plant_id, status, start_year, capacity_kt``."""
    table = read_excel(sources, CAPACITIES)
    check_columns(table, ["Plant ID", "Country/Area", "Status", "Start date", _CAPACITY], CAPACITIES)
    table = table.loc[table["Country/Area"].eq("China")]
    capacity = pd.to_numeric(table[_CAPACITY], errors="coerce")
    return pd.DataFrame({"plant_id": table["Plant ID"], "status": table["Status"],
                         "start_year": table["Start date"].map(_year), "capacity_kt": capacity}
                        ).loc[capacity.gt(0)].reset_index(drop=True)


def capacity_by_year(capacities: pd.DataFrame, plants: pd.DataFrame) -> pd.DataFrame:
    """Per capacity row and year: ``working`` capacity and ``undated`` closed capacity (kt/yr)."""
    rows = capacities.merge(plants, on="plant_id", how="left", validate="m:1")
    if rows["province"].isna().any():
        raise SourceError(f"{CAPACITIES}: capacity rows of plants missing from {PLANTS}")
    closure = rows["retired_year"].where(rows["status"].eq("retired"), rows["idled_year"])
    frames = []
    for year in YEARS:
        if year == LATEST_YEAR:
            working = rows["status"].isin(WORKING)
            undated = pd.Series(False, index=rows.index)
        else:
            started = rows["start_year"].le(year)
            closed = rows["status"].isin(CLOSED)
            working = started & (rows["status"].isin(WORKING) | (closed & closure.gt(year)))
            undated = started & closed & closure.isna()
        frames.append(pd.DataFrame({"plant_id": rows["plant_id"], "city": rows["city"], "year": year,
                                    "working": rows["capacity_kt"].where(working, 0.0),
                                    "undated": rows["capacity_kt"].where(undated, 0.0)}))
    return pd.concat(frames, ignore_index=True)


def steel_rows(by_year: pd.DataFrame) -> pd.DataFrame:
    """Tidy presence rows (industry H14) from :func:`capacity_by_year`; zero sums are dropped."""
    located = by_year.loc[by_year["city"].notna()]
    sums = located.groupby(["city", "year"])[["working", "undated"]].sum().reset_index()
    out = []
    for column, measure in (("working", "steel_capacity"), ("undated", "steel_capacity_closure_undated")):
        part = sums.loc[sums[column].gt(0)]
        out.append(pd.DataFrame({"city": part["city"].astype("int64"), "industry": "H14", "measure": measure,
                                 "period": part["year"].astype(str), "value": part[column].astype(float),
                                 "unit": "kt/yr"}))
    return pd.concat(out, ignore_index=True)
