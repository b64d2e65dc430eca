"""`hostfit recommend --city` and `hostfit sites --level city`: JSON contract, names, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from data import load_table

runner = CliRunner()
ARTIFACT = Path(__file__).resolve().parents[2] / "models" / "artifacts" / "hostfit_ranker.txt"
MANUFACTURING = {f"H{i:02d}" for i in range(6, 22)}

pytestmark = pytest.mark.skipif(not ARTIFACT.exists(), reason="no saved model yet (run `hostfit train`)")


def _reject_nan(token: str):
    raise AssertionError(f"non-JSON number {token} in the output")


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout, parse_constant=_reject_nan)


def _zones_declaring(code: str) -> int:
    zones = load_table("city_zones")
    return int(zones["industries"].fillna("").str.split("|").map(lambda c: code in c).sum())


def test_recommend_city_json_contract():
    out = _json(["recommend", "--city", "赣州", "--json"])
    assert (out["city"], out["name_zh"], out["name_en"], out["province"]) == (360700, "赣州市", "Ganzhou", 360000)
    assert out["level"] == "city" and out["province_zh"] == "江西省"
    assert "presence-based estimates, not output" in out["note"]["en"] and "并非产出" in out["note"]["zh"]
    vintage = out["vintage"]
    assert (vintage["zones_year"], vintage["firms_year"], vintage["census_years"]) == (2018, 2025, [2010, 2020])
    assert vintage["province"]["io_year"] == 2017 and vintage["province"]["as_of"] == out["as_of"]
    assert out["method"]["slope"] == 3.0 and sum(out["method"]["weights"].values()) == pytest.approx(1.0)
    assert {"score", "evidence", "zones_weighted", "distance_km"} <= set(out["units"])
    items = out["industries"]
    assert [i["rank"] for i in items] == list(range(1, 17)) and {i["industry"] for i in items} == MANUFACTURING
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True) and all(0 < s < 100 for s in scores)
    for item in items:
        assert 0 <= item["evidence"] <= 1 and 0 < item["province_score"] < 100
        assert item["crowding"]["level"] in {"low", "medium", "high"}
        assert (item["crowding"]["alternatives"] != []) <= (item["crowding"]["level"] == "high")
        assert item["zones_nationwide"] == _zones_declaring(item["industry"])
        assert item["nationwide_sentence"]["zh"] == (f"全国 {item['zones_nationwide']} 个开发区把{item['industry_zh']}"
                                                    f"列为主导产业（2018 年开发区目录）")
        assert isinstance(item["listed_firms"], int) and "distance_km" not in item


@pytest.mark.parametrize("name", ["赣州", "赣州市", "360700", "Ganzhou", "ganzhou", "江西赣州", "Ganzhou, Jiangxi"])
def test_recommend_city_resolves_names(name):
    out = _json(["recommend", "--city", name, "--top", "3", "--json"])
    assert out["city"] == 360700 and [i["rank"] for i in out["industries"]] == [1, 2, 3]


@pytest.mark.parametrize(("name", "code"), [("Suzhou, Jiangsu", 320500), ("安徽宿州", 341300), ("重庆", 500100),
                                            ("Urumqi", 650100), ("巴音郭楞", 652800), ("Xiamen", 350200),
                                            ("Bengbu", 340300), ("Lu'an", 341500), ("Haerbin", 230100)])
def test_recommend_city_other_names(name, code):
    assert _json(["recommend", "--city", name, "--top", "1", "--json"])["city"] == code


def test_sites_city_level_in_a_province():
    out = _json(["sites", "--industry", "H19", "--level", "city", "--province", "河南", "--top", "10", "--json"])
    assert out["industry"] == "H19" and out["level"] == "city" and out["province"] == 410000
    assert out["zones_nationwide"] == _zones_declaring("H19") and out["origin"] is None and not out["hosts_only"]
    cities = out["cities"]
    assert [c["rank"] for c in cities] == list(range(1, 11))
    assert all(c["province"] == 410000 and c["province_zh"] == "河南省" for c in cities)
    scores = [c["score"] for c in cities]
    assert scores == sorted(scores, reverse=True) and all(0 < s < 100 for s in scores)
    assert len({c["province_score"] for c in cities}) == 1  # one province, one province score
    assert "presence-based" in out["note"]["en"] and out["vintage"]["zones_year"] == 2018


def test_sites_city_level_from_an_origin():
    out = _json(["sites", "--industry", "电子", "--level", "city", "--province", "Henan", "--from", "广东", "--top", "5",
                 "--json"])
    assert out["origin"]["region"] == 440000 and len(out["cities"]) == 5
    assert all(c["distance_km"] > 500 and 0 < c["components"]["distance"] < 1 for c in out["cities"])
    assert "distance" in out["method"]["weights"]


def test_sites_city_level_nationwide_hosts_only():
    out = _json(["sites", "--industry", "H18", "--level", "city", "--top", "30", "--from", "Guangdong", "--json"])
    hosts = load_table("regions")
    hosts = set(hosts.loc[hosts["host"].astype(bool), "region"].astype(int))
    assert out["province"] is None and out["hosts_only"] and len(out["cities"]) == 30
    assert {c["province"] for c in out["cities"]} <= hosts
    everything = _json(["sites", "--industry", "H18", "--level", "city", "--all-regions", "--from", "广东", "--json"])
    provinces = {c["province"] for c in everything["cities"]}
    assert 440000 not in provinces and 320000 in provinces


def test_text_output_has_names_vintage_and_note():
    result = runner.invoke(app, ["recommend", "--city", "赣州市", "--top", "5"])
    assert result.exit_code == 0, result.output
    assert "赣州市 Ganzhou (360700)" in result.output and "2018 catalogue" in result.output
    assert "presence-based estimates" in result.output and "2017 IO tables" in result.output
    assert "全国" in result.output and "development zones nationwide" in result.output
    result = runner.invoke(app, ["sites", "--industry", "H19", "--level", "city", "--province", "河南", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "郑州市" in result.output and "cities of 河南省 Henan" in result.output and "census 2010/2020" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["recommend"], "exactly one of --region or --city"),
    (["recommend", "--region", "江西", "--city", "赣州"], "exactly one of --region or --city"),
    (["recommend", "--city", "Suzhou"], "苏州市 Suzhou (320500, 江苏省); 宿州市 Suzhou (341300"),
    (["recommend", "--city", "Ganzou"], "did you mean"),
    (["recommend", "--city", "赣洲"], "赣州市 Ganzhou (360700"),
    (["recommend", "--city", "济源"], "province-administered county-level city"),
    (["recommend", "--city", ""], "empty city name"),
    (["recommend", "--city", "赣州", "--as-of", "2017"], "--as-of is not available at city level"),
    (["recommend", "--city", "赣州", "--top", "0"], "--top"),
    (["sites", "--industry", "H19", "--level", "county"], "--level must be province or city"),
    (["sites", "--industry", "H19", "--province", "河南"], "--province only applies with --level city"),
    (["sites", "--industry", "H19", "--level", "city", "--province", "河楠"], "close matches"),
    (["sites", "--industry", "H02", "--level", "city", "--province", "河南"], "not a candidate"),
    (["sites", "--industry", "H19", "--level", "city", "--from", "Atlantis"], "close matches"),
])
def test_bad_city_input_is_a_clear_error(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
