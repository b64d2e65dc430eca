"""The CLI's fast path: serve precomputed default answers without importing the model stack.

Standard library only. An answer is served only when everything it rests on is
unchanged: the model file and its metadata (sha256s against the answers' index; the
index's sha256 against the metadata and each answers file's against the index, see
:mod:`models.integrity` — an edited answers file or index raises ``ArtifactError``),
every scoring table (each file's sha256 against ``MANIFEST.json``, and the manifest's
digest against the index) and the feature/model source code (its version). Names are
resolved only when they match a code or name exactly; anything else — a partial name,
an unknown name, an as-of year without precomputed answers, stale or missing files —
returns ``None`` and the CLI computes the answer (and reports errors) the normal way.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from data import paths as data_paths
from data.build_hash import file_sha256
from data.names import REGION_SUFFIXES, normalize, strip_suffix
from models import paths as model_paths
from models.integrity import ANSWERS_INDEX_KEY, ArtifactError, file_problem, index_problem, meta_digest

FORMAT = "hostfit-answers/1"


def _read_json(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


@lru_cache(maxsize=4)
def _valid_index(answers: str, artifacts: str, curated: str) -> dict | None:
    """The answers' index if every fingerprint matches the files on disk, else None (cached per process).

    Raises
    ------
    ArtifactError
        The answers are current but their index was edited.
    """
    index = _read_json(Path(answers) / "index.json")
    meta = _read_json(Path(artifacts) / model_paths.META_FILE)
    manifest = _read_json(Path(curated) / "MANIFEST.json")
    if index is None or meta is None or manifest is None or index.get("format") != FORMAT:
        return None
    model_file = Path(artifacts) / model_paths.MODEL_FILE
    try:
        if not (index.get("model_sha256") == meta.get("model_sha256") == file_sha256(model_file)):
            return None
        if index.get("meta_sha256") != meta_digest(meta) or ANSWERS_INDEX_KEY not in meta:
            return None  # the metadata changed since the answers were computed, or never recorded them
        tables = manifest["tables"]
        for name in data_paths.SCORING_TABLES:
            entry = tables[name]
            if file_sha256(Path(curated) / entry["file"]) != entry["sha256"]:
                return None
        if index.get("data_hash") != data_paths.tables_digest(manifest, data_paths.SCORING_TABLES):
            return None
        if meta.get("data_hash") != data_paths.tables_digest(manifest, data_paths.MODEL_INPUT_TABLES):
            return None  # the model was trained on other data
    except (OSError, KeyError, TypeError):
        return None
    if index.get("code_version") != model_paths.code_version():
        return None
    _refuse(index_problem(Path(answers), meta))
    return index


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise ArtifactError(f"{problem}; run `hostfit train` to recompute the model and its answers")


def _index() -> dict | None:
    return _valid_index(str(model_paths.answers_dir()), str(model_paths.ARTIFACT_DIR), str(data_paths.CURATED_DIR))


def resolve(kind: str, text: str) -> object | None:
    """The code of an exactly matching region or candidate industry name, or None (also when the
    answers were edited: :func:`answer` reports that)."""
    try:
        index = _index()
    except ArtifactError:
        return None
    if index is None:
        return None
    names = index["names"].get(kind, {})
    key = normalize(text)
    code = names.get(key)
    if code is None and kind == "region":
        code = names.get(strip_suffix(key, REGION_SUFFIXES))
    return code


def answer(kind: str, text: str, as_of: int | None, top: int | None) -> dict | None:
    """The precomputed ``recommend`` (kind ``"region"``) or ``sites`` (kind ``"industry"``) answer,
    cut to ``top``, or None when it cannot be served from the precomputed files.

    Raises
    ------
    models.integrity.ArtifactError
        The answers are current but an answers file or their index was edited.
    """
    index = _index()
    if index is None:
        return None
    year = max(index["years"]) if as_of is None else int(as_of)
    code = resolve(kind, text)
    if code is None or year not in index["years"]:
        return None
    path = model_paths.answers_dir() / f"{year}.json"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    _refuse(file_problem(path, data, index))
    try:
        payload = json.loads(data.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    section = "recommend" if kind == "region" else "sites"
    found = payload.get(section, {}).get(str(code))
    if found is None:
        return None
    listed = "industries" if kind == "region" else "regions"
    if top is not None:
        found = {**found, listed: found[listed][:top]}
    return found
