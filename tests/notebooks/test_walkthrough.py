"""The walkthrough notebook runs top to bottom on the embedded data."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import NATIVE_KERNEL_NAME
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "walkthrough.ipynb"
BUDGET_S = 60


@pytest.fixture(scope="module")
def executed() -> tuple[nbformat.NotebookNode, float]:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # the native kernel's "python" is replaced by this interpreter (the project's venv)
    client = NotebookClient(notebook, timeout=BUDGET_S * 2, kernel_name=NATIVE_KERNEL_NAME,
                            resources={"metadata": {"path": str(REPO)}})
    start = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - start


def test_notebook_runs_without_errors_within_budget(executed):
    notebook, seconds = executed
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, errors
    assert seconds < BUDGET_S, f"notebook took {seconds:.0f} s"


def test_notebook_shows_sichuan_recommendations(executed):
    notebook, _ = executed
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "crowding_level" in text and "NDCG@5" in text
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) or "text/html" in o.get("data", {})
               for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
