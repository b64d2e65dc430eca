"""Build orchestrator: run every ETL step, validate, commit all tables at once.

All-or-nothing (see :mod:`data.etl.staging`):

1. lock the target's parent folder, roll back an interrupted swap and delete
   stale staging folders (``data/curated/.staging-*`` from earlier versions,
   ``data/.curated.staging-*``);
2. create the staging folder first, so an unwritable target fails in a second,
   not after the ETL;
3. run the steps; a :class:`~data.etl.sources.SourceError` passes through,
   any other exception becomes a :class:`BuildError` naming the step and its
   inputs, and every table must pass its schema;
4. write the tables into the staging folder, then ``MANIFEST.json`` last, and
   verify every file against the manifest;
5. swap the staging folder in (one atomic exchange on Linux) and delete the
   old tables.

SIGINT/SIGTERM during a build raise :class:`BuildInterrupted`; the staging
folder is removed and the committed tables are untouched. A failed build
leaves the target exactly as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from data.build_hash import file_sha256
from data.etl.sources import SourceError
from data.etl.staging import (BuildInterrupted, folder_lock, make_staging, recover_and_clean, signals_deferred,
                              signals_raise, swap_in)
from data import paths
from data.registry import ETL_VERSION, TableSpec, all_specs

__all__ = ["BuildError", "BuildInterrupted", "build_all", "build_tables", "write_table"]
MANIFEST = "MANIFEST.json"


class BuildError(SourceError):
    """The build failed; the message names the step, table or folder. Nothing was changed."""


def _resolve_step(step: str) -> Callable[[Path, dict[str, pd.DataFrame]], dict[str, pd.DataFrame]]:
    module_name, func_name = step.split(":")
    return getattr(import_module(module_name), func_name)


def _steps_in_order(specs: dict[str, TableSpec]) -> list[str]:
    steps: list[str] = []
    for spec in specs.values():
        if spec.step not in steps:
            steps.append(spec.step)
    return steps


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write one curated table deterministically (CSV or Parquet by suffix)."""
    if path.suffix == ".parquet":
        frame.to_parquet(path, index=False, compression="zstd")
    else:
        frame.to_csv(path, index=False, lineterminator="\n")


def _source_hashes(sources: Path, inputs: set[str]) -> dict[str, str]:
    """sha256 of each input as listed in the sources MANIFEST.tsv (or computed)."""
    manifest = Path(sources) / "MANIFEST.tsv"
    listed: dict[str, str] = {}
    if manifest.exists():
        table = pd.read_csv(manifest, sep="\t", usecols=["path", "sha256"])
        listed = dict(zip(table["path"], table["sha256"]))
    hashes = {}
    for rel in sorted(inputs):
        target = Path(sources) / rel
        if rel in listed:
            hashes[rel] = listed[rel]
        elif target.is_file():
            hashes[rel] = file_sha256(target)
        else:  # a folder: list the manifest entries under it
            for path in sorted(p for p in listed if p.startswith(rel.rstrip("/") + "/")):
                hashes[path] = listed[path]
    return hashes


def _step_inputs(step: str, specs: dict[str, TableSpec]) -> str:
    inputs = sorted({i for spec in specs.values() if spec.step == step for i in spec.inputs})
    shown = ", ".join(inputs[:4]) + (f" and {len(inputs) - 4} more" if len(inputs) > 4 else "")
    return shown or "no listed inputs"


def _run_step(step: str, sources: Path, built: dict[str, pd.DataFrame], specs: dict[str, TableSpec]) -> dict:
    """Run one ETL step; unexpected exceptions become a :class:`BuildError` naming the step and inputs."""
    try:
        return _resolve_step(step)(sources, built)
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - any ETL failure is reported with its step
        detail = str(exc).splitlines()[0][:300] if str(exc) else ""
        raise BuildError(f"ETL step {step} failed ({type(exc).__name__}: {detail}); a source file is probably "
                         f"malformed — check {_step_inputs(step, specs)} under {sources}") from exc


def build_tables(sources: Path, progress: bool = True) -> dict[str, pd.DataFrame]:
    """Run every ETL step and return validated tables keyed by name (nothing written).

    Raises
    ------
    SourceError
        A missing or malformed source (``BuildError`` for unexpected failures
        inside a step or a table that fails its schema).
    """
    sources = Path(sources)
    if not sources.is_dir():
        raise SourceError(f"sources directory not found: {sources}")
    specs = all_specs()
    built: dict[str, pd.DataFrame] = {}
    steps = _steps_in_order(specs)
    bar = tqdm(steps, desc="hostfit data build", unit="step", disable=not progress)
    for step in bar:
        bar.set_postfix_str(step.split(":")[0].rsplit(".", 1)[-1])
        outputs = _run_step(step, sources, built, specs)
        for name, spec in specs.items():
            if spec.step != step:
                continue
            if name not in outputs:
                raise BuildError(f"ETL step {step} did not produce table {name!r}")
            try:
                built[name] = spec.schema.validate(outputs[name], lazy=True)
            except Exception as exc:  # noqa: BLE001 - pandera SchemaErrors
                raise BuildError(f"table {name!r} built by {step} fails its schema (check "
                                 f"{_step_inputs(step, specs)}): {str(exc)[:600]}") from exc
    return built


