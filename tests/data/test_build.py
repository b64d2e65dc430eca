"""The committed curated tables are exactly what the ETL builds from the raw sources."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.etl import build as build_module
from data.etl.sources import SourceError
from data.loader import read_curated
from data.registry import all_specs


def _read(path):
    return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)


@pytest.mark.parametrize("name", list(all_specs()))
def test_committed_table_equals_fresh_build(name, fresh_build):
    spec = all_specs()[name]
    fresh = _read(fresh_build / spec.path.name)
    committed = _read(spec.path)
    pd.testing.assert_frame_equal(committed, fresh, check_exact=False, rtol=1e-12)


def test_manifest_records_sources_and_citations(fresh_build):
    manifest = json.loads((fresh_build / "MANIFEST.json").read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(all_specs())
    for name, entry in manifest["tables"].items():
        assert entry["source"], name
        assert entry["rows"] == len(read_curated(all_specs()[name])), name
    assert any(path.startswith("provincial_io/raw/2017/") for path in manifest["tables"]["io_panel"]["inputs"])


def test_missing_sources_dir_is_named(tmp_path):
    with pytest.raises(SourceError, match="sources directory not found"):
        build_module.build_tables(tmp_path / "nowhere", progress=False)


def test_failed_build_writes_nothing(tmp_path, monkeypatch, sources_dir):
    out = tmp_path / "curated"
    out.mkdir()
    (out / "regions.csv").write_text("sentinel\n", encoding="utf-8")

    def broken_step(sources, built):
        raise SourceError("source file malformed: geo/x.csv: boom")

    real_resolve = build_module._resolve_step
    monkeypatch.setattr(build_module, "_resolve_step",
                        lambda step: broken_step if "io_tables" in step else real_resolve(step))
    with pytest.raises(SourceError, match="geo/x.csv"):
        build_module.build_all(sources_dir, out_dir=out, progress=False)
    assert (out / "regions.csv").read_text(encoding="utf-8") == "sentinel\n"
    assert sorted(p.name for p in out.iterdir()) == ["regions.csv"]
