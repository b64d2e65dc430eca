"""Fingerprints that tie the saved model, its metadata and the precomputed answers together.

Standard library only (the CLI's fast path uses it without importing LightGBM).

The metadata JSON is the root: it holds the model file's sha256 and, once the
answers are written, ``answers_index_sha256`` — the sha256 of the answers'
``index.json``, which in turn holds the sha256 of every ``<year>.json``
(``files``) and :func:`meta_digest` of the metadata it was computed with (the
metadata without ``answers_index_sha256``, serialised as :func:`meta_text`
writes it). Editing an answers file, or the index, is therefore detected.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from data.build_hash import file_sha256

#: The metadata key holding the sha256 of the answers' index.
ANSWERS_INDEX_KEY = "answers_index_sha256"


class ArtifactError(RuntimeError):
    """A saved model is missing, corrupted or does not match the current data."""


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def meta_text(meta: dict) -> str:
    """The metadata as written to disk (sorted keys, one-space indent, final newline)."""
    return json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def meta_digest(meta: dict) -> str:
    """sha256 of the metadata without :data:`ANSWERS_INDEX_KEY` (what the answers were computed with)."""
    return sha256_bytes(meta_text({k: v for k, v in meta.items() if k != ANSWERS_INDEX_KEY}).encode("utf-8"))


def index_problem(answers_dir: Path, meta: dict) -> str | None:
    """Why the answers' ``index.json`` does not match the metadata's :data:`ANSWERS_INDEX_KEY`, or None.

    Missing answers (no index, or metadata without the key) are not a problem
    here: they are simply not served.
    """
    index_path = Path(answers_dir) / "index.json"
    expected = meta.get(ANSWERS_INDEX_KEY)
    if expected is None or not index_path.is_file():
        return None
    if file_sha256(index_path) != expected:
        return f"{index_path} differs from the model metadata's {ANSWERS_INDEX_KEY} (edited or corrupted)"
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        files, years = index["files"], index["years"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"{index_path} cannot be read ({type(exc).__name__})"
    if not isinstance(files, dict) or sorted(files) != sorted(f"{year}.json" for year in years):
        return f"{index_path} does not list one sha256 per answers file"
    return None


def file_problem(path: Path, data: bytes | None, index: dict) -> str | None:
    """Why an answers file's bytes (``None``: missing) differ from its sha256 in the index, or None."""
    if data is None:
        return f"precomputed answers file {path} is missing"
    if sha256_bytes(data) != index.get("files", {}).get(Path(path).name):
        return (f"precomputed answers file {path} differs from its sha256 in {Path(path).with_name('index.json')} "
                "(edited or corrupted)")
    return None


def answers_problem(answers_dir: Path, meta: dict) -> str | None:
    """Why the precomputed answers do not match the metadata's fingerprints (:func:`index_problem`,
    then :func:`file_problem` for every listed file), or None."""
    problem = index_problem(answers_dir, meta)
    if problem is not None or meta.get(ANSWERS_INDEX_KEY) is None:
        return problem
    index_path = Path(answers_dir) / "index.json"
    if not index_path.is_file():
        return None
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for name in sorted(index["files"]):
        path = Path(answers_dir) / name
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        problem = file_problem(path, data, index)
        if problem is not None:
            return problem
    return None
