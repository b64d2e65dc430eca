"""The default chain weights are the validation's choice (rolling IO transitions at group level)."""

from __future__ import annotations

import pandas as pd
import pytest

from models.chain_validation import candidate_weights, nested_choice, summary
from models.chains import DEFAULT_STRATEGY, STRATEGIES, VALIDATION


def test_candidate_grid():
    grid = candidate_weights()
    assert all(abs(c.fit + c.attract + c.crowd - 1) < 1e-9 and c.fit >= 0.2 and c.crowd <= 0.3 for c in grid)
    every = candidate_weights(every_axis=True)
    assert all(c.attract >= 0.1 and c.crowd >= 0.1 for c in every) and len(every) < len(grid)


def test_nested_choice_uses_past_years_only():
    result = pd.DataFrame({"candidate": ["a", "b"] * 3, "fit": 0.5, "attract": 0.3, "crowd": 0.2,
                           "year": [2002, 2002, 2007, 2007, 2012, 2012], "ndcg@5": [0.9, 0.1, 0.2, 0.8, 0.1, 0.9]})
    nested = nested_choice(result)
    assert list(nested["chosen"]) == ["a", "a"]  # 2007: best in 2002; 2012: best mean of 2002–07 (0.55 vs 0.45)
    assert list(nested["ndcg@5"]) == [0.2, 0.1] and list(nested["best_possible"]) == [0.8, 0.9]


def test_default_weights_are_the_validated_choice(frame):
    from features.build import arrays_of
    from features.inputs import load_inputs
    from models.evaluation import evaluation_hosts, rolling_scores

    rolled, _ = rolling_scores(frame)
    result = summary(arrays_of(load_inputs()), rolled, evaluation_hosts(frame))["share"]
    default = STRATEGIES[DEFAULT_STRATEGY]
    assert result["best_every_axis_weights"] == {"fit": default.fit, "attract": default.attract,
                                                 "crowd": default.crowd} == VALIDATION["chosen"]
    assert result["mean"][result["best_every_axis"]] == pytest.approx(VALIDATION["ndcg@5_share"]["chosen"], abs=5e-4)
    assert result["mean"]["model"] == pytest.approx(VALIDATION["ndcg@5_share"]["model"], abs=5e-4)
