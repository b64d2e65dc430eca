"""Saving and loading the ranker as LightGBM text + JSON, with integrity checks."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from models.artifacts import (META_FILE, MODEL_FILE, ArtifactError, data_hash, load_model,
                              read_metadata, save_model)
from models.ranker import HostfitRanker


@pytest.fixture()
def saved(tmp_path):
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(96, 2)), columns=["density", "rca"])
    y = (X["density"] > 0).astype(int) * 3
    model = HostfitRanker(n_estimators=10, min_child_samples=5, n_seeds=2, prior={"rca": 0.5}).fit(
        X, y, group=np.full(4, 24))
    save_model(model, {"note": "test"}, tmp_path)
    return tmp_path, model, X


def test_round_trip_without_pickle(saved):
    folder, model, X = saved
    loaded, meta = load_model(folder)
    assert np.array_equal(loaded.predict(X), model.predict(X))
    assert meta["features"] == ["density", "rca"] and meta["note"] == "test"
    assert meta["data_hash"] == data_hash() and meta["params"]["n_estimators"] == 10
    assert meta["prior_means"] == {"rca": pytest.approx(float(X["rca"].mean()))}
    np.testing.assert_allclose(loaded.predict_contrib(X), model.predict_contrib(X), rtol=0, atol=1e-12)
    assert sorted(p.name for p in folder.iterdir()) == sorted([MODEL_FILE, META_FILE])
    assert (folder / MODEL_FILE).read_text().startswith("tree")


def test_corrupted_model_file_is_reported(saved):
    folder, _, _ = saved
    path = folder / MODEL_FILE
    path.write_text(path.read_text().replace("Tree=0", "Tree=9"))
    with pytest.raises(ArtifactError, match="corrupted"):
        load_model(folder)


def test_corrupted_metadata_is_reported(saved):
    folder, _, _ = saved
    (folder / META_FILE).write_text("{not json")
    with pytest.raises(ArtifactError, match="corrupted"):
        read_metadata(folder)


def test_data_hash_mismatch_names_expected_hash(saved):
    folder, _, _ = saved
    with pytest.raises(ArtifactError, match="0" * 64):
        load_model(folder, expected_data_hash="0" * 64)
    meta = json.loads((folder / META_FILE).read_text())
    meta["data_hash"] = "f" * 64
    (folder / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ArtifactError, match=data_hash()):
        load_model(folder)


def test_missing_model_is_reported(tmp_path):
    with pytest.raises(ArtifactError, match="hostfit train"):
        load_model(tmp_path)
