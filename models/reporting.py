"""Read the saved backtest (``models/artifacts/evaluation.json``) for display."""

from __future__ import annotations

import json

from models.artifacts import ARTIFACT_DIR

EVALUATION_PATH = ARTIFACT_DIR / "evaluation.json"


class EvaluationMissing(FileNotFoundError):
    """The evaluation has not been run (``hostfit evaluate --card``)."""


def load_evaluation() -> dict:
    """The evaluation JSON written by ``hostfit evaluate --card``."""
    if not EVALUATION_PATH.exists():
        raise EvaluationMissing(f"{EVALUATION_PATH} is missing; run `hostfit evaluate --card`")
    return json.loads(EVALUATION_PATH.read_text(encoding="utf-8"))
