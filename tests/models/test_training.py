"""Training: eligible features, rolling selection without leakage, determinism, the shipped model."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from models import training
from models.artifacts import ARTIFACT_DIR, META_FILE
from models.training import (CONFIGS, MIN_COVERAGE, Config, eligible_features, fit_ranker, rolling_predictions,
                             select_config, validation_years)
from tests.toy import TOY


def test_eligible_features_need_half_the_rows():
    frame = pd.DataFrame({"rca": [1.0, np.nan, 2.0, np.nan], "density": [np.nan, np.nan, np.nan, 1.0],
                          "product_share_trend": [1.0, 1.0, 1.0, 1.0]})
    assert eligible_features(frame, ("rca", "density", "product_share_trend")) == ["rca"]


def test_every_feature_of_the_shipped_model_is_observed_in_its_training_rows(frame):
    meta = json.loads((ARTIFACT_DIR / META_FILE).read_text(encoding="utf-8"))
    coverage = frame[meta["features"]].notna().mean()
    low = coverage[coverage < MIN_COVERAGE]
    assert low.empty, f"model features missing in > 50% of training rows: {low.round(2).to_dict()}"
    assert all(meta["coverage"][f] >= MIN_COVERAGE for f in meta["features"])


def test_rolling_predictions_never_train_on_the_scored_transition(frame, monkeypatch):
    seen = []
    real = training.fit_ranker

    def spy(rows, config):
        seen.append(sorted(int(y) for y in rows["year"].unique()))
        return real(rows, config)

    monkeypatch.setattr(training, "fit_ranker", spy)
    held = rolling_predictions(frame, TOY, [2007, 2012])
    assert seen == [[1997, 2002], [1997, 2002, 2007]]
    assert sorted(held["year"].unique()) == [2007, 2012]
    assert np.isfinite(held["centred"]).all()


def test_select_config_defaults_to_the_first_without_validation(frame):
    choice = select_config(frame.loc[frame["year"] == 1997], [])
    assert choice.config is CONFIGS[0] and choice.held is None
    assert [row["selected"] for row in choice.record] == [True] + [False] * (len(CONFIGS) - 1)
    assert validation_years(frame) == [2002, 2007, 2012]
    assert validation_years(frame, before=2012) == [2002, 2007]


def test_select_config_picks_the_best_validation_score(frame):
    worse = Config("one_tree", "a single stump", {"n_estimators": 1, "num_leaves": 2, "n_seeds": 1,
                                                   "min_child_samples": 200})
    choice = select_config(frame.loc[frame["year"] <= 2007], [2007], (worse, TOY))
    scores = {row["config"]: row["ndcg@5"] for row in choice.record}
    assert choice.config.name == max(scores, key=scores.get)
    assert len(choice.held) == int((frame["year"] == 2007).sum())


def test_training_is_bit_identical(frame):
    first = fit_ranker(frame.loc[frame["year"] <= 2007], TOY)
    second = fit_ranker(frame.loc[frame["year"] <= 2007].copy(), TOY)
    assert first.booster_.model_to_string() == second.booster_.model_to_string()
    rows = frame.loc[frame["year"] == 2012]
    assert np.array_equal(first.predict(rows), second.predict(rows))


@pytest.mark.slow
def test_the_shipped_model_is_reproduced_by_training(frame):
    meta = json.loads((ARTIFACT_DIR / META_FILE).read_text(encoding="utf-8"))
    model, metadata = training.train_shipped(frame)
    assert metadata["config"] == meta["config"] and list(model.feature_names_in_) == meta["features"]
    saved = (ARTIFACT_DIR / meta["model_file"]).read_text(encoding="utf-8")
    assert model.booster_.model_to_string() == saved
    assert metadata["calibration"]["a"] == pytest.approx(meta["calibration"]["a"])
