"""`hostfit train` and `hostfit evaluate`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from app.cli import app
from models.artifacts import load_model
from models.baselines import BASELINES

runner = CliRunner()


def test_train_saves_a_loadable_model(tmp_path):
    result = runner.invoke(app, ["train", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    model, meta = load_model(tmp_path)
    assert meta["train_transitions"][-1] == "2012-2017" and model.n_features_in_ == len(meta["features"])


def test_evaluate_json_contract():
    result = runner.invoke(app, ["evaluate", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["test_transition"] == "2012-2017"
    assert set(report["methods"]) == {"model", *BASELINES}
    for method in report["methods"].values():
        for metric in ("ndcg@5", "ndcg@10", "p@5", "map"):
            low, high = method[metric]["ci"]
            assert low <= method[metric]["mean"] <= high
    assert report["paired"]["baseline"] in BASELINES and len(report["paired"]["ndcg@5"]["ci"]) == 2
    assert {"graded", "activation"} <= set(report["test"]) and {"graded", "activation"} <= set(report["cv"])
    assert any(row["selected"] for row in report["validation"])
    assert isinstance(report["target"]["met"], bool)
