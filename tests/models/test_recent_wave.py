"""Recent-wave validation: outcomes, missing values, no leakage, baselines and the JSON block."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from features.build import build_features
from features.inputs import load_inputs
from models import recent_wave as rw
from models.metrics import expected_random_metrics, ndcg_at_k

TOY_ITEMS = (rw.Item("a", "output_a", "H13", "10^4 t", "甲", "A"),
             rw.Item("b", "output_b", "H14", "10^4 t", "乙", "B"))


def _attributes(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["attribute", "region", "year", "value"]).assign(unit="10^4 t")


@pytest.fixture
def toy_panel() -> pd.DataFrame:
    rows = [("output_a", 1, 2017, 10.0), ("output_a", 2, 2017, 30.0), ("output_a", 3, 2017, 60.0),
            ("output_a", 1, 2022, 20.0), ("output_a", 2, 2022, 30.0), ("output_a", 3, 2022, 50.0),
            ("output_a", 1, 2024, 10.0), ("output_a", 2, 2024, 30.0), ("output_a", 3, 2024, 0.0),
            ("output_b", 1, 2017, 5.0), ("output_b", 2, 2017, 5.0), ("output_b", 1, 2022, 1.0),
            ("output_b", 2, 2022, 3.0)]
    return rw.product_panel(_attributes(rows), TOY_ITEMS)


def _with_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a (zero) score column for every method."""
    columns = {rw._score_column(m) for m in rw.METHODS} - {None}
    return frame.assign(**{column: 0.0 for column in columns})


def test_outcomes_match_a_hand_computed_example(toy_panel):
    out = rw.outcomes(toy_panel, 2022, [1, 2, 3], TOY_ITEMS).set_index(["item", "region"])
    # A: shares 10/30/60 % → 20/30/50 %; B: 50/50 % → 25/75 % (region 3 never publishes B)
    assert out.loc[("a", 1), "change"] == pytest.approx(10.0)
    assert out.loc[("a", 2), "change"] == pytest.approx(0.0)
    assert out.loc[("a", 3), "change"] == pytest.approx(-10.0)
    assert out.loc[("b", 1), "change"] == pytest.approx(-25.0)
    assert out.loc[("b", 2), "change"] == pytest.approx(25.0)
    assert np.isnan(out.loc[("b", 3), "change"])


def test_missing_stays_missing(toy_panel):
    later = rw.outcomes(toy_panel, 2024, [1, 2, 3], TOY_ITEMS).set_index(["item", "region"])
    # 0.00 means unpublished: region 3 has no 2024 value, so no outcome, and shares use the publishers only
    assert np.isnan(later.loc[("a", 3), "change"])
    assert later.loc[("a", 1), "share_end"] == pytest.approx(25.0)
    assert "b" not in later.index.get_level_values("item")  # B has no 2024 edition: absent, not zero
    scored = _with_scores(later.reset_index()).assign(model=[3.0, 2.0, 1.0])
    table, counts = rw.query_table(scored, "item")
    assert counts == {"kept": 1, "too_small": 0, "no_positive": 0}
    assert set(table["n_items"]) == {2}  # region 3 is left out of the query, not graded 0


def test_queries_without_a_gain_or_too_small_are_dropped():
    scored = _with_scores(pd.DataFrame({"item": ["a", "a", "b", "b", "c"], "region": [1, 2, 1, 2, 1],
                                        "change": [-1.0, 0.0, 2.0, 1.0, 5.0]}))
    table, counts = rw.query_table(scored, "item")
    assert counts == {"kept": 1, "too_small": 1, "no_positive": 1}
    assert set(table["unit"]) == {"b"}


def test_tie_averaged_ndcg_of_a_constant_score_is_the_random_expectation():
    grade = np.array([0, 2, 1, 0, 4, 3, 0])
    flat = ndcg_at_k(grade, np.zeros(len(grade)), 5, ties="average")
    assert flat == pytest.approx(expected_random_metrics(grade, grade > 0)["ndcg@5"])
    # ties averaged, not broken by position: reversing the item order changes nothing
    scores = np.array([1.0, 1.0, 0.0, 0.0, 1.0, 0.5, 0.5])
    assert ndcg_at_k(grade, scores, 3, ties="average") == pytest.approx(
        ndcg_at_k(grade[::-1], scores[::-1], 3, ties="average"))
    assert ndcg_at_k(grade, scores, 3) != pytest.approx(ndcg_at_k(grade[::-1], scores[::-1], 3))


def _perturbed_after(inputs, year: int):
    """A copy of ``inputs`` whose numeric values of years ≥ ``year`` are changed."""
    edited = inputs.copy()
    for name in ("attributes", "national_products", "co2"):
        table = getattr(edited, name)
        later = table["year"] >= year
        numeric = [c for c in table.select_dtypes("number").columns if c not in ("region", "year", "ceads_row")]
        table.loc[later, numeric] = table.loc[later, numeric] * 1.7 + 1.0
    return edited


