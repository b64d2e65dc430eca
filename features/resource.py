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

MINING_LQ = feature("mining_lq", "resource", "采矿业区位商", "Mining location quotient", "ratio",
                    "Location quotient of coal, oil & gas, metal and non-metal mining (H02–H05) combined",
                    "io_panel (provincial IO tables)")
AGRI_LQ = feature("agri_lq", "resource", "农业区位商", "Agriculture location quotient", "ratio",
                  "Location quotient of agriculture, forestry, animal husbandry and fishery (H01)",
                  "io_panel (provincial IO tables)")
POWER_PC = feature("power_per_capita", "resource", "人均发电量", "Power generation per capita",
                   "kWh per person", "Electricity generated in the region over its population (latest ≤ t; "
                   "population is published from 2010)", "attr_energy (NBS via CREA), attr_macro (NBS)")
POWER_GDP = feature("power_per_gdp", "resource", "单位GDP发电量", "Power generation per unit GDP",
                    "kWh per 元", "Electricity generated in the region over its GDP (latest ≤ t): power "
                    "abundance relative to the economy", "attr_energy (NBS via CREA), attr_macro (NBS)")
CLEAN_SHARE = feature("clean_power_share", "resource", "清洁电力占比", "Clean-power share", "%",
                      "Hydro, wind, solar and nuclear generation over total generation (latest ≤ t)",
                      "attr_energy (NBS via CREA)")
RESOURCE_MATCH = feature("resource_match", "resource", "资源投入匹配", "Resource-input match", "ratio",
                         "Input-coefficient-weighted location quotient of the industry's primary and mining "
                         "suppliers in the region: high when a resource-hungry industry meets a resource-rich "
                         "region", "io_matrix, io_panel (provincial IO tables)")
ENERGY_MATCH = feature("energy_match", "resource", "能源投入匹配", "Energy-input match", "index",
                       "The industry's direct energy input coefficient (coal, oil & gas, refining, power, gas) "
                       "times log(region's power generation per unit GDP over the mean of regions)",
                       "io_matrix (IO tables), attr_energy, attr_macro")


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
