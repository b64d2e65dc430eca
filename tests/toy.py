"""A small, quick model configuration for tests (not the shipped model)."""

from __future__ import annotations

from models.training import Config

TOY = Config("toy", "small and quick", {"n_estimators": 30, "num_leaves": 4, "min_child_samples": 30,
                                        "reg_lambda": 10.0, "colsample_bytree": 0.7, "n_seeds": 2,
                                        "prior": {"national_market": 0.5}})
TOY_CALIBRATION = (-1.2, 0.8)
