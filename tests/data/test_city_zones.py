"""The ``city_zones`` and ``city_zone_phrases`` tables."""

from __future__ import annotations

import pandas as pd
import pytest

from data.etl.city_concordance import classify, split_phrases
from data.loader import load_table

#: Zones the ETL cannot place in a prefecture-level city, as of this build. Changing the
#: gazetteer changes this list on purpose; update it together with data/ZONE_CONCORDANCE.md.
EXPECTED_NOT_LOCATED = {"unlocated": 88, "ambiguous": 6, "province_administered": 17}


@pytest.fixture(scope="module")
def zones() -> pd.DataFrame:
    return load_table("city_zones").set_index("zone_id")


def test_row_count_levels_and_types(zones):
    assert len(zones) == 2543
    assert zones["level"].value_counts().to_dict() == {"provincial": 1991, "national": 552}
    assert zones["zone_type"].value_counts()["economic_development"] == 986
    assert zones["province"].nunique() == 31


def test_duplicate_code_and_two_dates(zones):
    twins = zones.loc[zones["code"].eq("S377018")]
    assert list(twins.index) == ["S377018", "S377018#2"]
    assert list(twins["name_zh"]) == ["山东淄川经济开发区", "山东临淄经济开发区"]
    assert set(twins["city"]) == {370300}  # both in 淄博
    songjiang = zones.loc["G313031"]
    dates = (songjiang["approval_year"], songjiang["approval_month"], songjiang["approval_later"])
    assert dates == (2000, 4, "2002.12")
    assert zones["approval_later"].notna().sum() == 2


def test_spot_zones_checked_by_hand(zones):
    # city/devzones_2018.tsv rows read by hand; cities from the 2025 division list
    sino_german = zones.loc["G216034"]
    assert sino_german["city"] == 210100 and sino_german["area_ha"] == 3553.0
    assert sino_german["industries"] == "H16|H17"            # 智能制造 (generic), 装备制造, 汽车
    assert zones.loc["G331119", "city"] == 330600            # 杭州湾上虞 → 绍兴
    assert zones.loc["S237067", "city"] == 231000            # 黑龙江阳明 → 牡丹江 阳明区
    assert zones.loc["S237067", "county"] == 231003
    assert zones.loc["G651217", "locate_status"] == "ambiguous"  # 奎屯—独山子: two cities
    assert zones.loc["S629005", "industries"] == "H13|H14|H16"   # 嘉峪关: 有色金属冶炼加工、装备制造、建材
    assert pd.isna(zones.loc["G466011", "industries"])          # 亚龙湾: tourism only
    assert zones.loc["G156020", "county"] == 150781            # 满洲里


def test_municipal_zones_are_one_city(zones):
    municipal = zones.loc[zones["province"].isin([110000, 120000, 310000, 500000])]
    assert len(municipal) == 19 + 33 + 59 + 49
    assert (municipal["city"] == municipal["province"] + 100).all()


def test_not_located_zones_are_listed(zones):
    missing = zones.loc[zones["city"].isna(), ["name_zh", "place_text", "locate_status", "locate_match"]]
    print(f"\n{len(missing)} zones not located to a prefecture-level city:")
    print(missing.to_string())
    assert missing["locate_status"].value_counts().to_dict() == EXPECTED_NOT_LOCATED
    located = zones["city"].notna().sum()
    assert located == 2543 - sum(EXPECTED_NOT_LOCATED.values())
    assert located / len(zones) > 0.95


def test_zone_codes_follow_their_phrases(zones):
    for zone_id in ("G216022", "S377018#2", "S157038"):
        text = zones.loc[zone_id, "industries_text"]
        codes = sorted({c for p in split_phrases(text) for c in classify(p).codes})
        assert zones.loc[zone_id, "industries"] == "|".join(codes)


def test_phrase_table_lists_every_phrase_and_the_unmapped():
    phrases = load_table("city_zone_phrases")
    zones = load_table("city_zones")
    occurrences = sum(len(split_phrases(t)) for t in zones["industries_text"])
    assert phrases["occurrences"].sum() == occurrences
    unmapped = phrases.loc[phrases["category"].eq("unmapped"), "phrase"].tolist()
    print(f"\nunmapped phrases: {unmapped}")
    assert set(unmapped) == {"卫生用品", "发制品", "水处理", "绿色水工"}
    top = phrases.iloc[0]
    assert (top["phrase"], top["occurrences"], top["industries"]) == ("装备制造", 568, "H16")
