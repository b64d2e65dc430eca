"""Evaluation plumbing on toy scores, the nested rolling protocol, the blocked CV and the bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import evaluation
from models.baselines import BASELINES
from models.evaluation import (blocked_cv_scores, paired_difference, per_region, report, rolling_scores,
                               summarise_methods, target_check)
from tests.toy import TOY


def _scores() -> pd.DataFrame:
    rows = []
    for region in (1, 2, 3):
        for i in range(6):
            grade = 0 if region == 3 else [4, 3, 1, 0, 0, 0][i]
            rows.append({"region": region, "industry": f"H{i:02d}", "year": 2012, "macro_region": "West",
                         "xgain": grade - 1.0, "share_change": grade - 1.0, "grade": grade, "top_gainer": int(grade >= 3),
                         "grade_share": grade, "top_gainer_share": int(grade >= 3), "model": 6 - i,
                         **{b: i for b in BASELINES if b != "random"}})
    return pd.DataFrame(rows)


def test_per_region_drops_all_zero_queries_and_pairs():
    table = per_region(_scores())
    assert sorted(table["region"].unique()) == [1, 2]  # region 3 has no gainer
    model = table.loc[table["method"] == "model"]
    assert np.allclose(model["ndcg@5"], 1.0)
    summary = summarise_methods(table, [1, 2])
    assert summary["model"]["ndcg@5"]["mean"] == 1.0 and set(summary) == {"model", *BASELINES}
    diff = paired_difference(table, [1, 2], "model", "density")
    assert diff["ndcg@5"]["mean"] > 0 and diff["ndcg@5"]["ci"][0] > 0


def test_random_is_the_expectation_not_a_draw():
    table = per_region(_scores()).set_index(["region", "method"])
    # 2 relevant (top gainers) of 6: expected P@5 = (2/6)·5/2
    assert table.loc[(1, "random"), "p@5"] == pytest.approx(2 / 6 * 5 / 2)


def test_target_check_reads_each_protocol_on_the_scale_free_target():
    def hosts(model, base, low, high):
        return {"hosts": {"best_baseline": "scale", "methods": {"model": {"ndcg@5": {"mean": model}},
                                                                "scale": {"ndcg@5": {"mean": base}}},
                          "paired": {"ndcg@5": {"ci": [low, high]}}}}

    def block(model, base, low, high):  # the secondary xgain target says the opposite and must not be read
        return {"share": hosts(model, base, low, high), "xgain": hosts(base, model, -high, -low)}

    result = target_check(block(0.60, 0.50, 0.02, 0.2), block(0.55, 0.5, -0.01, 0.1), block(0.45, 0.5, -0.2, 0.01))
    assert result["rolling"]["met"] and not result["blocked_cv"]["met"] and result["test"]["met"]
    assert not result["met"] and result["rolling"]["ratio"] == pytest.approx(1.2)
    assert result["target"] == "share"


def test_rolling_scores_select_on_earlier_transitions_only(frame, monkeypatch):
    monkeypatch.setattr(evaluation, "CONFIGS", (TOY,))
    scores, selections = rolling_scores(frame, years=(2002, 2007), configs=(TOY,))
    assert sorted(scores["year"].unique()) == [2002, 2007]
    assert selections[2002]["validation_years"] == [] and selections[2007]["validation_years"] == [2002]
    assert {"model", *[b for b in BASELINES if b != "random"], "centred"} <= set(scores.columns)
    hosts = sorted(scores.loc[scores["macro_region"].isin(("Central", "West")), "region"].unique())
    out = report(scores, hosts)
    assert set(out) == {"xgain", "share"}
    assert out["xgain"]["hosts"]["n_regions"] == len(hosts)


def test_blocked_cv_leaves_the_region_and_the_period_out(frame, monkeypatch):
    seen = []
    real = evaluation.fit_ranker

    def spy(rows, config):
        seen.append(rows)
        return real(rows, config)

    monkeypatch.setattr(evaluation, "fit_ranker", spy)
    part = frame.loc[frame["region"].isin([510000, 520000, 440000]) & frame["year"].isin([2007, 2012])]
    scores = blocked_cv_scores(part, TOY)
    assert len(seen) == 6 and len(scores) == len(part)
    held = list(part.groupby(["year", "region"]).groups)
    for rows, (year, region) in zip(seen, sorted(held)):
        assert region not in set(rows["region"]) and year not in set(rows["year"])
