"""JSON-ready answers of a board: what ``hostfit recommend`` / ``sites`` print and precompute.

Each function turns board tables into plain dicts and lists (no NaN: missing → None),
so the CLI, the precomputed default answers and tests share one shape.
"""

from __future__ import annotations

import math

from features.catalogue import PILLARS
from models.board import Board
from models.explain import pillar_column
from models.rules import MODEL, REGION_RULES, SITES_RULES

SCORE_NOTE = {
    "en": ("fit score 0–100: the estimated probability that the industry is among the province's five largest "
           "gains of national share over the next five years (calibrated on rolling out-of-time backtests)"),
    "zh": "适配分（0–100）：未来五年该产业进入本省“全国份额上升最多”前五名的估计概率（经滚动样本外回测校准）",
}


def _number(value, digits: int = 4) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, digits)


def _pillars(row: dict) -> dict[str, float]:
    return {p: round(float(row[pillar_column(p)]), 3) for p in PILLARS}


def _crowding(row: dict) -> dict:
    return {"crowding_level": row["crowding_level"], "crowding_count": int(row["crowding_count"]),
            "crowding_weighted": _number(row["crowding_weighted"]), "crowding_ratio": _number(row["crowding_ratio"]),
            "rivals": [int(r) for r in row["rivals"]],
            "declared": {"own": bool(row["declared_own"]), "count": int(row["declared_count"]),
                         "share": _number(row["declared_share"]), "level": row["declared_level"],
                         "rivals": [int(r) for r in row["declared_rivals"]]},
            "green_flag": bool(row["green_flag"])}


def vintage(board: Board) -> dict:
    """The data vintage behind the board's scores (see :meth:`Board.vintage`)."""
    return board.vintage()


def ordering(board: Board, kind: str) -> dict:
    """Which rule orders a list (``kind`` ``"region"`` or ``"sites"``): ``{"rule", "zh", "en"}``."""
    if kind == "sites":
        zh, en = SITES_RULES[board.sites_rule]
        return {"rule": board.sites_rule, "zh": f"排序依据：{zh}（在滚动样本外的产业查询上验证最优）",
                "en": f"ordered by {en} (best on rolling out-of-time industry queries)"}
    if board.region_rule == MODEL:
        return {"rule": MODEL, "zh": "排序依据：模型适配分（在滚动验证中优于各简单规则）",
                "en": "ordered by the model's fit score (it beat every simple rule in rolling validation)"}
    column = REGION_RULES[board.region_rule]
    return {"rule": board.region_rule, "zh": f"排序依据：简单规则 {board.region_rule}（{column}），它在滚动验证中优于模型",
            "en": f"ordered by the simple rule {board.region_rule} ({column}): it beat the model in rolling validation"}


def origin_answer(board: Board, industry: str, origin) -> dict:
    """The origin (province, city or cluster), its point and its provinces' trend in ``industry``."""
    origin = board.as_origin(origin)
    return {"kind": origin.kind, "code": origin.code, "name_zh": origin.name_zh, "name_en": origin.name_en,
            **board.origin_trend(industry, origin)}


def recommend_answer(board: Board, region: int, top: int | None = None) -> dict:
    """Ranked candidate industries of ``region`` with scores, pillar points, crowding and context."""
    names = board.arrays.regions_table.set_index("region").loc[region]
    records = board.recommend(region, top=top).to_dict(orient="records")
    return {
        "region": int(region), "name_zh": names["name_zh"], "name_en": names["name_en"], "as_of": board.as_of,
        "vintage": vintage(board), "score_note": SCORE_NOTE, "ordering": ordering(board, "region"),
        "base_score": _number(records[0]["base_score"], 2) if records else None,
        "industries": [{
            "rank": int(r["rank"]), "industry": r["industry"], "name_zh": r["name_zh"], "name_en": r["name_en"],
            "score": _number(r["score"], 2), "scale_rank": int(r["scale_rank"]), "pillars": _pillars(r),
            **_crowding(r), "alternatives": list(r["alternatives"]), "origins": [int(o) for o in r["origins"]],
        } for r in records],
        "digital_track": board.digital_track(region),
        "resource_base": [{k: (_number(v) if isinstance(v, float) else v) for k, v in row.items()}
                          for row in board.resource_base(region).to_dict(orient="records")],
    }


def sites_answer(board: Board, industry: str, top: int | None = None, origin=None,
                 all_regions: bool = False) -> dict:
    """Ranked regions for ``industry`` (hosts only unless ``all_regions``), from ``origin`` (a province
    adcode or a :class:`data.origins.Origin`) if given; ``ordering`` names the sites rule."""
    names = board.arrays.industries_table.set_index("industry").loc[industry]
    rows = board.sites(industry, top=top, hosts_only=not all_regions, origin=origin).to_dict(orient="records")
    answer = {
        "industry": industry, "name_zh": names["name_zh"], "name_en": names["name_en"], "as_of": board.as_of,
        "vintage": vintage(board), "score_note": SCORE_NOTE, "hosts_only": not all_regions,
        "ordering": ordering(board, "sites"),
        "shedding": [{"region": int(r["region"]), "share_before": _number(r["share_before"]),
                      "share_now": _number(r["share_now"]), "change": _number(r["change"])}
                     for r in board.shedding(industry).to_dict(orient="records")],
        "origin": origin_answer(board, industry, origin) if origin is not None else None,
        "regions": [{
            "rank": int(r["rank"]), "region": int(r["region"]), "name_zh": r["name_zh"], "name_en": r["name_en"],
            "macro_region": r["macro_region"], "score": _number(r["score"], 2), "region_rank": int(r["region_rank"]),
            "rule_rank": int(r["rule_rank"]), "pillars": _pillars(r), **_crowding(r),
            **({"distance_km": _number(r["distance_km"], 0), "origin_push_points": _number(r["pillar_origin"], 3)}
               if origin is not None else {}),
        } for r in rows],
    }
    return answer
