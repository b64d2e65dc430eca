"""Fixtures for the hardening tests: temporary copies of the curated data and the model.

Committed files are never modified: a test that breaks data or a model works on
a copy in ``tmp_path`` and points the loaders at it with ``monkeypatch``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st

from data import resolve
from data.loader import clear_cache
from models.artifacts import ARTIFACT_DIR
from models.scoring import load_scorer

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app" / "streamlit_app.py")


def _clear_data_caches() -> None:
    from models import training

    clear_cache()
    resolve._region_names.cache_clear()
    resolve._industry_names.cache_clear()
    training._default_frame.cache_clear()  # the training frame is cached per process


@pytest.fixture
def curated_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of ``data/curated`` that the loaders read instead of the committed one.

    The shipped scorer is replaced by an uncached loader, so a model loaded from
    the copy never leaks into other tests.
    """
    import data.loader
    import data.registry
    import models.api
    import models.scoring

    folder = tmp_path / "curated"
    shutil.copytree(data.registry.CURATED_DIR, folder)
    monkeypatch.setattr(data.registry, "CURATED_DIR", folder)
    monkeypatch.setattr(data.loader, "MANIFEST_PATH", folder / "MANIFEST.json")
    monkeypatch.setattr(models.scoring, "load_scorer", load_scorer.__wrapped__)
    monkeypatch.setattr(models.api, "load_scorer", load_scorer.__wrapped__)
    _clear_data_caches()
    yield folder
    _clear_data_caches()


@pytest.fixture
def artifacts_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of ``models/artifacts`` that the (uncached) shipped scorer loads."""
    import models.api
    import models.scoring
    from models.artifacts import load_model

    folder = tmp_path / "artifacts"
    shutil.copytree(ARTIFACT_DIR, folder)
    monkeypatch.setattr(models.scoring, "load_model", lambda: load_model(folder))
    monkeypatch.setattr(models.scoring, "load_scorer", load_scorer.__wrapped__)
    monkeypatch.setattr(models.api, "load_scorer", load_scorer.__wrapped__)
    return folder


@pytest.fixture
def fresh_streamlit_caches():
    """Streamlit caches outlive AppTest runs: start from (and leave) a clean slate."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def unwritable_dir(tmp_path) -> Path:
    """A folder path this process cannot create files in.

    As an ordinary user: a read-only folder. As root (permissions do not apply):
    a path that runs through a regular file, which every write refuses too.
    """
    import os

    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
    else:
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        yield blocker / "folder"
