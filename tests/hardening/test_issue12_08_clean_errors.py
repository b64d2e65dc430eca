"""Issue 12, problem 8: clean errors (exit 2, no traceback) where tracebacks used to be.

``data build`` with ``abc`` in a numeric source cell; an unwritable curated
folder (refused before the ETL runs); ``evaluate --card`` with an unwritable
target (refused before the 17 s of work); ``app --port -1`` / ``70000``;
``features show --year 1995`` used to print an all-NaN table with exit 0.
Builds go to temporary folders, never to the committed ``data/curated``.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
GDP_2021 = "macro/分省年度数据2021.csv"


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


@pytest.fixture
def build_into(monkeypatch):
    """Point ``hostfit data build`` at another output folder."""
    import data.etl.build as build

    def point(folder: Path) -> None:
        monkeypatch.setattr(build, "build_all", functools.partial(build.build_all, out_dir=folder))
    return point


def _farm(sources: Path, target: Path) -> None:
    """A copy of the sources made of symlinks (cheap), to be edited file by file."""
    for path in sources.rglob("*"):
        link = target / path.relative_to(sources)
        if path.is_dir():
            link.mkdir(parents=True, exist_ok=True)
        else:
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path)


def test_data_build_with_text_in_a_numeric_source_cell_names_the_step(tmp_path, sources_dir, build_into):
    sources = tmp_path / "sources"
    _farm(sources_dir, sources)
    edited = sources / GDP_2021
    lines = edited.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    lines[3] = lines[3].replace("44350.7", "abc", 1)
    edited.unlink()
    edited.write_bytes("".join(lines).encode("utf-8-sig"))
    out = tmp_path / "curated"
    out.mkdir()
    (out / "regions.csv").write_text("sentinel\n")
    build_into(out)
    code, stderr = _cli("data", "build", "--sources", str(sources), "--quiet")
    assert code == 2
    assert stderr.startswith("error: ETL step data.etl.macro:build failed (ValueError: Unable to parse string "
                             "\"abc\"") or stderr.startswith("error: ETL step data.etl.macro:build failed "
                                                             "(ValueError: Unable to parse string 'abc'"), stderr
    assert "a source file is probably malformed — check " in stderr and str(sources) in stderr
    assert [p.name for p in out.iterdir()] == ["regions.csv"]


def test_data_build_into_an_unwritable_folder_fails_before_the_etl(tmp_path, unwritable_dir, build_into,
                                                                   monkeypatch):
    import data.etl.build as build

    def never(*args, **kwargs):
        raise AssertionError("the ETL must not run when the output cannot be written")

    monkeypatch.setattr(build, "build_tables", never)
    build_into(unwritable_dir)
    code, stderr = _cli("data", "build", "--sources", str(tmp_path), "--quiet")
    assert code == 2
    assert stderr.startswith("error: cannot write the curated tables"), stderr
    assert str(unwritable_dir.parent) in stderr


def test_evaluate_card_with_an_unwritable_target_fails_before_the_evaluation(unwritable_dir, monkeypatch):
    import models.evaluation
    import models.model_card
    import models.reporting

    def never(*args, **kwargs):
        raise AssertionError("the evaluation must not run when the card cannot be written")

    monkeypatch.setattr(models.evaluation, "evaluate", never)
    target = unwritable_dir / "evaluation.json"
    monkeypatch.setattr(models.reporting, "EVALUATION_PATH", target)
    code, stderr = _cli("evaluate", "--card")
    assert code == 2
    assert stderr.startswith(f"error: --card cannot write {target}: "), stderr
    assert stderr.endswith(" / 无法写入 evaluation.json\n")


@pytest.mark.parametrize("port", ["-1", "0", "70000"])
def test_app_refuses_an_invalid_port_without_starting_a_server(port, monkeypatch):
    import subprocess

    def never(*args, **kwargs):
        raise AssertionError("no server may start")

    monkeypatch.setattr(subprocess, "Popen", never)
    monkeypatch.setattr(subprocess, "call", never)
    code, stderr = _cli("app", "--port", port)
    assert code == 2
    assert stderr == (f"error: --port must be between 1 and 65535, got {port} / 端口必须在 1–65535 之间（给出 {port}）\n")


@pytest.mark.parametrize("year", ["1995", "1800", "2999"])
def test_features_show_refuses_a_year_without_data(year):
    code, stderr = _cli("features", "show", "--region", "四川", "--year", year)
    assert code == 2
    assert stderr == (f"error: --year {year} is outside the data (1997–2024): features need an input-output table "
                      f"at or before the year / 年份 {year} 超出数据范围（1997–2024）\n")


def test_evaluate_card_write_errors_are_clean(tmp_path, monkeypatch):
    """A write that fails after the evaluation (e.g. the disk fills up) is a clean error too."""
    import models.evaluation
    import models.reporting

    import models.recent_wave

    monkeypatch.setattr(models.evaluation, "evaluate", lambda: {"stub": True, "shipped_config": {"name": "small"}})
    monkeypatch.setattr(models.recent_wave, "shipped_recent_wave", lambda config: {"stub": True})
    folder = tmp_path / "artifacts"
    folder.mkdir()
    monkeypatch.setattr(models.reporting, "EVALUATION_PATH", folder / "evaluation.json")
    import models.operations

    def full_disk(result):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(models.operations, "write_evaluation", full_disk)
    code, stderr = _cli("evaluate", "--card", "--json")
    assert code == 2
    assert stderr == "error: --card cannot write the evaluation: [Errno 28] No space left on device / 无法写入评估结果\n"
    shutil.rmtree(folder)
