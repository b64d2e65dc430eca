"""City layer: evidence index, combination with the province score, declared crowding."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from data import load_table
from models.city import CityBoard, CityData, city_board, city_score, load_city_data
from models.city_answers import city_recommend_answer, city_sites_answer
from models.city_crowding import (chance_share, city_crowding, cosine_similarity, crowding_level,
                                  less_crowded_alternatives, national_counts, nationwide_sentence, peer_matrix)
from models.city_evidence import (COMPONENTS, components, distance_component, evidence_index, great_circle_km,
                                  growth_component, raw_measures, saturate, weights)

CANDIDATES = [f"H{i:02d}" for i in range(6, 22)]


# ---------------------------------------------------------------- evidence: hand examples
def test_saturation_halves_at_its_constant():
    assert saturate([0.0, 2.5, 7.5, np.nan], 2.5) == pytest.approx([0.0, 0.5, 0.75, 0.0])


def test_growth_component_is_bounded_and_centred():
    before = [100.0, 100.0, 100.0, 100.0, np.nan]
    after = [120.0, 100.0, 90.0, 70.0, 100.0]
    assert growth_component(before, after) == pytest.approx([1.0, 0.5, 0.25, 0.0, 0.5])


def test_distance_component_halves_at_1000_km():
    assert distance_component([0.0, 1000.0, 3000.0]) == pytest.approx([1.0, 0.5, 0.25])


def test_weights_sum_to_one_with_and_without_origin():
    plain, origin = weights(False), weights(True)
    assert sum(plain.values()) == pytest.approx(1.0) and plain["distance"] == 0.0
    assert sum(origin.values()) == pytest.approx(1.0) and origin["distance"] == pytest.approx(0.15)
    assert origin["zones"] == pytest.approx(0.35 * 0.85)


def _hand_tables():
    cities = pd.DataFrame({"city": [360700, 360800], "province": [360000, 360000],
                           "population_2010": [3.2e6, 4.0e6], "population_2020": [3.2e6, 4.8e6]})
    presence = pd.DataFrame.from_records([
        (360700, "H14", "zones_weighted", "2018", 2.5), (360700, "H14", "zones_declaring", "2018", 2.0),
        (360700, "H14", "listed_firms", "listed_to_2012", 1.0), (360700, "H14", "listed_firms", "listed_2018_on", 1.0),
        (360700, "H14", "steel_capacity", "2017", 20000.0), (360700, "H14", "steel_capacity", "2025", 12000.0),
        (360800, "H06", "listed_firms", "listed_2013_2017", 6.0),
    ], columns=["city", "industry", "measure", "period", "value"])
    return cities, presence


def test_evidence_index_hand_example():
    cities, presence = _hand_tables()
    raw = raw_measures(cities, presence, ["H06", "H14"])
    parts = components(raw)
    ev = pd.Series(evidence_index(parts, with_origin=False), index=pd.MultiIndex.from_frame(raw[["city", "industry"]]))
    row = raw.set_index(["city", "industry"]).loc[(360700, "H14")]
    assert row["steel_capacity"] == 12000.0 and row["listed_firms"] == 2 and row["listed_recent"] == 1
    # zones 2.5/(2.5+2.5)=.5, firms max(2/(2+2), 12000/(12000+4000))=.75, momentum 1/(1+1)=.5,
    # population 3.2M/(3.2M+3.2M)=.5, growth 0 → .5
    assert ev[(360700, "H14")] == pytest.approx(0.35 * 0.5 + 0.25 * 0.75 + 0.15 * 0.5 + 0.15 * 0.5 + 0.10 * 0.5)
    # nothing declared or listed: only population (.5) and growth (.5) count
    assert ev[(360700, "H06")] == pytest.approx(0.15 * 0.5 + 0.10 * 0.5)
    # 6 firms → 6/8 = .75; no recent listing; population 4.8M/(8M) = .6; growth +20 % → 1
    assert ev[(360800, "H06")] == pytest.approx(0.25 * 0.75 + 0.15 * 0.6 + 0.10 * 1.0)
    # steel capacity only counts for H14, even if a row named another group
    odd = pd.concat([presence, pd.DataFrame([(360700, "H06", "steel_capacity", "2025", 1e6)],
                                            columns=presence.columns)], ignore_index=True)
    raw = raw_measures(cities, odd, ["H06", "H14"])
    firms = components(raw)["firms"].to_numpy()
    assert firms[((raw["city"] == 360700) & (raw["industry"] == "H06")).to_numpy()] == pytest.approx([0.0])


def test_evidence_with_origin_adds_the_distance_component():
    cities, presence = _hand_tables()
    raw = raw_measures(cities, presence, ["H06"])
    plain = evidence_index(components(raw), with_origin=False)
    near = evidence_index(components(raw, np.array([0.0, 0.0])), with_origin=True)
    assert near == pytest.approx(0.85 * plain + 0.15 * 1.0)
    assert np.isnan(components(raw)["distance"]).all()


def test_great_circle_km_one_degree_of_latitude():
    assert float(great_circle_km(114.0, 25.0, 114.0, 26.0)) == pytest.approx(111.19, abs=0.05)


# ---------------------------------------------------------------- combination: hand examples
def test_average_evidence_keeps_the_province_score():
    assert city_score(25.0, 0.3, 0.3) == pytest.approx(25.0)


def test_evidence_moves_the_odds_by_the_stated_slope():
    # odds 1:3 (25) × e^(3 · ln 3 / 3) = odds 1:1 → 50
    assert city_score(25.0, 0.3 + math.log(3) / 3, 0.3) == pytest.approx(50.0)
    assert city_score(50.0, 0.0, 0.1) == pytest.approx(100 / (1 + math.exp(0.3)))


def test_city_score_is_bounded_and_monotone():
    extremes = city_score(np.array([0.0, 100.0, 0.0, 100.0]), np.array([0.0, 1.0, 1.0, 0.0]), 0.5)
    assert ((extremes > 0) & (extremes < 100)).all()
    grid = city_score(30.0, np.linspace(0, 1, 11), 0.2)
    assert (np.diff(grid) > 0).all()
    assert (np.diff(city_score(np.linspace(1, 99, 11), 0.4, 0.2)) > 0).all()


# ---------------------------------------------------------------- crowding: hand examples
@pytest.mark.parametrize(("ratio", "level"), [(None, "low"), (float("nan"), "low"), (0.0, "low"), (0.99, "low"),
                                              (1.0, "medium"), (1.99, "medium"), (2.0, "high"), (4.5, "high")])
def test_crowding_thresholds(ratio, level):
    assert crowding_level(ratio) == level


def _toy_geography():
    # A at the origin, B ≈ 111 km north, C ≈ 1,112 km north, D ≈ 2,224 km north
    cities = pd.DataFrame({"city": [110100, 120100, 130100, 140100], "province": [110000, 120000, 130000, 140000],
                           "centroid_lon": [100.0, 100.0, 100.0, 100.0], "centroid_lat": [30.0, 31.0, 40.0, 50.0],
                           "population_2010": [1e6] * 4, "population_2020": [1e6] * 4})
    zones = pd.DataFrame({"zone_id": ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6"],
                          "city": pd.array([120100, 120100, 130100, 110100, 140100, None], dtype="Int64"),
                          "industries": ["H06", "H06|H07", "H07", "H06", "H07", "H06"]})
    presence = pd.DataFrame({"city": [110100, 120100, 120100, 130100, 140100],
                             "industry": ["H06", "H06", "H07", "H07", "H07"], "measure": "zones_weighted",
                             "period": "2018", "value": [1.0, 2.0, 1.0, 1.0, 0.5]})
    return cities, zones, presence


def test_national_counts_and_chance_by_hand():
    _, zones, _ = _toy_geography()
    assert national_counts(zones, ["H06", "H07"]).to_dict() == {"H06": 4, "H07": 3}  # the unlocated Z6 counts
    assert chance_share(zones, ["H06", "H07"]) == pytest.approx((1 + 2 + 1 + 1 + 1 + 1) / 6 / 2)


def test_peers_are_neighbours_within_300_km_and_the_most_similar():
    cities, _, presence = _toy_geography()
    vectors = presence.pivot_table(index="city", columns="industry", values="value").reindex(cities["city"]).fillna(0)
    sim = cosine_similarity(vectors)
    assert sim.loc[130100, 140100] == pytest.approx(1.0) and sim.loc[110100, 130100] == 0.0
    near, similar = peer_matrix(cities, sim, km=300.0, n_similar=1)
    assert near.tolist() == [[False, True, False, False], [True, False, False, False],
                             [False, False, False, False], [False, False, False, False]]
    # A's most similar: B (cosine 2/√5 ≈ .89); C's: D (1.0); D's: C
    assert similar[0].tolist() == [False, True, False, False]
    assert similar[2].tolist() == [False, False, False, True] and similar[3].tolist() == [False, False, True, False]


def test_city_crowding_counts_peer_zones_by_hand():
    cities, zones, presence = _toy_geography()
    table = city_crowding(cities, zones, presence, ["H06", "H07", "H08", "H09"]).set_index(["city", "industry"])
    chance = (7 / 6) / 4  # 7 declarations over 6 declaring zones, 4 candidates
    assert table["chance"].iloc[0] == pytest.approx(chance * 100)
    # A: neighbour B (111 km) is also its only positively similar city → peers {B}: zones Z1, Z2
    a = table.loc[110100]
    assert a.loc["H06", "peers"] == [120100] and a.loc["H06", "peer_zones"] == 2 and a.loc["H06", "own_zones"] == 1
    assert a.loc["H06", "peer_declaring"] == 2 and a.loc["H06", "ratio"] == pytest.approx(1.0 / chance)  # 3.43
    assert a.loc["H06", "crowding_level"] == "high"
    assert a.loc["H07", "ratio"] == pytest.approx(0.5 / chance) and a.loc["H07", "crowding_level"] == "medium"
    assert a.loc["H08", "ratio"] == 0.0 and a.loc["H08", "crowding_level"] == "low"
    # C: no neighbour; similar D (cosine 1) then B (1/√5) → zones Z5, Z1, Z2
    c = table.loc[130100]
    assert sorted(c.loc["H07", "peers"]) == [120100, 140100] and c.loc["H07", "peer_zones"] == 3
    assert c.loc["H07", "peer_declaring"] == 2 and c.loc["H07", "ratio"] == pytest.approx((2 / 3) / chance)
    assert c.loc["H06", "peer_share"] == pytest.approx(200 / 3)
    assert table["national_share"].loc[(110100, "H06")] == pytest.approx(4 / 6 * 100)


def test_alternatives_are_the_best_less_crowded_candidates_of_the_same_city():
    table = pd.DataFrame({"city": [1, 1, 1, 1, 1, 2], "industry": ["H06", "H07", "H08", "H09", "H10", "H06"],
                          "score": [50.0, 40.0, 30.0, 45.0, 10.0, 80.0],
                          "crowding_level": ["high", "low", "medium", "high", "low", "high"]})
    alt = less_crowded_alternatives(table, n=2)
    assert alt.tolist() == [["H07", "H08"], [], [], ["H07", "H08"], [], []]


def test_nationwide_sentence_text():
    sentence = nationwide_sentence(1169, "通用、专用设备", "General & special-purpose machinery")
    assert sentence["zh"].startswith("全国 1169 个开发区把通用、专用设备列为主导产业")
    assert sentence["en"].startswith("1169 development zones nationwide declare General & special-purpose machinery a")


# ---------------------------------------------------------------- real data
def test_nationwide_counts_match_the_zone_and_presence_tables():
    zones, presence = load_table("city_zones"), load_table("city_presence")
    counts = national_counts(zones, CANDIDATES)
    for code in CANDIDATES:  # an independent count over the published codes
        assert counts[code] == zones["industries"].fillna("").str.split("|").map(lambda c: code in c).sum()
    located = presence.loc[presence["measure"] == "zones_declaring"].groupby("industry")["value"].sum()
    outside = zones.loc[zones["city"].isna(), "industries"].fillna("").str.split("|").explode().value_counts()
    for code in CANDIDATES:
        assert counts[code] == located.get(code, 0) + outside.get(code, 0)
    assert counts.idxmax() in {"H12", "H16"} and counts.sum() > 5000


def test_real_crowding_matches_a_direct_count_for_ganzhou():
    data = load_city_data()
    table = city_crowding(data.cities, data.zones, data.presence, CANDIDATES)
    row = table.loc[(table["city"] == 360700) & (table["industry"] == "H19")].iloc[0]
    peers = set(row["peers"])
    cities = data.cities
    km = great_circle_km(cities.loc[cities["city"] == 360700, "centroid_lon"].iloc[0],
                         cities.loc[cities["city"] == 360700, "centroid_lat"].iloc[0],
                         cities["centroid_lon"], cities["centroid_lat"])
    neighbours = set(cities.loc[(km <= 300) & (cities["city"] != 360700), "city"].astype(int))
    assert neighbours <= peers and 0 < len(peers - neighbours) <= 10 and 360700 not in peers
    assert row["peers"][: len(neighbours)] == sorted(neighbours)  # neighbours first
    in_peers = data.zones.loc[data.zones["city"].isin(list(peers)) & data.zones["industries"].notna()]
    declaring = in_peers["industries"].str.split("|").map(lambda c: "H19" in c)
    assert row["peer_zones"] == len(in_peers) and row["peer_declaring"] == int(declaring.sum())
    assert row["ratio"] == pytest.approx(declaring.mean() / chance_share(data.zones, CANDIDATES))


@pytest.fixture(scope="module")
def board():
    from models.scoring import load_scorer

    return load_scorer().board()


@pytest.fixture(scope="module")
def cboard(board) -> CityBoard:
    return city_board(board)


def test_city_scores_follow_the_formula_and_are_bounded(board, cboard):
    table = cboard.table
    assert len(table) == 337 * 16 and table["score"].between(0, 100, inclusive="neither").all()
    assert cboard.reference == pytest.approx(table["evidence"].mean())
    assert table["score"].to_numpy() == pytest.approx(city_score(table["province_score"], table["evidence"],
                                                                 cboard.reference))
    h19 = board.industry_scores("H19")
    rows = table.loc[table["industry"] == "H19"]
    assert rows["province_score"].to_numpy() == pytest.approx(h19.reindex(rows["province"]).to_numpy())
    assert table["evidence"].between(0, 1).all()


def test_city_ranks_are_by_score(cboard):
    rows = cboard.recommend(360700)
    assert rows["rank"].tolist() == list(range(1, 17)) and set(rows["industry"]) == set(CANDIDATES)
    assert rows["score"].is_monotonic_decreasing
    assert len(cboard.recommend(360700, top=5)) == 5


def test_more_evidence_scores_higher_within_a_province(cboard):
    rows = cboard.sites("H19", province=410000)
    assert set(rows["province"]) == {410000} and len(rows) == len(cboard.cities_of(410000))
    assert rows["score"].is_monotonic_decreasing
    assert rows["evidence"].is_monotonic_decreasing  # one province score: evidence alone orders them


def test_origin_adds_distance_and_excludes_the_origin_province(board):
    with_origin = city_board(board, 440000)
    rows = with_origin.sites("H19", top=40)
    assert 440000 not in set(rows["province"]) and rows["distance_km"].gt(0).all()
    assert rows["c_distance"].to_numpy() == pytest.approx((1 / (1 + rows["distance_km"] / 1000)).to_numpy())
    hosts = set(board.arrays.regions_table.loc[board.arrays.regions_table["host"].astype(bool), "region"])
    assert set(rows["province"]) <= hosts


def test_alternatives_only_for_high_crowding(cboard):
    table = cboard.table
    has = table["alternatives"].map(len) > 0
    assert (table.loc[has, "crowding_level"] == "high").all()
    levels = table.set_index(["city", "industry"])["crowding_level"]
    for _, row in table.loc[has].head(50).iterrows():
        assert len(row["alternatives"]) <= 3
        assert all(levels[(row["city"], alt)] != "high" for alt in row["alternatives"])


def test_vintage_names_every_source(cboard):
    vintage = cboard.vintage()
    assert vintage["zones_year"] == 2018 and vintage["steel_year"] == 2025 and vintage["census_years"] == [2010, 2020]
    assert vintage["firms_year"] == 2025 and vintage["province"]["io_year"] == 2017


def _no_nan(obj) -> None:
    if isinstance(obj, float):
        assert math.isfinite(obj)
    elif isinstance(obj, dict):
        for value in obj.values():
            _no_nan(value)
    elif isinstance(obj, list):
        for value in obj:
            _no_nan(value)


def test_answers_are_plain_and_state_the_note(board):
    answer = city_recommend_answer(board, 360700, top=5)
    _no_nan(answer)
    assert "presence-based estimates" in answer["note"]["en"] and "存在证据" in answer["note"]["zh"]
    assert [i["rank"] for i in answer["industries"]] == [1, 2, 3, 4, 5]
    item = answer["industries"][0]
    assert set(item["components"]) == set(COMPONENTS) - {"distance"}
    assert item["nationwide_sentence"]["zh"].startswith(f"全国 {item['zones_nationwide']} 个开发区")
    sites = city_sites_answer(board, "H19", province=410000, top=10, origin=440000)
    _no_nan(sites)
    assert len(sites["cities"]) == 10 and all(c["distance_km"] > 0 for c in sites["cities"])
    assert sites["zones_nationwide"] == national_counts(load_table("city_zones"), CANDIDATES)["H19"]


def test_city_board_on_custom_tables(board):
    cities, zones, presence = _toy_geography()
    data = CityData(cities.assign(name_zh=["甲", "乙", "丙", "丁"]), zones, presence, load_table("geo_regions"))
    small = CityBoard(board, data=data)
    assert len(small.table) == 4 * 16 and small.table["score"].between(0, 100, inclusive="neither").all()
