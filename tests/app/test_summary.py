"""The investment summary's tier rule and rows (app/summary.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from app.summary import PRIORITY_FACTOR, province_rank, summary_frame, tier


@pytest.mark.parametrize(("score", "crowding", "expected"), [
    (40.0, "low", "priority"), (40.0, "medium", "priority"), (25.0, "low", "priority"),
    (40.0, "high", "consider"), (24.9, "low", "consider"), (20.0, "medium", "consider"),
    (24.9, "high", "caution"), (19.9, "low", "caution"), (5.0, "high", "caution"),
])
def test_tier_rule_on_score_and_crowding(score, crowding, expected):
    # base 20: the priority bar is 1.25 × 20 = 25
    assert PRIORITY_FACTOR * 20 == 25
    assert tier(score, crowding, 20.0) == expected


def test_province_rank_counts_strictly_better_regions_and_shares_ties():
    scores = pd.Series({1: 30.0, 2: 50.0, 3: 30.0, 4: 10.0})
    assert province_rank(scores, 2) == (1, 4)
    assert province_rank(scores, 1) == province_rank(scores, 3) == (2, 4)
    assert province_rank(scores, 4) == (4, 4)


def test_summary_rows_of_the_shipped_board():
    from models.api import load_scorer

    board = load_scorer().board()
    frame = board.recommend(520000).head(8)
    rows = summary_frame(board, frame, 520000)
    assert list(rows["industry"]) == list(frame["industry"]) and set(rows["tier"]) <= {"priority", "consider",
                                                                                      "caution"}
    assert (rows["provinces"] == 31).all() and rows["province_rank"].between(1, 31).all()
    h06 = rows.set_index("industry").loc["H06"]
    scores = board.industry_scores("H06")
    assert h06["province_rank"] == 1 + int((scores > scores.loc[520000]).sum())
    base = board.explainer.base_score
    assert all(r.tier == tier(r.score, r.crowding_level, base) for r in rows.itertuples())
