"""Issue 19, defect 8: a 300-character ``--out`` name gave an OSError traceback (exit 1).

``Path.exists``/``is_dir`` raise ``ENAMETOOLONG`` instead of answering; the
report and train commands now turn any ``OSError`` of the output path into one
clean line (the path cut to :data:`app.cli_common.PATH_ECHO` characters) and
exit 2, before any work is done.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.cli_common import PATH_ECHO

runner = CliRunner()
LONG = "a" * 300


@pytest.mark.parametrize("args", [
    lambda tmp: ["report", "--region", "四川", "--out", str(tmp / f"{LONG}.pdf")],
    lambda tmp: ["report", "--region", "四川", "--out", str(tmp / LONG / "x.pdf")],
    lambda tmp: ["report", "--city", "成都", "--out", str(tmp / f"{LONG}.pdf")],
    lambda tmp: ["train", "--out", str(tmp / LONG)],
], ids=["report-file", "report-folder", "report-city", "train-folder"])
def test_a_300_character_out_name_is_one_clean_line_and_exit_2(tmp_path, args):
    result = runner.invoke(app, args(tmp_path))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("error: --out ") and "cannot be used: File name too long" in lines[0]
    assert "a" * (PATH_ECHO + 1) not in lines[0]
