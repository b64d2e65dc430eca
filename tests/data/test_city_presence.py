"""The ``city_presence`` table: zones, listed firms and steel capacity per city and industry."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data.etl.city_firms import SHENWAN_TO_H, read_firms
from data.etl.city_gazetteer import load_gazetteer
from data.etl.city_presence import zone_weight
from data.etl.city_steel import capacity_by_year, steel_rows
from data.loader import load_table


@pytest.fixture(scope="module")
def presence() -> pd.DataFrame:
    return load_table("city_presence").set_index(["city", "industry", "measure", "period"])["value"]


def test_zone_counts_add_up():
    zones = load_table("city_zones")
    table = load_table("city_presence")
    declared = zones.loc[zones["city"].notna() & zones["industries"].notna(), "industries"].str.split("|").explode()
    counted = table.loc[table["measure"].eq("zones_declaring"), "value"].sum()
    assert counted == len(declared)


def test_zone_weight_formula_by_hand(presence):
    # 嘉峪关 has one zone: S629005, provincial, 841.33 ha; the catalogue's median area is 486.4 ha
    assert load_table("city_zones")["area_ha"].median() == pytest.approx(486.4)
    assert presence[(620200, "H14", "zones_weighted", "2018")] == pytest.approx(math.sqrt(841.33 / 486.4))
    # 乌海: S157038, provincial, 4328.08 ha, 煤焦化工、氯碱化工、精细化工 → H11, H12
    assert presence[(150300, "H11", "zones_weighted", "2018")] == pytest.approx(math.sqrt(4328.08 / 486.4))
    weights = zone_weight(pd.Series(["national", "provincial"]), pd.Series([400.0, 1600.0]), 400.0)
    assert list(weights) == [2.0, 2.0]


def test_steel_capacity_spot_values(presence):
    # GEM: 酒钢宏兴 (嘉峪关) operating 4734 + pre-retirement 1767 kt/yr, started 1999;
    # 乌海 万腾钢铁 2000 kt/yr operating since 2011
    for year in ("2017", "2025"):
        assert presence[(620200, "H14", "steel_capacity", year)] == 6501
        assert presence[(150300, "H14", "steel_capacity", year)] == 2000
    steel = presence.xs("steel_capacity", level="measure")
    assert set(steel.index.get_level_values("industry")) == {"H14"}
    total_2025 = steel.xs("2025", level="period").sum()
    assert 900_000 < total_2025 < 1_200_000  # China's crude-steel capacity is about 1.1 Gt/yr


def test_capacity_reconstruction_rules():
    capacities = pd.DataFrame({
        "plant_id": ["a", "a", "b", "c", "d"],
        "status": ["operating", "retired", "retired", "mothballed", "construction"],
        "start_year": [2005.0, 2000.0, 2001.0, 2010.0, float("nan")],
        "capacity_kt": [100.0, 50.0, 70.0, 30.0, 900.0],
    })
    plants = pd.DataFrame({"plant_id": ["a", "b", "c", "d"], "province": 130000, "city": [130200.0] * 4,
                           "method": "address", "retired_year": [float("nan"), 2019.0, float("nan"), float("nan")],
                           "idled_year": float("nan")})
    rows = steel_rows(capacity_by_year(capacities, plants)).set_index(["measure", "period"])["value"]
    assert rows[("steel_capacity", "2017")] == 100 + 70      # b retired in 2019
    assert rows[("steel_capacity", "2020")] == 100
    assert rows[("steel_capacity", "2025")] == 100
    assert rows[("steel_capacity_closure_undated", "2017")] == 50 + 30  # no closure date


def test_listed_firms_spot_values(sources_dir, presence):
    cities = load_table("cities")
    firms = read_firms(sources_dir, load_gazetteer(sources_dir, dict(zip(cities["city"], cities["name_zh"]))))
    firms = firms.set_index("code")
    # SZSE list and Shenwan file read by hand
    catl = firms.loc["300750"]  # 宁德时代: 宁德市, listed 2018-06-11, C 制造业, Shenwan 电气设备
    assert (catl["city"], catl["cohort"], catl["industries"]) == (350900, "listed_2018_on", ("H18",))
    assert firms.loc["000338", "city"] == 370700 and firms.loc["000338", "industries"] == ("H17",)  # 潍柴动力
    assert firms.loc["000001", "industries"] == ()  # 平安银行: CSRC J
    assert firms.loc["002365", "locate_status"] == "province_administered"  # 永安药业, 潜江
    assert presence[(350900, "H18", "listed_firms", "listed_2018_on")] >= 1
    counted = firms.loc[firms["city"].notna() & firms["industries"].map(len).gt(0)]
    table = load_table("city_presence")
    firm_rows = table.loc[table["measure"].eq("listed_firms")]
    assert firm_rows["value"].sum() == counted["industries"].map(len).sum()
    print(f"\nSZSE firms: {len(firms)}; CSRC section C: {(firms['csrc_section'] == 'C').sum()}; "
          f"counted: {len(counted)}; section C without a Shenwan industry: "
          f"{((firms['csrc_section'] == 'C') & firms['shenwan'].isna()).sum()}")


def test_shenwan_concordance_targets_manufacturing_only():
    for industry, codes in SHENWAN_TO_H.items():
        assert codes and all("H06" <= c <= "H21" for c in codes), industry


def test_presence_keys_are_known_cities():
    table = load_table("city_presence")
    assert set(table["city"]) <= set(load_table("cities")["city"])
    assert table.groupby("measure")["period"].unique().map(sorted).to_dict() == {
        "listed_firms": ["listed_2013_2017", "listed_2018_on", "listed_to_2012"],
        "steel_capacity": ["2017", "2020", "2025"],
        "steel_capacity_closure_undated": ["2017", "2020"],
        "zones_declaring": ["2018"], "zones_weighted": ["2018"],
    }
