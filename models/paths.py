"""Where the saved model, its evaluation and its precomputed answers live; the code version.

Standard library only (the CLI's fast path reads these without importing LightGBM).
Read as module attributes (``paths.ARTIFACT_DIR``) so a test can point them at a copy.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_FILE = "hostfit_ranker.txt"
META_FILE = "hostfit_ranker.json"
ANSWERS_DIR_NAME = "answers"
_CODE_DIRS = ("features", "models")


def artifact_dir() -> Path:
    """The folder of the saved model (:data:`ARTIFACT_DIR`, read at call time)."""
    return ARTIFACT_DIR


def answers_dir() -> Path:
    """The folder of the precomputed default answers (inside :data:`ARTIFACT_DIR`)."""
    return ARTIFACT_DIR / ANSWERS_DIR_NAME


def code_version() -> str:
    """Package version plus a short sha256 of the feature and model source files."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder in _CODE_DIRS:
        for path in sorted((root / folder).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        package = version("hostfit")
    except PackageNotFoundError:
        package = "unknown"
    return f"{package}+{digest.hexdigest()[:12]}"
