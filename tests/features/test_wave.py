"""National product waves and provincial product trends on hand examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from features.arrays import InputArrays
from features.inputs import FeatureInputs
from features.wave import national_wave, product_share_trend


def _inputs(products: pd.DataFrame, attributes: pd.DataFrame) -> InputArrays:
    empty = pd.DataFrame()
    regions = pd.DataFrame({"region": [1, 2], "macro_region": ["West", "East"], "host": [True, False]})
    industries = pd.DataFrame({"industry": ["H12", "H13", "H19"], "candidate": [True, True, True]})
    return InputArrays.from_inputs(FeatureInputs(
        io_panel=pd.DataFrame(columns=["region", "industry", "year"]), io_matrix=empty, attributes=attributes,
        co2=empty, geo=empty, regions=regions, industries=industries, data_hubs=empty, new_areas=empty,
        national_products=products))


def test_national_wave_is_the_mean_annualised_log_growth():
    products = pd.DataFrame({
        "product": ["chips", "chips", "phones", "phones", "phones"],
        "industry": ["H19"] * 5, "year": [2012, 2017, 2012, 2017, 2018],
        "output": [100.0, 200.0, 50.0, 50.0, 500.0], "unit": "u"})
    wave = national_wave(_inputs(products, pd.DataFrame()), 2017)
    assert wave["H19"] == pytest.approx((np.log(2) / 5 * 100 + 0.0) / 2)
    assert national_wave(_inputs(products, pd.DataFrame()), 2016) == {}  # no data for 2016 and 2011


def test_product_share_trend_by_hand():
    rows = [(1, 2012, "output_cement", 10.0), (2, 2012, "output_cement", 30.0),
            (1, 2017, "output_cement", 30.0), (2, 2017, "output_cement", 30.0),
            (1, 2017, "output_chemical_fibres", 5.0), (2, 2017, "output_chemical_fibres", 5.0)]
    attributes = pd.DataFrame(rows, columns=["region", "year", "attribute", "value"])
    arrays = _inputs(pd.DataFrame(columns=["product", "industry", "year", "output"]), attributes)
    trend = pd.DataFrame(product_share_trend(arrays, 2017), index=arrays.regions, columns=arrays.industries)
    assert trend.loc[1, "H13"] == pytest.approx(50.0 - 25.0)  # share 25% → 50%
    assert trend.loc[2, "H13"] == pytest.approx(-25.0)
    assert np.isnan(trend.loc[1, "H12"])  # no 2012 fibre data: no trend
