"""The `hostfit` CLI."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()


def test_data_check_json_contract():
    result = runner.invoke(app, ["data", "check", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["regions"] == 31 and summary["industries"] == 38
    assert summary["io_years"] == [1997, 2002, 2007, 2012, 2017]
    assert summary["io_rows"] > 0
    assert {"rows", "source"} <= set(summary["tables"]["io_panel"])
    assert all(summary["pillars"][p] for p in ("resource", "industrial_base", "research", "application"))


def test_data_build_names_a_missing_sources_dir(tmp_path):
    result = runner.invoke(app, ["data", "build", "--sources", str(tmp_path / "missing"), "--quiet"])
    assert result.exit_code == 2
    assert "sources directory not found" in result.output
    assert "Traceback" not in result.output


def test_help_shows_flags_as_flags_for_every_command():
    for command in (["recommend"], ["sites"], ["report"], ["industries"], ["data", "check"], ["evaluate"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, result.output
        assert "<bool>" not in result.output, command
    assert re.search(r"^\s+--json\s+Machine-readable", runner.invoke(app, ["recommend", "--help"]).output, re.M)
