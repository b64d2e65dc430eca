"""主要理由: sentences from the largest contributions, with units and years."""

from __future__ import annotations

import re

import numpy as np
import pytest

from features.catalogue import directions, feature_names, spec
from models.reasons import TEMPLATES, Facts, _sentence, reasons, stated, topic_of

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def board(toy_scorer):
    return toy_scorer.board()


def test_three_reasons_follow_the_largest_stated_topics(board):
    got = reasons(board, 510000, "H19")
    assert len(got) == 3
    explained = board.explain(510000, "H19")
    totals, values = {}, {}
    for item in explained["features"]:
        totals[topic_of(item["feature"])] = totals.get(topic_of(item["feature"]), 0.0) + item["points"]
        values[item["feature"]] = item["value"]
    values.update({k: v for k, v in explained["context"].items() if k not in values})
    largest = [t for t in sorted(totals, key=lambda t: -abs(totals[t])) if stated(t, values.get(t), totals[t])][:3]
    assert [r.topic for r in got] == largest
    for reason in got:
        assert reason.points == pytest.approx(totals[reason.topic])
        assert ("推高" if reason.points >= 0 else "拉低") in reason.zh
        assert f"{abs(reason.points):.1f}" in reason.zh and f"{abs(reason.points):.1f}" in reason.en
        assert not CJK.search(reason.en), reason.en
        assert "：" in reason.zh


def test_every_model_topic_has_a_template():
    topics = {topic_of(f) for f in feature_names()}
    missing = {t for t in topics if t not in TEMPLATES} - {"rd_intensity", "researchers_per_10k", "patents_per_10k",
                                                           "state_key_labs", "universities", "import_substitution",
                                                           "retail_per_capita", "power_per_capita",
                                                           "product_share_trend"}
    assert not missing, missing


def test_template_by_hand():
    facts = Facts(value=float(np.log(4_755 * 1e4)), rank=7, n_ranked=31, industry_zh="电子", industry_en="electronics",
                  io_year=2017, before_year=2012, as_of=2024)
    reason = _sentence("log_output", 3.04, facts)
    assert reason.zh == "现有产业规模：本省电子产出 4,755 亿元（2017 年），居全国第 7 位（推高 3.0 分）"
    assert reason.en == ("Existing output: the province's electronics output was 475.5 billion yuan in "
                         "2017, 7th of 31 provinces (raises the score by 3.0 points)")
    trend = _sentence("east_share_trend", -1.25, Facts(-4.5, None, 0, "电子", "electronics", 2017, 2012, 2024))
    assert trend.zh == "东部迁出趋势：2012–2017 年东部份额下降 4.5 个百分点（拉低 1.2 分）"


def test_missing_value_falls_back_to_a_plain_sentence():
    reason = _sentence("log_output", 0.5, Facts(float("nan"), None, 0, "电子", "electronics", 2017, 2012, 2024))
    assert "无数据" in reason.zh and "no data" in reason.en


@pytest.mark.parametrize(("topic", "value", "points", "shown"), [
    ("labour_cost_ratio", 2.22, 7.0, False),  # 贵州 H06: a dearer labour cost never raises the score
    ("labour_cost_ratio", 2.22, -1.0, True),
    ("labour_cost_ratio", 0.8, 2.0, True),
    ("labour_cost_ratio", 0.8, -2.0, False),
    ("labour_cost_ratio", 1.0, 0.5, False),  # at the national level it explains nothing
    ("cost_vs_east", 1.3, 0.4, False),
    ("east_cost_gap", 1.3, 0.4, True),
    ("coal_grid_flag", 1.0, 0.3, False),
    ("coal_grid_flag", 0.0, 0.3, False),
    ("resource_match", 0.0, 9.0, False),  # 湖南 H19: a zero match index is no reason for a higher score
    ("resource_match", 0.0012, 3.9, False),  # printed as 0.00
    ("resource_match", 0.2, 3.9, True),
    ("resource_match", 0.0, -1.0, True),
    ("resource_match", float("nan"), 1.0, False),
    ("log_output", 12.0, 0.0, False),
    ("log_output", 12.0, 3.0, True),
])
def test_which_contributions_may_be_stated(topic, value, points, shown):
    assert stated(topic, value, points) is shown


def test_directed_features_carry_a_neutral_value():
    directed = directions()
    assert {"labour_cost_ratio", "labour_cost_ratio_rank_in_region", "region_labour_share", "cost_vs_east"} <= {
        f for f, d in directed.items() if d < 0}
    for name in directed:
        assert spec(name).neutral is not None


def _direction_ok(topic: str, value, points: float) -> bool:
    """Independent statement of the rule: a directed topic's points follow its expected sign for the value
    shown, and no missing or zero value is shown as pushing the score up."""
    if value is None or np.isnan(value):
        return points < 0
    if points > 0 and abs(value) < 0.005:  # printed as 0.00
        return False
    direction = directions().get(topic, 0)
    if not direction:
        return True
    return np.sign(points) == np.sign(direction * (value - spec(topic).neutral)) != 0


def test_no_shown_reason_contradicts_its_features_direction():
    from models.scoring import load_scorer

    scorer = load_scorer()
    board = scorer.board()
    checked = directed = 0
    for region in scorer.arrays.hosts:
        for industry in scorer.arrays.candidates:
            explained = board.explain(region, industry)
            values = {item["feature"]: item["value"] for item in explained["features"]}
            values.update({k: v for k, v in explained["context"].items() if k not in values})
            shown = reasons(board, region, industry, n=10)  # beyond the three the app shows
            assert len(shown) >= 3, (region, industry)
            for reason in shown:
                value = values.get(reason.topic)
                value = float("nan") if value is None else float(value)
                assert _direction_ok(reason.topic, value, reason.points), (region, industry, reason.zh)
                checked += 1
                directed += reason.topic in directions()
    assert checked >= 3 * len(scorer.arrays.hosts) * len(scorer.arrays.candidates)
    assert directed > 0  # directed features do appear as reasons, in their direction


def test_the_shipped_model_is_monotone_in_every_directed_feature():
    from models.artifacts import load_model

    ranker, _ = load_model()
    used = set(ranker.feature_names_in_)
    expected = {f: d for f, d in directions().items() if f in used}
    assert expected and all(ranker.monotone.get(f) == d for f, d in expected.items())
