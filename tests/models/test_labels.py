"""Label construction on a tiny hand example."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.inputs import FeatureInputs
from models.labels import graded_relevance, top_gainers, transition_labels


def test_graded_relevance_quartiles_of_gainers():
    change = np.array([-1.0, 0.0, 0.1, 0.2, 0.3, 0.4, np.nan, 2.0, 1.0, 0.5, 0.6])
    # 8 gainers 0.1 … 2.0: quartiles by rank → 1,1,2,2,3,3,4,4; losses, zero and NaN → 0
    assert graded_relevance(change).tolist() == [0, 0, 1, 1, 2, 2, 0, 4, 4, 3, 3]


def test_graded_relevance_single_gainer_gets_top_grade():
    assert graded_relevance(np.array([-0.5, 0.2, -0.1])).tolist() == [0, 4, 0]


def test_top_gainers_only_positive():
    assert top_gainers(np.array([3.0, -1.0, 2.0, 0.0]), k=3).tolist() == [1, 0, 1, 0]


def _inputs(rows: list[tuple[int, str, int, float]]) -> FeatureInputs:
    panel = pd.DataFrame(rows, columns=["region", "industry", "year", "gross_output"])
    industries = pd.DataFrame({"industry": ["H01", "H02", "H03"], "candidate": [False, True, True]})
    regions = pd.DataFrame({"region": [1, 2, 3], "macro_region": ["East", "West", "West"]})
    empty = pd.DataFrame()
    return FeatureInputs(io_panel=panel, io_matrix=empty, attributes=empty, co2=empty, geo=empty,
                         regions=regions, industries=industries, data_hubs=empty, new_areas=empty)


def test_transition_labels_hand_example():
    # Region 3 has no table in 2002: excluded. Shares over regions 1 and 2 only.
    t0 = [(1, "H01", 1997, 10.0), (1, "H02", 1997, 30.0), (1, "H03", 1997, 10.0),
          (2, "H01", 1997, 10.0), (2, "H02", 1997, 10.0), (2, "H03", 1997, 30.0),
          (3, "H01", 1997, 5.0), (3, "H02", 1997, 5.0), (3, "H03", 1997, 5.0)]
    t1 = [(1, "H01", 2002, 10.0), (1, "H02", 2002, 10.0), (1, "H03", 2002, 30.0),
          (2, "H01", 2002, 10.0), (2, "H02", 2002, 30.0), (2, "H03", 2002, 10.0)]
    labels = transition_labels(_inputs(t0 + t1), 1997, 2002).set_index(["region", "industry"])
    assert sorted(labels.index.get_level_values("region").unique()) == [1, 2]
    assert "H01" not in labels.index.get_level_values("industry")  # not a candidate
    # region 1: H02 share 75% → 25% (−50 pp), H03 25% → 75% (+50 pp)
    assert np.isclose(labels.loc[(1, "H03"), "share_change"], 50.0)
    assert labels.loc[(1, "H03"), "grade"] == 4 and labels.loc[(1, "H02"), "grade"] == 0
    # activation: region 1 H03 had RCA < 1 in 1997 and ≥ 1 in 2002; H02 was already specialised
    assert labels.loc[(1, "H03"), "activation"] == 1.0
    assert np.isnan(labels.loc[(1, "H02"), "activation"])
    assert (labels["year"] == 1997).all() and (labels["year_end"] == 2002).all()


def test_graded_relevance_fine_grades_deciles_of_gainers():
    change = np.array([-1.0, *np.arange(1.0, 11.0)])
    # 10 gainers → one per decile: grades 1 … 10; the loss stays 0
    assert graded_relevance(change, 11).tolist() == [0, *range(1, 11)]


def test_auxiliary_training_labels_hand_example():
    t0 = [(1, "H01", 1997, 10.0), (1, "H02", 1997, 30.0), (1, "H03", 1997, 10.0),
          (2, "H01", 1997, 10.0), (2, "H02", 1997, 10.0), (2, "H03", 1997, 30.0)]
    t1 = [(1, "H01", 2002, 10.0), (1, "H02", 2002, 10.0), (1, "H03", 2002, 30.0),
          (2, "H01", 2002, 10.0), (2, "H02", 2002, 30.0), (2, "H03", 2002, 10.0)]
    labels = transition_labels(_inputs(t0 + t1), 1997, 2002).set_index(["region", "industry"])
    # region 1: RCA of H03 0.5 → 1.5 (its only gainer: top fine grade and top RCA grade), H02 1.5 → 0.5
    assert np.isclose(labels.loc[(1, "H03"), "rca_end"] - labels.loc[(1, "H03"), "rca_start"], 1.0)
    assert labels.loc[(1, "H03"), "grade_fine"] == 10 and labels.loc[(1, "H02"), "grade_fine"] == 0
    assert labels.loc[(1, "H03"), "rca_grade"] == 4 and labels.loc[(1, "H02"), "rca_grade"] == 0
