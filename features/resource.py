"""资源禀赋 Resource endowment: primary-sector base, power, and the industry's need for them."""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.chain_measures import input_share_from
from features.context import YearContext, ratio

MINING = ["H02", "H03", "H04", "H05"]
RESOURCE_SUPPLIERS = ["H01", *MINING]
ENERGY_SUPPLIERS = ["H02", "H03", "H11", "H22", "H23"]
CLEAN = ["generation_hydro", "generation_wind", "generation_solar", "generation_nuclear"]
THERMAL = "generation_thermal"

MINING_LQ = feature(
    "mining_lq", "resource", label_zh="采矿业专业化系数", label_en="Mining specialisation ratio",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="煤炭、油气、金属矿和非金属矿采选（H02–H05）合计占本地区总产出的比重，除以全国的同一比重；"
               "大于 1 表示本地区采矿业比重高于全国平均。",
    meaning_en="Specialisation ratio of coal, oil & gas, metal and non-metal mining (H02–H05) combined: their share "
               "of the region's gross output over the national share; > 1 = more mining-heavy than the nation",
    source="io_panel (provincial IO tables)")
AGRI_LQ = feature(
    "agri_lq", "resource", label_zh="农业专业化系数", label_en="Agriculture specialisation ratio",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="农林牧渔业（H01）占本地区总产出的比重，除以全国的同一比重；大于 1 表示本地区农业比重高于全国平均。",
    meaning_en="Specialisation ratio of agriculture, forestry, animal husbandry and fishery (H01): its share of the "
               "region's gross output over the national share; > 1 = more agricultural than the nation",
    source="io_panel (provincial IO tables)")
POWER_PC = feature(
    "power_per_capita", "resource", label_zh="人均发电量", label_en="Power generation per capita",
    unit_zh="千瓦时/人", unit_en="kWh per person",
    meaning_zh="本地区发电量除以人口（取 t 年及以前的最新值；人口数据 2010 年起才有）；越高，人均电力越充裕。",
    meaning_en="Electricity generated in the region over its population (latest ≤ t; population is published "
               "from 2010); higher = more power per head",
    source="attr_energy (NBS via CREA), attr_macro (NBS)")
POWER_GDP = feature(
    "power_per_gdp", "resource", label_zh="单位GDP发电量", label_en="Power generation per unit GDP",
    unit_zh="千瓦时/元", unit_en="kWh per yuan",
    meaning_zh="本地区发电量除以地区生产总值（取 t 年及以前的最新值），反映电力相对经济规模的富余程度；越高，电力越富余。",
    meaning_en="Electricity generated in the region over its GDP (latest ≤ t): power abundance relative to the "
               "economy; higher = more power to spare",
    source="attr_energy (NBS via CREA), attr_macro (NBS)")
CLEAN_SHARE = feature(
    "clean_power_share", "resource", label_zh="清洁电力占比", label_en="Clean-power share",
    unit_zh="%", unit_en="%",
    meaning_zh="水电、风电、太阳能发电和核电合计占本地区发电量的百分比（取 t 年及以前的最新值）；越高，电网越清洁。",
    meaning_en="Hydro, wind, solar and nuclear generation over total generation (latest ≤ t); higher = a cleaner "
               "grid",
    source="attr_energy (NBS via CREA)")
RESOURCE_MATCH = feature(
    "resource_match", "resource", label_zh="资源投入匹配", label_en="Resource-input match",
    unit_zh="指数", unit_en="index",
    meaning_zh="对该产业的农林牧渔和采矿业供应产业（H01–H05），以其直接投入系数为权重，对它们在本地区的专业化系数加权求和；"
               "资源消耗大的产业遇上资源富集的地区时数值高。",
    meaning_en="Sum over the industry's primary and mining suppliers (H01–H05) of their direct input coefficient "
               "times their specialisation ratio in the region: high when a resource-hungry industry meets a "
               "resource-rich region",
    source="io_matrix, io_panel (provincial IO tables)")
