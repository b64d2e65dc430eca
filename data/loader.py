"""Load committed curated tables by name."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from data.registry import CURATED_DIR, TableSpec, all_specs

MANIFEST_PATH = CURATED_DIR / "MANIFEST.json"


class DataError(RuntimeError):
    """A curated table is missing, unreadable or fails validation."""


def list_tables() -> list[str]:
    """Names of all curated tables, in build order."""
    return list(all_specs())


def table_info(name: str) -> TableSpec:
    """Return the spec (description, source citation, units) of a table."""
    specs = all_specs()
    if name not in specs:
        known = ", ".join(specs)
        raise DataError(f"unknown table {name!r}; known tables: {known}")
    return specs[name]


def read_curated(spec: TableSpec) -> pd.DataFrame:
    """Read the committed file of ``spec`` without validation."""
    path = spec.path
    if not path.exists():
        raise DataError(
            f"curated table {spec.name!r} is missing ({path}); "
            "rebuild it with `hostfit data build`"
        )
    try:
        if spec.fmt == "parquet":
            return pd.read_parquet(path)
        text_columns = {c: str for c, col in spec.schema.columns.items()
                        if col.dtype is not None and "str" in str(col.dtype)}
        return pd.read_csv(path, dtype=text_columns)
    except Exception as exc:  # noqa: BLE001 - re-raised with the file named
        raise DataError(f"curated table {spec.name!r} at {path} cannot be read: {exc}") from exc


@lru_cache(maxsize=None)
def _load_validated(name: str) -> pd.DataFrame:
    spec = table_info(name)
    frame = read_curated(spec)
    try:
        return spec.schema.validate(frame, lazy=True)
    except Exception as exc:  # pandera SchemaErrors
        raise DataError(
            f"curated table {name!r} at {spec.path} fails validation; "
            f"rebuild it with `hostfit data build`:\n{_short(exc)}"
        ) from exc


def load_table(name: str) -> pd.DataFrame:
    """Return curated table ``name`` as a validated DataFrame (a fresh copy).

    Parameters
    ----------
    name : str
        A name from :func:`list_tables`, e.g. ``"io_panel"``.

    Raises
    ------
    DataError
        If the name is unknown, the file is missing or it fails its schema.
    """
    return _load_validated(name).copy()


def load_manifest() -> dict:
    """The build manifest (rows, sources, hashes) written by ``hostfit data build``."""
    if not MANIFEST_PATH.exists():
        raise DataError(f"{MANIFEST_PATH} is missing; rebuild with `hostfit data build`")
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def clear_cache() -> None:
    """Forget loaded tables (after a rebuild)."""
    _load_validated.cache_clear()


def _short(exc: Exception, limit: int = 1500) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[:limit] + " …"
