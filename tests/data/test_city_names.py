"""English city names: checked pinyin readings (厦门 Xiamen, not "Shamen") and what users can type."""

from __future__ import annotations

import pytest

from data.city_resolve import resolve_city
from data.etl.city_names import CONVENTIONAL, READINGS, english_names, library_reading, spell
from data.etl.sources import SourceError
from data.loader import load_table

#: Official English names of the most-used cities: the provincial capitals and municipalities, the
#: polyphones the ECharts list misread, and cities named in the README and issues.
OFFICIAL = {
    110100: "Beijing", 120100: "Tianjin", 310100: "Shanghai", 500100: "Chongqing", 130100: "Shijiazhuang",
    140100: "Taiyuan", 150100: "Hohhot", 210100: "Shenyang", 220100: "Changchun", 230100: "Harbin",
    320100: "Nanjing", 330100: "Hangzhou", 340100: "Hefei", 350100: "Fuzhou", 360100: "Nanchang",
    370100: "Jinan", 410100: "Zhengzhou", 420100: "Wuhan", 430100: "Changsha", 440100: "Guangzhou",
    450100: "Nanning", 460100: "Haikou", 510100: "Chengdu", 520100: "Guiyang", 530100: "Kunming",
    540100: "Lhasa", 610100: "Xi'an", 620100: "Lanzhou", 630100: "Xining", 640100: "Yinchuan",
    650100: "Urumqi", 440300: "Shenzhen", 320500: "Suzhou", 511500: "Yibin", 653100: "Kashgar",
    360900: "Yichun", 341100: "Chuzhou", 360700: "Ganzhou", 210200: "Dalian", 370200: "Qingdao",
    350200: "Xiamen", 340300: "Bengbu", 350300: "Putian", 411100: "Luohe", 211300: "Chaoyang",
    341500: "Lu'an", 140400: "Changzhi", 511100: "Leshan", 530700: "Lijiang", 360800: "Ji'an",
}


@pytest.fixture(scope="module")
def cities():
    return load_table("cities").set_index("city")


def test_most_used_cities_have_their_official_english_names(cities):
    assert {code: cities.at[code, "name_en"] for code in OFFICIAL} == OFFICIAL


def test_pinyin_column_is_the_reading_even_where_the_english_name_is_conventional(cities):
    assert cities.at[230100, "pinyin"] == "Ha'erbin" and cities.at[653100, "pinyin"] == "Kashi"
    assert cities.at[350200, "pinyin"] == "Xiamen" and cities.at[341500, "pinyin"] == "Lu'an"
    assert (cities["name_en"] != cities["pinyin"]).sum() == len(CONVENTIONAL)


def test_spelling_follows_the_apostrophe_rule():
    assert spell(["lu", "an"]) == "Lu'an" and spell(["xia", "men"]) == "Xiamen"
    assert spell(["e", "er", "duo", "si"]) == "E'erduosi" and spell(["xi", "an"]) == "Xi'an"
    with pytest.raises(ValueError, match="not pinyin"):
        spell(["厦", "men"])


def test_an_unchecked_disagreement_between_library_and_source_stops_the_build():
    assert "成都" not in READINGS
    with pytest.raises(SourceError, match="成都: pypinyin cheng du / source sheng du"):
        english_names(["成都"], [["sheng", "du"]], "geo/echarts_city_pinyin_map.csv")


def test_checked_readings_win_where_the_library_and_the_source_agree_wrongly(cities):
    # pypinyin and the ECharts list both read 漯河 "ta he" and 朝阳 "zhao yang"; the checked table decides.
    assert library_reading("漯河") == ["ta", "he"] and library_reading("朝阳") == ["zhao", "yang"]
    assert cities.at[411100, "name_en"] == "Luohe" and cities.at[211300, "name_en"] == "Chaoyang"


@pytest.mark.parametrize(("text", "code"), [
    ("Xiamen", 350200), ("xiamen", 350200), ("Bengbu", 340300), ("Putian", 350300), ("Luohe", 411100),
    ("Chaoyang", 211300), ("Lu'an", 341500), ("Luan", 341500), ("Harbin", 230100), ("Haerbin", 230100),
    ("Kashgar", 653100), ("Kashi", 653100), ("Xi'an", 610100), ("Xian", 610100), ("Xigaze", 540200),
    ("Urumqi", 650100), ("Wulumuqi", 650100),
])
def test_english_names_and_pinyin_resolve(text, code):
    assert resolve_city(text) == code
