"""Content of the city report: the same numbers as `recommend --city`, sentences with units, English without Chinese."""

from __future__ import annotations

import re

import pytest

from models.board import Board
from models.city_answers import city_recommend_answer
from models.city_report import city_facts_sentence, city_report
from models.scoring import load_scorer

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def board() -> Board:
    return load_scorer().board(None)


@pytest.mark.parametrize("city", [360700, 110100, 460300, 652900])
def test_report_rows_are_the_recommend_answer_with_sentences(board, city):
    report = city_report(board, city, top=6)
    answer = city_recommend_answer(board, city, top=6)
    assert [r["industry"] for r in report["rows"]] == [i["industry"] for i in answer["industries"]]
    assert [r["score"] for r in report["rows"]] == [i["score"] for i in answer["industries"]]
    for row in report["rows"]:
        zh, en = row["reasons_zh"], row["reasons_en"]
        assert len(zh) == len(en) >= 5
        assert "分" in zh[0] and "/100" in en[0] and "0–1" in en[0]
        assert any("个开发区" in s for s in zh) and any("(2025 list)" in s for s in en)
        assert ("千吨/年" in "".join(zh)) == ("kt/yr" in "".join(en))
        assert "kt/yr" not in "".join(en) or row["industry"] == "H14"  # steel capacity only for steel
        assert not any(CJK.search(s) for s in en), en
        for alternative in row["alternatives"]:
            assert set(alternative) == {"industry", "name_zh", "name_en"}
    assert not CJK.search(report["facts_sentence"]["en"])


def test_facts_sentence_has_units_for_large_and_tiny_cities():
    big = city_facts_sentence({"population_2020": 8_970_014, "population_growth_pct": 7.19, "zones": 20,
                               "zones_declaring_manufacturing": 19})
    assert big["zh"].startswith("2020 年常住人口 897 万人（较 2010 年 +7.2%）") and "8.97 million" in big["en"]
    tiny = city_facts_sentence({"population_2020": 2333, "population_growth_pct": None, "zones": 0,
                                "zones_declaring_manufacturing": 0})
    assert "2,333 人" in tiny["zh"] and "2,333 persons" in tiny["en"] and "since 2010" not in tiny["en"]
