"""Crowding (同质化竞争): hand examples of every step, and the real borders."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from data import load_table
from models.crowding import (DECLARED_THRESHOLDS, LEVEL_THRESHOLDS, PROXIMITY_WEIGHTS, border_neighbours, crowding,
                             crowding_level, declared_matrix, declared_overlap, outline_points, proximity_weights,
                             structural_similarity,
                             top_k_membership)


def _square(x0: float, y0: float, size: float = 1.0) -> list:
    return [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]


def _outlines(shapes: dict[int, dict]) -> pd.DataFrame:
    return pd.DataFrame({"region": list(shapes), "geojson": [json.dumps(s) for s in shapes.values()]})


def _scores(ranks: dict[int, list[str]]) -> pd.DataFrame:
    """Scores frame from each region's industries in rank order."""
    rows = [{"region": r, "industry": ind, "rank": i + 1} for r, order in ranks.items()
            for i, ind in enumerate(order)]
    return pd.DataFrame(rows).sort_values(["region", "industry"]).reset_index(drop=True)


def _ones(codes: list[int]) -> pd.DataFrame:
    return pd.DataFrame(1.0, index=codes, columns=codes)


def test_structural_similarity_is_the_cosine_of_output_shares():
    output = pd.DataFrame([[1.0, 0.0], [5.0, 0.0], [0.0, 2.0], [1.0, 1.0], [0.0, 0.0]],
                          index=[1, 2, 3, 4, 5], columns=["a", "b"])
    sim = structural_similarity(output)
    assert sim.loc[1, 2] == pytest.approx(1.0)
    assert sim.loc[1, 3] == pytest.approx(0.0)
    assert sim.loc[1, 4] == pytest.approx(1 / np.sqrt(2))
    assert sim.loc[5].tolist() == [0.0] * 5
    assert np.allclose(sim.to_numpy(), sim.to_numpy().T)


def test_outline_points_reads_polygons_and_multipolygons():
    poly = {"type": "Polygon", "coordinates": [_square(0, 0)]}
    multi = {"type": "MultiPolygon", "coordinates": [[_square(0, 0)], [_square(3, 3)]]}
    assert outline_points(json.dumps(poly)).shape == (5, 2)
    assert outline_points(json.dumps(multi)).shape == (10, 2)


def test_border_neighbours_touching_within_tolerance_only():
    shapes = {
        1: {"type": "Polygon", "coordinates": [_square(0, 0)]},
        2: {"type": "Polygon", "coordinates": [_square(1.01, 0)]},  # 0.01° gap: touching
        3: {"type": "Polygon", "coordinates": [_square(2.5, 0)]},  # 0.49° from 2: apart
        4: {"type": "MultiPolygon", "coordinates": [[_square(9, 9)], [_square(-1, 0)]]},  # island + touches 1
    }
    nb = border_neighbours(_outlines(shapes), tolerance=0.05)
    assert nb.loc[1, 2] and nb.loc[2, 1]
    assert not nb.loc[2, 3] and not nb.loc[1, 3]
    assert nb.loc[1, 4] and not nb.loc[2, 4]
    assert not np.diag(nb.to_numpy()).any()


def test_proximity_weights_border_then_macro_region_then_other():
    regions = pd.DataFrame({"region": [1, 2, 3, 4], "macro_region": ["West", "West", "West", "East"]})
    neighbours = pd.DataFrame(False, index=[1, 2, 3, 4], columns=[1, 2, 3, 4])
    neighbours.loc[1, 4] = neighbours.loc[4, 1] = True
    weights = proximity_weights(regions, neighbours)
    assert weights.loc[1, 4] == PROXIMITY_WEIGHTS["border"]  # border across macro-regions
    assert weights.loc[1, 2] == PROXIMITY_WEIGHTS["macro_region"]
    assert weights.loc[2, 4] == PROXIMITY_WEIGHTS["other"]
    assert np.diag(weights.to_numpy()).tolist() == [0.0] * 4


def test_top_k_membership():
    scores = _scores({1: ["a", "b", "c"], 2: ["c", "b", "a"]})
    member = top_k_membership(scores, k=2)
    assert member.loc[1].to_dict() == {"a": True, "b": True, "c": False}
    assert member.loc[2].to_dict() == {"a": False, "b": True, "c": True}


