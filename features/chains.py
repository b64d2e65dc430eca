"""Region × chain measures as of year t (data of years ≤ t only): the inputs of the two axes.

A chain (:mod:`data.chains`) is a weighted set of IO groups plus a requirement profile.
:func:`chain_measures` turns the group-level feature panel and the chain catalogue into one
row per region × chain with raw measures, each in :data:`MEASURES` with its axis
(可行性 ``fit``, 吸引力 ``attract`` or ``crowd``), expected direction (+1: higher is better for
the region / more crowded; −1: higher is worse, e.g. a cost), unit and meaning in zh/en.
The model layer (:mod:`models.chains`) turns them into 0–100 components and axes.

Measures that need the model (its group scores, top-K overlap) are added there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from data.chains import FAMILIES, RAW_MATERIALS, chains, group_weights
from data.loader import load_table
from data.names import normalize
from features.arrays import InputArrays
from features.build import FeaturePanel, feature_panel
from features.context import ratio
from features.wave import WINDOW

#: Year each declared-priority list became public (a list is used only for as-of years ≥ it).
PLAN_YEAR = {"MIIT_2018_catalogue_receive": 2018, "14th_FYP": 2021, "14th_FYP_sectoral": 2021,
             "14th_FYP_period_policy": 2021, "national_cluster": 2022, "15th_FYP_proposal": 2025,
             "15th_FYP_outline_draft": 2025}
#: The development-zone catalogue (国家发展改革委等《中国开发区审核公告目录》) edition of the zone phrases.
ZONE_CATALOGUE_YEAR = 2018
MIN_WORD = 2  # shortest everyday word matched inside a declared phrase


@dataclass(frozen=True)
class Measure:
    """One region × chain measure: its axis, expected direction, unit and meaning."""

    name: str
    axis: str  # fit | attract | crowd
    direction: int  # +1 higher raises the axis, −1 higher lowers it
    label_zh: str
    label_en: str
    unit_zh: str
    unit_en: str
    source: str
    within_chain: bool = False  # compared among the regions for the same chain, not among all rows


def _m(name, axis, direction, label_zh, label_en, unit_zh, unit_en, source) -> Measure:
    return Measure(name, axis, direction, label_zh, label_en, unit_zh, unit_en, source)


IO = "io_panel (provincial IO tables)"
MEASURES: dict[str, Measure] = {m.name: m for m in (
    _m("chain_rca", "fit", +1, "现有专业化（专业化系数）", "Existing specialisation ratio", "比值", "ratio", IO),
    _m("group_density", "fit", +1, "关联密度", "Relatedness density", "（0–1）", "(0–1)", IO),
    _m("chain_completeness", "fit", +1, "链条完整度", "Chain completeness", "%", "%",
       IO + "; chain links compiled in data/chain_catalogue"),
    _m("power_match", "fit", +1, "电力条件（清洁电占比）", "Power supply (clean-power share)", "%", "%",
       "attr_energy (NBS via CREA)"),
    _m("power_per_capita", "fit", +1, "人均发电量", "Power generation per capita", "千瓦时/人", "kWh per person",
       "attr_energy, attr_macro (NBS)"),
    _m("raw_material_lq", "fit", +1, "关键原料产地（专业化系数）", "Key raw-material base (specialisation ratio)",
       "比值", "ratio", IO + "; raw materials compiled in data/chain_catalogue (GB/T 4754-2017)"),
    _m("labour_cost", "fit", -1, "单位产出劳动成本（相对全国）", "Unit labour cost vs nation", "比值", "ratio", IO),
    _m("market_size", "fit", +1, "市场规模（GDP）", "Market size (GDP)", "亿元", "10⁸ yuan",
       "attr_macro (NBS)"),
    _m("port_access", "fit", +1, "沿海港口", "Sea-port access", "0/1", "0/1", "geo_regions"),
    _m("national_wave", "attract", +1, "全国需求增速", "National demand wave", "每年 %", "% per year",
       "national_products (NBS monthly output)"),
    _m("east_shed", "attract", +1, "东部迁出产能", "Capacity shed by the east", "万元（对数）", "log 10⁴ yuan", IO),
    _m("value_added_rate", "attract", +1, "增加值率", "Value added per unit output", "%", "%", IO),
    _m("green_fit", "attract", +1, "绿色匹配", "Green fit", "指数 0–100", "index 0–100",
       "co2_sectors (CEADs), io_panel, attr_energy"),
    _m("declared_share", "crowd", +1, "其他省份宣布重点发展", "Other provinces declaring it", "%", "%",
       "policy_priorities (provincial plans, each row with its URL)"),
    _m("zone_share", "crowd", +1, "开发区主导产业提及", "Development zones listing it", "%", "%",
       "city_zones (中国开发区审核公告目录 2018, NDRC et al.)"),
    _m("supply_excess", "crowd", +1, "产量增速超出经济增速", "Output growth above GDP growth",
       "百分点/年（不超出为 0）", "pp per year (0 if not above)", "national_products (NBS), attr_macro (NBS)"),
)}


def _weighted(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """R × C (groups) values → R × K (chains) weighted means, NaN groups dropped and reweighted."""
    have = ~np.isnan(values)
    total = np.where(have, values, 0.0) @ weights.T
    mass = have.astype(float) @ weights.T
    return np.where(mass > 0, total / np.where(mass > 0, mass, 1.0), np.nan)


def _sector_lq(arrays: InputArrays, year: int) -> pd.DataFrame:
    """Region × sector location quotient of gross output at the latest IO year ≤ ``year``."""
    io_year = arrays.io_year_as_of(year)
    if io_year is None:
        return pd.DataFrame(np.nan, index=arrays.regions, columns=arrays.industries)
    out = arrays.output(io_year)
    share = ratio(out, np.nansum(out, axis=1, keepdims=True))
    nation = ratio(np.nansum(out, axis=0), np.nansum(out))
    return pd.DataFrame(ratio(share, nation[None, :]), index=arrays.regions, columns=arrays.industries)


def marker_growth(arrays: InputArrays, year: int) -> dict[str, float]:
    """Chain → mean annualised log growth (%/yr) of its marker products over the :data:`WINDOW` years to ``year``."""
    table = arrays.products
    if table.empty:
        return {}
    now = table.loc[table["year"] == year].set_index("product")["output"]
    then = table.loc[table["year"] == year - WINDOW].set_index("product")["output"]
    growth = (np.log(now / then.reindex(now.index)) / WINDOW * 100).dropna()
    out = {}
    for row in chains():
        values = [growth[m] for m in row.markers if m in growth.index]
        if values:
            out[row.chain] = float(np.mean(values))
    return out


def gdp_growth(arrays: InputArrays, year: int) -> float:
    """Annualised log growth (%/yr) of the provinces' summed nominal GDP over the window to ``year``."""
    now, then = np.nansum(arrays.attr_exact("gdp", year)), np.nansum(arrays.attr_exact("gdp", year - WINDOW))
    return float(np.log(now / then) / WINDOW * 100) if now > 0 and then > 0 else float("nan")


