"""Region × chain measures use data of years ≤ t only, and match hand-computed values."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from features.arrays import InputArrays
from features.chains import (MEASURES, PLAN_YEAR, ZONE_CATALOGUE_YEAR, chain_measures, declared_chains,
                             marker_growth, phrase_chains, zone_chains)
from features.inputs import load_inputs


@pytest.fixture(scope="module")
def inputs():
    return load_inputs()


def _scrambled_after(inputs, year: int):
    """The inputs with every value of a year after ``year`` multiplied by 7 (IO tables, attributes,
    CO2, national products): an as-of computation must not notice."""
    changes = {}
    for field in dataclasses.fields(inputs):
        table = getattr(inputs, field.name)
        if isinstance(table, pd.DataFrame) and "year" in table.columns:
            table = table.copy()
            later = table["year"] > year
            numeric = [c for c in table.select_dtypes("number").columns if c not in ("region", "year")]
            table.loc[later, numeric] = table.loc[later, numeric] * 7
            changes[field.name] = table
    return dataclasses.replace(inputs, **changes)


@pytest.mark.parametrize("year", [2012, 2019])
def test_chain_measures_ignore_data_after_the_as_of_year(inputs, year):
    before = chain_measures(InputArrays.from_inputs(inputs), year)
    after = chain_measures(InputArrays.from_inputs(_scrambled_after(inputs, year)), year)
    pd.testing.assert_frame_equal(before, after)
    changed = chain_measures(InputArrays.from_inputs(_scrambled_after(inputs, year - 6)), year)
    assert not changed.equals(before)  # the scrambling does reach the measures when it is in the window


def test_declared_lists_and_zones_are_used_only_once_public():
    first = min(PLAN_YEAR.values())
    assert not declared_chains(first - 1).to_numpy().any()
    assert declared_chains(2021).to_numpy().any()
    assert zone_chains(ZONE_CATALOGUE_YEAR - 1).isna().all()
    assert zone_chains(ZONE_CATALOGUE_YEAR).notna().all()


def test_every_measure_column_is_produced_with_a_direction(inputs):
    frame = chain_measures(InputArrays.from_inputs(inputs), 2024)
    assert set(MEASURES) <= set(frame.columns)
    assert all(m.direction in (-1, 1) and m.axis in ("fit", "attract", "crowd") for m in MEASURES.values())
    assert MEASURES["labour_cost"].direction == -1  # a cost: higher is worse
    assert frame.groupby("region").size().nunique() == 1


def test_marker_growth_by_hand(inputs):
    products = inputs.national_products
    cells = products.set_index(["product", "year"])["output"]
    expected = np.log(cells[("solar_cells", 2024)] / cells[("solar_cells", 2019)]) / 5 * 100
    assert marker_growth(InputArrays.from_inputs(inputs), 2024)["pv"] == pytest.approx(expected)


def test_phrases_map_to_chains_by_words_and_families():
    assert phrase_chains("光伏组件") == ["pv"]
    assert set(phrase_chains("光伏新材料")) == {"pv", "battery_materials", "fine_chemicals", "nonferrous"}
    assert {"pv", "wind", "battery", "nev"} <= set(phrase_chains("新能源（新兴产业）"))
    assert phrase_chains("航空航天") == []