@pytest.mark.parametrize(("value", "level"), [(0.0, "low"), (0.99, "low"), (1.0, "medium"),
                                              (1.99, "medium"), (2.0, "high"), (12.0, "high")])
def test_crowding_level_thresholds(value, level):
    assert LEVEL_THRESHOLDS == (1.0, 2.0)
    assert crowding_level(np.array([value]))[0] == level


def test_crowding_counts_rivals_of_other_regions_only():
    # top-1 picks: regions 1, 2, 3 pick "a", region 4 picks "b".
    scores = _scores({1: ["a", "b", "c"], 2: ["a", "c", "b"], 3: ["a", "b", "c"], 4: ["b", "a", "c"]})
    codes = [1, 2, 3, 4]
    table = crowding(scores, _ones(codes), _ones(codes), k=1, thresholds=(1.0, 2.0)).set_index(
        ["region", "industry"])
    assert table.loc[(1, "a"), "crowding_count"] == 2  # regions 2 and 3, not itself
    assert table.loc[(4, "a"), "crowding_count"] == 3
    assert table.loc[(1, "b"), "crowding_count"] == 1
    assert table.loc[(4, "b"), "crowding_count"] == 0
    assert table.loc[(1, "c"), "crowding_count"] == 0
    assert table.loc[(1, "a"), "rivals"] == [2, 3]
    # chance: each region draws 1 of 3 candidates at random → 3 rivals × 1/3 = 1 expected
    assert table.loc[(1, "a"), "crowding_ratio"] == pytest.approx(2.0)
    assert table.loc[(1, "a"), "crowding_level"] == "high"
    assert table.loc[(1, "b"), "crowding_level"] == "medium"
    assert table.loc[(4, "b"), "crowding_level"] == "low"
    # weights all 1 (off the diagonal): every weighted count equals the plain count
    assert (table["crowding_weighted"] == table["crowding_count"]).all()


def test_crowding_weights_by_similarity_and_proximity():
    scores = _scores({1: ["a", "b"], 2: ["a", "b"], 3: ["a", "b"]})
    codes = [1, 2, 3]
    sim = pd.DataFrame([[1.0, 0.9, 0.2], [0.9, 1.0, 0.5], [0.2, 0.5, 1.0]], index=codes, columns=codes)
    near = pd.DataFrame([[0.0, 0.25, 1.0], [0.25, 0.0, 0.5], [1.0, 0.5, 0.0]], index=codes, columns=codes)
    table = crowding(scores, sim, near, k=1).set_index(["region", "industry"])
    row = table.loc[(1, "a")]
    assert row["crowding_count"] == 2
    assert row["crowding_similar"] == pytest.approx(0.9 + 0.2)
    assert row["crowding_near"] == pytest.approx(0.25 + 1.0)
    assert row["crowding_weighted"] == pytest.approx(0.9 * 0.25 + 0.2 * 1.0)
    # rivals most similar-and-near first: region 2 weighs 0.225, region 3 weighs 0.2
    assert row["rivals"] == [2, 3]
    assert table.loc[(3, "a"), "rivals"] == [2, 1]  # 0.25 vs 0.2


def test_missing_regions_in_weights_count_but_weigh_nothing():
    scores = _scores({1: ["a", "b"], 2: ["a", "b"]})
    table = crowding(scores, _ones([1]), _ones([1]), k=1).set_index(["region", "industry"])
    assert table.loc[(1, "a"), "crowding_count"] == 1
    assert table.loc[(1, "a"), "crowding_weighted"] == 0.0


def test_alternatives_are_the_best_less_crowded_picks_of_the_region():
    # every region puts x, y first; region 1's own order then has a (uncrowded) before b, c.
    ranks = {1: ["x", "y", "a", "b", "c"], 2: ["x", "y", "b", "c", "a"], 3: ["x", "y", "c", "b", "a"],
             4: ["y", "x", "b", "a", "c"]}
    codes = list(ranks)
    table = crowding(_scores(ranks), _ones(codes), _ones(codes), k=2, thresholds=(1.0, 1.5),
                     n_alternatives=2).set_index(["region", "industry"])
    assert table.loc[(1, "x"), "crowding_level"] == "high"
    assert table.loc[(1, "x"), "alternatives"] == ["a", "b"]
    assert table.loc[(1, "y"), "alternatives"] == ["a", "b"]
    assert table.loc[(1, "a"), "alternatives"] == []  # not high: no alternatives
    for (region, _), row in table.iterrows():
        for alt in row["alternatives"]:
            assert table.loc[(region, alt), "crowding_level"] != "high"


