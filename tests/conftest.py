"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
