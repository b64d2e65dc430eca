"""What-if scenarios and bring-your-own regions as edited copies of the input arrays.

Edits are copy-on-write (:class:`~features.arrays.InputArrays` ``with_*`` methods): an
edited copy shares every untouched array with the shipped one and carries its own
content key, so boards of the same scenario are computed once.

Every edit goes through plausibility ranges; out-of-range values are clamped and
reported, never applied silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from features.arrays import InputArrays


@dataclass(frozen=True)
class AttributeRange:
    """Plausible range of an editable province attribute, with zh/en unit and label."""

    low: float
    high: float
    unit_zh: str
    unit_en: str
    label_zh: str
    label_en: str

    def unit(self, lang: str = "zh") -> str:
        """The unit in ``lang`` ("zh" or "en")."""
        return self.unit_zh if lang == "zh" else self.unit_en

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` ("zh" or "en")."""
        return self.label_zh if lang == "zh" else self.label_en

    def titled(self, lang: str = "zh") -> str:
        """Label with its unit: "地区生产总值（亿元）", "GDP (100 million yuan)"."""
        return f"{self.label_zh}（{self.unit_zh}）" if lang == "zh" else f"{self.label_en} ({self.unit_en})"


#: Attributes users may edit, with plausible ranges for a province-level region.
EDITABLE_ATTRIBUTES: dict[str, AttributeRange] = {
    "population": AttributeRange(10, 20000, "万人", "10^4 persons", "常住人口", "Population"),
    "gdp": AttributeRange(10, 250000, "亿元", "100 million yuan", "地区生产总值", "GDP"),
    "secondary_share": AttributeRange(5, 70, "%", "%", "第二产业比重", "Secondary-sector share"),
    "retail_sales": AttributeRange(1, 100000, "亿元", "100 million yuan", "社会消费品零售总额", "Retail sales"),
    "rd_intensity": AttributeRange(0, 10, "%", "%", "研发强度", "R&D intensity"),
    "rd_personnel": AttributeRange(0, 2_000_000, "人年", "FTE person-years", "研发人员全时当量", "R&D personnel"),
    "patents_granted": AttributeRange(0, 2_000_000, "件", "count", "专利授权量", "Patents granted"),
    "generation_thermal": AttributeRange(0, 8000, "亿千瓦时", "10^8 kWh", "火电发电量", "Thermal generation"),
    "generation_hydro": AttributeRange(0, 6000, "亿千瓦时", "10^8 kWh", "水电发电量", "Hydro generation"),
    "generation_wind": AttributeRange(0, 3000, "亿千瓦时", "10^8 kWh", "风电发电量", "Wind generation"),
    "generation_solar": AttributeRange(0, 3000, "亿千瓦时", "10^8 kWh", "光伏发电量", "Solar generation"),
    "generation_nuclear": AttributeRange(0, 3000, "亿千瓦时", "10^8 kWh", "核电发电量", "Nuclear generation"),
}

#: Generation types that count as clean power (hydro, wind, solar, nuclear).
CLEAN_GENERATION = ("generation_hydro", "generation_wind", "generation_solar", "generation_nuclear")
GENERATION = ("generation_thermal", *CLEAN_GENERATION)

#: Upper bound for one region's output in one sector (万元); China's total gross output
#: of all sectors was about 2.2 × 10^10 万元 in 2017.
MAX_SECTOR_OUTPUT = 1e10
#: Range of the clean-power share control.
CLEAN_SHARE_RANGE = AttributeRange(0.0, 100.0, "%", "%", "清洁电力占比", "Clean-power share")
#: Plausible range of one sector's gross output in one region.
SECTOR_OUTPUT = AttributeRange(0.0, MAX_SECTOR_OUTPUT, "万元", "10^4 yuan", "", "")  # labelled by the H code


@dataclass(frozen=True)
class EditWarning:
    """A value that was clamped to its plausible range."""

    field: str
    given: float
    used: float
    low: float
    high: float
    unit_zh: str
    unit_en: str
    label_zh: str = ""
    label_en: str = ""

    def message(self, lang: str = "zh") -> str:
        """Human-readable note in ``lang``."""
        if lang == "zh":
            name = self.label_zh or self.field  # the label, not the internal id (地区生产总值, not gdp)
            return (f"{name} = {readable_number(self.given)} 超出合理范围 [{readable_number(self.low)}, {readable_number(self.high)}] "
                    f"{self.unit_zh}，已按 {readable_number(self.used)} 计算")
        name = self.label_en or self.field
        return (f"{name} = {readable_number(self.given)} is outside the plausible range [{readable_number(self.low)}, "
                f"{readable_number(self.high)}] {self.unit_en}; {readable_number(self.used)} was used")


def readable_number(value: float) -> str:
    """A number as people write it: thousands grouped (9,000,000), small values to 4 significant digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def clamp(field: str, value: float, spec: AttributeRange) -> tuple[float, EditWarning | None]:
    """Clamp ``value`` into the range of ``spec``; NaN/inf become the nearest bound with a warning."""
    number = float(value)
    if np.isnan(number):
        used = spec.low
    else:
        used = float(min(max(number, spec.low), spec.high))
    if used == number:
        return used, None
    return used, EditWarning(field, number, used, spec.low, spec.high, spec.unit_zh, spec.unit_en, spec.label_zh,
                             spec.label_en)


def attribute_value(arrays: InputArrays, region: int, attribute: str, year: int) -> float:
    """Current value (latest ≤ ``year``) of an attribute for a region, NaN if none."""
    return float(arrays.attr(attribute, year)[arrays.position[int(region)]])


def clean_share(mix: dict[str, float]) -> float:
    """Percent of a generation mix (10^8 kWh by type) from clean types; NaN if it is empty."""
    total = sum(mix.get(name, 0.0) for name in GENERATION)
    return 100.0 * sum(mix.get(name, 0.0) for name in CLEAN_GENERATION) / total if total > 0 else float("nan")


def generation_mix(arrays: InputArrays, region: int, year: int) -> dict[str, float]:
    """The region's generation by type (10^8 kWh, latest ≤ ``year``; unpublished types are 0)."""
    return {name: float(np.nan_to_num(attribute_value(arrays, region, name, year))) for name in GENERATION}


