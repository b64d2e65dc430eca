"""Chains for a prefecture city: the province's chain axes moved by the city's own evidence.

There is no city × sector output, so nothing is fitted. A city's 可行性 for a chain starts from its
province's fit (:class:`models.chains.ChainBoard`) and moves on the odds scale by the city's
evidence index for the chain (the group-weight mean of :class:`models.city.CityBoard`'s evidence of
the chain's IO groups: development zones, listed firms, steel, population) against the national
reference, with the same slope as the city layer (:data:`models.city.SLOPE`)::

    city fit = 100 · σ( logit(province fit / 100) + SLOPE · (E_chain − E_ref) )

Attractiveness (national waves, eastern push, complexity, the province grid's green fit) and
crowding (declared by provinces, national supply excess, overlap) are the province's. The score
uses the same strategy weights.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.chains import chains, group_weights
from models.chain_answers import chain_board
from models.chains import STRATEGIES, strategy_key
from models.city import SLOPE, city_board

_EPS = 1e-4


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def city_chain_fit(province_fit: np.ndarray, evidence: np.ndarray, reference: float) -> np.ndarray:
    """City fit (0–100) from the province fit and the city's chain evidence (see the module docstring)."""
    moved = _logit(np.asarray(province_fit, dtype=float) / 100) + SLOPE * (np.asarray(evidence, dtype=float)
                                                                         - reference)
    return 100 / (1 + np.exp(-moved))


def city_chains(board, city: int, strategy: str | None = None, top: int | None = None) -> pd.DataFrame:
    """The city's chains ranked by the strategy: ``chain, groups, province_fit, evidence, fit, attract,
    crowd, crowd_level, score, rank`` and the province's ``reasons``.

    Raises
    ------
    KeyError
        ``city`` is not a prefecture city of the city tables.
    """
    key = strategy_key(strategy)
    cities = city_board(board)
    rows = cities.table.loc[cities.table["city"] == int(city), ["province", "industry", "evidence"]]
    if rows.empty:
        raise KeyError(f"no prefecture city {city}")
    province = int(rows["province"].iloc[0])
    weights = group_weights()
    by_group = rows.set_index("industry")["evidence"].reindex(weights.columns)
    evidence = pd.Series(weights.to_numpy() @ by_group.fillna(cities.reference).to_numpy(), index=weights.index)
    frame = chain_board(board).recommend(province, key).copy()
    frame["province_fit"] = frame["fit"]
    frame["evidence"] = frame["chain"].map(evidence).to_numpy()
    frame["evidence_reference"] = cities.reference
    frame["fit"] = city_chain_fit(frame["province_fit"], frame["evidence"], cities.reference)
    s = STRATEGIES[key]
    frame["score"] = s.fit * frame["fit"] + s.attract * frame["attract"] + s.crowd * (100 - frame["crowd"])
    present = np.where(s.new_first & (frame["chain_rca"] >= 1), 1000.0, 0.0)
    order = np.lexsort((frame["chain"].to_numpy(), -(frame["score"].to_numpy() - present)))
    frame = frame.iloc[order]
    frame["rank"] = np.arange(1, len(frame) + 1)
    frame["city"], frame["province"] = int(city), province
    return frame.head(top) if top is not None else frame


def city_chains_answer(board, city: int, strategy: str | None = None, top: int | None = None) -> dict:
    """JSON-ready :func:`city_chains` with names and the evidence sentence basis."""
    from models.chain_answers import _reason

    frame = city_chains(board, city, strategy, top)
    names = {row.chain: row for row in chains()}
    cities = city_board(board).data.cities.set_index("city")
    key = strategy_key(strategy)
    return {"city": int(city), "name_zh": str(cities.at[int(city), "name_zh"]),
            "name_en": str(cities.at[int(city), "name_en"]), "province": int(frame["province"].iloc[0]),
            "as_of": board.as_of, "strategy": {"id": key, "zh": STRATEGIES[key].label_zh,
                                               "en": STRATEGIES[key].label_en},
            "note": {"zh": "城市可行性 = 省级可行性按城市证据（开发区、上市公司、钢铁、人口）在几率尺度上调整；"
                           "吸引力与拥挤度沿用省级。",
                     "en": "City fit = the province's fit moved on the odds scale by the city's evidence (zones, "
                           "listed firms, steel, population); attractiveness and crowding are the province's."},
            "chains": [{"rank": int(r["rank"]), "chain": r["chain"], "name_zh": names[r["chain"]].name_zh,
                        "name_en": names[r["chain"]].name_en, "groups": names[r["chain"]].groups,
                        "fit": round(float(r["fit"]), 1), "province_fit": round(float(r["province_fit"]), 1),
                        "evidence": round(float(r["evidence"]), 3),
                        "evidence_reference": round(float(r["evidence_reference"]), 3),
                        "attract": round(float(r["attract"]), 1), "crowd": round(float(r["crowd"]), 1),
                        "crowd_level": r["crowd_level"], "score": round(float(r["score"]), 1),
                        "province_reasons": [_reason(x) for x in r["reasons"]]}
                       for _, r in frame.iterrows()]}
