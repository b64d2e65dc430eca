"""Upstream / downstream presence on a hand-computed 3 × 3 example."""

from __future__ import annotations

import pandas as pd
import pytest

from features.chain_measures import downstream_presence, input_share_from, upstream_presence

# rows supply, columns use
FLOWS = pd.DataFrame(
    [[5.0, 6.0, 2.0],
     [1.0, 0.0, 3.0],
     [4.0, 0.0, 9.0]],
    index=["a", "b", "c"], columns=["a", "b", "c"],
)
PRESENCE = pd.DataFrame([[1, 0, 1], [0, 1, 0], [0, 0, 0]], index=["r1", "r2", "r3"],
                        columns=["a", "b", "c"], dtype=float)


def test_upstream_presence_by_hand():
    up = upstream_presence(PRESENCE, FLOWS)
    # industry a buys from b (1) and c (4): r1 has c → 4/5; r2 has b → 1/5
    assert up.loc["r1", "a"] == pytest.approx(0.8)
    assert up.loc["r2", "a"] == pytest.approx(0.2)
    # industry c buys from a (2) and b (3): r1 has a → 0.4
    assert up.loc["r1", "c"] == pytest.approx(0.4)
    assert up.loc["r3"].fillna(0).eq(0).all()


def test_downstream_presence_by_hand():
    down = downstream_presence(PRESENCE, FLOWS)
    # industry a sells to b (6) and c (2): r1 has c → 2/8; r2 has b → 6/8
    assert down.loc["r1", "a"] == pytest.approx(0.25)
    assert down.loc["r2", "a"] == pytest.approx(0.75)
    # industry b sells to a (1) and c (3): r1 has a and c → 1
    assert down.loc["r1", "b"] == pytest.approx(1.0)


def test_no_other_buyers_is_missing():
    flows = FLOWS.copy()
    flows.loc["b", ["a", "c"]] = 0.0
    assert downstream_presence(PRESENCE, flows)["b"].isna().all()


def test_input_share_from_suppliers():
    output = pd.Series({"a": 20.0, "b": 10.0, "c": 0.0})
    share = input_share_from(FLOWS, output, ["b", "c"])
    assert share["a"] == pytest.approx(5 / 20)
    assert share["b"] == pytest.approx(0.0)
    assert pd.isna(share["c"])
