"""The board: one scoring of (inputs, as-of) answering every question of the app and the CLI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.resolve import UnknownNameError
from features.catalogue import PILLARS
from models.board import AsOfError, Board, rank_within
from models.crowding import LEVELS
from models.explain import pillar_column, points_column
from models.scoring import WHAT_IF_CACHE_SIZE

PILLAR_COLS = [pillar_column(p) for p in PILLARS]
MANUFACTURING = {f"H{i:02d}" for i in range(6, 22)}
NOT_RANKED = {"H02", "H03", "H04", "H05", "H22", "H23", "H24", "H29"}


@pytest.fixture(scope="module")
def board(toy_scorer):
    return toy_scorer.board()


def _assert_additive(frame: pd.DataFrame) -> None:
    total = frame["base_score"] + frame[PILLAR_COLS].sum(axis=1)
    np.testing.assert_allclose(total, frame["score"], rtol=0, atol=1e-6)


def test_no_mining_or_utility_in_any_ranked_list(toy_scorer, board):
    for region in toy_scorer.arrays.regions:
        listed = set(board.recommend(region)["industry"])
        assert listed == MANUFACTURING and not listed & NOT_RANKED
    for industry in sorted(NOT_RANKED):
        with pytest.raises(UnknownNameError, match="not a candidate"):
            toy_scorer.industry_code(industry)


def test_recommend_contract(board):
    rec = board.recommend(510000)
    assert list(rec["rank"]) == list(range(1, 17))
    for column in ("industry", "name_zh", "name_en", "score", "base_score", *PILLAR_COLS, "scale_rank",
                   "crowding_level", "crowding_count", "crowding_ratio", "rivals", "alternatives", "declared_own",
                   "declared_count", "declared_level", "declared_rivals", "green_flag", "origins"):
        assert column in rec.columns, column
    assert ((rec["score"] > 0) & (rec["score"] < 100)).all()
    assert (np.diff(rec["score"].to_numpy()) <= 0).all()
    assert sorted(rec["scale_rank"]) == list(range(1, 17))
    _assert_additive(rec)
    assert set(rec["crowding_level"]) <= set(LEVELS) and set(rec["declared_level"]) <= set(LEVELS)
    table = board.arrays.regions_table
    east = set(table.loc[table["macro_region"] == "East", "region"])
    for row in rec.itertuples():
        assert 510000 not in row.rivals and 510000 not in row.declared_rivals
        assert row.crowding_count == len(row.rivals) and row.declared_count == len(row.declared_rivals)
        assert set(row.origins) <= east
        if row.crowding_level == "high":
            calm = rec.set_index("industry").loc[row.alternatives, "crowding_level"]
            assert (calm != "high").all()
        else:
            assert row.alternatives == []
    assert len(board.recommend(510000, top=5)) == 5


def test_scale_rank_is_the_rank_by_existing_output(board):
    rec = board.recommend(520000).set_index("industry")
    output = board.features.loc[board.features["region"] == 520000].set_index("industry")["log_output"]
    assert rec["scale_rank"].idxmin() == output.idxmax()


def test_sites_hosts_by_default_sorted_by_score(board):
    sites = board.sites("H19")
    hosts = set(board.arrays.hosts)
    assert set(sites["region"]) == hosts and len(sites) == 21
    assert (np.diff(sites["score"].to_numpy()) <= 0).all() and list(sites["rank"]) == list(range(1, 22))
    _assert_additive(sites)
    assert len(board.sites("H19", hosts_only=False)) == 31
    scores = board.industry_scores("H19")
    assert scores[510000] == pytest.approx(float(sites.set_index("region").loc[510000, "score"]))
    # the region's own rank of the industry agrees with recommend
    own = board.recommend(510000).set_index("industry").loc["H19", "rank"]
    assert sites.set_index("region").loc[510000, "region_rank"] == own


def test_sites_from_an_origin(board):
    sites = board.sites("H19", top=5, origin=440000, hosts_only=False)
    assert 440000 not in set(sites["region"]) and len(sites) == 5
    assert (sites["distance_km"] > 0).all()
    km = board.distances(440000)
    assert 1000 < km[510000] < 1700  # Guangzhou area → Sichuan basin, centroid to centroid
    trend = board.origin_trend("H19", 440000)
    assert trend["year_before"] == 2012 and trend["year_now"] == 2017
    assert trend["change"] == pytest.approx(trend["share_now"] - trend["share_before"])


def test_explain_adds_up(board):
    result = board.explain(510000, "H19")
    total = result["base_score"] + sum(f["points"] for f in result["features"])
    assert total == pytest.approx(result["score"], abs=1e-6)
    assert sum(result["pillars"].values()) == pytest.approx(result["score"] - result["base_score"], abs=1e-6)
    points = [abs(f["points"]) for f in result["features"]]
    assert points == sorted(points, reverse=True)
    assert {"rd_intensity", "product_share_trend"} <= set(result["context"])


def test_compare_differences_add_up(board):
    diff = board.compare(510000, "H19", "H06")
    for kind in ("pillar", "feature"):
        total = diff.loc[diff["kind"] == kind, "difference"].sum()
        assert total == pytest.approx(diff.attrs["score_a"] - diff.attrs["score_b"], abs=1e-6)


def test_importance_has_every_used_pillar_and_the_origin_pillar_counts(board):
    importance = board.importance()
    pillars = importance.loc[importance["kind"] == "pillar"].set_index("name")["mean_abs_points"]
    assert set(pillars.index) == set(board.explainer.used_pillars())
    assert (pillars > 0).all()
    assert "origin" in pillars.index  # the origin push is in the model, not decoration


def test_crowding_view_levels_and_heat_map_share_one_matrix(board):
    view = board.crowding()
    ranks = board.table.set_index(["region", "industry"])["rank"]
    member = view.membership.stack()
    assert (member == (ranks.reindex(member.index) <= view.k)).all()
    counts = view.membership.astype(int).sum(axis=0)
    table = view.table.set_index(["region", "industry"])
    for (region, industry), row in table.iterrows():
        expected = counts[industry] - int(view.membership.loc[region, industry])
        assert row["crowding_count"] == expected
    other = board.crowding(3)
    assert (other.membership.sum(axis=1) == 3).all()


def test_vintage_states_the_io_year(board):
    vintage = board.vintage()
    assert vintage["io_year"] == 2017 and vintage["as_of"] == board.as_of
    assert vintage["attributes_year"] >= 2020 and vintage["products_year"] >= 2020
    assert "H19" in vintage["brought_forward"] and "H06" in vintage["on_io_only"]


def test_digital_track_and_resource_base(board):
    track = board.digital_track(520000)
    assert track["hub"] is True and track["clean_power_share"] > 0
    assert board.digital_track(310000)["hub"] is True  # Yangtze delta node
    base = board.resource_base(140000)
    assert list(base["industry"]) == ["H02", "H03", "H04", "H05", "H22", "H23", "H24"]
    assert base.set_index("industry").loc["H02", "rca"] > 3  # Shanxi: coal


def test_as_of_bounds_and_past_boards(toy_scorer):
    with pytest.raises(AsOfError):
        toy_scorer.board(1990)
    past = toy_scorer.board(2007)
    assert past.vintage()["io_year"] == 2007 and past is toy_scorer.board(2007)


def test_what_if_boards_are_cached_and_bounded(toy_scorer):
    from features.scenario import apply_edits

    base = toy_scorer.board()
    edited, _ = apply_edits(toy_scorer.arrays, 510000, base.as_of, extra_outputs={"H18": 5e7})
    what_if = toy_scorer.board(arrays=edited)
    assert what_if is toy_scorer.board(arrays=edited)
    same, _ = apply_edits(toy_scorer.arrays, 510000, base.as_of, extra_outputs={"H18": 5e7})
    assert toy_scorer.board(arrays=same) is what_if  # equal content, same board
    changes = what_if.rank_changes(base, 510000)
    assert changes.set_index("industry").loc["H18", "score_change"] != 0
    assert (changes["rank_change"] == changes["rank_base"] - changes["rank"]).all()
    for k in range(WHAT_IF_CACHE_SIZE + 3):
        toy_scorer.board(arrays=apply_edits(toy_scorer.arrays, 510000, base.as_of,
                                            extra_outputs={"H07": 1e5 * (k + 1)})[0])
    assert len(toy_scorer._what_if) <= WHAT_IF_CACHE_SIZE


def _reference_rank(table: pd.DataFrame, by: str, column: str) -> np.ndarray:
    """Plain pandas: sort by group, value (descending, NaN last), industry, region; count within group."""
    order = table.sort_values([by, column, "industry", "region"], ascending=[True, False, True, True],
                              kind="stable")
    return (order.groupby(by, sort=False).cumcount() + 1).reindex(table.index).to_numpy(dtype=int)


@pytest.mark.parametrize("seed", range(20))
def test_rank_within_equals_the_pandas_reference_with_ties_and_nan(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    table = pd.DataFrame({"region": rng.choice([110000, 520000, 510000, 650000], n),
                          "industry": rng.choice(["H06", "H07", "H19", "H10"], n),
                          "margin": rng.choice([0.1, 0.2, np.nan, -1.0, 0.3], n)},
                         index=rng.permutation(n) + 5)
    for by in ("region", "industry"):
        assert (rank_within(table, by, "margin") == _reference_rank(table, by, "margin")).all()


def test_table_path_scores_and_explains_like_lightgbm(toy_scorer):
    """Boards on the SHAP-table path (after the first what-if) equal the LightGBM predict path."""
    from models.explain import Explainer

    plain = Explainer(toy_scorer.explainer.ranker, (toy_scorer.explainer.a, toy_scorer.explainer.b),
                      table_min_rows=None)
    fast = Explainer(toy_scorer.explainer.ranker, (toy_scorer.explainer.a, toy_scorer.explainer.b))
    assert not plain.ensure_tables() and fast.ensure_tables()
    year = toy_scorer.arrays.latest_year
    a = Board(toy_scorer.arrays, year, plain, toy_scorer.proximity)
    b = Board(toy_scorer.arrays, year, fast, toy_scorer.proximity)
    np.testing.assert_allclose(a.table["margin"], b.table["margin"], rtol=0, atol=1e-9)
    assert (a.table["rank"] == b.table["rank"]).all()
    region = int(toy_scorer.arrays.regions[0])
    left, right = a.recommend(region), b.recommend(region)
    np.testing.assert_allclose(left[PILLAR_COLS], right[PILLAR_COLS], rtol=0, atol=1e-9)
    _assert_additive(right)
