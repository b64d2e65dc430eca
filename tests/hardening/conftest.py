"""Fixtures for the hardening tests: temporary copies of the curated data and the model.

Committed files are never modified: a test that breaks data or a model works on
a copy in ``tmp_path`` and points the loaders at it with ``monkeypatch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st


REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app" / "streamlit_app.py")


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
