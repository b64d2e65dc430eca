"""Evaluation plumbing on toy scores, and determinism of training on the real data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.baselines import BASELINES
from models.evaluation import paired_difference, per_region, summarise_methods
from models.training import TEST_YEAR, default_frame, select_variant, train_model


def _scores() -> pd.DataFrame:
    rows = []
    for region in (1, 2, 3):
        for i in range(6):
            grade = 0 if region == 3 else [4, 3, 1, 0, 0, 0][i]
            rows.append({"region": region, "industry": f"H{i:02d}", "year": 2012, "share_change": grade - 1.0,
                         "grade": grade, "top_gainer": int(grade >= 3), "activation": float(i == 0),
                         "model": 6 - i, **{b: i for b in BASELINES}})
    return pd.DataFrame(rows)


def test_per_region_drops_all_zero_queries_and_pairs():
    table = per_region(_scores())
    assert sorted(table["region"].unique()) == [1, 2]  # region 3 has no gainer
    model = table.loc[table["method"] == "model"]
    assert np.allclose(model["ndcg@5"], 1.0)
    summary = summarise_methods(table, [1, 2])
    assert summary["model"]["ndcg@5"]["mean"] == 1.0 and set(summary) == {"model", *BASELINES}
    diff = paired_difference(table, [1, 2], "model", "density")
    assert diff["ndcg@5"]["mean"] > 0 and diff["ndcg@5"]["ci"][0] > 0


def test_activation_target_uses_eligible_rows_only():
    table = per_region(_scores(), target="activation")
    assert sorted(table["region"].unique()) == [1, 2, 3]
    assert np.allclose(table.loc[table["method"] == "model", "map"], 1.0)


def test_retraining_gives_bit_identical_predictions():
    frame = default_frame()
    variant, _ = select_variant(frame)
    test = frame.loc[frame["year"] == TEST_YEAR]
    first = train_model(frame, variant, last_year=TEST_YEAR - 5)
    second = train_model(default_frame(), variant, last_year=TEST_YEAR - 5)
    assert first.booster_.model_to_string() == second.booster_.model_to_string()
    assert np.array_equal(first.predict(test), second.predict(test))
