"""`hostfit recommend` and `hostfit sites`: JSON contract, names, origins, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import models.api
from app.cli import app
from features.catalogue import PILLARS
from models.artifacts import ArtifactError
from models.crowding import LEVELS

runner = CliRunner()
ARTIFACT = Path(__file__).resolve().parents[2] / "models" / "artifacts" / "hostfit_ranker.txt"
MANUFACTURING = {f"H{i:02d}" for i in range(6, 22)}


@pytest.fixture(autouse=True)
def use_toy_scorer(monkeypatch, toy_scorer):
    import app.cli_recommend

    monkeypatch.setattr(models.api, "load_scorer", lambda: toy_scorer)
    monkeypatch.setattr(app.cli_recommend, "precomputed", lambda *args: None)  # compute with the toy model


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check_item(item: dict, base: float) -> None:
    assert isinstance(item["rank"], int) and 0 < item["score"] < 100
    assert list(item["pillars"]) == list(PILLARS)
    assert base + sum(item["pillars"].values()) == pytest.approx(item["score"], abs=0.05)
    assert item["crowding_level"] in LEVELS and item["declared"]["level"] in LEVELS
    assert isinstance(item["crowding_count"], int) and len(item["rivals"]) == item["crowding_count"]
    assert len(item["declared"]["rivals"]) == item["declared"]["count"]
    assert isinstance(item["green_flag"], bool)


def test_recommend_json_contract(toy_scorer):
    out = _json(["recommend", "--region", "四川", "--json"])
    assert (out["region"], out["name_zh"], out["name_en"]) == (510000, "四川省", "Sichuan")
    assert out["as_of"] == toy_scorer.inputs.latest_year
    assert out["vintage"]["io_year"] == 2017 and out["vintage"]["as_of"] == out["as_of"]
    items = out["industries"]
    assert [i["rank"] for i in items] == list(range(1, 17))
    assert {i["industry"] for i in items} == MANUFACTURING
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)
    for item in items:
        _check_item(item, out["base_score"])
        assert 510000 not in item["rivals"] and all(isinstance(o, int) for o in item["origins"])
        assert (item["alternatives"] != []) <= (item["crowding_level"] == "high")
    assert sorted(i["scale_rank"] for i in items) == list(range(1, 17))
    assert set(out["digital_track"]) >= {"hub", "clean_power_share"} and len(out["resource_base"]) == 7


@pytest.mark.parametrize("name", ["510000", "四川省", "Sichuan", "sichuan"])
def test_recommend_accepts_codes_and_names(name):
    out = _json(["recommend", "--region", name, "--top", "3", "--json"])
    assert out["region"] == 510000 and [i["rank"] for i in out["industries"]] == [1, 2, 3]


def test_recommend_as_of_a_past_year():
    out = _json(["recommend", "--region", "Jiangxi", "--top", "5", "--as-of", "2012", "--json"])
    assert out["as_of"] == 2012 and len(out["industries"]) == 5 and out["vintage"]["io_year"] == 2012


def test_sites_json_contract_hosts_only_by_default():
    out = _json(["sites", "--industry", "H19", "--json"])
    assert out["industry"] == "H19" and out["name_en"].startswith("Communication") and out["hosts_only"]
    regions = out["regions"]
    assert [r["rank"] for r in regions] == list(range(1, 22))
    assert all(r["macro_region"] != "East" for r in regions)
    scores = [r["score"] for r in regions]
    assert scores == sorted(scores, reverse=True)
    assert out["origin"] is None and all(isinstance(r["region"], int) for r in out["shedding"])
    everything = _json(["sites", "--industry", "H19", "--all-regions", "--json"])
    assert len(everything["regions"]) == 31


def test_sites_from_an_origin():
    out = _json(["sites", "--industry", "H19", "--from", "广东", "--top", "10", "--json"])
    assert len(out["regions"]) == 10 and out["origin"]["region"] == 440000
    assert out["origin"]["change"] == pytest.approx(out["origin"]["share_now"] - out["origin"]["share_before"])
    for region in out["regions"]:
        assert region["distance_km"] > 0 and isinstance(region["origin_push_points"], float)
    text = runner.invoke(app, ["sites", "--industry", "H19", "--from", "Guangdong", "--top", "3"])
    assert text.exit_code == 0 and "origin Guangdong" in text.output and "nearer hosts move up" in text.output


def test_sites_say_which_rule_orders_them():
    out = _json(["sites", "--industry", "H19", "--top", "3", "--json"])
    assert out["ordering"]["rule"] == "model" and "排序依据" in out["ordering"]["zh"]  # the toy scorer's default
    assert all(isinstance(r["rule_rank"], int) for r in out["regions"])
    text = runner.invoke(app, ["sites", "--industry", "H19", "--top", "3"])
    assert "ordered by the model's fit score" in text.output


def test_recommend_says_which_rule_orders_the_list():
    out = _json(["recommend", "--region", "四川", "--top", "3", "--json"])
    assert out["ordering"]["rule"] == "model"  # the toy scorer's default; the shipped one is chosen by validation
    assert "ordered by the model's fit score" in runner.invoke(app, ["recommend", "--region", "四川"]).output


def test_origins_change_the_sites_order():
    lists = {o: [r["region"] for r in _json(["sites", "--industry", "H19", "--from", o, "--json"])["regions"]]
             for o in ("广东", "上海")}
    assert lists["广东"] != lists["上海"]


@pytest.mark.parametrize(("origin", "kind", "provinces"), [("深圳", "city", [440000]), ("东莞", "city", [440000]),
                                                           ("苏州", "city", [320000]), ("珠三角", "cluster", [440000]),
                                                           ("长三角", "cluster", [310000, 320000, 330000])])
def test_sites_from_a_city_or_a_delta(origin, kind, provinces):
    out = _json(["sites", "--industry", "H18", "--from", origin, "--top", "5", "--json"])
    assert out["origin"]["kind"] == kind and out["origin"]["provinces"] == provinces
    assert not set(provinces) & {r["region"] for r in out["regions"]}
    assert all(r["distance_km"] > 0 for r in out["regions"])


@pytest.mark.parametrize("name", ["H19", "19", "通信设备、计算机和其他电子设备", "电子"])
def test_sites_accepts_codes_and_names(name):
    assert _json(["sites", "--industry", name, "--top", "2", "--json"])["industry"] == "H19"


def test_text_output_has_full_names_and_the_vintage():
    result = runner.invoke(app, ["recommend", "--region", "Guangxi", "--top", "4"])
    assert result.exit_code == 0, result.output
    assert "广西" in result.output and "2017 IO tables" in result.output
    assert "Communication equipment, computers & electronics" in result.output or \
        "Food, beverages & tobacco" in result.output
    result = runner.invoke(app, ["sites", "--industry", "H06", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "host regions" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["recommend", "--region", "Sichaun"], "Sichuan"),
    (["recommend", "--region", "四州"], "close matches"),
    (["sites", "--industry", "electroncs"], "close matches"),
    (["sites", "--industry", "H30"], "not a candidate"),
    (["sites", "--industry", "H02"], "not a candidate"),
    (["sites", "--industry", "H19", "--from", "Atlantis"], "close matches"),
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

    monkeypatch.setattr(models.api, "load_scorer", missing)
    result = runner.invoke(app, ["recommend", "--region", "Sichuan"])
    assert result.exit_code == 2 and "hostfit train" in result.output


@pytest.mark.skipif(not ARTIFACT.exists(), reason="no saved model yet (run `hostfit train`)")
def test_recommend_with_the_saved_model_in_a_fresh_process():
    command = [sys.executable, "-c", "from app.cli import main; main()",
               "recommend", "--region", "Xinjiang", "--top", "10", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["region"] == 650000 and [i["rank"] for i in out["industries"]] == list(range(1, 11))
    for item in out["industries"]:
        _check_item(item, out["base_score"])


def test_sites_says_how_an_everyday_word_was_read():
    result = runner.invoke(app, ["sites", "--industry", "光伏", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("H18 ")
    assert "note / 说明: 近似：光伏电池与组件属于电气机械和器材（H18）" in result.stdout
    out = json.loads(runner.invoke(app, ["sites", "--industry", "新能源汽车", "--top", "3", "--json"]).stdout)
    assert out["industry"] == "H17" and out["name_note"].startswith("近似：整车属于交通运输设备（H17）")
    exact = json.loads(runner.invoke(app, ["sites", "--industry", "H19", "--top", "3", "--json"]).stdout)
    assert exact["name_note"] is None
