"""Access to the raw sources directory with clear errors.

Every reader here names the file and the problem when something is wrong, so
``hostfit data build`` never ends in a bare traceback.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.paths import DEFAULT_SOURCES  # noqa: F401  (re-exported: the ETL's default sources)


class SourceError(RuntimeError):
    """A raw source file is missing or malformed. The message names the file."""


def require(sources: Path, relpath: str) -> Path:
    """Return ``sources / relpath`` or raise :class:`SourceError` if it is absent."""
    path = Path(sources) / relpath
    if not path.exists():
        raise SourceError(f"source file missing: {relpath} (looked in {sources})")
    return path


def read_csv(sources: Path, relpath: str, **kwargs) -> pd.DataFrame:
    """Read a source CSV, trying UTF-8 (with or without BOM) then GB18030."""
    path = require(sources, relpath)
    last: Exception | None = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, encoding=encoding, **kwargs)
        except UnicodeDecodeError as exc:
            last = exc
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            raise SourceError(f"source file malformed: {relpath}: {exc}") from exc
    raise SourceError(f"source file {relpath} is neither UTF-8 nor GB18030: {last}")


def read_excel(sources: Path, relpath: str, **kwargs) -> pd.DataFrame:
    """Read a source spreadsheet (xls via xlrd, xlsx via openpyxl)."""
    path = require(sources, relpath)
    try:
        return pd.read_excel(path, **kwargs)
    except Exception as exc:  # noqa: BLE001 - xlrd/openpyxl raise many kinds
        raise SourceError(f"source file malformed: {relpath}: {exc}") from exc


def check_columns(frame: pd.DataFrame, required: list[str], relpath: str) -> None:
    """Raise :class:`SourceError` naming the file if ``required`` columns are absent."""
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceError(
            f"source file malformed: {relpath}: missing column(s) {missing}; "
            f"found {list(frame.columns)[:20]}"
        )