def mix_for_clean_share(mix: dict[str, float], share: float, national: dict[str, float] | None = None
                        ) -> tuple[dict[str, float], EditWarning | None]:
    """A generation mix with the same total whose clean share is ``share`` percent.

    Clean types are scaled together, keeping their proportions; a mix without any
    clean power takes the proportions of ``national`` (hydro only when that is
    missing). The share is clamped to 0–100 %.

    Raises
    ------
    ValueError
        If the mix has no generation at all (there is nothing to re-divide).
    """
    used, warning = clamp("clean_power_share", share, CLEAN_SHARE_RANGE)
    total = sum(mix.get(name, 0.0) for name in GENERATION)
    if not total > 0:
        raise ValueError("the region has no generation to re-divide; edit the generation types directly")
    clean = {name: mix.get(name, 0.0) for name in CLEAN_GENERATION}
    if sum(clean.values()) <= 0:
        clean = {name: (national or {}).get(name, 0.0) for name in CLEAN_GENERATION}
        if sum(clean.values()) <= 0:
            clean = {name: float(name == "generation_hydro") for name in CLEAN_GENERATION}
    scale = total * used / 100.0 / sum(clean.values())
    edited = {"generation_thermal": total * (1 - used / 100.0)}
    edited.update({name: value * scale for name, value in clean.items()})
    return edited, warning


def set_attribute(arrays: InputArrays, region: int, attribute: str, value: float,
                  year: int) -> tuple[InputArrays, EditWarning | None]:
    """``arrays`` with ``attribute`` of ``region`` set (clamped to its range) as observed in ``year``."""
    spec = EDITABLE_ATTRIBUTES.get(attribute)
    if spec is None:
        raise KeyError(f"attribute {attribute!r} is not editable; editable: {', '.join(EDITABLE_ATTRIBUTES)}")
    used, warning = clamp(attribute, value, spec)
    return arrays.with_attribute(region, attribute, year, used), warning


def set_sector_output(arrays: InputArrays, region: int, industry: str, value: float,
                      year: int) -> tuple[InputArrays, EditWarning | None]:
    """``arrays`` with the region's gross output of ``industry`` (万元, clamped) at the IO year in
    force at ``year``; the other IO items of the cell scale with it (see
    :meth:`InputArrays.with_output`)."""
    used, warning = clamp(industry, value, SECTOR_OUTPUT)
    io_year = arrays.io_year_as_of(year)
    if io_year is None:
        raise KeyError(f"no IO table at or before {year}")
    return arrays.with_output(region, industry, io_year, used), warning


def add_region(arrays: InputArrays, code: int, name_zh: str, name_en: str, macro_region: str,
               outputs: pd.Series, attributes: dict[str, float], year: int,
               flags: dict[str, bool] | None = None) -> tuple[InputArrays, list[EditWarning]]:
    """``arrays`` with a bring-your-own region: sector outputs (万元, clamped) at the IO year in force at
    ``year``, attributes observed in ``year``, coast/border ``flags``.

    ``outputs`` maps H codes to gross output (missing sectors count as 0); other IO items
    get the national average ratio of each industry.
    """
    warnings: list[EditWarning] = []
    values = {}
    for industry in arrays.industries:
        used, warning = clamp(industry, float(outputs.get(industry, 0.0)), SECTOR_OUTPUT)
        values[industry] = used
        if warning:
            warnings.append(warning)
    io_year = arrays.io_year_as_of(year)
    edited = arrays.with_region(code, name_zh, name_en, macro_region, values, io_year, flags)
    for attribute, value in attributes.items():
        edited, warning = set_attribute(edited, code, attribute, value, year)
        if warning:
            warnings.append(warning)
    return edited, warnings


def apply_edits(arrays: InputArrays, region: int, year: int, attributes: dict[str, float] | None = None,
                extra_outputs: dict[str, float] | None = None) -> tuple[InputArrays, list[EditWarning]]:
    """Return edited arrays and the clamping warnings.

    Parameters
    ----------
    attributes : dict
        New values of editable attributes, observed in ``year``.
    extra_outputs : dict
        Industry → additional gross output in 万元 (negative to remove), applied at
        the IO year in force at ``year``; the result is clamped at zero.
    """
    edited, warnings = arrays, []
    for attribute, value in (attributes or {}).items():
        edited, warning = set_attribute(edited, region, attribute, value, year)
        if warning:
            warnings.append(warning)
    io_year = edited.io_year_as_of(year)
    for industry, extra in (extra_outputs or {}).items():
        if not extra:
            continue
        current = float(np.nan_to_num(edited.output(io_year)[edited.position[int(region)], edited.column[industry]]))
        edited, warning = set_sector_output(edited, region, industry, current + float(extra), year)
        if warning:
            warnings.append(warning)
    return edited, warnings
