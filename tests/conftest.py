"""Shared fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.toy import TOY, TOY_CALIBRATION

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The raw sources (``../shared/sources`` or ``$HOSTFIT_SOURCES``); skip if absent."""
    path = Path(os.environ.get("HOSTFIT_SOURCES", REPO.parent / "shared" / "sources"))
    if not (path / "MANIFEST.tsv").exists():
        pytest.skip(f"raw sources not found at {path}; set HOSTFIT_SOURCES to run data-build tests")
    return path


@pytest.fixture(scope="session")
def fresh_build(sources_dir: Path, tmp_path_factory) -> Path:
    """All curated tables rebuilt from the raw sources into a temporary folder."""
    from data.etl.build import build_all

    out = tmp_path_factory.mktemp("curated")
    build_all(sources_dir, out_dir=out, progress=False)
    return out


@pytest.fixture(scope="session")
def frame():
    """The training frame of the committed data (features, labels, complexity terms)."""
    from models.training import default_frame

    return default_frame()


@pytest.fixture(scope="session")
def toy_ranker(frame):
    """A quick seed-averaged ranker with a linear prior, trained on every transition (not the saved model)."""
    from models.training import fit_ranker

    return fit_ranker(frame, TOY)


@pytest.fixture(scope="session")
def toy_scorer(toy_ranker):
    """A scorer of the toy ranker on the shipped inputs."""
    from features.build import arrays_of
    from features.inputs import load_inputs
    from models.scoring import Scorer

    return Scorer(toy_ranker, TOY_CALIBRATION, arrays_of(load_inputs()))


def _clear_data_caches() -> None:
    from data import resolve
    from data.loader import clear_cache
    from models import training

    clear_cache()
    resolve._region_names.cache_clear()
    resolve._industry_names.cache_clear()
    training._default_frame.cache_clear()  # the training frame is cached per process


@pytest.fixture
def curated_copy(tmp_path, monkeypatch):
    """A private copy of ``data/curated`` that the loaders read instead of the committed one.

    The shipped scorer is replaced by an uncached loader, so a model loaded from
    the copy never leaks into other tests.
    """
    import data.paths
    import models.api
    import models.scoring
    from app import fast_answers
    from models.scoring import load_scorer

    folder = tmp_path / "curated"
    shutil.copytree(data.paths.CURATED_DIR, folder)
    monkeypatch.setattr(data.paths, "CURATED_DIR", folder)
    uncached = getattr(load_scorer, "__wrapped__", load_scorer)  # another fixture may have unwrapped it
    monkeypatch.setattr(models.scoring, "load_scorer", uncached)
    monkeypatch.setattr(models.api, "load_scorer", uncached)
    _clear_data_caches()
    fast_answers._valid_index.cache_clear()
    yield folder
    _clear_data_caches()
    fast_answers._valid_index.cache_clear()


@pytest.fixture
def artifacts_copy(tmp_path, monkeypatch):
    """A private copy of ``models/artifacts`` that the (uncached) shipped scorer loads."""
    import models.api
    import models.paths
    import models.scoring
    from app import fast_answers
    from models.scoring import load_scorer

    folder = tmp_path / "artifacts"
    shutil.copytree(models.paths.ARTIFACT_DIR, folder)
    monkeypatch.setattr(models.paths, "ARTIFACT_DIR", folder)
    uncached = getattr(load_scorer, "__wrapped__", load_scorer)  # another fixture may have unwrapped it
    monkeypatch.setattr(models.scoring, "load_scorer", uncached)
    monkeypatch.setattr(models.api, "load_scorer", uncached)
    fast_answers._valid_index.cache_clear()
    yield folder
    fast_answers._valid_index.cache_clear()
