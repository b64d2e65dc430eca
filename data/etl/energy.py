"""ETL step: province energy attributes (``attr_energy``) from NBS data via Wind/CREA.

All series used are monthly year-to-date (YTD) cumulations or month-end stocks,
so the December observation is the annual figure (see
:func:`~data.etl.attributes_common.year_end`); years without a December value
are left out rather than estimated.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from data.etl.attributes_common import finish_long, read_wind, series_region, year_end
from data.etl.sources import SourceError

CAPACITY = "energy/power_capacity_by_province_and_type.csv"
GENERATION = "energy/power_generation_by_province_and_source.csv"
UTILISATION = "energy/wind_solar_utilization_capacity_by_province.csv"
PRODUCTS = "energy/Output_of_electricity_intensive_products_by_province.csv"
IRON_STEEL = "energy/iron_and_steel_output_by_province.csv"
INPUTS = (CAPACITY, GENERATION, UTILISATION, PRODUCTS, IRON_STEEL)


class Rule(NamedTuple):
    """How one family of Wind series becomes one attribute."""

    file: str
    pattern: str  # regex on the series name
    published_unit: str  # unit as the file states it ("" when the file leaves it blank)
    attribute: str
    unit: str
    factor: float
    pillar: str


_CAP = r"(?:6000 k|6,000 K)[^:]*: "
RULES: tuple[Rule, ...] = (
    Rule(CAPACITY, _CAP + r"Thermal Power$", "10000 kw", "capacity_thermal", "10^4 kW", 1, "resource"),
    Rule(CAPACITY, _CAP + r"Hydropower$", "10000 kw", "capacity_hydro", "10^4 kW", 1, "resource"),
    Rule(CAPACITY, _CAP + r"Wind Power$", "10000 kw", "capacity_wind", "10^4 kW", 1, "resource"),
    Rule(CAPACITY, _CAP + r"Nuclear Power$", "10000 kw", "capacity_nuclear", "10^4 kW", 1, "resource"),
    Rule(CAPACITY, r"Installed Capacity: Solar Power Generation: YTD$", "10000 kw",
         "capacity_solar", "10^4 kW", 1, "resource"),
    # The generation file leaves units blank; values are 10^4 kWh (Guangdong 2019
    # consumption 66,960,000 = 6,696 亿kWh, as in the monthly 10^8 kWh series).
    Rule(GENERATION, r"^Output: Thermal Power", "", "generation_thermal", "10^8 kWh", 1e-4, "resource"),
    Rule(GENERATION, r"^Output: Hydro Power", "", "generation_hydro", "10^8 kWh", 1e-4, "resource"),
    Rule(GENERATION, r"^Power Generation: Wind Power", "", "generation_wind", "10^8 kWh", 1e-4, "resource"),
    Rule(GENERATION, r"^Output: Nuclear Power", "", "generation_nuclear", "10^8 kWh", 1e-4, "resource"),
    Rule(GENERATION, r"^Output: Solar", "", "generation_solar", "10^8 kWh", 1e-4, "resource"),
    Rule(GENERATION, r"^Power Consumption", "", "electricity_consumption", "10^8 kWh", 1e-4, "application"),
    Rule(UTILISATION, r"Utilization Hours of Power Generation Equipment: Wind Power: YTD$", "hour",
         "utilization_hours_wind", "hours", 1, "resource"),
    Rule(UTILISATION, r"Average Utilization Hours: Solar Power Generation: YTD$", "hour",
         "utilization_hours_solar", "hours", 1, "resource"),
    Rule(PRODUCTS, r"Output: Cement: YTD$", "ton", "output_cement", "10^4 t", 1e-4, "industrial_base"),
    Rule(PRODUCTS, r"Output: Crude Steel: YTD$", "10000 tons", "output_crude_steel", "10^4 t", 1,
         "industrial_base"),
    Rule(PRODUCTS, r"Output: Steel Products: YTD$", "10000 tons", "output_steel_products", "10^4 t", 1,
         "industrial_base"),
    Rule(PRODUCTS, r"Ten Kinds of Non-ferrous Metals: YTD$", "ton", "output_nonferrous_metals", "10^4 t",
         1e-4, "industrial_base"),
    Rule(PRODUCTS, r"Output: Chemical Fibers?: YTD$", "ton", "output_chemical_fibres", "10^4 t", 1e-4,
         "industrial_base"),
    Rule(PRODUCTS, r"Output: Plain Glass: YTD$", "weighted cases", "output_plain_glass",
         "weighted cases", 1, "industrial_base"),
    Rule(PRODUCTS, r"Output: Motor Vehicles: YTD$", "unit", "output_motor_vehicles", "units", 1,
         "industrial_base"),
    # 铝材: NBS "Refined Aluminous Materials"; 铜材: "Copper Materials Products" (Guizhou and
    # Ningxia publish the same item as "Rolled Copper").
    Rule(PRODUCTS, r"Output: Refined Aluminous Materials: YTD$", "ton", "output_aluminium_materials", "10^4 t",
         1e-4, "industrial_base"),
    Rule(PRODUCTS, r"Output: (?:Copper Materials Products|Rolled Copper): YTD$", "ton",
         "output_copper_materials", "10^4 t", 1e-4, "industrial_base"),
    # 生铁: the iron-and-steel export repeats each pig-iron column (same Wind ID, same values);
    # :func:`read_wind` keeps one per series and month.
    Rule(IRON_STEEL, r"^China: [^:]+: Output: Pig Iron: YTD$", "10000 tons", "output_pig_iron", "10^4 t", 1,
         "industrial_base"),
)

#: Component attributes of the totals; a total is kept only for province-years
#: in which every component the province ever publishes has a value.
TOTALS = {
    "capacity_total": ("capacity_thermal", "capacity_hydro", "capacity_wind",
                       "capacity_nuclear", "capacity_solar"),
    "generation_total": ("generation_thermal", "generation_hydro", "generation_wind",
                         "generation_nuclear", "generation_solar"),
}


def _apply(rule: Rule, annual: pd.DataFrame) -> pd.DataFrame:
    hits = annual.loc[annual["name"].str.contains(rule.pattern, regex=True) & annual["region"].notna()]
    if hits.empty:
        raise SourceError(f"source file malformed: {rule.file}: no series matching {rule.pattern!r}")
    wrong = set(hits["unit"]) - {rule.published_unit}
    if wrong:
        raise SourceError(f"source file malformed: {rule.file}: {rule.attribute} unit {wrong}, "
                          f"expected {rule.published_unit!r}")
    return pd.DataFrame({"region": hits["region"], "year": hits["year"], "attribute": rule.attribute,
                         "value": hits["value"] * rule.factor, "unit": rule.unit, "pillar": rule.pillar})


def _total(frame: pd.DataFrame, name: str, parts: tuple[str, ...]) -> pd.DataFrame:
    wide = frame.loc[frame["attribute"].isin(parts)].pivot_table(
        index=["region", "year"], columns="attribute", values="value", aggfunc="first")
    published = wide.notna().groupby(level="region").transform("any")
    complete = (wide.notna() | ~published).all(axis=1)
    total = wide.loc[complete].sum(axis=1).rename("value").reset_index()
    first = frame.loc[frame["attribute"] == parts[0]].iloc[0]
    return total.assign(attribute=name, unit=first["unit"], pillar=first["pillar"])


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``attr_energy`` (capacity, generation, hours, consumption, product output)."""
    annual = {}
    for relpath in INPUTS:
        long = year_end(read_wind(sources, relpath))
        annual[relpath] = long.assign(region=series_region(long["name"]))
    parts = [_apply(rule, annual[rule.file]) for rule in RULES]
    frame = pd.concat(parts, ignore_index=True)
    totals = [_total(frame, name, members) for name, members in TOTALS.items()]
    return {"attr_energy": finish_long(pd.concat([frame, *totals], ignore_index=True))}
