"""Issue 19, defect 2: crafted model texts crashed LightGBM natively.

A chained tree (each node's left child a leaf) within ``MAX_LEAVES`` passed the
structure checks; SHAP values on it (``pred_contrib``) freed memory twice and the
process aborted (the app server dies). ``objective=multiclass num_class:3`` with
a one-class model corrupted the heap (``corrupted size vs. prev_size``, SIGABRT).
Now the tree depth (:data:`MAX_TREE_DEPTH`) and the objective are checked
before LightGBM parses the text. Each crafted model is loaded and used in a
child process, so a regression kills that process, not the test run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from models.artifact_checks import MAX_LEAVES, MAX_TREE_DEPTH
from models.artifacts import MODEL_FILE
from tests.hardening.test_issue12_05_model_files import _edit_model

REPO = Path(__file__).resolve().parents[2]
_USE = """
import sys
from pathlib import Path
import numpy as np
from models.artifacts import ArtifactError, load_model
try:
    ranker, _ = load_model(Path(sys.argv[1]))
except ArtifactError as exc:
    print(f"ArtifactError: {exc}")
    sys.exit(2)
rows = np.zeros((3, ranker.booster_.num_feature()))
print(ranker.booster_.predict(rows).sum(), ranker.booster_.predict(rows, pred_contrib=True).sum())
"""


def chain_tree(leaves: int) -> str:
    """Tree 0 as a chain: node i splits into leaf i and node i + 1 (depth ``leaves - 1``)."""
    inner = leaves - 1

    def line(key: str, values) -> str:
        return f"{key}={' '.join(map(str, values))}"

    return "\n".join([
        "Tree=0", f"num_leaves={leaves}", "num_cat=0", line("split_feature", [0] * inner),
        line("split_gain", [1] * inner), line("threshold", [0.5] * inner), line("decision_type", [2] * inner),
        line("left_child", [~i for i in range(inner)]), line("right_child", [*range(1, inner), ~inner]),
        line("leaf_value", [0.001] * leaves), line("leaf_weight", [1] * leaves), line("leaf_count", [1] * leaves),
        line("internal_value", [0] * inner), line("internal_weight", [1] * inner),
        line("internal_count", [1] * inner), "is_linear=0", "shrinkage=0.05", "", ""])


def with_tree0(text: str, tree: str) -> str:
    """Replace tree 0 and drop the optional ``tree_sizes`` header (so the sizes need no update)."""
    text = text[:text.index("Tree=0\n")] + tree + text[text.index("Tree=1\n"):]
    return re.sub(r"tree_sizes=.*\n", "", text, count=1)


def _use_in_child(folder: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-c", _USE, str(folder)], cwd=REPO, capture_output=True, text=True,
                            timeout=600)
    return result.returncode, result.stdout + result.stderr


CRAFTED = {
    "chain-131072": (lambda t: with_tree0(t, chain_tree(MAX_LEAVES)), f"tree 0: deeper than {MAX_TREE_DEPTH} levels"),
    "chain-depth-65": (lambda t: with_tree0(t, chain_tree(MAX_TREE_DEPTH + 2)),
                       f"tree 0: deeper than {MAX_TREE_DEPTH} levels"),
    "multiclass": (lambda t: t.replace("objective=lambdarank", "objective=multiclass num_class:3", 1),
                   "objective must be 'lambdarank', got 'multiclass num_class:3'"),
    "no-objective": (lambda t: re.sub(r"objective=.*\n", "", t, count=1), "objective must be 'lambdarank', got 'None'"),
}


@pytest.mark.parametrize("case", list(CRAFTED), ids=list(CRAFTED))
def test_crafted_models_exit_cleanly_with_an_artifact_error(artifacts_copy, case):
    edit, reason = CRAFTED[case]
    _edit_model(artifacts_copy, edit)
    code, output = _use_in_child(artifacts_copy)
    assert code == 2, output[-2000:]
    assert output.startswith(f"ArtifactError: model file {artifacts_copy / MODEL_FILE} is not a valid hostfit "
                             f"model: {reason}; run `hostfit train`"), output[-2000:]


def test_a_chain_at_the_depth_limit_still_loads(artifacts_copy):
    _edit_model(artifacts_copy, lambda t: with_tree0(t, chain_tree(MAX_TREE_DEPTH + 1)))
    code, output = _use_in_child(artifacts_copy)
    assert code == 0, output[-2000:]
