"""The model card renders the saved evaluation in both languages."""

from __future__ import annotations

from models.model_card import render
from models.reporting import card_text, load_evaluation


def test_card_renders_every_protocol_in_both_languages():
    evaluation = load_evaluation()
    english, chinese = render(evaluation, "en"), render(evaluation, "zh")
    for title in ("Rolling out-of-time", "Blocked leave-region-out CV", "Single test 2012→2017"):
        assert title in english
    for title in ("滚动样本外", "分块留一省交叉验证", "单次检验"):
        assert title in chinese
    rolling = evaluation["targets"]["rolling"]
    assert f"{rolling['model']:.3f}" in english and f"{rolling['model']:.3f}" in chinese
    assert "national_size" in english and "全国产业规模" in chinese


def test_committed_cards_match_the_saved_evaluation():
    evaluation = load_evaluation()
    assert card_text("en") == render(evaluation, "en")
    assert card_text("zh") == render(evaluation, "zh")
