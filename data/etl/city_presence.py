"""ETL step: city × manufacturing-group evidence (``city_presence``).

Tidy long table, one row per (city, industry, measure, period) with a value
and its unit; absent rows mean no evidence (zero). Measures:

=============================== ========= ============================================ ===============
measure                         period    value                                        unit
=============================== ========= ============================================ ===============
``zones_declaring``             2018      zones of the 2018 catalogue declaring the     zones
                                          industry (:mod:`data.etl.city_zones`)
``zones_weighted``              2018      Σ level weight × √(area / median area) over   weighted zones
                                          those zones (see :func:`zone_weight`)
``listed_firms``                cohort    SZSE-listed manufacturing firms by listing    firms
                                          cohort (:mod:`data.etl.city_firms`)
``steel_capacity``              year      operating crude-steel capacity, H14 only      kt/yr
                                          (:mod:`data.etl.city_steel`)
``steel_capacity_closure_undated`` year   retired or idle capacity with no closure      kt/yr
                                          date, started by that year (H14)
=============================== ========= ============================================ ===============
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.etl import city_firms, city_steel, city_zones
from data.etl.city_gazetteer import load_gazetteer

INPUTS = city_zones.INPUTS + city_firms.INPUTS + city_steel.INPUTS

#: Weight of a zone by approving level.
LEVEL_WEIGHT = {"national": 2.0, "provincial": 1.0}

COLUMNS = ["city", "industry", "measure", "period", "value", "unit"]


def zone_weight(level: pd.Series, area_ha: pd.Series, median_area_ha: float) -> pd.Series:
    """Weight of each zone: ``LEVEL_WEIGHT[level] × sqrt(area_ha / median_area_ha)``.

    A national zone of median size weighs 2, a provincial one 1; a zone four
    times the median area counts double. The square root damps the largest
    zones (the biggest is ≈48× the median area, weight ×6.9).
    """
    return level.map(LEVEL_WEIGHT) * np.sqrt(area_ha / median_area_ha)


def zone_rows(zones: pd.DataFrame) -> pd.DataFrame:
    """``zones_declaring`` and ``zones_weighted`` rows from ``city_zones``."""
    weighted = zones.assign(weight=zone_weight(zones["level"], zones["area_ha"], zones["area_ha"].median()))
    declared = weighted.loc[weighted["city"].notna() & weighted["industries"].notna()].copy()
    declared["industry"] = declared["industries"].str.split("|")
    declared = declared.explode("industry")
    grouped = declared.groupby(["city", "industry"])["weight"].agg(["size", "sum"]).reset_index()
    frames = []
    for column, measure, unit in (("size", "zones_declaring", "zones"), ("sum", "zones_weighted", "weighted zones")):
        frames.append(pd.DataFrame({"city": grouped["city"].astype("int64"), "industry": grouped["industry"],
                                    "measure": measure, "period": "2018",
                                    "value": grouped[column].astype(float), "unit": unit}))
    return pd.concat(frames, ignore_index=True)


def build_presence(sources: Path, cities: pd.DataFrame, zones: pd.DataFrame) -> pd.DataFrame:
    """Assemble ``city_presence`` from zones, listed firms and steel plants."""
    gazetteer = load_gazetteer(sources, dict(zip(cities["city"], cities["name_zh"])))
    firms = city_firms.read_firms(sources, gazetteer)
    plants = city_steel.locate_plants(sources, gazetteer, cities)
    capacity = city_steel.capacity_by_year(city_steel.read_capacities(sources), plants)
    table = pd.concat([zone_rows(zones), city_firms.firm_rows(firms), city_steel.steel_rows(capacity)],
                      ignore_index=True)
    table = table.loc[table["city"].isin(cities["city"])]
    return table.sort_values(["city", "industry", "measure", "period"], ignore_index=True)[COLUMNS]


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``city_presence`` (needs ``cities`` and ``city_zones``)."""
    return {"city_presence": build_presence(sources, built["cities"], built["city_zones"])}