def test_crowding_keeps_the_row_order_of_the_scores_frame():
    scores = _scores({1: ["a", "b"], 2: ["b", "a"]}).iloc[::-1].reset_index(drop=True)
    table = crowding(scores, _ones([1, 2]), _ones([1, 2]), k=1)
    assert table[["region", "industry"]].equals(scores[["region", "industry"]])


@pytest.fixture(scope="module")
def real_neighbours() -> pd.DataFrame:
    return border_neighbours(load_table("geo_outlines"))


def test_real_borders(real_neighbours):
    nb = real_neighbours
    assert (nb.to_numpy() == nb.to_numpy().T).all()
    assert int(nb.to_numpy().sum()) // 2 == 68
    assert set(nb.columns[nb.loc[510000]]) == {500000, 520000, 530000, 540000, 610000, 620000, 630000}
    assert set(nb.columns[nb.loc[650000]]) == {540000, 620000, 630000}
    assert not nb.loc[460000].any()  # Hainan is an island
    assert nb.loc[110000, 130000] and not nb.loc[110000, 310000]


def test_declared_matrix_skips_exit_rows_and_unknown_codes():
    rows = pd.DataFrame({"region": [1, 1, 2, 2, 9], "plan": ["14th_FYP", "MIIT_2018_catalogue_exit", "x", "x", "x"],
                         "industry": ["a", "b", "b", "zz", "a"]})
    declared = declared_matrix(rows, [1, 2], ["a", "b"])
    assert declared.loc[1].to_dict() == {"a": True, "b": False}
    assert declared.loc[2].to_dict() == {"a": False, "b": True}


def test_declared_overlap_by_hand():
    codes = [1, 2, 3]
    declared = pd.DataFrame({"a": [True, True, True], "b": [False, True, False]}, index=codes)
    sim = pd.DataFrame([[1.0, 0.8, 0.5], [0.8, 1.0, 0.5], [0.5, 0.5, 1.0]], index=codes, columns=codes)
    near = pd.DataFrame([[0.0, 1.0, 0.5], [1.0, 0.0, 0.5], [0.5, 0.5, 0.0]], index=codes, columns=codes)
    table = pd.DataFrame({"region": [1, 1, 3], "industry": ["a", "b", "b"]})
    out = declared_overlap(table, declared, sim, near)
    # region 1: neighbourhood weights 0.8 (region 2) and 0.25 (region 3), total 1.05
    assert out["declared_count"].tolist() == [2, 1, 1]
    assert out["declared_weighted"].tolist() == pytest.approx([1.05, 0.8, 0.25])
    assert out["declared_share"].tolist() == pytest.approx([1.0, 0.8 / 1.05, 0.5])
    assert DECLARED_THRESHOLDS == pytest.approx((1 / 3, 2 / 3))
    assert out["declared_level"].tolist() == ["high", "high", "medium"]
    assert out["declared_own"].tolist() == [True, False, False]
    assert out.loc[0, "declared_rivals"] == [2, 3]


# ---------------------------------------------------------------- vectorised = a plain loop