@lru_cache(maxsize=1)
def _word_keys() -> dict[str, tuple[str, ...]]:
    """Chain → its normalised everyday words of at least :data:`MIN_WORD` characters."""
    return {row.chain: tuple(k for k in (normalize(w) for w in row.words) if len(k) >= MIN_WORD)
            for row in chains()}


def phrase_chains(phrase: str) -> list[str]:
    """Chains whose everyday words, or a family word naming them (新能源), occur inside a declared
    phrase (光伏新材料 → pv), in catalogue order."""
    key = normalize(phrase)
    found = {chain for chain, words in _word_keys().items() if any(w in key for w in words)}
    found |= {chain for word, members in FAMILIES.items() if normalize(word) in key for chain in members}
    return [chain for chain in _word_keys() if chain in found]


@lru_cache(maxsize=8)
def declared_chains(year: int) -> pd.DataFrame:
    """Region × chain bool: a provincial plan public by ``year`` names the chain (by its words)."""
    table = load_table("policy_priorities")
    plans = table["plan"].map(PLAN_YEAR)
    table = table.loc[plans.notna() & (plans <= year)]
    ids = [row.chain for row in chains()]
    out = pd.DataFrame(False, index=sorted(load_table("regions")["region"].astype(int)), columns=ids)
    for region, phrase in zip(table["region"].astype(int), table["industry_zh"].astype(str)):
        for chain in phrase_chains(phrase):
            if region in out.index:
                out.loc[region, chain] = True
    return out


@lru_cache(maxsize=8)
def zone_chains(year: int) -> pd.Series:
    """Chain → share (%) of the catalogued development zones listing it (NaN before the catalogue)."""
    ids = [row.chain for row in chains()]
    if year < ZONE_CATALOGUE_YEAR:
        return pd.Series(np.nan, index=ids)
    zones = load_table("city_zones")
    texts = zones["industries_text"].dropna().astype(str)
    counts = pd.Series(0, index=ids, dtype=float)
    for text in texts:
        for chain in set(phrase_chains(text)):
            counts[chain] += 1
    return counts / max(len(zones), 1) * 100


def _completeness(presence: pd.DataFrame) -> pd.DataFrame:
    """Share (%) of each chain's upstream and downstream chains present in the region (chain RCA ≥ 1)."""
    out = pd.DataFrame(np.nan, index=presence.index, columns=presence.columns)
    for row in chains():
        links = list(row.upstream + row.downstream)
        if links:
            out[row.chain] = presence[links].mean(axis=1) * 100
    return out


def _region_level(panel: FeaturePanel, name: str) -> np.ndarray:
    return panel.column(name)[:, 0]


