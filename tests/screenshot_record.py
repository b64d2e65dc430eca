"""Which view sources the README screenshots (docs/screenshots) were taken from.

The end-to-end run that refreshes the screenshots (``HOSTFIT_UPDATE_SCREENSHOTS=1``) records,
beside them in ``docs/screenshots/screenshots.json``, each picture's SHA-256 and the hash of the
app's view sources at capture time; ``tests/docs/test_screenshots.py`` fails when the sources
have changed since, so the README never shows an older interface than the code draws.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "docs" / "screenshots"
RECORD = SHOTS / "screenshots.json"
#: The sources that decide what the screenshots show.
VIEW_SOURCES = ("app/views/*.py", "app/figures*.py", "app/i18n.py")
#: The one command that refreshes the README screenshots (and this record).
REFRESH = ("HOSTFIT_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest -q tests/e2e/test_browser.py "
           "-k 'region_view_shows_reasons or industry_map_is_complete'")


def view_files(repo: Path = REPO) -> list[Path]:
    """The view source files, sorted by path."""
    return sorted({path for pattern in VIEW_SOURCES for path in repo.glob(pattern)})


def views_hash(repo: Path = REPO) -> str:
    """SHA-256 over the view sources' relative paths and contents (line endings normalised)."""
    digest = hashlib.sha256()
    for path in view_files(repo):
        digest.update(path.relative_to(repo).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_record(record: Path = RECORD) -> dict:
    """The recorded screenshots (``{}`` when there is no record)."""
    return json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}


def record_screenshot(name: str, shots: Path = SHOTS, repo: Path = REPO) -> None:
    """Record that ``shots/<name>.png`` was just taken from the current view sources."""
    record_path = shots / RECORD.name
    record = read_record(record_path)
    record[f"{name}.png"] = {"sha256": file_hash(shots / f"{name}.png"), "views_sha256": views_hash(repo)}
    record_path.write_text(json.dumps(dict(sorted(record.items())), indent=2) + "\n", encoding="utf-8")
