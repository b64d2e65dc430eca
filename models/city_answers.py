"""JSON-ready answers of the city layer: what ``hostfit recommend --city`` and
``hostfit sites --level city`` print.

Plain dicts and lists, no NaN (missing → None), every number with its unit in
``units``, the data vintage and the presence-based note in every answer.
"""

from __future__ import annotations

import math

import pandas as pd

from models.answers import SCORE_NOTE
from models.board import Board
from models.city import CITY_NOTE, SLOPE, CityBoard, city_board
from models.city_crowding import HIGH_FROM, LOW_BELOW, N_SIMILAR, NEIGHBOUR_KM, nationwide_sentence, peer_sentence
from models.city_evidence import (COMPONENTS, DISTANCE_WEIGHT, GROWTH_SPAN, K_DISTANCE, K_FIRMS, K_POPULATION,
                                  K_RECENT, K_STEEL, K_ZONES, UNITS, weights)

ANSWER_UNITS = {
    **UNITS, "score": "0–100 city score (presence-based estimate)", "province_score": "0–100 province fit score",
    "population_growth_pct": "% change 2010→2020", "peer_share_pct": "% of declaring zones in peer cities",
    "national_share_pct": "% of declaring zones nationwide", "chance_pct": "% expected at random",
    "ratio": "peer share / chance", "zones_nationwide": "zones", "own_zones": "zones", "peer_zones": "zones",
    "peer_declaring": "zones", "peer_cities": "cities",
}


def _number(value, digits: int = 4) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, digits)


def method(cboard: CityBoard) -> dict:
    """The formula, weights, constants and crowding thresholds behind the answer."""
    with_origin = cboard.origin is not None
    return {
        "formula": "score = 100·σ(logit(province_score/100) + slope·(evidence − reference))",
        "slope": SLOPE, "reference": _number(cboard.reference),
        "reference_meaning": "mean evidence index over all 337 cities × 16 candidates (same weights)",
        "weights": {k: round(v, 4) for k, v in weights(with_origin).items() if v},
        "half_saturation": {"zones_weighted": K_ZONES, "listed_firms": K_FIRMS, "listed_recent": K_RECENT,
                            "steel_capacity_kt": K_STEEL, "population_2020": K_POPULATION,
                            "distance_km": K_DISTANCE},
        "growth_span": GROWTH_SPAN, "distance_weight_with_origin": DISTANCE_WEIGHT,
        "crowding": {"neighbour_km": NEIGHBOUR_KM, "n_similar": N_SIMILAR,
                     "similarity": "cosine of the cities' weighted zone-declaration vectors over H06–H21",
                     "levels": f"ratio to chance: low < {LOW_BELOW:g} ≤ medium < {HIGH_FROM:g} ≤ high"},
    }


