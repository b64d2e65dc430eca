"""Feature frame: coverage, catalogue, the as-of (no-leakage) rule and what-if recomputation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from features.build import benchmark_years, build_features
from features.catalogue import PILLARS, catalogue
from features.inputs import FeatureInputs, load_inputs


@pytest.fixture(scope="module")
def inputs() -> FeatureInputs:
    return load_inputs()


def test_catalogue_has_every_group_with_labels_units_sources():
    table = catalogue()
    counts = table["pillar"].value_counts()
    for pillar in ("resource", "industrial_base", "research", "application"):
        assert counts.get(pillar, 0) >= 3, pillar
    for group in ("chain", "green", "cost", "origin", "momentum"):
        assert counts.get(group, 0) >= 1, group
    assert set(table["pillar"]) <= set(PILLARS)
    for column in ("label_zh", "label_en", "unit_zh", "unit_en", "meaning_zh", "meaning_en", "source"):
        assert table[column].str.len().gt(0).all(), column
    assert table["name"].is_unique


@pytest.mark.parametrize("year", [1997, 2002, 2007, 2012, 2017])
def test_every_region_and_candidate_has_a_row(inputs, year):
    frame = build_features(inputs, year)
    assert len(frame) == 31 * 16
    assert not frame.duplicated(["region", "industry", "year"]).any()
    assert set(frame["industry"]) == set(inputs.candidates)
    assert list(frame.columns[3:]) == catalogue()["name"].tolist()


def test_latest_year_is_a_benchmark(inputs):
    years = benchmark_years(inputs)
    assert years[:5] == [1997, 2002, 2007, 2012, 2017]
    assert years[-1] == inputs.latest_year > 2017


def test_missing_stays_missing(inputs):
    frame = build_features(inputs, 2007).set_index(["region", "industry"])
    # Tibet has no IO table before 2012: IO-based features are missing, not zero
    assert frame.loc[(540000, "H19"), ["rca", "density", "upstream_presence"]].isna().all()
    # no research yearbook data before 2010
    assert frame["rd_intensity"].isna().all()
    # groups without national product series have no national wave
    assert frame.loc[(510000, "H06"), "national_wave"] != frame.loc[(510000, "H06"), "national_wave"]
    assert frame.loc[(510000, "H19"), "national_wave"] > 0


def _perturb_after(inputs: FeatureInputs, year: int) -> FeatureInputs:
    """Scale every numeric value observed after ``year`` by a random factor."""
    rng = np.random.default_rng(0)
    changed = inputs.copy()
    for name in ("io_panel", "io_matrix", "attributes", "co2", "national_products"):
        frame = getattr(changed, name)
        late = frame["year"] > year
        numeric = [c for c in frame.select_dtypes("number").columns if c not in ("region", "year")]
        for column in numeric:
            frame.loc[late, column] = frame.loc[late, column] * rng.uniform(0.2, 5.0, late.sum())
    for name in ("data_hubs", "new_areas"):
        frame = getattr(changed, name)
        if "year" in frame.columns:
            late = frame.loc[frame["year"] > year]
            setattr(changed, name, pd.concat([frame, late, late], ignore_index=True))
    return changed


@pytest.mark.parametrize("year", [1997, 2002, 2007, 2012, 2017])
def test_no_leakage_from_later_years(inputs, year):
    before = build_features(inputs, year)
    after = build_features(_perturb_after(inputs, year), year)
    pd.testing.assert_frame_equal(before, after)


def test_perturbation_does_change_later_years(inputs):
    """Guard for the leakage test: the perturbation really moves later features."""
    before = build_features(inputs, 2017)
    after = build_features(_perturb_after(inputs, 2012), 2017)
    assert not before.equals(after)


def test_what_if_edit_recomputes_without_touching_files(inputs):
    scenario = inputs.copy()
    panel = scenario.io_panel
    mask = (panel["region"] == 510000) & (panel["industry"] == "H18") & (panel["year"] == 2017)
    panel.loc[mask, "gross_output"] *= 3
    base = build_features(inputs, 2017).set_index(["region", "industry"])
    edited = build_features(scenario, 2017).set_index(["region", "industry"])
    assert edited.loc[(510000, "H18"), "rca"] > base.loc[(510000, "H18"), "rca"]
    assert load_inputs().io_panel.loc[mask, "gross_output"].equals(inputs.io_panel.loc[mask, "gross_output"])
