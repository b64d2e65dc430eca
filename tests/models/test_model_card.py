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


def test_card_shows_the_recent_wave_and_says_plainly_who_wins():
    from models.recent_wave_card import verdict

    evaluation = load_evaluation()
    english, chinese = render(evaluation, "en"), render(evaluation, "zh")
    assert "## Recent wave" in english and "## 近期检验" in chinese
    for window in ("2017→2022", "2017→2024"):
        assert f"### {window} · region queries" in english and f"### {window} · 省内排序" in chinese
    for by_query in evaluation["recent_wave"]["results"].values():
        for result in by_query.values():
            words = {"better": ("the model beats existing output", "模型优于现有产出"),
                     "worse": ("the model is worse than existing output", "模型差于现有产出"),
                     "ahead": ("ahead of existing output but not significantly", "略高于现有产出但不显著"),
                     "behind": ("does not beat existing output", "模型未胜过现有产出")}[verdict(result)]
            assert words[0] in english and words[1] in chinese
    below = [r for q in evaluation["recent_wave"]["results"].values() for r in q.values()
             if r["methods"]["model"]["ndcg@5"]["mean"] < r["methods"]["random"]["ndcg@5"]["mean"]]
    assert english.count("below the random expectation") == len(below) == chinese.count("此处模型低于随机排序的期望值")


def test_recent_wave_verdict_reads_the_paired_interval():
    from models.recent_wave_card import verdict

    def result(mean, low, high):
        return {"paired": {"existing_output": {"ndcg@5": {"mean": mean, "ci": [low, high]}}}}

    assert verdict(result(0.1, 0.02, 0.2)) == "better"
    assert verdict(result(-0.1, -0.2, -0.01)) == "worse"
    assert verdict(result(0.05, -0.05, 0.15)) == "ahead"
    assert verdict(result(-0.05, -0.15, 0.05)) == "behind"
