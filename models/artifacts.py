"""Save and load the ranker as a LightGBM text model plus JSON metadata (never pickle).

The metadata records the feature list, the data hash (sha256 over the curated
MANIFEST.json table hashes), the code version, the parameters, the model file's
own sha256 and metrics. :func:`load_model` checks all of them and raises
:class:`ArtifactError` naming what was expected. The model text and the stored
parameters are validated (:mod:`models.artifact_checks`) before LightGBM parses
anything, because LightGBM aborts the whole process on some malformed models.
:func:`save_model` writes each file to a temporary file in the target folder and
moves it into place with ``os.replace`` (never writing through a symlink).
"""

from __future__ import annotations

import math
import json
from pathlib import Path

import lightgbm as lgb

from data.atomic import write_atomic
from data.loader import load_manifest
from data.paths import MODEL_INPUT_TABLES, tables_digest
from models import paths
from models.paths import META_FILE, MODEL_FILE, code_version
from models.integrity import ANSWERS_INDEX_KEY, ArtifactError, meta_text, sha256_bytes
from models.artifact_checks import MAX_FEATURES, MAX_MODEL_BYTES, check_calibration, check_model_text, check_params
from models.ranker import HostfitRanker

ARTIFACT_DIR = paths.ARTIFACT_DIR  # the default location (read paths.ARTIFACT_DIR at call time)
FORMAT = "hostfit-ranker/1"
#: Largest metadata JSON accepted (the shipped one is about 2 KB).
MAX_META_BYTES = 5_000_000


def data_hash(manifest: dict | None = None) -> str:
    """sha256 over the sorted ``name:sha256`` lines (from MANIFEST.json) of the curated tables the
    model's inputs are built from (:data:`data.paths.MODEL_INPUT_TABLES`); other tables (city layer,
    map geometry) can change without invalidating the model."""
    return tables_digest(load_manifest() if manifest is None else manifest, MODEL_INPUT_TABLES)


def save_model(ranker: HostfitRanker, metadata: dict, directory: Path | None = None) -> Path:
    """Write ``ranker`` as LightGBM text and ``metadata`` (+ integrity fields) as JSON.

    Each file is written to a temporary file in ``directory`` and moved into
    place with ``os.replace``, model first and metadata last, so a reader sees
    either the old pair or the new model with its metadata arriving last (the
    sha256 in the metadata ties them together).

    Parameters
    ----------
    ranker : HostfitRanker
        A fitted ranker.
    metadata : dict
        JSON-serialisable extras (training transitions, metrics …).
    directory : Path
        Target folder (created if needed).

    Returns
    -------
    Path
        The JSON metadata file.

    Raises
    ------
    OSError
        The folder cannot be created or written.
    """
    directory = Path(paths.ARTIFACT_DIR if directory is None else directory)
    directory.mkdir(parents=True, exist_ok=True)
    text = ranker.booster_.model_to_string()
    meta = {"format": FORMAT, **metadata,
            "features": list(ranker.feature_names_in_), "params": ranker.get_params(),
            "prior_means": dict(ranker.prior_means_),
            "data_hash": data_hash(), "code_version": code_version(),
            "model_file": MODEL_FILE, "model_sha256": sha256_bytes(text.encode())}
    write_atomic(directory / MODEL_FILE, text)
    path = directory / META_FILE
    write_atomic(path, meta_text(meta))
    return path


def record_answers_index(index_sha256: str, directory: Path | None = None) -> None:
    """Store the sha256 of the precomputed answers' index in the metadata (see :mod:`models.integrity`)."""
    directory = Path(paths.ARTIFACT_DIR if directory is None else directory)
    meta = read_metadata(directory)
    meta[ANSWERS_INDEX_KEY] = index_sha256
    write_atomic(directory / META_FILE, meta_text(meta))


def read_metadata(directory: Path | None = None) -> dict:
    """The JSON metadata of a saved model (no validation beyond parsing)."""
    path = Path(paths.ARTIFACT_DIR if directory is None else directory) / META_FILE
    if not path.exists():
        raise ArtifactError(f"no saved model at {path}; run `hostfit train`")
    try:
        if path.stat().st_size > MAX_META_BYTES:
            raise ArtifactError(f"model metadata {path} is too large ({path.stat().st_size:,} bytes, limit "
                                f"{MAX_META_BYTES:,}); run `hostfit train`")
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError, OSError) as exc:
        raise ArtifactError(f"model metadata {path} is corrupted ({exc}); run `hostfit train`") from exc
    if not isinstance(meta, dict):
        raise ArtifactError(f"model metadata {path} is corrupted (not a JSON object); run `hostfit train`")
    return meta