def _stage(tables: dict[str, pd.DataFrame], staging: Path, sources: Path) -> dict:
    """Write tables, then the manifest (last); return the manifest."""
    specs = all_specs()
    entries = {}
    for name, frame in tables.items():
        spec = specs[name]
        target = staging / spec.path.name
        write_table(frame, target)
        entries[name] = {
            "file": spec.path.name,
            "rows": int(len(frame)),
            "columns": list(frame.columns),
            "description": spec.description,
            "source": spec.source,
            "units": spec.units,
            "sha256": file_sha256(target),
            "inputs": _source_hashes(sources, set(spec.inputs)),
        }
    manifest = {"etl_version": ETL_VERSION, "tables": entries}
    (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return manifest


def verify_folder(folder: Path) -> None:
    """Raise :class:`BuildError` unless every table in ``folder``'s manifest has its recorded sha256."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, entry in manifest["tables"].items():
        path = folder / entry["file"]
        if not path.is_file() or file_sha256(path) != entry["sha256"]:
            raise BuildError(f"staged table {name!r} ({path}) does not match the manifest; nothing was committed")


def _carry_over(out_dir: Path, staging: Path) -> None:
    """Copy files in ``out_dir`` that the build does not produce (notes, .gitkeep) into ``staging``."""
    if not out_dir.is_dir():
        return
    produced = {spec.path.name for spec in all_specs().values()} | {MANIFEST}
    for item in out_dir.iterdir():
        if item.name in produced or item.name.startswith(".staging-"):
            continue
        if item.is_dir() and not item.is_symlink():
            raise BuildError(f"{out_dir} holds a folder {item.name!r} that is not a curated table; move it away "
                             "before building (the whole folder is replaced)")
        shutil.copy2(item, staging / item.name, follow_symlinks=False)


def build_all(sources: Path, out_dir: Path | None = None, progress: bool = True) -> dict:
    """Build, validate and commit all curated tables plus ``MANIFEST.json`` at once.

    Returns the manifest dictionary (with ``build_seconds``).

    Raises
    ------
    SourceError
        Missing or malformed sources (:class:`BuildError` for a failed step, a
        schema failure, an unwritable target or another build running).
    BuildInterrupted
        SIGINT/SIGTERM arrived; the staging folder is removed and, unless
        ``committed`` is set on the exception, the target is untouched.
    """
    start = time.perf_counter()
    out_dir = Path(paths.CURATED_DIR if out_dir is None else out_dir).absolute()
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"cannot write the curated tables: {out_dir} is not a folder")
    committed = False
    try:
        with signals_raise(), _locked(out_dir):
            staging = _make_staging(out_dir)
            try:
                tables = build_tables(sources, progress=progress)
                try:
                    manifest = _stage(tables, staging, Path(sources))
                    _carry_over(out_dir, staging)
                    verify_folder(staging)
                    with signals_deferred():
                        swap_in(staging, out_dir)
                        committed = True
                except OSError as exc:
                    raise BuildError(f"cannot write the curated tables to {out_dir}: {exc}; nothing was "
                                     "changed") from exc
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            verify_folder(out_dir)
    except BuildInterrupted as exc:
        exc.committed = committed
        raise
    manifest["build_seconds"] = round(time.perf_counter() - start, 2)
    return manifest


def _make_staging(out_dir: Path) -> Path:
    if out_dir.is_dir() and not os.access(out_dir, os.W_OK):
        raise BuildError(f"cannot write the curated tables: {out_dir} is not writable; nothing was changed")
    try:
        recover_and_clean(out_dir)
        return make_staging(out_dir)
    except OSError as exc:
        raise BuildError(f"cannot write the curated tables: {out_dir.parent} is not writable ({exc}); nothing "
                         "was changed") from exc


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """:func:`~data.etl.staging.folder_lock` with clean errors."""
    if not out_dir.parent.is_dir():
        raise BuildError(f"cannot write the curated tables: folder {out_dir.parent} does not exist")
    try:
        lock = folder_lock(out_dir)
        lock.__enter__()
    except BlockingIOError:
        raise BuildError(f"another `hostfit data build` is writing to {out_dir}; wait for it to finish") from None
    except OSError as exc:
        raise BuildError(f"cannot lock {out_dir.parent} for the build: {exc}") from exc
    try:
        yield
    finally:
        lock.__exit__(None, None, None)
