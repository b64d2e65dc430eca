"""`hostfit recommend` and `hostfit sites`: JSON contract, names, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import models.scoring
from app.cli import app
from features.catalogue import PILLARS
from features.inputs import load_inputs
from models.artifacts import ArtifactError
from models.crowding import LEVELS
from models.scoring import Scorer
from tests.models.test_explain import toy_booster

runner = CliRunner()
ARTIFACT = Path(__file__).resolve().parents[2] / "models" / "artifacts" / "hostfit_ranker.txt"


@pytest.fixture(scope="module")
def toy_scorer() -> Scorer:
    return Scorer(toy_booster(), load_inputs())


@pytest.fixture(autouse=True)
def use_toy_scorer(monkeypatch, toy_scorer):
    monkeypatch.setattr(models.scoring, "load_scorer", lambda: toy_scorer)


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check_item(item: dict) -> None:
    assert isinstance(item["rank"], int) and isinstance(item["score"], float)
    assert isinstance(item["base_value"], float)
    assert list(item["pillars"]) == list(PILLARS)
    assert all(isinstance(v, float) for v in item["pillars"].values())
    assert item["base_value"] + sum(item["pillars"].values()) == pytest.approx(item["score"], abs=1e-6)
    assert item["crowding_level"] in LEVELS
    assert isinstance(item["crowding_count"], int) and isinstance(item["crowding_weighted"], float)
    assert all(isinstance(r, int) for r in item["rivals"])
    assert len(item["rivals"]) == item["crowding_count"]
    assert isinstance(item["green_flag"], bool)


def test_recommend_json_contract(toy_scorer):
    out = _json(["recommend", "--region", "四川", "--json"])
    assert (out["region"], out["name_zh"], out["name_en"]) == (510000, "四川省", "Sichuan")
    assert out["as_of"] == toy_scorer.inputs.latest_year
    items = out["industries"]
    assert [i["rank"] for i in items] == list(range(1, 25))
    assert len({i["industry"] for i in items}) == 24
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    for item in items:
        _check_item(item)
        assert item["industry"].startswith("H") and item["name_zh"] and item["name_en"]
        assert 510000 not in item["rivals"]
        assert all(isinstance(a, str) for a in item["alternatives"])
        assert all(isinstance(o, int) for o in item["origins"])
        assert (item["alternatives"] != []) <= (item["crowding_level"] == "high")


@pytest.mark.parametrize("name", ["510000", "四川省", "Sichuan", "sichuan"])
def test_recommend_accepts_codes_and_names(name):
    out = _json(["recommend", "--region", name, "--top", "3", "--json"])
    assert out["region"] == 510000 and [i["rank"] for i in out["industries"]] == [1, 2, 3]


def test_recommend_as_of_a_past_year():
    out = _json(["recommend", "--region", "Jiangxi", "--top", "5", "--as-of", "2012", "--json"])
    assert out["as_of"] == 2012 and len(out["industries"]) == 5


def test_sites_json_contract():
    out = _json(["sites", "--industry", "H19", "--json"])
    assert out["industry"] == "H19" and out["name_en"].startswith("Communication")
    assert "z-score" in out["site_score"]
    assert all(isinstance(o, int) for o in out["origins"])
    regions = out["regions"]
    assert [r["rank"] for r in regions] == list(range(1, 32))
    assert len({r["region"] for r in regions}) == 31
    site = [r["site_score"] for r in regions]
    assert site == sorted(site, reverse=True)
    for region in regions:
        _check_item(region)
        assert isinstance(region["region"], int) and region["macro_region"] in {"East", "Central", "West",
                                                                                 "Northeast"}
        assert 1 <= region["region_rank"] <= 24
        assert region["region"] not in region["rivals"]


@pytest.mark.parametrize("name", ["H19", "19", "通信设备、计算机和其他电子设备", "电子"])
def test_sites_accepts_codes_and_names(name):
    assert _json(["sites", "--industry", name, "--top", "2", "--json"])["industry"] == "H19"


def test_text_output():
    result = runner.invoke(app, ["recommend", "--region", "Guangxi", "--top", "4"])
    assert result.exit_code == 0, result.output
    assert "广西" in result.output and len(result.output.strip().splitlines()) == 2 + 4
    result = runner.invoke(app, ["sites", "--industry", "H06", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 2 + 3


@pytest.mark.parametrize(("args", "message"), [
    (["recommend", "--region", "Sichaun"], "Sichuan"),
    (["recommend", "--region", "四州"], "close matches"),
    (["sites", "--industry", "electroncs"], "close matches"),
    (["sites", "--industry", "H30"], "not a candidate"),
    (["recommend", "--region", "Sichuan", "--as-of", "1950"], "outside the data"),
    (["sites", "--industry", "H19", "--top", "0"], "--top"),
])
def test_bad_input_is_a_clear_error(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_missing_model_is_a_clear_error(monkeypatch):
    def missing():
        raise ArtifactError("no saved model at models/artifacts/hostfit_ranker.json; run `hostfit train`")

    monkeypatch.setattr(models.scoring, "load_scorer", missing)
    result = runner.invoke(app, ["recommend", "--region", "Sichuan"])
    assert result.exit_code == 2 and "hostfit train" in result.output


@pytest.mark.skipif(not ARTIFACT.exists(), reason="no saved model yet (run `hostfit train`)")
def test_recommend_with_the_saved_model_in_a_fresh_process():
    command = [sys.executable, "-c", "from app.cli import main; main()",
               "recommend", "--region", "Xinjiang", "--top", "10", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["region"] == 650000 and [i["rank"] for i in out["industries"]] == list(range(1, 11))
    for item in out["industries"]:
        _check_item(item)
