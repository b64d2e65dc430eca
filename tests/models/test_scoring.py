"""The scoring API: score_all, recommend, sites, explain, compare, global importance, what-if."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.resolve import UnknownNameError
from features.catalogue import PILLARS
from features.inputs import load_inputs
from models.crowding import LEVELS
from models.explain import pillar_column, shap_column
from models.scoring import Scorer, load_scorer
from tests.models.test_explain import toy_booster

PILLAR_COLS = [pillar_column(p) for p in PILLARS]
ARTIFACT = Path(__file__).resolve().parents[2] / "models" / "artifacts" / "hostfit_ranker.txt"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(toy_booster(), load_inputs())


@pytest.fixture(scope="module")
def scores(scorer) -> pd.DataFrame:
    return scorer.score_all()


def _assert_additive(frame: pd.DataFrame) -> None:
    total = frame["base_value"] + frame[PILLAR_COLS].sum(axis=1)
    np.testing.assert_allclose(total, frame["score"], rtol=0, atol=1e-6)


def test_score_all_contract(scorer, scores):
    inputs = scorer.inputs
    assert len(scores) == len(inputs.region_codes) * len(inputs.candidates)
    expected = ["region", "industry", "score", "base_value", *[shap_column(f) for f in scorer.features],
                *PILLAR_COLS, "rank"]
    assert list(scores.columns) == expected
    _assert_additive(scores)
    shap_total = scores[[shap_column(f) for f in scorer.features]].sum(axis=1)
    np.testing.assert_allclose(scores["base_value"] + shap_total, scores["score"], rtol=0, atol=1e-6)
    for _, part in scores.groupby("region"):
        assert sorted(part["rank"]) == list(range(1, len(part) + 1))
        ordered = part.sort_values("rank")["score"].to_numpy()
        assert (np.diff(ordered) <= 0).all()


def test_score_all_returns_a_copy(scorer):
    mine = scorer.score_all()
    mine.loc[0, "score"] = 99.0
    assert scorer.score_all().loc[0, "score"] != 99.0


def test_recommend_contract(scorer, scores):
    rec = scorer.recommend(510000)
    assert list(rec["rank"]) == list(range(1, 25))
    for column in ("industry", "name_zh", "name_en", "score", "base_value", *PILLAR_COLS, "crowding_level",
                   "crowding_count", "crowding_weighted", "rivals", "alternatives", "green_flag", "origins"):
        assert column in rec.columns, column
    assert (np.diff(rec["score"].to_numpy()) <= 0).all()
    _assert_additive(rec)
    assert set(rec["crowding_level"]) <= set(LEVELS)
    assert rec["green_flag"].map(type).eq(bool).all()
    own = scores.loc[scores["region"] == 510000].set_index("industry")["rank"]
    assert (rec.set_index("industry")["rank"] == own.reindex(rec["industry"])).all()
    east = set(scorer.inputs.regions.loc[scorer.inputs.regions["macro_region"] == "East", "region"])
    for row in rec.itertuples():
        assert 510000 not in row.rivals
        assert row.crowding_count == len(row.rivals)
        assert set(row.origins) <= east
        if row.crowding_level == "high":
            calm = rec.set_index("industry").loc[row.alternatives, "crowding_level"]
            assert (calm != "high").all()
        else:
            assert row.alternatives == []


def test_recommend_green_flag_follows_coal_grid_flag(scorer):
    scored = scorer.scored()
    flag = scored.features["coal_grid_flag"].fillna(0).to_numpy() >= 1
    assert (scored.table["green_flag"].to_numpy() == flag).all()
    assert flag.any()


def test_recommend_top_and_names(scorer):
    by_code = scorer.recommend(510000, top=5)
    assert len(by_code) == 5
    for name in ("四川", "四川省", "Sichuan", "510000"):
        pd.testing.assert_frame_equal(scorer.recommend(name, top=5), by_code)


def test_unknown_names_list_close_matches(scorer):
    with pytest.raises(UnknownNameError, match="Sichuan"):
        scorer.recommend("Sichaun")
    with pytest.raises(UnknownNameError, match="close matches"):
        scorer.sites("no such industry at all")
    with pytest.raises(UnknownNameError, match="not a candidate"):
        scorer.sites("H30")


def test_as_of_out_of_range(scorer):
    with pytest.raises(ValueError, match="outside the data"):
        scorer.recommend(510000, as_of=1980)
    with pytest.raises(ValueError, match="outside the data"):
        scorer.score_all(as_of=scorer.inputs.latest_year + 1)


def test_sites_contract(scorer, scores):
    sites = scorer.sites("H19")
    assert list(sites["rank"]) == list(range(1, 32))
    assert (sites["industry"] == "H19").all()
    for column in ("region", "name_zh", "name_en", "macro_region", "site_score", "region_rank", "score",
                   *PILLAR_COLS, "crowding_level", "crowding_count", "rivals"):
        assert column in sites.columns, column
    assert (np.diff(sites["site_score"].to_numpy()) <= 0).all()
    _assert_additive(sites)
    own = scores.loc[scores["industry"] == "H19"].set_index("region")["rank"]
    assert (sites.set_index("region")["region_rank"] == own.reindex(sites["region"])).all()
    # site_score: z-score of the industry's score among the region's candidates
    region = int(sites.loc[0, "region"])
    part = scores.loc[scores["region"] == region, "score"]
    z = (part[scores["industry"] == "H19"].iloc[0] - part.mean()) / part.std()
    assert sites.loc[0, "site_score"] == pytest.approx(z)
    assert len(scorer.sites("电子", top=4)) == 4


def test_explain_contract(scorer):
    explained = scorer.explain("Sichuan", "H19")
    assert explained["region"] == 510000 and explained["industry"] == "H19"
    shap_sum = sum(item["shap"] for item in explained["features"])
    assert explained["base_value"] + shap_sum == pytest.approx(explained["score"], abs=1e-6)
    assert explained["base_value"] + sum(explained["pillars"].values()) == pytest.approx(
        explained["score"], abs=1e-6)
    assert list(explained["pillars"]) == list(PILLARS)
    magnitudes = [abs(item["shap"]) for item in explained["features"]]
    assert magnitudes == sorted(magnitudes, reverse=True)
    assert {"feature", "pillar", "value", "shap", "label_zh", "label_en", "unit"} == set(
        explained["features"][0])
    values = [item["value"] for item in explained["features"]]
    assert all(v is None or np.isfinite(v) for v in values)


def test_compare_sums_to_the_score_difference(scorer):
    diff = scorer.compare(510000, "H19", "H06")
    gap = diff.attrs["score_a"] - diff.attrs["score_b"]
    for kind in ("feature", "pillar"):
        part = diff.loc[diff["kind"] == kind]
        assert part["difference"].sum() == pytest.approx(gap, abs=1e-6)
    assert list(diff.loc[diff["kind"] == "pillar", "name"]) == list(PILLARS)
    features = diff.loc[diff["kind"] == "feature", "difference"].abs().to_numpy()
    assert (np.diff(features) <= 0).all()
    reverse = scorer.compare(510000, "H06", "H19")
    np.testing.assert_allclose(
        reverse.loc[reverse["kind"] == "pillar", "difference"].to_numpy(),
        -diff.loc[diff["kind"] == "pillar", "difference"].to_numpy(), atol=1e-12)


def test_global_importance(scorer):
    table = scorer.global_importance()
    pillars = table.loc[table["kind"] == "pillar"]
    features = table.loc[table["kind"] == "feature"]
    assert set(pillars["name"]) == set(PILLARS) and len(features) == len(scorer.features)
    assert (table["mean_abs_shap"] >= 0).all()
    for part in (pillars, features):
        assert (np.diff(part["mean_abs_shap"].to_numpy()) <= 0).all()


def test_past_years_replay(scorer):
    rec = scorer.recommend(510000, as_of=2012, top=3)
    assert list(rec["rank"]) == [1, 2, 3]
    _assert_additive(rec)


def test_what_if_rescores_without_touching_the_shipped_scores(scorer, scores):
    what_if = scorer.inputs.copy()
    attrs = what_if.attributes
    mask = (attrs["region"] == 510000) & (attrs["attribute"] == "rd_intensity")
    assert mask.any()
    attrs.loc[mask, "value"] = attrs.loc[mask, "value"] * 3
    changed = scorer.scored(inputs=what_if).features
    shipped = scorer.scored().features
    sichuan = changed["region"] == 510000
    assert not np.allclose(changed.loc[sichuan, "rd_intensity"], shipped.loc[sichuan, "rd_intensity"])
    pd.testing.assert_frame_equal(scorer.score_all(), scores)
    _assert_additive(scorer.recommend(510000, inputs=what_if))
    unchanged = scorer.inputs.copy()
    pd.testing.assert_frame_equal(scorer.score_all(inputs=unchanged), scores)
    assert scorer.scored(inputs=what_if) is scorer.scored(inputs=what_if)  # cached by content


@pytest.mark.skipif(not ARTIFACT.exists(), reason="no saved model yet (run `hostfit train`)")
def test_saved_model_scores_and_explains():
    shipped = load_scorer()
    rec = shipped.recommend(510000, top=10)
    assert list(rec["rank"]) == list(range(1, 11))
    _assert_additive(rec)
    explained = shipped.explain(510000, rec.loc[0, "industry"])
    assert explained["rank"] == 1


def test_contributions_filled_on_demand_match_the_full_scoring():
    fresh = Scorer(toy_booster(), load_inputs())
    partial = fresh.recommend(360000, top=3)
    scored = fresh.scored()
    assert scored.contributions["base_value"].notna().sum() == 3  # only what was asked for
    full = fresh.score_all().set_index(["region", "industry"])
    again = full.loc[[(360000, ind) for ind in partial["industry"]], PILLAR_COLS].to_numpy()
    np.testing.assert_allclose(partial[PILLAR_COLS].to_numpy(), again, rtol=0, atol=1e-12)