def load_model(directory: Path | None = None, expected_data_hash: str | None = None,
               ) -> tuple[HostfitRanker, dict]:
    """Load and validate a saved ranker.

    Parameters
    ----------
    directory : Path
        Folder with :data:`MODEL_FILE` and :data:`META_FILE`.
    expected_data_hash : str, optional
        The data hash the model must have been trained on (default: the current
        curated data's :func:`data_hash`).

    Raises
    ------
    ArtifactError
        Missing or corrupted files, a feature list that disagrees with the model,
        or a model trained on other data (the message names the expected hash).
    """
    directory = Path(paths.ARTIFACT_DIR if directory is None else directory)
    expected = data_hash() if expected_data_hash is None else expected_data_hash
    retrain = f"run `hostfit train` to retrain on the current data (data hash {expected})"
    try:
        meta = read_metadata(directory)
    except ArtifactError as exc:
        raise ArtifactError(f"{exc}; expected a model trained on data hash {expected}") from exc
    if meta.get("format") != FORMAT:
        raise ArtifactError(f"{directory / META_FILE}: format {meta.get('format')!r}, expected {FORMAT!r}; "
                            f"{retrain}")
    model_path = directory / MODEL_FILE
    if not model_path.is_file():
        raise ArtifactError(f"model file {model_path} is missing; {retrain}")
    if model_path.stat().st_size > MAX_MODEL_BYTES:
        raise ArtifactError(f"model file {model_path} is too large ({model_path.stat().st_size:,} bytes, limit "
                            f"{MAX_MODEL_BYTES:,}); {retrain}")
    try:
        text = model_path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ArtifactError(f"model file {model_path} cannot be read ({exc}); {retrain}") from exc
    if sha256_bytes(text.encode()) != meta.get("model_sha256"):
        raise ArtifactError(f"model file {model_path} is corrupted (sha256 differs from the metadata); {retrain}")
    if meta.get("data_hash") != expected:
        raise ArtifactError(f"model at {directory} was trained on data {meta.get('data_hash')}, but the "
                            f"curated data hash is {expected}; retrain with `hostfit train`")
    params = _checked(meta, model_path, text, retrain)
    try:
        booster = lgb.Booster(model_str=text)
    except lgb.basic.LightGBMError as exc:
        raise ArtifactError(f"model file {model_path} cannot be parsed: {exc}; {retrain}") from exc
    if booster.feature_name() != meta.get("features"):
        raise ArtifactError(f"model file {model_path}: features differ from the metadata's feature list; {retrain}")
    return HostfitRanker.from_booster(booster, prior_means=_prior_means(meta, params, model_path, retrain),
                                      **params), meta


def calibration_of(meta: dict, directory: Path | None = None) -> tuple[float, float]:
    """The ``(a, b)`` of the 0–100 fit score stored in a saved model's metadata, checked.

    Raises
    ------
    ArtifactError
        ``calibration`` missing, or ``a``/``b`` not finite numbers in range
        (:func:`models.artifact_checks.check_calibration`).
    """
    try:
        return check_calibration(meta.get("calibration"))
    except ValueError as exc:
        path = Path(paths.ARTIFACT_DIR if directory is None else directory) / META_FILE
        raise ArtifactError(f"model metadata {path}: {exc}; run `hostfit train` to retrain on the current data "
                            f"(data hash {meta.get('data_hash')})") from None


def _prior_means(meta: dict, params: dict, model_path: Path, retrain: str) -> dict[str, float]:
    """The training means of the prior features, checked: one finite number per prior feature."""
    prior = params.get("prior") or {}
    means = meta.get("prior_means") or {}
    if not isinstance(means, dict) or set(prior) - set(means) or not all(
            isinstance(means[f], (int, float)) and math.isfinite(means[f]) for f in prior):
        raise ArtifactError(f"model metadata {model_path.with_name(META_FILE)}: 'prior_means' must give a finite "
                            f"number for every prior feature ({sorted(prior)}); {retrain}")
    return {f: float(means[f]) for f in prior}


def _checked(meta: dict, model_path: Path, text: str, retrain: str) -> dict:
    """Validate the model text and the metadata's features and params; return the params."""
    try:
        check_model_text(text)
    except ValueError as exc:
        raise ArtifactError(f"model file {model_path} is not a valid hostfit model: {exc}; {retrain}") from None
    features = meta.get("features")
    if not (isinstance(features, list) and len(features) <= MAX_FEATURES
            and all(isinstance(f, str) for f in features)):
        raise ArtifactError(f"model metadata {model_path.with_name(META_FILE)}: 'features' must be a list of "
                            f"names; {retrain}")
    try:
        return check_params(meta.get("params"), HostfitRanker)
    except ValueError as exc:
        raise ArtifactError(f"model metadata {model_path.with_name(META_FILE)}: {exc}; {retrain}") from None
