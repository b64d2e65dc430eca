"""Eastern provinces shedding an industry (features/origin.py)."""

from __future__ import annotations

import pytest

from features.build import arrays_of
from features.inputs import load_inputs
from features.origin import shedding_lists, shedding_regions


@pytest.fixture(scope="module")
def arrays():
    return arrays_of(load_inputs())


@pytest.mark.parametrize("year", [2007, 2012, 2017])
def test_shedding_lists_equal_shedding_regions_for_every_sector(arrays, year):
    lists = shedding_lists(arrays, year, top=3)
    assert set(lists) == set(arrays.industries)
    for industry in arrays.industries:
        frame = shedding_regions(arrays, industry, year, top=3)
        assert lists[industry] == [int(r) for r in frame["region"]], industry
        assert (frame["change"] < 0).all() and frame["change"].is_monotonic_increasing


def test_no_previous_period_means_no_origins(arrays):
    first = min(arrays.io_years)
    assert all(codes == [] for codes in shedding_lists(arrays, first).values())
    assert shedding_regions(arrays, "H19", first).empty
