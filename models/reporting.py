"""Read the saved backtest (``models/artifacts/evaluation.json``) and the model card for display."""

from __future__ import annotations

import json

from models.model_card import CARD_PATHS
from models.paths import ARTIFACT_DIR

EVALUATION_PATH = ARTIFACT_DIR / "evaluation.json"


class EvaluationMissing(FileNotFoundError):
    """The evaluation has not been run (``hostfit evaluate --card``)."""


def load_evaluation() -> dict:
    """The evaluation JSON written by ``hostfit evaluate --card``.

    Raises
    ------
    EvaluationMissing
        The file is absent or unreadable.
    """
    if not EVALUATION_PATH.exists():
        raise EvaluationMissing(f"{EVALUATION_PATH} is missing; run `hostfit evaluate --card`")
    try:
        return json.loads(EVALUATION_PATH.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvaluationMissing(f"{EVALUATION_PATH} cannot be read ({exc}); run `hostfit evaluate --card`") from exc


def card_text(lang: str = "zh") -> str | None:
    """The rendered model card in ``lang`` ('zh' or 'en'), None when not generated yet."""
    path = CARD_PATHS.get(lang, CARD_PATHS["en"])
    return path.read_text(encoding="utf-8") if path.exists() else None
