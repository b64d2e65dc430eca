"""Labels on a tiny hand example: xgain, grades, the secondary share target."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from features.inputs import FeatureInputs
from models.labels import excess_gain, graded_relevance, top_gainers, transition_labels


def test_graded_relevance_quartiles_of_gainers():
    change = np.array([-1.0, 0.0, 0.1, 0.2, 0.3, 0.4, np.nan, 2.0, 1.0, 0.5, 0.6])
    # 8 gainers 0.1 … 2.0: quartiles by rank → 1,1,2,2,3,3,4,4; losses, zero and NaN → 0
    assert graded_relevance(change).tolist() == [0, 0, 1, 1, 2, 2, 0, 4, 4, 3, 3]


def test_graded_relevance_single_gainer_gets_top_grade():
    assert graded_relevance(np.array([-0.5, 0.2, -0.1])).tolist() == [0, 4, 0]


def test_top_gainers_only_positive():
    assert top_gainers(np.array([3.0, -1.0, 2.0, 0.0]), k=3).tolist() == [1, 0, 1, 0]


def test_excess_gain_by_hand():
    # industry x: region 1 has 100 of 400 (share 1/4); national output grows 400 → 600 (+200);
    # region 1 grows to 200 (+100): proportional gain 1/4 · 200 = 50, so xgain = 50.
    start = pd.DataFrame({"x": [100.0, 300.0]}, index=[1, 2])
    end = pd.DataFrame({"x": [200.0, 400.0]}, index=[1, 2])
    gain = excess_gain(start, end)
    assert gain.loc[1, "x"] == pytest.approx(50.0)
    assert gain.loc[2, "x"] == pytest.approx(100.0 - 0.75 * 200.0)
    assert gain["x"].sum() == pytest.approx(0.0)  # zero-sum over regions
    # equals Y_i(t+5) · Δshare
    assert gain.loc[1, "x"] == pytest.approx(600.0 * (200 / 600 - 100 / 400))


def _inputs(rows: list[tuple[int, str, int, float]]) -> FeatureInputs:
    panel = pd.DataFrame(rows, columns=["region", "industry", "year", "gross_output"])
    industries = pd.DataFrame({"industry": ["H01", "H06", "H07"], "candidate": [False, True, True]})
    regions = pd.DataFrame({"region": [1, 2, 3], "macro_region": ["East", "West", "West"], "host": [False, True, True]})
    empty = pd.DataFrame()
    return FeatureInputs(io_panel=panel, io_matrix=empty, attributes=empty, co2=empty, geo=empty,
                         regions=regions, industries=industries, data_hubs=empty, new_areas=empty)


def test_transition_labels_by_hand():
    rows = [(1, "H01", 2012, 100.0), (1, "H06", 2012, 50.0), (1, "H07", 2012, 50.0),
            (2, "H01", 2012, 100.0), (2, "H06", 2012, 50.0), (2, "H07", 2012, 150.0),
            (1, "H01", 2017, 100.0), (1, "H06", 2017, 150.0), (1, "H07", 2017, 50.0),
            (2, "H01", 2017, 100.0), (2, "H06", 2017, 50.0), (2, "H07", 2017, 250.0),
            (3, "H06", 2017, 10.0)]  # region 3 has no 2012 table: left out
    labels = transition_labels(_inputs(rows), 2012, 2017).set_index(["region", "industry"])
    assert sorted(labels.index.get_level_values("region").unique()) == [1, 2]
    # H06: national 100 → 200; region 1 had half and gained 100 → xgain 100 − 0.5·100 = 50.
    assert labels.loc[(1, "H06"), "xgain"] == pytest.approx(50.0)
    assert labels.loc[(2, "H06"), "xgain"] == pytest.approx(-50.0)
    # H07: national 200 → 300; region 1 stayed at 50 (share 1/4) → xgain −25; region 2 +25.
    assert labels.loc[(1, "H07"), "xgain"] == pytest.approx(-25.0)
    assert labels.loc[(2, "H07"), "xgain"] == pytest.approx(25.0)
    assert labels.loc[(1, "H06"), "grade"] == 4 and labels.loc[(1, "H07"), "grade"] == 0
    assert labels.loc[(1, "H06"), "top_gainer"] == 1 and labels.loc[(1, "H07"), "top_gainer"] == 0
    # secondary target: share change in percentage points
    assert labels.loc[(1, "H06"), "share_change"] == pytest.approx(75.0 - 50.0)
    assert labels.loc[(1, "H06"), "grade_share"] == 4
    assert "H01" not in set(labels.index.get_level_values("industry"))  # not a candidate


def test_real_labels_cover_manufacturing_only(frame):
    assert set(frame["industry"]) == {f"H{i:02d}" for i in range(6, 22)}
    sums = frame.groupby(["year", "industry"])["xgain"].sum()
    totals = frame.groupby(["year", "industry"])["output_end"].sum()
    assert (sums.abs() <= 1e-6 * totals).all()  # xgain sums to zero over regions
    assert set(frame["grade"].unique()) <= {0, 1, 2, 3, 4}
