"""What-if edits and bring-your-own regions on the input arrays (features/scenario.py)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from features.build import arrays_of, build_features, feature_panel
from features.inputs import load_inputs
from features.origin import east_share_changes
from features.scenario import (
    EDITABLE_ATTRIBUTES,
    AttributeRange,
    add_region,
    apply_edits,
    attribute_value,
    clamp,
    clean_share,
    generation_mix,
    mix_for_clean_share,
)


@pytest.fixture(scope="module")
def arrays():
    return arrays_of(load_inputs())


def _frame(arrays, year):
    return build_features(arrays, year).set_index(["region", "industry"])


def test_clamp_reports_out_of_range_and_non_finite():
    percent = EDITABLE_ATTRIBUTES["rd_intensity"]
    assert clamp("x", 5, percent) == (5.0, None)
    used, warning = clamp("rd_intensity", 55, percent)
    assert used == 10 and warning.given == 55
    assert "R&D intensity = 55 is outside the plausible range [0, 10] %" in warning.message("en")
    assert "研发强度 = 55 超出合理范围" in warning.message("zh")
    spec = AttributeRange(1, 10, "亿千瓦时", "10^8 kWh", "", "")
    used, warning = clamp("x", float("nan"), spec)
    assert used == 1 and math.isnan(warning.given)
    assert clamp("x", float("inf"), spec)[0] == 10


def test_every_editable_attribute_has_a_unit_in_each_language():
    for name, spec in EDITABLE_ATTRIBUTES.items():
        assert spec.unit("zh") and spec.unit("en"), name
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in spec.unit("en") + spec.label("en")), name
        assert not any(ch.isascii() and ch.isalpha() for ch in spec.unit("zh")), name


def test_clean_share_mix_keeps_the_total_and_the_clean_proportions(arrays):
    year = arrays.latest_year
    mix = generation_mix(arrays, 520000, year)
    edited, warning = mix_for_clean_share(mix, 60.0)
    assert warning is None
    assert sum(edited.values()) == pytest.approx(sum(mix.values()))
    assert clean_share(edited) == pytest.approx(60.0)
    assert edited["generation_wind"] / edited["generation_hydro"] == pytest.approx(
        mix["generation_wind"] / mix["generation_hydro"])
    scenario, _ = apply_edits(arrays, 520000, year, edited)
    frame = _frame(scenario, year)
    assert frame.loc[(520000, "H06"), "clean_power_share"] == pytest.approx(60.0)


def test_clean_share_is_clamped_and_a_mix_without_clean_power_gets_the_national_proportions():
    mix = {"generation_thermal": 100.0}
    national = {"generation_hydro": 3.0, "generation_wind": 1.0}
    edited, warning = mix_for_clean_share(mix, 120.0, national)
    assert warning is not None and warning.used == 100.0
    assert edited["generation_thermal"] == 0.0
    assert edited["generation_hydro"] == pytest.approx(75.0) and edited["generation_wind"] == pytest.approx(25.0)
    with pytest.raises(ValueError, match="no generation"):
        mix_for_clean_share({}, 50.0)


def test_apply_edits_leaves_the_shipped_arrays_untouched(arrays):
    year = arrays.latest_year
    before = _frame(arrays, year)
    gross = arrays.output(2017).copy()
    edited, warnings = apply_edits(arrays, 510000, year, {"rd_intensity": 4.0}, {"H18": 1e7})
    assert warnings == [] and edited.key != arrays.key
    np.testing.assert_array_equal(arrays.output(2017), gross)
    assert edited.flows is arrays.flows and edited.io[2012] is arrays.io[2012]  # untouched arrays are shared
    assert attribute_value(edited, 510000, "rd_intensity", year) == 4.0
    what_if = _frame(edited, year)
    assert what_if.loc[(510000, "H19"), "rd_intensity"] == 4.0
    assert what_if.loc[(510000, "H18"), "rca"] > before.loc[(510000, "H18"), "rca"]
    pd.testing.assert_frame_equal(before, _frame(arrays, year))
    again, _ = apply_edits(arrays, 510000, year, {"rd_intensity": 4.0}, {"H18": 1e7})
    assert again.key == edited.key  # the same scenario has the same content key


@pytest.mark.parametrize("attributes, outputs", [
    ({"rd_intensity": 4.0}, {}),          # one attribute
    ({}, {"H18": 1e7}),                   # one IO cell
    ({"gdp": 99999.0}, {"H19": -1e6}),    # both
])
def test_edited_copies_reuse_only_the_memo_entries_their_edit_leaves_valid(arrays, attributes, outputs):
    year = arrays.latest_year
    feature_panel(arrays, year)  # fill the shipped arrays' memo (wave, forward-filled attributes)
    east_share_changes(arrays, year)
    edited, _ = apply_edits(arrays, 510000, year, attributes, outputs)
    inherited = set(edited._cache)
    assert ("national_wave", year) in inherited  # national products are never edited
    assert (("east_share_changes", year) in inherited) == (not outputs)
    assert not {("ffilled", name) for name in attributes} & inherited
    fresh = replace(edited)  # same content, empty memo
    assert not fresh._cache
    np.testing.assert_array_equal(feature_panel(edited, year).values, feature_panel(fresh, year).values)


def test_a_new_attribute_year_drops_every_forward_filled_memo_entry(arrays):
    year = arrays.latest_year
    feature_panel(arrays, year)
    edited = arrays.with_attribute(510000, "gdp", year + 1, 1.0)
    assert not [key for key in edited._cache if key[0] == "ffilled"]
    np.testing.assert_array_equal(feature_panel(edited, year + 1).values,
                                  feature_panel(replace(edited), year + 1).values)


def test_edits_never_change_the_past(arrays):
    edited, _ = apply_edits(arrays, 510000, arrays.latest_year, {"gdp": 99999.0}, {"H18": 1e7})
    pd.testing.assert_frame_equal(_frame(arrays, 2012), _frame(edited, 2012))


def test_out_of_range_edits_are_clamped_with_warnings(arrays):
    edited, warnings = apply_edits(arrays, 510000, arrays.latest_year, {"rd_intensity": 99.0}, {"H18": -1e15})
    assert {w.field for w in warnings} == {"rd_intensity", "H18"}
    assert attribute_value(edited, 510000, "rd_intensity", arrays.latest_year) == \
        EDITABLE_ATTRIBUTES["rd_intensity"].high
    assert edited.output(2017)[edited.position[510000], edited.column["H18"]] == 0.0


def test_sector_edit_scales_the_other_io_items(arrays):
    edited, _ = apply_edits(arrays, 510000, arrays.latest_year, extra_outputs={"H19": 0.0, "H06": 1e6})
    r, j = arrays.position[510000], arrays.column["H06"]
    ratio = lambda a: a.io[2017]["labour_compensation"][r, j] / a.io[2017]["gross_output"][r, j]  # noqa: E731
    assert ratio(edited) == pytest.approx(ratio(arrays))
    assert edited.output(2017)[r, j] == pytest.approx(arrays.output(2017)[r, j] + 1e6)


def test_unknown_attribute_is_refused(arrays):
    with pytest.raises(KeyError, match="not editable"):
        apply_edits(arrays, 510000, arrays.latest_year, {"gdp_growth_dream": 1.0})


def test_add_region_builds_features_like_a_province(arrays):
    outputs = pd.Series({"H19": 5e6, "H18": 3e6, "H06": 2e6})
    byo, warnings = add_region(arrays, 990000, "测试", "Test", "West", outputs, {"population": 3000.0},
                               arrays.latest_year, {"coastal": True})
    assert warnings == [] and len(byo.regions) == len(arrays.regions) + 1
    frame = _frame(byo, byo.latest_year)
    assert frame.loc[(990000, "H19"), "rca"] > 1
    assert frame.loc[(990000, "H07"), "rca"] == 0
    assert frame.loc[(990000, "H19"), "coastal"] == 1.0
    assert 990000 in byo.hosts
    with pytest.raises(ValueError, match="already exists"):
        add_region(byo, 990000, "测试", "Test", "West", outputs, {}, byo.latest_year)
