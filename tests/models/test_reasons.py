"""主要理由: sentences from the largest contributions, with units and years."""

from __future__ import annotations

import re

import numpy as np
import pytest

from features.catalogue import feature_names
from models.reasons import TEMPLATES, Facts, _sentence, reasons, topic_of

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def board(toy_scorer):
    return toy_scorer.board()


def test_three_reasons_follow_the_largest_topics(board):
    got = reasons(board, 510000, "H19")
    assert len(got) == 3
    explained = board.explain(510000, "H19")
    totals = {}
    for item in explained["features"]:
        totals[topic_of(item["feature"])] = totals.get(topic_of(item["feature"]), 0.0) + item["points"]
    largest = sorted(totals, key=lambda t: -abs(totals[t]))[:3]
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