def _reference_crowding(scores: pd.DataFrame, sim: pd.DataFrame, near: pd.DataFrame, k: int) -> pd.DataFrame:
    """Every column of :func:`crowding` by a plain loop over rows and rival regions."""
    regions = sorted(scores["region"].unique())
    industries = sorted(scores["industry"].unique())
    rank = {(r, i): v for r, i, v in scores[["region", "industry", "rank"]].itertuples(index=False)}
    top = {(r, i): rank.get((r, i), np.inf) <= k for r in regions for i in industries}

    def w(matrix, a, b):
        return 0.0 if a == b or a not in matrix.index or b not in matrix.index else float(matrix.loc[a, b])

    out = []
    for region, industry in scores[["region", "industry"]].itertuples(index=False):
        chasers = [b for b in regions if b != region and top[(b, industry)]]
        weights = {b: w(sim, region, b) * w(near, region, b) for b in chasers}
        expected = sum(w(sim, region, b) * w(near, region, b) for b in regions) * k / len(industries)
        weighted = sum(weights.values())
        out.append({"crowding_count": len(chasers),
                    "crowding_similar": sum(w(sim, region, b) for b in chasers),
                    "crowding_near": sum(w(near, region, b) for b in chasers),
                    "crowding_weighted": weighted,
                    "crowding_ratio": weighted / expected if expected > 0 else 0.0,
                    "rivals": sorted(chasers, key=lambda b: (-weights[b], b))})
    return pd.DataFrame(out)


def _random_case(seed: int, n_regions: int = 23, n_industries: int = 9):
    rng = np.random.default_rng(seed)
    codes = rng.choice(np.arange(100, 999), n_regions, replace=False).tolist()  # unsorted codes
    industries = [f"H{j:02d}" for j in range(n_industries)]
    rows = [{"region": r, "industry": ind, "rank": rank + 1} for r in codes
            for rank, ind in enumerate(rng.permutation(industries))]
    scores = pd.DataFrame(rows).sample(frac=1.0, random_state=seed).reset_index(drop=True)
    output = pd.DataFrame(rng.random((n_regions, 5)) * (rng.random((n_regions, 5)) < 0.7), index=codes)
    sim = structural_similarity(output)
    near = pd.DataFrame(rng.choice([0.25, 0.5, 1.0], (n_regions, n_regions)), index=codes, columns=codes)
    near = near.where(np.triu(np.ones(near.shape, dtype=bool)), near.T)  # symmetric, with ties
    return scores, sim.drop(index=codes[-1], columns=codes[-1]), near  # one region without similarity


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_vectorised_crowding_equals_a_plain_loop(seed):
    scores, sim, near = _random_case(seed)
    ours = crowding(scores, sim, near, k=3)
    ref = _reference_crowding(scores, sim, near, k=3)
    assert ours["crowding_count"].tolist() == ref["crowding_count"].tolist()
    for column in ("crowding_similar", "crowding_near", "crowding_weighted", "crowding_ratio"):
        np.testing.assert_allclose(ours[column].to_numpy(), ref[column].to_numpy(), rtol=0, atol=1e-12)
    assert ours["rivals"].tolist() == ref["rivals"].tolist()
    assert all(type(r) is list and all(type(c) is int for c in r) for r in ours["rivals"])
    capped = crowding(scores, sim, near, k=3, max_rivals=2)
    assert capped["crowding_count"].tolist() == ref["crowding_count"].tolist()
    assert capped["rivals"].tolist() == [r[:2] for r in ref["rivals"]]


@pytest.mark.parametrize("seed", [0, 1])
def test_vectorised_declared_overlap_equals_a_plain_loop(seed):
    scores, sim, near = _random_case(seed)
    rng = np.random.default_rng(seed + 10)
    codes = sorted(scores["region"].unique())
    declared_codes = codes[:-2]  # the last two regions are outside the declared matrix
    declared = pd.DataFrame(rng.random((len(declared_codes), 9)) < 0.3, index=declared_codes,
                            columns=sorted(scores["industry"].unique()))
    out = declared_overlap(scores, declared, sim, near)
    for (region, industry), rivals, count in zip(scores[["region", "industry"]].itertuples(index=False),
                                                 out["declared_rivals"], out["declared_count"]):
        others = [b for b in declared_codes if b != region and declared.loc[b, industry]]

        def weight(b):
            if region not in declared_codes or region not in sim.index or b not in sim.index:
                return 0.0
            return float(sim.loc[region, b] * near.loc[region, b])

        assert count == len(others)
        assert rivals == sorted(others, key=lambda b: (-weight(b), b))
    capped = declared_overlap(scores, declared, sim, near, max_rivals=1)
    assert capped["declared_rivals"].tolist() == [r[:1] for r in out["declared_rivals"]]
    assert capped["declared_count"].tolist() == out["declared_count"].tolist()
