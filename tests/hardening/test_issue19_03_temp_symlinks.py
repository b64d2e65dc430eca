"""Issue 19, defect 3: writers used predictable temporary names and followed planted symlinks.

``report --out X.pdf`` wrote ``.X.pdf.tmp`` first, train's answer files
``.2024.json.tmp``, ``evaluate --card`` ``.evaluation.json.tmp`` and
``.MODEL_CARD.md.tmp``; a symlink planted at such a name pointing to a victim
file made the writer overwrite the victim (and then move the link into place).
Every writer now goes through :func:`data.atomic.write_atomic` (``mkstemp`` in
the target folder + ``os.replace``).
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from data.atomic import write_atomic
from models import model_card, operations, precompute, reporting

runner = CliRunner()
VICTIM_TEXT = "precious victim content\n"


def _plant(folder: Path, names: list[str], tmp_path: Path) -> Path:
    """A victim file and a symlink to it at each old predictable temporary name in ``folder``."""
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT)
    for name in names:
        (folder / f".{name}.tmp").symlink_to(victim)
    return victim


def test_report_out_does_not_write_through_a_planted_symlink(tmp_path):
    out = tmp_path / "out" / "guizhou.pdf"
    out.parent.mkdir()
    victim = _plant(out.parent, [out.name], tmp_path)
    result = runner.invoke(app, ["report", "--region", "贵州", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert victim.read_text() == VICTIM_TEXT
    assert out.read_bytes().startswith(b"%PDF") and not out.is_symlink()
    assert sorted(p.name for p in out.parent.iterdir()) == [".guizhou.pdf.tmp", "guizhou.pdf"]


def test_answer_files_do_not_write_through_a_planted_symlink(tmp_path):
    victim = _plant(tmp_path, ["2024.json", "index.json"], tmp_path)
    precompute._write_json(tmp_path / "2024.json", {"as_of": 2024})
    assert victim.read_text() == VICTIM_TEXT
    assert json.loads((tmp_path / "2024.json").read_text()) == {"as_of": 2024}


def test_evaluate_card_outputs_do_not_write_through_planted_symlinks(tmp_path, monkeypatch):
    evaluation = json.loads(reporting.EVALUATION_PATH.read_text(encoding="utf-8"))
    cards = {"en": tmp_path / "MODEL_CARD.md", "zh": tmp_path / "MODEL_CARD.zh.md"}
    monkeypatch.setattr(reporting, "EVALUATION_PATH", tmp_path / "evaluation.json")
    monkeypatch.setattr(model_card, "CARD_PATHS", cards)
    victim = _plant(tmp_path, ["evaluation.json", "MODEL_CARD.md", "MODEL_CARD.zh.md"], tmp_path)
    operations.write_evaluation(evaluation)
    assert victim.read_text() == VICTIM_TEXT
    assert json.loads((tmp_path / "evaluation.json").read_text()) == evaluation
    assert cards["zh"].read_text(encoding="utf-8").startswith("#")


def test_write_atomic_replaces_a_symlink_at_the_target_and_cleans_up_on_failure(tmp_path):
    victim = _plant(tmp_path, [], tmp_path)
    target = tmp_path / "out.txt"
    target.symlink_to(victim)
    write_atomic(target, "new")
    assert victim.read_text() == VICTIM_TEXT and target.read_text() == "new" and not target.is_symlink()
    try:
        write_atomic(tmp_path / "missing-folder" / "x.txt", b"x")
    except FileNotFoundError:
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "victim.txt"]