def chain_measures(arrays: InputArrays, year: int, panel: FeaturePanel | None = None) -> pd.DataFrame:
    """Raw measures of every region × chain as of ``year`` (see :data:`MEASURES`).

    Parameters
    ----------
    arrays : InputArrays
        Curated or edited inputs.
    year : int
        As-of year; every measure uses data of years ≤ ``year`` only.
    panel : FeaturePanel, optional
        The group-level feature panel of ``(arrays, year)`` when already built.

    Returns
    -------
    DataFrame
        ``region, chain`` + one column per measure (NaN where it does not apply or is unobserved),
        plus ``chain_rca`` (weighted group RCA) and ``declared_own`` (the region's own plans name it).
    """
    panel = feature_panel(arrays, year) if panel is None else panel
    weights = group_weights().reindex(columns=list(panel.industries)).fillna(0.0)
    w = weights.to_numpy()
    ids = list(weights.index)
    regions = panel.regions.astype(int)
    frames: dict[str, np.ndarray] = {}
    frames["chain_rca"] = _weighted(panel.column("rca"), w)
    frames["group_density"] = _weighted(panel.column("density"), w)
    presence = pd.DataFrame(frames["chain_rca"] >= 1, index=regions, columns=ids).where(
        ~np.isnan(frames["chain_rca"]))
    frames["chain_completeness"] = _completeness(presence.astype(float)).to_numpy()
    lq = _sector_lq(arrays, year)
    catalogue = chains()
    need = {row.chain: row for row in catalogue}
    national_labour = _national_ratio(arrays, year, "labour_compensation") @ w.T
    labour_heavy = national_labour >= np.nanmedian(national_labour)
    clean = _region_level(panel, "clean_power_share")
    ppc = _region_level(panel, "power_per_capita")
    gdp = arrays.attr("gdp", year)  # 亿元 (the percentile is that of any monotone transform)
    coastal = arrays.coastal.astype(float)
    labour_cost = _weighted(panel.column("labour_cost_ratio"), w)
    cols = {name: np.full((len(regions), len(ids)), np.nan) for name in
            ("power_match", "power_per_capita", "raw_material_lq", "labour_cost", "market_size", "port_access")}
    for k, chain in enumerate(ids):
        row = need[chain]
        if row.power_need != "low":
            cols["power_match"][:, k], cols["power_per_capita"][:, k] = clean, ppc
        if row.raw_materials:
            sectors = [RAW_MATERIALS[m].sector for m in row.raw_materials]
            cols["raw_material_lq"][:, k] = lq[sectors].to_numpy().mean(axis=1)
        if labour_heavy[k]:
            cols["labour_cost"][:, k] = labour_cost[:, k]
        if row.market_access == "market":
            cols["market_size"][:, k] = gdp
        elif row.market_access == "port":
            cols["port_access"][:, k] = coastal
    frames.update(cols)
    growth = marker_growth(arrays, year)
    wave = np.array([growth.get(c, np.nan) for c in ids])
    frames["national_wave"] = np.broadcast_to(wave, (len(regions), len(ids)))
    frames["east_shed"] = _weighted(panel.column("east_shed"), w)
    frames["value_added_rate"] = np.broadcast_to(_national_ratio(arrays, year, "value_added") @ w.T * 100,
                                                 (len(regions), len(ids)))
    co2 = _weighted(np.nanmean(panel.column("co2_intensity"), axis=0, keepdims=True), w)[0]
    heavy = pd.Series(co2).rank(pct=True).to_numpy()  # 0–1 among chains
    frames["green_fit"] = 100 * (1 - heavy[None, :] * (1 - np.clip(clean, 0, 100)[:, None] / 100))
    declared = declared_chains(year).reindex(index=regions, columns=ids, fill_value=False).to_numpy()
    others = declared.sum(axis=0)[None, :] - declared
    frames["declared_share"] = np.where(year >= min(PLAN_YEAR.values()),
                                        others / max(len(regions) - 1, 1) * 100, np.nan)
    frames["declared_own"] = declared.astype(float)
    frames["zone_share"] = np.broadcast_to(zone_chains(year).reindex(ids).to_numpy(), (len(regions), len(ids)))
    # output outgrowing the economy signals capacity building ahead of demand; slower output is no excess
    frames["supply_excess"] = np.broadcast_to(np.clip(wave - gdp_growth(arrays, year), 0, None),
                                              (len(regions), len(ids)))
    out = pd.DataFrame({"region": np.repeat(regions, len(ids)), "chain": np.tile(ids, len(regions))})
    for name, values in frames.items():
        out[name] = np.asarray(values, dtype=float).ravel()
    return out


def _national_ratio(arrays: InputArrays, year: int, item: str) -> np.ndarray:
    """Candidate group → national ``item`` per unit of gross output at the latest IO year ≤ ``year``."""
    io_year = arrays.io_year_as_of(year)
    cols = arrays.candidate_columns
    if io_year is None:
        return np.full(len(cols), np.nan)
    return ratio(np.nansum(arrays.output(io_year, item), axis=0), np.nansum(arrays.output(io_year), axis=0))[cols]
