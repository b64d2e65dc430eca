"""The chain layer in the app (region view) and the CLI (`recommend --chains`, `sites --chain`, `chains`)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import models.api
from app.cli import app
from app.figures_chains import CROWD_COLOURS, plotly_chain_quadrant

runner = CliRunner()


@pytest.fixture
def use_toy_scorer(monkeypatch, toy_scorer):
    monkeypatch.setattr(models.api, "load_scorer", lambda: toy_scorer)


def _chain_table(at):
    tables = [d.value for d in at.dataframe if "理由 1" in d.value.columns or "Reason 1" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def test_region_view_shows_the_chain_table_and_strategies_reorder_it(app_test):
    at = app_test.run()
    assert not at.exception
    table = _chain_table(at)
    assert len(table) >= 22
    assert {"可行性", "吸引力", "拥挤度", "对应投入产出部门", "理由 1", "理由 2", "理由 3"} <= set(table.columns)
    assert table["理由 1"].str.contains("推高|拉低").all()
    assert any("产业链" in s.value for s in at.subheader)
    parts = next(d.value for d in at.dataframe if "可行性 · 模型组别得分" in d.value.columns)
    assert list(parts["产业链"]) == list(table["产业链"]) and any(c.startswith("拥挤度 · ") for c in parts.columns)
    radio = next(r for r in at.radio if r.key.endswith("_strategy"))
    radio.set_value("forward").run()
    assert not at.exception
    assert list(_chain_table(at)["产业链"]) != list(table["产业链"])


def test_quadrant_figure_is_pure_and_coloured_by_crowding():
    import pandas as pd

    frame = pd.DataFrame({"fit": [80.0, 30.0], "attract": [70.0, 20.0], "crowd": [70.0, 20.0],
                          "crowd_level": ["high", "low"], "label": ["光伏", "纺织"]})
    fig = plotly_chain_quadrant(frame, "label", "en", "t")
    colours = {trace.marker.color for trace in fig.data}
    assert colours == {CROWD_COLOURS["high"], CROWD_COLOURS["low"]}
    high = next(trace for trace in fig.data if trace.marker.color == CROWD_COLOURS["high"])
    assert fig.layout.xaxis.title.text.startswith("Fit") and list(high.x) == [80.0] and list(high.y) == [70.0]
    assert plotly_chain_quadrant(frame, "label", "zh").layout.xaxis.title.text.startswith("可行性")


def test_cli_recommend_chains_json(use_toy_scorer):
    result = runner.invoke(app, ["recommend", "--region", "江西", "--chains", "--strategy", "前瞻", "--top", "5",
                                 "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["region"] == 360000 and answer["strategy"]["id"] == "forward"
    assert len(answer["chains"]) == 5 and [c["rank"] for c in answer["chains"]] == [1, 2, 3, 4, 5]
    first = answer["chains"][0]
    assert {"chain", "groups", "fit", "attract", "crowd", "crowd_level", "reasons"} <= set(first)
    assert 1 <= len(first["reasons"]) <= 3 and all(r["zh"] and r["en"] for r in first["reasons"])
    axes = {c["axis"] for c in first["components"].values()}
    assert axes == {"fit", "attract", "crowd"} and "model_fit" in first["components"]
    assert all(first["components"][r["measure"]]["points"] == r["points"] for r in first["reasons"])
    assert "chosen on the three past periods 2002–2017" in answer["note"]["en"]


def test_cli_sites_chain_resolves_everyday_words(use_toy_scorer):
    result = runner.invoke(app, ["sites", "--chain", "锂电", "--top", "3", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["chain"] == "battery" and len(answer["regions"]) == 3
    fits = [r["fit"] for r in answer["regions"]]
    assert fits == sorted(fits, reverse=True)
    industry = json.loads(runner.invoke(app, ["sites", "--industry", "光伏", "--top", "2", "--json"]).stdout)
    assert industry["industry"] == "H18" and industry["chain"] == "pv"  # the group stays; the chain is named


@pytest.mark.parametrize("args, message", [
    (["recommend", "--region", "江西", "--chains", "--strategy", "bold"], "unknown strategy"),
    (["recommend", "--region", "江西", "--strategy", "稳妥"], "--strategy applies with --chains"),
    (["sites", "--chain", "火箭"], "unknown chain"),
    (["sites", "--chain", "光伏", "--industry", "H18"], "exactly one of --industry or --chain"),
])
def test_cli_chain_errors_are_clear(use_toy_scorer, args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in result.output


def test_cli_chains_lists_the_catalogue():
    result = runner.invoke(app, ["chains", "--json"])
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert len(answer["chains"]) >= 22
    pv = next(c for c in answer["chains"] if c["chain"] == "pv")
    assert "光伏" in pv["words"] and set(pv["profile"]) == set(answer["profile_units"])
    assert all(v["unit"] and v["source"] for v in answer["profile_units"].values())


def test_cli_city_chains_json(use_toy_scorer):
    result = runner.invoke(app, ["recommend", "--city", "宜春", "--chains", "--top", "3", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["city"] == 360900 and answer["province"] == 360000 and len(answer["chains"]) == 3
    assert {"fit", "province_fit", "evidence", "attract", "crowd", "province_reasons"} <= set(answer["chains"][0])
    late = runner.invoke(app, ["recommend", "--city", "宜春", "--chains", "--as-of", "2012"])
    assert late.exit_code == 2 and "--as-of is not available at city level" in late.output
