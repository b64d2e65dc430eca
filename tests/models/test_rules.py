"""Which ordering ships (model or a simple rule, for region lists and for sites), and origins in the sites view."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.origins import resolve_origin
from models.board import ORIGIN_DISTANCE_WEIGHT, Board
from models.rules import SITES_RULES, industry_query_table, region_rule, sites_rule


def test_region_rule_keeps_the_model_unless_a_rule_scores_strictly_higher():
    assert region_rule({"model": 0.44, "density": 0.42, "scale": 0.37}) == "model"
    assert region_rule({"model": 0.42, "density": 0.42}) == "model"
    assert region_rule({"model": 0.415, "density": 0.422, "scale": 0.37}) == "density"


def test_sites_rule_is_the_best_mean_and_ties_go_to_the_simpler_rule():
    table = pd.DataFrame({"rule": ["scale", "model", "scale", "model", "blend"],
                          "ndcg@5": [0.5, 0.7, 0.6, 0.6, 0.1]})
    assert sites_rule(table) == "model"
    tie = pd.DataFrame({"rule": list(SITES_RULES), "ndcg@5": [0.5] * len(SITES_RULES)})
    assert sites_rule(tie) == next(iter(SITES_RULES))


def test_industry_queries_rank_hosts_within_an_industry():
    rng = np.random.default_rng(0)
    rows = []
    for industry in ("H06", "H19"):
        for region in range(18):
            change = rng.normal()
            rows.append({"year": 2007, "industry": industry, "region": region, "macro_region": "West",
                         "share_change": change, "log_output": change, "density": -change, "prediction": 0.0})
    rows.append({"year": 2007, "industry": "H06", "region": 99, "macro_region": "East", "share_change": 9.0,
                 "log_output": -9.0, "density": 9.0, "prediction": 0.0})  # not a host: not in the query
    table = industry_query_table(pd.DataFrame(rows)).set_index(["industry", "rule"])["ndcg@5"]
    assert table.loc[("H06", "scale")] == pytest.approx(1.0) and table.loc[("H19", "scale")] == pytest.approx(1.0)
    assert table.loc[("H06", "density")] < 0.5


@pytest.fixture(scope="module")
def ruled(toy_scorer):
    year = toy_scorer.arrays.latest_year
    return Board(toy_scorer.arrays, year, toy_scorer.explainer, toy_scorer.proximity, region_rule="density",
                 sites_rule="scale")


def test_a_rule_orders_the_region_lists(ruled):
    rec = ruled.recommend(510000)
    density = ruled.features.loc[ruled.features["region"] == 510000].set_index("industry")["density"]
    values = density.loc[rec["industry"]].to_numpy()
    assert (np.diff(values) <= 0).all() and list(rec["rank"]) == list(range(1, 17))


def test_the_sites_rule_orders_the_sites(ruled):
    sites = ruled.sites("H19")
    output = ruled.features.loc[ruled.features["industry"] == "H19"].set_index("region")["log_output"]
    assert (np.diff(output.loc[sites["region"]].to_numpy()) <= 0).all()
    assert list(sites["rule_rank"]) == list(range(1, len(sites) + 1))
    assert sites.attrs["sites_rule"] == "scale"


def test_an_origin_moves_nearer_hosts_up(ruled):
    guangdong, shanghai = ruled.sites("H19", origin=440000), ruled.sites("H19", origin=310000)
    assert list(guangdong["region"]) != list(shanghai["region"])
    output = ruled.features.loc[ruled.features["industry"] == "H19"].set_index("region")["log_output"]
    for sites, origin in ((guangdong, 440000), (shanghai, 310000)):
        fit = pd.Series(output.loc[sites["region"]].fillna(-np.inf).to_numpy()).rank(pct=True)
        near = pd.Series(-sites["distance_km"].to_numpy()).rank(pct=True)
        key = ((1 - ORIGIN_DISTANCE_WEIGHT) * fit + ORIGIN_DISTANCE_WEIGHT * near).to_numpy()
        assert (np.diff(key) <= 1e-12).all(), origin
    assert guangdong.set_index("region").loc[450000, "rank"] < shanghai.set_index("region").loc[450000, "rank"]
    assert shanghai.set_index("region").loc[340000, "rank"] < guangdong.set_index("region").loc[340000, "rank"]


def test_city_and_cluster_origins(ruled):
    shenzhen = ruled.sites("H19", origin=resolve_origin("深圳"))
    delta = ruled.sites("H19", origin=resolve_origin("长三角"))
    assert 440000 not in set(shenzhen["region"]) and not {310000, 320000, 330000} & set(delta["region"])
    assert list(shenzhen["region"]) != list(delta["region"])
    trend = ruled.origin_trend("H19", resolve_origin("长三角"))
    assert trend["region"] is None and trend["provinces"] == [310000, 320000, 330000]
    parts = [ruled.origin_trend("H19", p) for p in (310000, 320000, 330000)]
    assert trend["share_now"] == pytest.approx(sum(p["share_now"] for p in parts))


def test_the_shipped_scorer_orders_by_the_rules_its_training_chose():
    from models.answers import recommend_answer, sites_answer
    from models.artifacts import read_metadata
    from models.scoring import load_scorer

    meta = read_metadata()
    board = load_scorer().board()
    assert (board.region_rule, board.sites_rule) == (meta["region_rule"], meta["sites_rule"])
    assert meta["region_rule"] == "model" or meta["region_validation"][meta["region_rule"]] > \
        meta["region_validation"]["model"]
    assert meta["sites_validation"][meta["sites_rule"]] == max(meta["sites_validation"].values())
    assert recommend_answer(board, 510000, top=3)["ordering"]["rule"] == meta["region_rule"]
    assert sites_answer(board, "H18", top=3)["ordering"]["rule"] == meta["sites_rule"]
