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
    assert meta["calibration"]["b"] > 0 and model.n_seeds >= 5
    assert "rolling-validation NDCG@5" in result.output


def test_evaluate_json_contract():
    result = runner.invoke(app, ["evaluate", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["protocols"]["rolling"] == ["2002-2007", "2007-2012", "2012-2017"]
    assert report["protocols"]["test"] == "2012-2017"
    assert set(report["methods"]) == {"model", *BASELINES}
    for method in report["methods"].values():
        for metric in ("ndcg@5", "ndcg@10", "p@5", "map"):
            low, high = method[metric]["ci"]
            assert low <= method[metric]["mean"] <= high
    assert report["paired"]["baseline"] in BASELINES and len(report["paired"]["ndcg@5"]["ci"]) == 2
    for protocol in ("rolling", "blocked_cv", "test"):
        assert {"xgain", "share"} <= set(report[protocol])
        assert isinstance(report["targets"][protocol]["met"], bool)
    assert report["primary_target"] == "share" and report["secondary_target"] == "xgain"
    assert report["methods"] == report["rolling"]["share"]["hosts"]["methods"]
    assert report["targets"]["rolling"]["best_baseline"] == report["fixed_baselines"]["share"]
    assert set(report["rolling_folds"]) == {"2002", "2007", "2012"}
    for fold in report["rolling_folds"].values():
        assert fold["share"]["hosts"]["best_baseline"] == report["fixed_baselines"]["share"]
    queries = report["industry_queries"]
    assert {"scale", "model", "density", "blend", "chosen", "random"} <= set(queries["pooled"]["methods"])
    assert set(queries["folds"]) == {"2002", "2007", "2012"} and queries["reference"] == "scale"
    assert report["default"]["sites_rule"] in queries["pooled"]["methods"]
    assert report["default"]["region_rule"] in report["default"]["region_validation"]
    for year, selection in report["selection"].items():
        assert all(v < int(year) for v in selection["validation_years"])
    assert report["calibration"]["b"] > 0
    wave = report["recent_wave"]
    assert wave["windows"] == ["2017-2022", "2017-2024"] and wave["model"]["last_transition_end"] == 2017
    assert wave["model"]["config"] == report["shipped_config"]["name"]
    for window in wave["windows"]:
        for query in ("region", "item"):
            result = wave["results"][window][query]
            assert {"model", "existing_output", "product_share", "density", "share_gap", "random"} <= set(
                result["methods"])
            assert ("national_size" in result["methods"]) == (query == "region")
            assert set(result["paired"]) == set(result["methods"]) - {"model"}