def _names(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.set_index(key)


def _crowding(row: dict, name_zh: str, name_en: str) -> dict:
    ratio = _number(row["ratio"], 3)
    return {"level": row["crowding_level"], "ratio": ratio, "own_zones": int(row["own_zones"]),
            "peer_cities": int(row["peer_cities"]), "peer_zones": int(row["peer_zones"]),
            "peer_declaring": int(row["peer_declaring"]), "peer_share_pct": _number(row["peer_share"], 2),
            "national_share_pct": _number(row["national_share"], 2), "chance_pct": _number(row["chance"], 2),
            "alternatives": list(row["alternatives"]),
            "sentence": peer_sentence({**row, "ratio": ratio}, name_zh, name_en)}


def _item(row: dict, industries: pd.DataFrame, nationwide: pd.Series, with_origin: bool) -> dict:
    names = industries.loc[row["industry"]]
    count = int(nationwide.get(row["industry"], 0))
    item = {
        "industry": row["industry"], "industry_zh": names["name_zh"], "industry_en": names["name_en"],
        "score": _number(row["score"], 2), "province_score": _number(row["province_score"], 2),
        "province_rank": int(row["province_rank"]), "evidence": _number(row["evidence"]),
        "components": {k: _number(row[f"c_{k}"]) for k in COMPONENTS if with_origin or k != "distance"},
        "zones_declaring": int(row["zones_declaring"]), "zones_weighted": _number(row["zones_weighted"], 3),
        "listed_firms": int(row["listed_firms"]), "listed_recent": int(row["listed_recent"]),
        "steel_capacity": _number(row["steel_capacity"], 1) if row["industry"] == "H14" else None,
        "crowding": _crowding(row, names["name_zh"], names["name_en"]),
        "zones_nationwide": count,
        "nationwide_sentence": nationwide_sentence(count, names["name_zh"], names["name_en"]),
    }
    if with_origin:
        item["distance_km"] = _number(row["distance_km"], 0)
    return item


def _city_facts(cboard: CityBoard, city: int) -> dict:
    rec = cboard.data.cities.set_index("city").loc[int(city)]
    before, after = rec["population_2010"], rec["population_2020"]
    growth = None if pd.isna(before) else round(float(after / before - 1) * 100, 2)
    zones = cboard.data.zones
    located = zones.loc[zones["city"] == int(city)]
    return {"population_2010": None if pd.isna(before) else int(before), "population_2020": int(after),
            "population_growth_pct": growth, "zones": int(len(located)),
            "zones_declaring_manufacturing": int(located["industries"].notna().sum())}


def _province_names(board: Board, province: int) -> dict:
    rec = board.arrays.regions_table.set_index("region").loc[int(province)]
    return {"province": int(province), "province_zh": rec["name_zh"], "province_en": rec["name_en"]}


def _with_province_rank(table: pd.DataFrame) -> pd.DataFrame:
    order = table.sort_values(["city", "province_score", "industry"], ascending=[True, False, True], kind="stable")
    table = table.copy()
    table["province_rank"] = (order.groupby("city").cumcount() + 1).reindex(table.index).astype(int)
    return table


def city_recommend_answer(board: Board, city: int, top: int | None = None) -> dict:
    """Ranked candidates of prefecture city ``city`` (adcode) on ``board``.

    Returns
    -------
    dict
        ``city, name_zh, short_zh, name_en, province, province_zh, province_en, as_of, level,
        vintage, note, score_note, method, units, facts`` and ``industries``: per candidate
        ``rank, industry, industry_zh, industry_en, score, province_score, province_rank,
        evidence, components, zones_declaring, zones_weighted, listed_firms, listed_recent,
        steel_capacity, crowding{level, ratio, …, alternatives, sentence}, zones_nationwide,
        nationwide_sentence``.
    """
    cboard = city_board(board)
    rows = _with_province_rank(cboard.table.loc[cboard.table["city"] == int(city)])
    rows = rows.sort_values("rank")
    rows = rows.head(top) if top is not None else rows
    rec = cboard.data.cities.set_index("city").loc[int(city)]
    industries = _names(board.arrays.industries_table, "industry")
    return {
        "city": int(city), "name_zh": rec["name_zh"], "short_zh": rec["short_zh"], "name_en": rec["name_en"],
        **_province_names(board, rec["province"]), "as_of": board.as_of, "level": "city",
        "vintage": cboard.vintage(), "note": CITY_NOTE, "score_note": SCORE_NOTE, "method": method(cboard),
        "units": ANSWER_UNITS, "facts": _city_facts(cboard, city),
        "industries": [{"rank": int(r["rank"]), **_item(r, industries, cboard.nationwide, False)}
                       for r in rows.to_dict(orient="records")],
    }


def city_sites_answer(board: Board, industry: str, province: int | None = None, top: int | None = None,
                      origin: int | None = None, all_regions: bool = False) -> dict:
    """Prefecture cities ranked for ``industry``: within ``province``, or across the host
    provinces (all provinces with ``all_regions``), optionally from an ``origin`` province.

    Returns
    -------
    dict
        ``industry, name_zh, name_en, level, province (or None), as_of, vintage, note,
        score_note, method, units, origin, hosts_only, zones_nationwide,
        nationwide_sentence`` and ``cities``: per city ``rank, city, name_zh, name_en,
        province, province_zh, province_en, population_2020`` and the fields of a
        recommend item (``distance_km`` with an origin).
    """
    cboard = city_board(board, origin)
    rows = cboard.sites(industry, province=province, top=top, hosts_only=not all_regions)
    rows = rows.merge(_with_province_rank(cboard.table)[["city", "industry", "province_rank"]],
                      on=["city", "industry"], how="left")
    industries = _names(board.arrays.industries_table, "industry")
    cities = cboard.data.cities.set_index("city")
    regions = board.arrays.regions_table.set_index("region")
    count = int(cboard.nationwide.get(industry, 0))
    names = industries.loc[industry]
    origin_info = None
    if origin is not None:
        origin_info = {"region": int(origin), "name_zh": regions.at[int(origin), "name_zh"],
                       "name_en": regions.at[int(origin), "name_en"]}
    return {
        "industry": industry, "name_zh": names["name_zh"], "name_en": names["name_en"], "level": "city",
        **(_province_names(board, province) if province is not None
           else {"province": None, "province_zh": None, "province_en": None}),
        "as_of": board.as_of, "vintage": cboard.vintage(), "note": CITY_NOTE, "score_note": SCORE_NOTE,
        "method": method(cboard), "units": ANSWER_UNITS, "origin": origin_info,
        "hosts_only": province is None and not all_regions,
        "zones_nationwide": count,
        "nationwide_sentence": nationwide_sentence(count, names["name_zh"], names["name_en"]),
        "cities": [{
            "rank": int(r["site_rank"]), "city": int(r["city"]), "name_zh": cities.at[int(r["city"]), "name_zh"],
            "name_en": cities.at[int(r["city"]), "name_en"], "province": int(r["province"]),
            "province_zh": regions.at[int(r["province"]), "name_zh"],
            "population_2020": int(r["population_2020"]), "city_rank": int(r["rank"]),
            **{k: v for k, v in _item(r, industries, cboard.nationwide, origin is not None).items()
               if k not in ("industry", "industry_zh", "industry_en", "zones_nationwide", "nationwide_sentence")},
        } for r in rows.to_dict(orient="records")],
    }
