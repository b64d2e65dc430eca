"""Issue 19, defect 7: crafted model numbers gave tracebacks (exit 1) or silent nonsense.

Before: ``leaf_value=1e308`` in every tree made scores NaN and ``recommend``
crashed formatting ``None`` (exit 1); one such leaf gave saturated scores with
overflow warnings (exit 0); a calibration ``a`` of NaN crashed the printer,
``"abc"`` raised ``ValueError`` and a missing ``a`` or ``calibration`` raised
``KeyError``. Now leaf and internal values beyond ±``MAX_NODE_VALUE`` (checked
when the model loads) and a calibration that is not two finite numbers (checked
when the scorer is built) are an ``ArtifactError`` (exit 2).
"""

from __future__ import annotations

import json
import math
import re

import pytest
from typer.testing import CliRunner

from app.cli import app
from models.artifact_checks import MAX_CALIBRATION
from models.artifacts import META_FILE, MODEL_FILE, ArtifactError, calibration_of, load_model
from tests.hardening.test_issue12_05_model_files import _edit_model

runner = CliRunner()


def _no_sizes(text: str) -> str:
    return re.sub(r"tree_sizes=.*\n", "", text, count=1)


LEAVES = {
    "one-leaf-1e308": (lambda t: _no_sizes(re.sub(r"leaf_value=\S+", "leaf_value=1e308", t, count=1)),
                       "tree 0: leaf_value 1e+308 is outside ±1e+06"),
    "all-leaves-1e308": (lambda t: _no_sizes(re.sub(r"leaf_value=.*", "leaf_value=1e308 1e308 1e308 1e308", t)),
                         "tree 0: leaf_value 1e+308 is outside ±1e+06"),
    "internal-value": (lambda t: _no_sizes(re.sub(r"internal_value=\S+", "internal_value=-1e300", t, count=1)),
                       "tree 0: internal_value -1e+300 is outside ±1e+06"),
}

CALIBRATIONS = {
    "a-nan": (lambda c: c.update(a=math.nan), f"'calibration' 'a' must be a finite number within "
                                              f"±{MAX_CALIBRATION:g}, got 'nan'"),
    "a-abc": (lambda c: c.update(a="abc"), f"'calibration' 'a' must be a finite number within "
                                           f"±{MAX_CALIBRATION:g}, got 'abc'"),
    "a-missing": (lambda c: c.pop("a"), f"'calibration' 'a' must be a finite number within "
                                        f"±{MAX_CALIBRATION:g}, got 'None'"),
    "b-true": (lambda c: c.update(b=True), f"'calibration' 'b' must be a finite number within "
                                           f"±{MAX_CALIBRATION:g}, got 'True'"),
    "b-huge": (lambda c: c.update(b=1e300), f"'calibration' 'b' must be a finite number within "
                                            f"±{MAX_CALIBRATION:g}, got '1e+300'"),
}


def _recommend_fails_cleanly(message: str) -> None:
    result = runner.invoke(app, ["recommend", "--region", "四川"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {message}"), result.stderr


@pytest.mark.parametrize("case", list(LEAVES), ids=list(LEAVES))
def test_huge_leaf_values_are_an_artifact_error_and_exit_2(artifacts_copy, case):
    edit, reason = LEAVES[case]
    _edit_model(artifacts_copy, edit)
    expected = f"model file {artifacts_copy / MODEL_FILE} is not a valid hostfit model: {reason}; run `hostfit train`"
    with pytest.raises(ArtifactError) as caught:
        load_model(artifacts_copy)
    assert str(caught.value).startswith(expected)
    _recommend_fails_cleanly(expected)


@pytest.mark.parametrize("case", [*CALIBRATIONS, "no-calibration"], ids=[*CALIBRATIONS, "no-calibration"])
def test_bad_calibration_is_an_artifact_error_and_exit_2(artifacts_copy, case):
    meta = json.loads((artifacts_copy / META_FILE).read_text())
    if case == "no-calibration":
        meta.pop("calibration")
        reason = "'calibration' must be a JSON object with numbers 'a' and 'b'"
    else:
        change, reason = CALIBRATIONS[case]
        change(meta["calibration"])
    (artifacts_copy / META_FILE).write_text(json.dumps(meta))
    expected = f"model metadata {artifacts_copy / META_FILE}: {reason}; run `hostfit train`"
    _, loaded = load_model(artifacts_copy)  # the ranker itself is fine; the scorer needs the calibration
    with pytest.raises(ArtifactError) as caught:
        calibration_of(loaded, artifacts_copy)
    assert str(caught.value).startswith(expected)
    _recommend_fails_cleanly(expected)