def test_no_data_after_2017_reaches_the_2017_features_or_scores(toy_ranker):
    inputs = load_inputs()
    hosts = rw.evaluation_hosts(inputs.regions)
    base = build_features(inputs, rw.AS_OF)
    panel = rw.product_panel(inputs.attributes)
    scores = rw.method_scores(panel, base, toy_ranker, hosts)

    late = _perturbed_after(inputs, rw.AS_OF + 1)
    pd.testing.assert_frame_equal(build_features(late, rw.AS_OF), base)
    late_panel = rw.product_panel(late.attributes)
    pd.testing.assert_frame_equal(rw.method_scores(late_panel, build_features(late, rw.AS_OF), toy_ranker, hosts),
                                  scores)
    # the perturbation is real: it changes the outcomes, and changing 2017 itself changes the scores
    assert not rw.outcomes(late_panel, 2022, hosts).equals(rw.outcomes(panel, 2022, hosts))
    now = _perturbed_after(inputs, rw.AS_OF)
    assert not build_features(now, rw.AS_OF).equals(base)


def test_baselines_are_well_defined(toy_ranker):
    inputs = load_inputs()
    hosts = rw.evaluation_hosts(inputs.regions)
    assert len(hosts) == 18
    panel = rw.product_panel(inputs.attributes)
    features = build_features(inputs, rw.AS_OF)
    scores = rw.method_scores(panel, features, toy_ranker, hosts)
    assert scores.groupby("item")["national_size"].nunique().eq(1).all()  # same for every host
    assert "national_size" not in rw.methods_for("item") and "national_size" in rw.methods_for("region")
    assert scores.groupby(["region", "industry"])["model"].nunique().eq(1).all()  # one score per IO group
    assert scores["model"].notna().all() and scores["density"].between(0, 1).all()
    group_share = features.set_index(["region", "industry"])["national_share"]
    keys = pd.MultiIndex.from_frame(scores[["region", "industry"]])
    np.testing.assert_allclose(scores["share_gap"], group_share.reindex(keys).to_numpy() - scores["product_share"])
    cement = scores.loc[scores["item"] == "cement"].set_index("region")["product_share"]
    assert cement.sum() < 100 and cement.notna().all()  # hosts' shares of the national total
    hightech = scores.loc[scores["item"] == "hightech_revenue", "baseline_year"]
    assert set(hightech) == {2016}  # no 2017 edition: the latest year ≤ 2017
    assert set(scores.loc[scores["item"] == "cement", "baseline_year"]) == {2017}


def test_items_follow_the_project_group_mapping():
    from features.wave import PROVINCIAL_PRODUCTS

    mapping = {item.attribute: item.industry for item in rw.ITEMS}
    assert all(mapping[attribute] == group for attribute, group in PROVINCIAL_PRODUCTS.items())
    products = load_inputs().national_products.drop_duplicates("product").set_index("product")["industry"]
    for key in ("cement", "plain_glass", "crude_steel", "steel_products", "pig_iron", "chemical_fibres"):
        assert mapping[f"output_{key}"] == products[key]


def test_json_block_schema(toy_ranker):
    block = rw.evaluate_recent_wave(load_inputs(), toy_ranker, {"config": "toy", "train_transitions": [],
                                                               "last_transition_end": 2017})
    json.dumps(block)  # plain JSON types only
    assert block["windows"] == ["2017-2022", "2017-2024"] and block["as_of"] == 2017
    assert len(block["hosts"]) == 18 and block["metrics"] == ["ndcg@5", "ndcg@3"]
    assert {i["item"] for i in block["items"]} == {i.key for i in rw.ITEMS}
    for window in block["windows"]:
        for query in rw.QUERY_TYPES:
            result = block["results"][window][query]
            methods = rw.methods_for(query)
            assert list(result["methods"]) == list(methods)
            assert set(result["paired"]) == set(methods) - {"model"}
            assert result["best_baseline"] in methods and result["best_baseline"] not in ("model", "random")
            assert result["queries"]["kept"] >= 10
            for stats in result["methods"].values():
                for metric in block["metrics"]:
                    low, high = stats[metric]["ci"]
                    assert 0 <= low <= stats[metric]["mean"] <= high <= 1
    electronics = next(i for i in block["items"] if i["item"] == "hightech_revenue")
    assert electronics["windows"]["2017-2022"]["start"] == 2018 and "2017-2024" not in electronics["windows"]


def test_recent_wave_refuses_a_model_that_saw_the_outcome_period():
    from models.training import CONFIGS

    frame = pd.DataFrame({"year": [2017], "year_end": [2022]})
    with pytest.raises(ValueError, match="ends in 2022"):
        rw.shipped_recent_wave(CONFIGS[0], frame)
