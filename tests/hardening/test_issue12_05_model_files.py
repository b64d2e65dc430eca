"""Issue 12, problem 5: crafted model files give an ArtifactError, never a native abort.

LightGBM calls ``std::terminate`` (SIGABRT, no message; in the app the whole
server dies) on a model text with ``leaf_value=nan``/``inf`` or an absurd
``num_leaves`` when the hash in the JSON was updated to match. The loader now
validates the text before LightGBM sees it. The crafted models are loaded in a
child process so that a regression aborts that process, not the test run.
Unknown or missing ``params`` keys gave a traceback; they are an ArtifactError
too, and the CLI exits 2.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from models.artifacts import META_FILE, MODEL_FILE, ArtifactError, load_model

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()
_LOAD = """
import sys
from pathlib import Path
from models.artifacts import ArtifactError, load_model
try:
    load_model(Path(sys.argv[1]))
except ArtifactError as exc:
    print(f"ArtifactError: {exc}")
    sys.exit(3)
print("loaded")
"""


def _rehash(folder: Path) -> None:
    """Make the metadata's model sha256 match the (edited) model file, as an attacker would."""
    meta = json.loads((folder / META_FILE).read_text())
    meta["model_sha256"] = hashlib.sha256((folder / MODEL_FILE).read_text().encode()).hexdigest()
    (folder / META_FILE).write_text(json.dumps(meta))


def _edit_model(folder: Path, edit) -> None:
    path = folder / MODEL_FILE
    path.write_text(edit(path.read_text()))
    _rehash(folder)


def _load_in_child(folder: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-c", _LOAD, str(folder)], cwd=REPO, capture_output=True,
                            text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


CRAFTED = {
    "leaf-nan": (lambda t: re.sub(r"leaf_value=\S+", "leaf_value=nan", t, count=1),
                 "tree 0 leaf_value holds a non-finite value ('nan')"),
    "leaf-inf": (lambda t: re.sub(r"leaf_value=\S+", "leaf_value=inf", t, count=1),
                 "tree 0 leaf_value holds a non-finite value ('inf')"),
    "num-leaves": (lambda t: re.sub(r"num_leaves=\d+", "num_leaves=2000000000", t, count=1),
                   "tree 0: num_leaves 2000000000 is outside 1–131072"),
    "huge-line": (lambda t: t.replace("feature_names=", "feature_names=" + "x" * 2_000_000 + " ", 1),
                  "a line has {length:,} characters (limit 1,000,000)"),
    "tree-sizes": (lambda t: t.replace("tree_sizes=", "tree_sizes=1 ", 1),
                   "the tree_sizes header does not match the trees' sizes"),
}


@pytest.mark.parametrize("case", list(CRAFTED), ids=list(CRAFTED))
def test_crafted_model_text_is_an_artifact_error_not_an_abort(artifacts_copy, case):
    edit, reason = CRAFTED[case]
    _edit_model(artifacts_copy, edit)
    lines = (artifacts_copy / MODEL_FILE).read_text().splitlines()
    reason = reason.format(length=max(len(line) for line in lines))
    code, output = _load_in_child(artifacts_copy)
    assert code == 3, output[-2000:]
    assert output.startswith(f"ArtifactError: model file {artifacts_copy / MODEL_FILE} is not a valid hostfit "
                             f"model: {reason}; run `hostfit train`"), output[-2000:]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda m: m["params"].update(evil=1), "'params' keys: unknown 'evil'"),
    (lambda m: m["params"].pop("num_threads"), "'params' keys: missing 'num_threads'"),
    (lambda m: m.pop("params"), "'params' is missing"),
    (lambda m: m["params"].update(num_threads="abc"), "'params' values of the wrong type or out of range: "
                                                      "num_threads=abc"),
    (lambda m: m["params"].update(num_leaves=2_000_000_000), "'params' values of the wrong type or out of range: "
                                                             "num_leaves=2000000000"),
], ids=["unknown-key", "missing-key", "no-params", "wrong-type", "out-of-range"])
def test_bad_params_are_an_artifact_error_and_exit_2(artifacts_copy, change, reason):
    meta = json.loads((artifacts_copy / META_FILE).read_text())
    change(meta)
    (artifacts_copy / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ArtifactError) as caught:
        load_model(artifacts_copy)
    assert str(caught.value).startswith(f"model metadata {artifacts_copy / META_FILE}: {reason}; run `hostfit train`")
    result = runner.invoke(app, ["recommend", "--region", "四川"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: model metadata {artifacts_copy / META_FILE}: {reason}")
