"""JSON-ready answers about chains (``hostfit chains``, ``recommend --chains``, ``sites --chain``)."""

from __future__ import annotations

import math
from functools import lru_cache

from data.chains import FAMILIES, RAW_MATERIALS, chains, profile_wide, resolve_chains
from data.resolve import UnknownNameError
from models.chains import ALL_MEASURES, STRATEGIES, STRATEGY_NOTE, ChainBoard, ChainReason, strategy_key

AXES_NOTE = {
    "zh": "可行性、吸引力、拥挤度均为 0–100：各组成部分为其在全部“地区 × 产业链”中的百分位（成本类反向），"
          "50 为中位数；拥挤度越高越拥挤。",
    "en": "Fit, attractiveness and crowding are 0–100: each component is its percentile among all region × chain "
          "rows (reversed for costs), 50 = the median; higher crowding = more crowded.",
}


@lru_cache(maxsize=8)
def chain_board(board) -> ChainBoard:
    """The chain view of a board (cached per board object)."""
    return ChainBoard(board)


def resolve_chain_text(text: str) -> tuple[str, str | None]:
    """Chain id of ``text`` and a note when the word names a family (新能源 → its first chain).

    Raises
    ------
    UnknownNameError
        No chain has this word, id or name (the message lists a few chain words).
    """
    found = resolve_chains(text)
    if not found:
        sample = "、".join(row.name_zh for row in chains()[:6])
        raise UnknownNameError(f"unknown chain {text!r}; try {sample} … (hostfit chains lists all) / 未知产业链")
    if len(found) == 1:
        return found[0], None
    names = {row.chain: row for row in chains()}
    listed = "、".join(names[c].name_zh for c in found)
    return found[0], (f"「{text}」泛指多条产业链（{listed}），此处取第一条 / '{text}' names several chains "
                      f"({', '.join(found)}); the first is shown")


def _num(value, digits: int = 2) -> float | None:
    value = float(value)
    return None if math.isnan(value) else round(value, digits)


def _reason(reason: ChainReason) -> dict:
    return {"measure": reason.measure, "value": _num(reason.value, 4), "median": _num(reason.median, 4),
            "points": _num(reason.points), "direction": reason.effective_direction,
            "zh": reason.text("zh"), "en": reason.text("en")}


def chain_list() -> list[dict]:
    """Every chain: id, names, IO groups with weights, requirement categories, words and computed profile."""
    profile = profile_wide()
    out = []
    for row in chains():
        out.append({"chain": row.chain, "name_zh": row.name_zh, "name_en": row.name_en, "groups": row.groups,
                    "power_need": row.power_need, "water_need": row.water_need, "market_access": row.market_access,
                    "raw_materials": [{"id": m, "zh": RAW_MATERIALS[m].name_zh, "en": RAW_MATERIALS[m].name_en}
                                      for m in row.raw_materials],
                    "upstream": list(row.upstream), "downstream": list(row.downstream),
                    "markers": list(row.markers), "marker_proxy": row.marker_proxy, "words": list(row.words),
                    "profile": {m: _num(profile.at[row.chain, m], 5) for m in profile.columns},
                    "source": row.source})
    return out


def chains_answer() -> dict:
    """``hostfit chains --json``: the catalogue, the profile units/sources and the family words."""
    from data.chains import PROFILE_MEASURES

    return {"chains": chain_list(),
            "profile_units": {m: {"zh": v[0], "en": v[1], "unit": v[2], "source": v[3]}
                              for m, v in PROFILE_MEASURES.items()},
            "families": {w: list(c) for w, c in FAMILIES.items()}}


def _row(cb: ChainBoard, row, names: dict) -> dict:
    chain = names[row["chain"]]
    return {"rank": int(row["rank"]), "chain": row["chain"], "name_zh": chain.name_zh, "name_en": chain.name_en,
            "groups": chain.groups, "fit": _num(row["fit"], 1), "attract": _num(row["attract"], 1),
            "crowd": _num(row["crowd"], 1), "crowd_level": row["crowd_level"], "score": _num(row["score"], 1),
            "chain_rca": _num(row["chain_rca"]), "declared_own": bool(row["declared_own"]),
            "rivals": [int(r) for r in row.get("rivals", [])][:5],
            "components": _components(cb, row), "reasons": [_reason(r) for r in row["reasons"]]}


def _components(cb: ChainBoard, row) -> dict:
    """Every applicable component of a row: axis, raw value, unit and the points it adds to the score."""
    out = {}
    for name, spec in ALL_MEASURES.items():
        value = float(cb.measures.at[row.name, name])
        if not math.isnan(value):
            out[name] = {"axis": spec.axis, "value": _num(value, 4), "unit": spec.unit_en,
                         "points": _num(row[f"pts_{name}"])}
    return out


def chains_recommend_answer(board, region: int, strategy: str | None = None, top: int | None = None) -> dict:
    """``recommend --chains --json``: the region's chains under a strategy, both axes, crowding, reasons."""
    cb = chain_board(board)
    key = strategy_key(strategy)
    frame = cb.recommend(region, key, top)
    names = {row.chain: row for row in chains()}
    regions = board.arrays.regions_table.set_index("region")
    return {"region": int(region), "name_zh": str(regions.at[region, "name_zh"]),
            "name_en": str(regions.at[region, "name_en"]), "as_of": board.as_of,
            "strategy": {"id": key, "zh": STRATEGIES[key].label_zh, "en": STRATEGIES[key].label_en,
                         "weights": {"fit": STRATEGIES[key].fit, "attract": STRATEGIES[key].attract,
                                     "low_crowding": STRATEGIES[key].crowd}},
            "note": {"zh": AXES_NOTE["zh"] + STRATEGY_NOTE["zh"], "en": AXES_NOTE["en"] + " " + STRATEGY_NOTE["en"]},
            "chains": [_row(cb, row, names) for _, row in frame.iterrows()]}


def chain_sites_answer(board, chain: str, strategy: str | None = None, top: int | None = None) -> dict:
    """``sites --chain --json``: host regions ranked by their fit for the chain."""
    cb = chain_board(board)
    frame = cb.sites(chain, strategy, top=top)
    row = {r.chain: r for r in chains()}[chain]
    regions = board.arrays.regions_table.set_index("region")
    return {"chain": chain, "name_zh": row.name_zh, "name_en": row.name_en, "groups": row.groups,
            "as_of": board.as_of, "rule": {"zh": "按可行性排序", "en": "ranked by fit"},
            "regions": [{"rank": int(r["site_rank"]), "region": int(r["region"]),
                         "name_zh": str(regions.at[r["region"], "name_zh"]),
                         "name_en": str(regions.at[r["region"], "name_en"]),
                         "fit": _num(r["fit"], 1), "attract": _num(r["attract"], 1), "crowd": _num(r["crowd"], 1),
                         "crowd_level": r["crowd_level"], "reasons": [_reason(x) for x in cb.reasons(r)]}
                        for _, r in frame.iterrows()]}


def names_chain(text: str) -> str | None:
    """The chain an industry word names when it is a chain word (光伏 → pv), else None."""
    found = resolve_chains(text)
    return found[0] if len(found) == 1 else None
