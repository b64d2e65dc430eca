"""The loader API and its errors."""

from __future__ import annotations

import dataclasses

import pytest

from data import DataError, list_tables, load_table, table_info
from data.loader import _load_validated


def test_every_registered_table_loads_and_cites_a_publisher():
    for name in list_tables():
        frame = load_table(name)
        assert len(frame) > 0, name
        assert len(table_info(name).source) > 20, f"{name} lacks a citation"


def test_load_table_returns_a_copy():
    first = load_table("regions")
    first.loc[0, "name_en"] = "changed"
    assert load_table("regions").loc[0, "name_en"] == "Beijing"


def test_unknown_table_names_the_known_ones():
    with pytest.raises(DataError, match="unknown table 'nope'.*regions"):
        load_table("nope")


def test_missing_curated_file_is_a_clear_error(tmp_path, monkeypatch):
    import data.loader as loader

    spec = table_info("regions")
    moved = dataclasses.replace(spec)
    monkeypatch.setattr(loader, "table_info", lambda name: moved)
    monkeypatch.setattr(type(moved), "path", property(lambda self: tmp_path / "regions.csv"))
    _load_validated.cache_clear()
    try:
        with pytest.raises(DataError, match="missing.*hostfit data build"):
            load_table("regions")
    finally:
        _load_validated.cache_clear()


def test_altered_curated_file_fails_validation(tmp_path, monkeypatch):
    import data.loader as loader

    spec = table_info("regions")
    bad = tmp_path / "regions.csv"
    frame = load_table("regions")
    frame.loc[3, "macro_region"] = "Atlantis"
    frame.to_csv(bad, index=False)
    monkeypatch.setattr(loader, "table_info", lambda name: spec)
    monkeypatch.setattr(type(spec), "path", property(lambda self: bad))
    _load_validated.cache_clear()
    try:
        with pytest.raises(DataError, match="fails validation") as err:
            load_table("regions")
        assert "Atlantis" in str(err.value)
    finally:
        _load_validated.cache_clear()


def test_tables_are_verified_against_the_manifest(tmp_path, monkeypatch):
    import json

    import data.loader as loader
    from data import paths

    manifest = json.loads(paths.manifest_path().read_text(encoding="utf-8"))
    del manifest["tables"]["regions"]
    edited = tmp_path / "MANIFEST.json"
    edited.write_text(json.dumps(manifest), encoding="utf-8")
    for path, message in ((tmp_path / "missing.json", "is missing; rebuild with `hostfit data build`"),
                          (edited, "curated table 'regions' is not recorded in")):
        monkeypatch.setattr(paths, "manifest_path", lambda path=path: path)
        loader.clear_cache()
        try:
            with pytest.raises(DataError, match="hostfit data build") as err:
                load_table("regions")
            assert message in str(err.value)
        finally:
            monkeypatch.undo()
            loader.clear_cache()
    assert len(load_table("regions")) == 31
