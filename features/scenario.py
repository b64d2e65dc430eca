"""What-if scenarios and bring-your-own regions as edited copies of the inputs.

Edits are copy-on-write: a function replaces the table it changes on the
``FeatureInputs`` it is given, so forks of the shipped inputs share every
untouched table (and its memoised lookups) with them.

Every edit goes through plausibility ranges; out-of-range values are clamped and
reported, never applied silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from features.inputs import IO_COLUMNS, FeatureInputs, io_year_as_of


@dataclass(frozen=True)
class AttributeRange:
    """Plausible range of an editable province attribute."""

    low: float
    high: float
    unit: str
    label_zh: str
    label_en: str


#: Attributes users may edit, with plausible ranges for a province-level region.
EDITABLE_ATTRIBUTES: dict[str, AttributeRange] = {
    "population": AttributeRange(10, 20000, "10^4 persons", "常住人口", "Population"),
    "gdp": AttributeRange(10, 250000, "亿元", "地区生产总值", "GDP"),
    "secondary_share": AttributeRange(5, 70, "%", "第二产业比重", "Secondary-sector share"),
    "retail_sales": AttributeRange(1, 100000, "亿元", "社会消费品零售总额", "Retail sales"),
    "rd_intensity": AttributeRange(0, 10, "%", "研发强度", "R&D intensity"),
    "rd_personnel": AttributeRange(0, 2_000_000, "person-years (FTE)", "研发人员全时当量", "R&D personnel (FTE)"),
    "patents_granted": AttributeRange(0, 2_000_000, "count", "专利授权量", "Patents granted"),
    "generation_thermal": AttributeRange(0, 8000, "10^8 kWh", "火电发电量", "Thermal generation"),
    "generation_hydro": AttributeRange(0, 6000, "10^8 kWh", "水电发电量", "Hydro generation"),
    "generation_wind": AttributeRange(0, 3000, "10^8 kWh", "风电发电量", "Wind generation"),
    "generation_solar": AttributeRange(0, 3000, "10^8 kWh", "光伏发电量", "Solar generation"),
    "generation_nuclear": AttributeRange(0, 3000, "10^8 kWh", "核电发电量", "Nuclear generation"),
}

#: Upper bound for one region's output in one sector (万元); China's total gross output
#: of all sectors was about 2.2 × 10^10 万元 in 2017.
MAX_SECTOR_OUTPUT = 1e10


@dataclass(frozen=True)
class EditWarning:
    """A value that was clamped to its plausible range."""

    field: str
    given: float
    used: float
    low: float
    high: float
    unit: str

    def message(self, lang: str = "zh") -> str:
        """Human-readable bilingual note."""
        if lang == "zh":
            return (f"{self.field} = {self.given:g} 超出合理范围 [{self.low:g}, {self.high:g}] {self.unit}，"
                    f"已按 {self.used:g} 计算")
        return (f"{self.field} = {self.given:g} is outside the plausible range [{self.low:g}, {self.high:g}] "
                f"{self.unit}; {self.used:g} was used")


def clamp(field: str, value: float, low: float, high: float, unit: str) -> tuple[float, EditWarning | None]:
    """Clamp ``value`` into [low, high]; NaN/inf become the nearest bound with a warning."""
    number = float(value)
    if np.isnan(number):
        used = low
    else:
        used = float(min(max(number, low), high))
    if used == number:
        return used, None
    return used, EditWarning(field, number, used, low, high, unit)


def attribute_value(inputs: FeatureInputs, region: int, attribute: str, year: int) -> float:
    """Current value (latest ≤ ``year``) of an attribute for a region, NaN if none."""
    attrs = inputs.attributes
    rows = attrs.loc[(attrs["region"] == region) & (attrs["attribute"] == attribute) & (attrs["year"] <= year)]
    return float(rows.sort_values("year")["value"].iloc[-1]) if len(rows) else float("nan")


def set_attribute(inputs: FeatureInputs, region: int, attribute: str, value: float, year: int) -> EditWarning | None:
    """Set ``attribute`` of ``region`` as observed in ``year`` (in place on ``inputs``)."""
    spec = EDITABLE_ATTRIBUTES.get(attribute)
    if spec is None:
        raise KeyError(f"attribute {attribute!r} is not editable; editable: {', '.join(EDITABLE_ATTRIBUTES)}")
    used, warning = clamp(attribute, value, spec.low, spec.high, spec.unit)
    attrs = inputs.attributes = inputs.attributes.copy()
    mask = (attrs["region"] == region) & (attrs["attribute"] == attribute) & (attrs["year"] == year)
    if mask.any():
        attrs.loc[mask, "value"] = used
    else:
        unit = attrs.loc[attrs["attribute"] == attribute, "unit"]
        pillar = attrs.loc[attrs["attribute"] == attribute, "pillar"]
        row = {"region": region, "year": year, "attribute": attribute, "value": used,
               "unit": unit.iloc[0] if len(unit) else spec.unit,
               "pillar": pillar.iloc[0] if len(pillar) else "application"}
        inputs.attributes = pd.concat([attrs, pd.DataFrame([row])], ignore_index=True)
    return warning


def set_sector_output(inputs: FeatureInputs, region: int, industry: str, value: float,
                      year: int) -> EditWarning | None:
    """Set the region's gross output of ``industry`` (万元) at the IO year in force at ``year``.

    The other IO items of that row are scaled by the same factor, so cost and
    demand ratios stay as they were; a sector that had no output gets the
    region's average ratios for those items.
    """
    used, warning = clamp(industry, value, 0.0, MAX_SECTOR_OUTPUT, "万元")
    io_year = io_year_as_of(inputs, year)
    panel = inputs.io_panel = inputs.io_panel.copy()
    mask = (panel["region"] == region) & (panel["industry"] == industry) & (panel["year"] == io_year)
    items = [c for c in IO_COLUMNS if c not in ("region", "industry", "year", "gross_output")]
    if not mask.any():
        raise KeyError(f"region {region} has no IO table for {io_year}")
    old = float(panel.loc[mask, "gross_output"].iloc[0])
    if old > 0:
        panel.loc[mask, items] = panel.loc[mask, items] * (used / old)
    else:
        region_rows = panel.loc[(panel["region"] == region) & (panel["year"] == io_year)]
        ratios = region_rows[items].sum() / max(region_rows["gross_output"].sum(), 1.0)
        panel.loc[mask, items] = (ratios * used).to_numpy()
    panel.loc[mask, "gross_output"] = used
    return warning


def add_region(inputs: FeatureInputs, code: int, name_zh: str, name_en: str, macro_region: str,
               outputs: pd.Series, attributes: dict[str, float], year: int) -> list[EditWarning]:
    """Add a bring-your-own region (in place): sector outputs at the IO year in force at
    ``year`` and attributes observed in ``year``.

    ``outputs`` maps H codes to gross output in 万元 (missing sectors count as 0).
    Other IO items are filled with national average ratios for each industry.
    """
    if code in set(inputs.regions["region"]):
        raise ValueError(f"region code {code} already exists")
    io_year = io_year_as_of(inputs, year)
    warnings: list[EditWarning] = []
    values = {}
    for industry in inputs.all_industries:
        used, warning = clamp(industry, float(outputs.get(industry, 0.0)), 0.0, MAX_SECTOR_OUTPUT, "万元")
        values[industry] = used
        if warning:
            warnings.append(warning)
    nation = inputs.io_panel.loc[inputs.io_panel["year"] == io_year].groupby("industry").sum(numeric_only=True)
    items = [c for c in IO_COLUMNS if c not in ("region", "industry", "year", "gross_output")]
    ratios = nation[items].div(nation["gross_output"].where(nation["gross_output"] > 0), axis=0)
    rows = ratios.mul(pd.Series(values), axis=0).reset_index()
    rows["gross_output"] = rows["industry"].map(values)
    rows["region"] = code
    rows["year"] = io_year
    inputs.io_panel = pd.concat([inputs.io_panel, rows[IO_COLUMNS]], ignore_index=True)
    inputs.regions = pd.concat([inputs.regions, pd.DataFrame([{
        "region": code, "name_zh": name_zh, "short_zh": name_zh, "name_en": name_en,
        "macro_region": macro_region, "macro_region_zh": "", "host": macro_region != "East",
        "aliases": ""}])], ignore_index=True)
    geo_row = {"region": code, "coastal": False, "land_border": False}
    inputs.geo = pd.concat([inputs.geo, pd.DataFrame([geo_row])], ignore_index=True)
    for attribute, value in attributes.items():
        warning = set_attribute(inputs, code, attribute, value, year)
        if warning:
            warnings.append(warning)
    return warnings


def apply_edits(inputs: FeatureInputs, region: int, year: int, attributes: dict[str, float] | None = None,
                extra_outputs: dict[str, float] | None = None) -> tuple[FeatureInputs, list[EditWarning]]:
    """Return an edited copy of ``inputs`` and the clamping warnings.

    Parameters
    ----------
    attributes : dict
        New values of editable attributes, observed in ``year``.
    extra_outputs : dict
        Industry → additional gross output in 万元 (negative to remove), applied at
        the IO year in force at ``year``; the result is clamped at zero.
    """
    edited = inputs.fork()
    warnings: list[EditWarning] = []
    for attribute, value in (attributes or {}).items():
        warning = set_attribute(edited, region, attribute, value, year)
        if warning:
            warnings.append(warning)
    io_year = io_year_as_of(edited, year)
    panel = edited.io_panel
    for industry, extra in (extra_outputs or {}).items():
        if not extra:
            continue
        mask = (panel["region"] == region) & (panel["industry"] == industry) & (panel["year"] == io_year)
        current = float(panel.loc[mask, "gross_output"].sum())
        warning = set_sector_output(edited, region, industry, current + float(extra), year)
        if warning:
            warnings.append(warning)
    return edited, warnings
