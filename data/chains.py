"""Chains officials name (动力及储能电池, 光伏, 集成电路 …): catalogue, validation and computed profiles.

The catalogue ``data/chain_catalogue/chains.csv`` is hand-compiled (see its README): per chain the
IO groups with weights, categorical requirements (power need, key raw materials, water need,
market access), upstream/downstream chains, the national product series that mark its demand
wave, its everyday words and the public documents the categories rest on. It encodes
classification and planning knowledge, not statistics, so it is a reviewed file beside the
code (like :mod:`data.aliases`), not a curated table built by the ETL.

Every *number* of a chain's requirement profile is computed here from the curated tables —
never typed in: electricity, water, labour and value added per unit of output from the summed
provincial IO tables, CO2 per unit of output from CEADs — each with its unit and source
(:func:`chain_profile`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from data.loader import load_table
from data.names import normalize

CATALOGUE_PATH = Path(__file__).with_name("chain_catalogue") / "chains.csv"
CANDIDATES = tuple(f"H{i:02d}" for i in range(6, 22))
LEVELS = ("low", "medium", "high")
MARKET_ACCESS = ("none", "market", "port")
COLUMNS = ["chain", "name_zh", "name_en", "groups", "power_need", "raw_materials", "water_need", "market_access",
           "upstream", "downstream", "markers", "marker_proxy", "words_zh", "words_en", "source"]
#: The IO year of the computed profile numbers (the latest provincial IO tables).
PROFILE_IO_YEAR = 2017


@dataclass(frozen=True)
class RawMaterial:
    """A key raw material and the sector whose regional location quotient evidences it."""

    name_zh: str
    name_en: str
    sector: str
    basis: str  # GB/T 4754-2017 class(es) of its extraction


#: Raw material → the mining/agriculture sector that extracts it (GB/T 4754-2017, NBS).
RAW_MATERIALS: dict[str, RawMaterial] = {
    "lithium": RawMaterial("锂矿", "lithium ore", "H04", "0939 其他稀有金属矿采选"),
    "rare_earth": RawMaterial("稀土", "rare earths", "H04", "0932 稀土金属矿采选"),
    "bauxite": RawMaterial("铝土矿", "bauxite", "H04", "0916 铝矿采选"),
    "copper": RawMaterial("铜矿", "copper ore", "H04", "0911 铜矿采选"),
    "iron_ore": RawMaterial("铁矿石", "iron ore", "H04", "0810 铁矿采选"),
    "phosphate": RawMaterial("磷矿", "phosphate rock", "H05", "1020 化学矿开采"),
    "graphite": RawMaterial("石墨", "graphite", "H05", "1092 石墨、滑石采选"),
    "silicon_quartz": RawMaterial("硅石/石英", "silica & quartz", "H05", "1019 粘土及其他土砂石开采"),
    "limestone": RawMaterial("石灰石", "limestone", "H05", "1011 石灰石、石膏开采"),
    "coal": RawMaterial("煤炭", "coal", "H02", "0610 烟煤和无烟煤开采洗选"),
    "crude_oil": RawMaterial("原油", "crude oil", "H03", "0711 陆地石油开采"),
    "cotton": RawMaterial("棉花", "cotton", "H01", "0131 棉花种植"),
    "wood": RawMaterial("木材", "timber", "H01", "02 林业"),
    "agri_produce": RawMaterial("农产品", "farm produce", "H01", "01 农业"),
}

PROFILE_SOURCE_IO = (f"io_panel + io_matrix: provincial IO tables {PROFILE_IO_YEAR} summed over the 31 provinces "
                     "(NBS / provincial statistics bureaus), chain = weighted mean of its IO groups")
PROFILE_SOURCE_CO2 = (f"co2_sectors (CEADs; Shan et al. 2018, 2020) {PROFILE_IO_YEAR} / io_panel gross output "
                      f"{PROFILE_IO_YEAR}, chain = weighted mean of its IO groups")
#: Computed profile measures: name → (zh label, en label, unit, source).
PROFILE_MEASURES: dict[str, tuple[str, str, str, str]] = {
    "electricity_input": ("单位产出电力投入", "Electricity input per unit output", "元/元 (yuan per yuan of output)",
                          PROFILE_SOURCE_IO),
    "water_input": ("单位产出供水投入", "Water-supply input per unit output", "元/元 (yuan per yuan of output)",
                    PROFILE_SOURCE_IO),
    "labour_share": ("单位产出劳动报酬", "Labour compensation per unit output", "元/元 (yuan per yuan of output)",
                     PROFILE_SOURCE_IO),
    "value_added_rate": ("增加值率", "Value added per unit output", "元/元 (yuan per yuan of output)",
                         PROFILE_SOURCE_IO),
    "co2_intensity": ("单位产出二氧化碳排放", "CO2 per unit output", "t CO2 / 万元", PROFILE_SOURCE_CO2),
}


#: Words that name a family of chains (新能源 = PV, wind, batteries and NEVs …): used to read declared
#: priorities and to answer a user who types them. Compiled from the chains' GB/T 4754-2017 classes.
FAMILIES: dict[str, tuple[str, ...]] = {
    "新能源": ("pv", "wind", "battery", "battery_materials", "nev"),
    "new energy": ("pv", "wind", "battery", "battery_materials", "nev"),
    "新一代信息技术": ("ic", "display", "terminals"),
    "信创": ("ic", "terminals"),
    "新材料": ("battery_materials", "fine_chemicals", "nonferrous"),
    "先进材料": ("battery_materials", "fine_chemicals", "nonferrous"),
    "new materials": ("battery_materials", "fine_chemicals", "nonferrous"),
    "盐湖": ("battery_materials", "fine_chemicals"),
    "石墨": ("battery_materials",),
    "消费品": ("food", "liquor", "apparel", "furniture", "appliances"),
    "轻纺": ("textiles", "apparel"),
    "轻工": ("furniture", "paper", "appliances", "food"),
    "节能环保": ("recycling", "machinery"),
    "环保": ("recycling", "machinery"),
}


class ChainCatalogueError(ValueError):
    """The chain catalogue is malformed (the message names the row and field)."""


@dataclass(frozen=True)
class Chain:
    """One catalogue row, parsed."""

    chain: str
    name_zh: str
    name_en: str
    groups: dict[str, float]
    power_need: str
    raw_materials: tuple[str, ...]
    water_need: str
    market_access: str
    upstream: tuple[str, ...]
    downstream: tuple[str, ...]
    markers: tuple[str, ...]
    marker_proxy: bool
    words: tuple[str, ...]
    source: str


def _split(value: object) -> tuple[str, ...]:
    text = "" if pd.isna(value) else str(value).strip()
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _groups(text: str, chain: str) -> dict[str, float]:
    groups: dict[str, float] = {}
    for part in _split(text):
        code, _, weight = part.partition(":")
        try:
            groups[code] = float(weight)
        except ValueError:
            raise ChainCatalogueError(f"chain {chain!r}: group weight {part!r} is not CODE:NUMBER") from None
    return groups


def _check(row: Chain, known: set[str]) -> None:
    where = f"chain {row.chain!r}"
    if not row.groups or any(code not in CANDIDATES for code in row.groups):
        raise ChainCatalogueError(f"{where}: groups must be among H06–H21, got {sorted(row.groups)}")
    if any(w <= 0 for w in row.groups.values()) or not np.isclose(sum(row.groups.values()), 1.0):
        raise ChainCatalogueError(f"{where}: group weights must be positive and sum to 1, got {row.groups}")
    for field, allowed in (("power_need", LEVELS), ("water_need", LEVELS), ("market_access", MARKET_ACCESS)):
        if getattr(row, field) not in allowed:
            raise ChainCatalogueError(f"{where}: {field} must be one of {allowed}, got {getattr(row, field)!r}")
    unknown = [m for m in row.raw_materials if m not in RAW_MATERIALS]
    if unknown:
        raise ChainCatalogueError(f"{where}: unknown raw materials {unknown} (allowed: {sorted(RAW_MATERIALS)})")
    links = [c for c in row.upstream + row.downstream if c not in known or c == row.chain]
    if links:
        raise ChainCatalogueError(f"{where}: upstream/downstream names unknown or itself: {links}")
    if not row.words or not row.source or "GB/T 4754" not in row.source:
        raise ChainCatalogueError(f"{where}: needs everyday words and a source citing GB/T 4754-2017")


def parse_catalogue(frame: pd.DataFrame) -> tuple[Chain, ...]:
    """Validate a catalogue frame and parse its rows.

    Raises
    ------
    ChainCatalogueError
        Missing columns, repeated ids or words, or an invalid field (named in the message).
    """
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ChainCatalogueError(f"chain catalogue lacks columns {missing}")
    if frame["chain"].duplicated().any():
        raise ChainCatalogueError(f"repeated chain ids: {sorted(frame.loc[frame['chain'].duplicated(), 'chain'])}")
    rows = tuple(Chain(
        chain=str(r["chain"]), name_zh=str(r["name_zh"]), name_en=str(r["name_en"]),
        groups=_groups(r["groups"], str(r["chain"])), power_need=str(r["power_need"]),
        raw_materials=_split(r["raw_materials"]), water_need=str(r["water_need"]),
        market_access=str(r["market_access"]), upstream=_split(r["upstream"]), downstream=_split(r["downstream"]),
        markers=_split(r["markers"]), marker_proxy=str(r["marker_proxy"]).strip().lower() == "true",
        words=_split(r["words_zh"]) + _split(r["words_en"]), source=str(r["source"]))
        for r in frame.to_dict("records"))
    known = {row.chain for row in rows}
    for row in rows:
        _check(row, known)
    owners: dict[str, str] = {}
    for row in rows:
        for word in row.words:
            key = normalize(word)
            if owners.setdefault(key, row.chain) != row.chain:
                raise ChainCatalogueError(f"word {word!r} names both {owners[key]!r} and {row.chain!r}")
    return rows


@lru_cache(maxsize=1)
def chains() -> tuple[Chain, ...]:
    """The validated chain catalogue, in file order."""
    return parse_catalogue(pd.read_csv(CATALOGUE_PATH, dtype=str, keep_default_na=False))


@lru_cache(maxsize=1)
def chain_by_word() -> dict[str, str]:
    """Normalised everyday word, id or name (zh/en) → chain id."""
    out: dict[str, str] = {}
    for row in chains():
        for word in (row.chain, row.name_zh, row.name_en, *row.words):
            out[normalize(word)] = row.chain
    return out


def resolve_chain(text: str) -> str | None:
    """The chain an everyday word names (锂电 → battery, 光伏 → pv), else None."""
    return chain_by_word().get(normalize(text))


def resolve_chains(text: str) -> tuple[str, ...]:
    """Every chain a word names: one for a chain word, several for a family word (新能源), else ()."""
    one = resolve_chain(text)
    if one is not None:
        return (one,)
    return {normalize(k): v for k, v in FAMILIES.items()}.get(normalize(text), ())


def group_weights() -> pd.DataFrame:
    """Chain × group (H06–H21) weight matrix (rows sum to 1)."""
    rows = chains()
    matrix = pd.DataFrame(0.0, index=pd.Index([r.chain for r in rows], name="chain"),
                          columns=pd.Index(CANDIDATES, name="industry"))
    for row in rows:
        for code, weight in row.groups.items():
            matrix.loc[row.chain, code] = weight
    return matrix


def _group_measures(year: int) -> pd.DataFrame:
    """Group → electricity, water, labour, value-added and CO2 per unit of output in ``year``."""
    panel = load_table("io_panel")
    panel = panel.loc[panel["year"] == year].groupby("industry")[
        ["gross_output", "labour_compensation", "value_added"]].sum()
    flows = load_table("io_matrix")
    flows = flows.loc[flows["year"] == year].groupby(["from_industry", "to_industry"])["value"].sum()
    co2 = load_table("co2_sectors")
    co2 = co2.loc[co2["year"] == year].groupby("industry")["co2"].sum()
    output = panel["gross_output"]
    return pd.DataFrame({
        "electricity_input": flows.xs("H22", level="from_industry").reindex(output.index) / output,
        "water_input": flows.xs("H24", level="from_industry").reindex(output.index) / output,
        "labour_share": panel["labour_compensation"] / output,
        "value_added_rate": panel["value_added"] / output,
        "co2_intensity": co2.reindex(output.index) * 1e6 / output,  # Mt → t, per 万元
    }).reindex(list(CANDIDATES))


@lru_cache(maxsize=1)
def chain_profile() -> pd.DataFrame:
    """Computed requirement numbers of every chain: ``chain, measure, value, unit, source``.

    The value is the group-weighted mean of the measure over the chain's IO groups.
    """
    groups = _group_measures(PROFILE_IO_YEAR)
    weights = group_weights()
    values = weights.to_numpy() @ groups.to_numpy()
    rows = [{"chain": chain, "measure": measure, "value": float(values[i, j]),
             "unit": PROFILE_MEASURES[measure][2], "source": PROFILE_MEASURES[measure][3]}
            for i, chain in enumerate(weights.index) for j, measure in enumerate(groups.columns)]
    return pd.DataFrame(rows)


def profile_wide() -> pd.DataFrame:
    """:func:`chain_profile` as chain × measure."""
    return chain_profile().pivot(index="chain", columns="measure", values="value").reindex(
        [r.chain for r in chains()])
