"""Load committed curated tables by name, verified against the build manifest.

Every table is read once per process: the file's bytes are hashed and parsed
from the same buffer, validated with the table's pandera schema and compared
with the sha256 that ``hostfit data build`` recorded in ``MANIFEST.json``. A
table that was edited after the build is refused with a :class:`DataError`
naming it, so nothing is scored on tampered data.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from data import paths
from data.registry import TableSpec, all_specs

_REBUILD = "rebuild with `hostfit data build`"
#: Functions called by :func:`clear_cache` (caches derived from loaded tables).
_DEPENDENT_CACHES: list[Callable[[], None]] = []


class DataError(RuntimeError):
    """A curated table is missing, unreadable, fails validation or was modified after the build."""


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


def _read_bytes(spec: TableSpec) -> bytes:
    path = spec.path
    if not path.exists():
        raise DataError(f"curated table {spec.name!r} is missing ({path}); rebuild it with `hostfit data build`")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"curated table {spec.name!r} at {path} cannot be read: {exc}") from exc


def _parse(spec: TableSpec, raw: bytes) -> pd.DataFrame:
    try:
        if spec.fmt == "parquet":
            return pd.read_parquet(io.BytesIO(raw))
        text_columns = {c: str for c, col in spec.schema.columns.items()
                        if col.dtype is not None and "str" in str(col.dtype)}
        return pd.read_csv(io.BytesIO(raw), dtype=text_columns)
    except Exception as exc:  # noqa: BLE001 - re-raised with the file named
        raise DataError(f"curated table {spec.name!r} at {spec.path} cannot be read: {exc}") from exc


def read_curated(spec: TableSpec) -> pd.DataFrame:
    """Read the committed file of ``spec`` without validation or hash check."""
    return _parse(spec, _read_bytes(spec))


@lru_cache(maxsize=4)
def _recorded_hashes(manifest_path: str) -> dict[str, str]:
    """Table name → sha256 from a manifest (parsed once per process and path)."""
    manifest = _read_manifest(manifest_path)
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        raise DataError(f"{manifest_path} has no 'tables' section; {_REBUILD}")
    return {name: entry.get("sha256") for name, entry in tables.items() if isinstance(entry, dict)}


def verify_bytes(spec: TableSpec, raw: bytes) -> None:
    """Raise :class:`DataError` unless ``raw`` has the sha256 recorded for ``spec`` in the manifest.

    Raises
    ------
    DataError
        The manifest is missing or unreadable, does not list the table, or
        records another hash (the file was modified after the build). The
        message names the table and says to rebuild, in English and Chinese.
    """
    manifest = paths.manifest_path()
    expected = _recorded_hashes(str(manifest)).get(spec.name)
    if expected is None:
        raise DataError(f"curated table {spec.name!r} is not recorded in {manifest}, so it cannot be "
                        f"verified; {_REBUILD} / 数据表 {spec.name} 未记录在构建清单中，请运行 hostfit data build 重建")
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        raise DataError(
            f"curated table {spec.name!r} ({spec.path}) does not match its sha256 in {manifest.name}: "
            f"it was changed after the build (sha256 {actual[:12]}…, recorded {expected[:12]}…), so it is not "
            f"used; {_REBUILD} or restore the file / 数据表 {spec.name} 与构建清单记录的 sha256 不符（构建后被改动），"
            "已拒绝使用；请运行 hostfit data build 重建或恢复该文件")


@lru_cache(maxsize=None)
def _load_validated(name: str) -> pd.DataFrame:
    spec = table_info(name)
    raw = _read_bytes(spec)
    frame = _parse(spec, raw)
    try:
        validated = spec.schema.validate(frame, lazy=True)
    except Exception as exc:  # pandera SchemaErrors
        raise DataError(
            f"curated table {name!r} at {spec.path} fails validation; "
            f"rebuild it with `hostfit data build`:\n{_short(exc)}"
        ) from exc
    verify_bytes(spec, raw)
    return validated


def load_table(name: str) -> pd.DataFrame:
    """Return curated table ``name`` as a validated DataFrame (a fresh copy).

    The file is read, validated and checked against ``MANIFEST.json`` once per
    process; later calls copy the cached frame.

    Parameters
    ----------
    name : str
        A name from :func:`list_tables`, e.g. ``"io_panel"``.

    Raises
    ------
    DataError
        If the name is unknown, the file is missing, fails its schema or differs
        from the sha256 recorded by the build.
    """
    return _load_validated(name).copy()


def _read_manifest(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except FileNotFoundError:
        raise DataError(f"{path} is missing; {_REBUILD}") from None
    except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise DataError(f"{path} cannot be read ({exc}); {_REBUILD}") from exc
    if not isinstance(manifest, dict):
        raise DataError(f"{path} is not a JSON object; {_REBUILD}")
    return manifest


def load_manifest() -> dict:
    """The build manifest (rows, sources, hashes) written by ``hostfit data build``.

    Raises
    ------
    DataError
        The manifest is missing, unreadable or not a JSON object.
    """
    return _read_manifest(str(paths.manifest_path()))


def register_cache(cached: Callable) -> Callable:
    """Decorator: :func:`clear_cache` also clears ``cached`` (an ``lru_cache`` built from loaded tables)."""
    _DEPENDENT_CACHES.append(cached.cache_clear)
    return cached


def clear_cache() -> None:
    """Forget loaded tables, manifest hashes and caches built from them (after a rebuild)."""
    _load_validated.cache_clear()
    _recorded_hashes.cache_clear()
    for clear in _DEPENDENT_CACHES:
        clear()


def _short(exc: Exception, limit: int = 1500) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[:limit] + " …"