ENERGY_MATCH = feature(
    "energy_match", "resource", label_zh="能源投入匹配", label_en="Energy-input match",
    unit_zh="指数", unit_en="index",
    meaning_zh="该产业来自煤炭、油气、石油炼焦、电力热力和燃气（H02、H03、H11、H22、H23）的直接投入系数，"
               "乘以本地区单位 GDP 发电量与各地区平均值之比的自然对数；耗能大的产业遇上电力富余的地区时为正，"
               "遇上缺电地区时为负。",
    meaning_en="The industry's direct energy input coefficient (coal, oil & gas, refining, power, gas: H02, H03, "
               "H11, H22, H23) times log(region's power generation per unit GDP over the mean of regions): > 0 "
               "when an energy-hungry industry meets a power-rich region, < 0 in a power-short one",
    source="io_matrix (IO tables), attr_energy, attr_macro")


def _group_lq(output: np.ndarray, columns: list[int]) -> np.ndarray:
    """R × 1 location quotient of a group of sectors."""
    region = ratio(output[:, columns].sum(axis=1, keepdims=True), output.sum(axis=1, keepdims=True))
    nation = np.nansum(output[:, columns]) / np.nansum(output)
    return region / nation


def _generation(ctx: YearContext) -> tuple[np.ndarray, np.ndarray]:
    """(clean, total) generation in 10^8 kWh (R × 1), latest ≤ t per type.

    Types a province does not publish count as zero, but thermal and hydro
    (published everywhere since 1997) must be present.
    """
    thermal, hydro = ctx.attr(THERMAL), ctx.attr("generation_hydro")
    clean = sum(np.nan_to_num(ctx.attr(name), nan=0.0) for name in CLEAN)
    known = ~np.isnan(thermal) & ~np.isnan(hydro)
    return np.where(known, clean, np.nan), np.where(known, thermal + clean, np.nan)


def power_per_capita(ctx: YearContext) -> np.ndarray:
    """kWh per person: generation (10^8 kWh) over population (10^4 persons)."""
    _, total = _generation(ctx)
    return ratio(total * 1e8, ctx.population * 1e4)


def power_per_gdp(ctx: YearContext) -> np.ndarray:
    """kWh per 元 of GDP: generation (10^8 kWh) over GDP (亿元 = 10^8 元)."""
    _, total = _generation(ctx)
    return ratio(total, ctx.attr("gdp"))


def clean_power_share(ctx: YearContext) -> np.ndarray:
    """Percent of generation from hydro, wind, solar and nuclear (R × 1)."""
    clean, total = _generation(ctx)
    return ratio(clean, total) * 100


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Resource-endowment features as of the context's year."""
    ppc, pgdp, clean = power_per_capita(ctx), power_per_gdp(ctx), clean_power_share(ctx)
    out = {POWER_PC: ppc, POWER_GDP: pgdp, CLEAN_SHARE: clean}
    if ctx.now is None:
        return {MINING_LQ: ctx.nan("r"), AGRI_LQ: ctx.nan("r"), **out, RESOURCE_MATCH: ctx.nan(),
                ENERGY_MATCH: ctx.nan()}
    output, national = ctx.now, ctx.national
    coefficients = ratio(ctx.flows, national)
    suppliers = ctx.columns(RESOURCE_SUPPLIERS)
    lq = np.nan_to_num(ctx.rca[:, suppliers], nan=0.0)
    energy_coef = input_share_from(ctx.flows, national[0], ctx.columns(ENERGY_SUPPLIERS))
    with np.errstate(divide="ignore", invalid="ignore"):
        power_index = np.log(ratio(pgdp, np.nanmean(pgdp)))
    return {MINING_LQ: _group_lq(output, ctx.columns(MINING)), AGRI_LQ: _group_lq(output, ctx.columns(["H01"])),
            **out, RESOURCE_MATCH: ctx.present(lq @ coefficients[suppliers]),
            ENERGY_MATCH: ctx.present(power_index * energy_coef[None, :])}
