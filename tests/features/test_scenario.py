"""What-if edits and bring-your-own regions (features/scenario.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from features.build import build_features
from features.inputs import load_inputs
from features.scenario import EDITABLE_ATTRIBUTES, add_region, apply_edits, attribute_value, clamp


@pytest.fixture(scope="module")
def inputs():
    shipped = load_inputs()
    build_features(shipped, shipped.latest_year)  # warm the memo, as the app does
    return shipped


def test_clamp_reports_out_of_range_and_non_finite():
    assert clamp("x", 5, 0, 10, "%") == (5.0, None)
    used, warning = clamp("rd_intensity", 55, 0, 10, "%")
    assert used == 10 and warning.given == 55
    assert "outside the plausible range [0, 10] %" in warning.message("en")
    assert "超出合理范围" in warning.message("zh")
    used, warning = clamp("x", float("nan"), 1, 10, "u")
    assert used == 1 and math.isnan(warning.given)
    assert clamp("x", float("inf"), 1, 10, "u")[0] == 10


def test_apply_edits_leaves_the_shipped_inputs_untouched(inputs):
    before_attrs = inputs.attributes.copy()
    before_panel = inputs.io_panel.copy()
    year = inputs.latest_year
    edited, warnings = apply_edits(inputs, 510000, year, {"rd_intensity": 4.0}, {"H18": 1e7})
    assert warnings == []
    pd.testing.assert_frame_equal(inputs.attributes, before_attrs)
    pd.testing.assert_frame_equal(inputs.io_panel, before_panel)
    assert edited.io_matrix is inputs.io_matrix  # untouched tables are shared, not copied
    assert attribute_value(edited, 510000, "rd_intensity", year) == 4.0
    base = build_features(inputs, year).set_index(["region", "industry"])
    what_if = build_features(edited, year).set_index(["region", "industry"])
    assert what_if.loc[(510000, "H19"), "rd_intensity"] == 4.0
    assert what_if.loc[(510000, "H18"), "rca"] > base.loc[(510000, "H18"), "rca"]
    again = build_features(inputs, year).set_index(["region", "industry"])
    pd.testing.assert_frame_equal(base, again)


def test_out_of_range_edits_are_clamped_with_warnings(inputs):
    edited, warnings = apply_edits(inputs, 510000, inputs.latest_year, {"rd_intensity": 99.0},
                                   {"H18": -1e15})
    fields = {w.field for w in warnings}
    assert fields == {"rd_intensity", "H18"}
    assert attribute_value(edited, 510000, "rd_intensity", inputs.latest_year) == EDITABLE_ATTRIBUTES[
        "rd_intensity"].high
    panel = edited.io_panel
    row = panel.loc[(panel["region"] == 510000) & (panel["industry"] == "H18") & (panel["year"] == 2017)]
    assert float(row["gross_output"].iloc[0]) == 0.0


def test_sector_edit_scales_the_other_io_items(inputs):
    edited, _ = apply_edits(inputs, 510000, inputs.latest_year, extra_outputs={"H19": 0.0, "H06": 1e6})
    panel, old = edited.io_panel, inputs.io_panel
    mask = (panel["region"] == 510000) & (panel["industry"] == "H06") & (panel["year"] == 2017)
    ratio_new = float(panel.loc[mask, "labour_compensation"].iloc[0] / panel.loc[mask, "gross_output"].iloc[0])
    ratio_old = float(old.loc[mask, "labour_compensation"].iloc[0] / old.loc[mask, "gross_output"].iloc[0])
    assert ratio_new == pytest.approx(ratio_old)


def test_unknown_attribute_is_refused(inputs):
    with pytest.raises(KeyError, match="not editable"):
        apply_edits(inputs, 510000, inputs.latest_year, {"gdp_growth_dream": 1.0})


def test_add_region_builds_features_like_a_province(inputs):
    byo = inputs.copy()
    outputs = pd.Series({"H19": 5e6, "H18": 3e6, "H06": 2e6})
    warnings = add_region(byo, 990000, "测试", "Test", "West", outputs, {"population": 3000.0}, byo.latest_year)
    assert warnings == []
    frame = build_features(byo, byo.latest_year).set_index(["region", "industry"])
    assert frame.loc[(990000, "H19"), "rca"] > 1
    assert frame.loc[(990000, "H07"), "rca"] == 0
    assert 990000 in byo.hosts
    with pytest.raises(ValueError, match="already exists"):
        add_region(byo, 990000, "测试", "Test", "West", outputs, {}, byo.latest_year)
