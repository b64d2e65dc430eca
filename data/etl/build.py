"""Build orchestrator: run every ETL step, validate, write atomically.

Tables are written into a temporary folder next to the target and moved into
place only when every step has succeeded and every table has passed its schema,
so a failed build leaves the committed tables untouched.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from data.build_hash import file_sha256
from data.etl.sources import SourceError
from data.registry import CURATED_DIR, ETL_VERSION, TableSpec, all_specs


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


def build_tables(sources: Path, progress: bool = True) -> dict[str, pd.DataFrame]:
    """Run every ETL step and return validated tables keyed by name (nothing written)."""
    sources = Path(sources)
    if not sources.is_dir():
        raise SourceError(f"sources directory not found: {sources}")
    specs = all_specs()
    built: dict[str, pd.DataFrame] = {}
    steps = _steps_in_order(specs)
    bar = tqdm(steps, desc="hostfit data build", unit="step", disable=not progress)
    for step in bar:
        bar.set_postfix_str(step.split(":")[0].rsplit(".", 1)[-1])
        outputs = _resolve_step(step)(sources, built)
        for name, spec in specs.items():
            if spec.step != step:
                continue
            if name not in outputs:
                raise RuntimeError(f"ETL step {step} did not produce table {name!r}")
            built[name] = spec.schema.validate(outputs[name], lazy=True)
    return built


def build_all(sources: Path, out_dir: Path = CURATED_DIR, progress: bool = True) -> dict:
    """Build, validate and write all curated tables plus ``MANIFEST.json``.

    Returns the manifest dictionary. Nothing is written unless everything succeeds.
    """
    start = time.perf_counter()
    tables = build_tables(sources, progress=progress)
    specs = all_specs()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
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
        (staging / "MANIFEST.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        for item in staging.iterdir():
            item.replace(out_dir / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    manifest["build_seconds"] = round(time.perf_counter() - start, 2)
    return manifest
