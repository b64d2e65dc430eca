"""Shared fixtures."""

from __future__ import annotations

import os
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
