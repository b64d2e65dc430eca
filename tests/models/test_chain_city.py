"""Chains for a prefecture city: the province's axes, fit moved by the city's evidence."""

from __future__ import annotations

import numpy as np
import pytest

from models.chain_city import city_chain_fit, city_chains, city_chains_answer
from models.chains import STRATEGIES
from models.scoring import load_scorer


def test_city_fit_keeps_the_province_at_reference_evidence_and_rises_with_evidence():
    assert city_chain_fit(np.array([62.0]), np.array([0.4]), 0.4)[0] == pytest.approx(62.0)
    low, high = city_chain_fit(np.array([62.0, 62.0]), np.array([0.3, 0.5]), 0.4)
    assert low < 62.0 < high and 0 < low and high < 100


def test_city_chains_rank_by_the_strategy_score():
    board = load_scorer().board()
    frame = city_chains(board, 360900)  # 宜春
    assert frame["province"].eq(360000).all() and len(frame) >= 22
    s = STRATEGIES["balanced"]
    assert np.allclose(frame["score"], s.fit * frame["fit"] + s.attract * frame["attract"]
                       + s.crowd * (100 - frame["crowd"]))
    assert frame["score"].is_monotonic_decreasing and list(frame["rank"]) == list(range(1, len(frame) + 1))
    answer = city_chains_answer(board, 360900, top=3)
    assert answer["name_zh"] == "宜春市" and len(answer["chains"]) == 3
    with pytest.raises(KeyError):
        city_chains(board, 999999)
