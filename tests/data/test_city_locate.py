"""Locating places by name: short forms, the zone rule and the address rule."""

from __future__ import annotations

import pandas as pd
import pytest

from data.etl.city_gazetteer import Gazetteer, load_gazetteer, short_forms, short_name
from data.loader import load_table


def test_short_forms():
    assert short_forms("石家庄市") == {"石家庄市", "石家庄"}
    assert short_forms("楚雄彝族自治州") == {"楚雄彝族自治州", "楚雄"}
    assert short_forms("东乡族自治县") == {"东乡族自治县", "东乡"}
    assert short_forms("巴音郭楞蒙古自治州") == {"巴音郭楞蒙古自治州", "巴音郭楞"}
    assert short_forms("城区") == {"城区"}  # one character is too short to be a name
    assert short_name("锡林郭勒盟") == "锡林郭勒"
    assert short_name("阿克苏地区") == "阿克苏"


@pytest.fixture(scope="module")
def tiny() -> Gazetteer:
    """Two Hebei cities, one Jilin city named like its province, and Henan's 济源."""
    prefectures = {130200: "唐山市", 130300: "秦皇岛市", 220200: "吉林市", 410100: "郑州市"}
    divisions = pd.DataFrame({"code": ["130281", "130302", "130203", "220281", "419001", "410185"],
                              "name": ["遵化市", "海港区", "路北区", "蛟河市", "济源市", "登封市"]})
    old = pd.DataFrame({"code": ["130230"], "name": ["曹妃甸区"]})
    return Gazetteer(prefectures, divisions, old)


def test_zone_rule_votes_and_ambiguity(tiny):
    assert tiny.locate("唐山曹妃甸", 130000).city == 130200
    assert tiny.locate("遵化", 130000).county == 130281
    assert tiny.locate("唐山海港", 130000).city == 130200       # tie: the first name wins
    assert tiny.locate("唐山—海港", 130000).status == "ambiguous"  # a joint park of two cities
    assert tiny.locate("宾西", 130000).status == "unlocated"
    loc = tiny.locate("济源虎岭", 410000)
    assert (loc.status, loc.city, loc.county) == ("province_administered", None, 419001)
    assert tiny.locate("北辰", 120000).city == 120100             # municipalities are one unit


def test_province_prefix_is_not_a_city(tiny):
    assert tiny.locate("吉林蛟河天岗石材", 220000).county == 220281
    assert tiny.locate("吉林", 220000).city == 220200
    assert tiny.locate("吉林市", 220000).city == 220200


def test_address_rule_reads_the_chain(tiny):
    assert tiny.locate_address("河北省唐山市遵化市建设南路32号", 130000).county == 130281
    assert tiny.locate_address("河北省唐山市海港路1号", 130000).city == 130200  # a street, not 秦皇岛海港区
    assert tiny.locate_address("河北省秦皇岛市海港区", 130000).city == 130300


@pytest.fixture(scope="module")
def gazetteer(sources_dir) -> Gazetteer:
    cities = load_table("cities")
    return load_gazetteer(sources_dir, dict(zip(cities["city"], cities["name_zh"])))


@pytest.mark.parametrize("text, province, city", [
    ("甘肃省酒泉市嘉峪关市雄关东路12号", 620000, 620200),   # the most specific prefecture-level link
    ("湖北省鄂州市武昌大道215号", 420000, 420700),          # 武昌 is a road here, not 武汉's district
    ("黑龙江省伊春市西林区新兴大街", 230000, 230700),        # 西林区 (old list) ends the chain
    ("江苏省张家港市锦丰镇", 320000, 320500),
    ("内蒙古自治区兴安盟乌兰浩特市新桥西街29号", 150000, 152200),
])
def test_real_addresses(gazetteer, text, province, city):
    assert gazetteer.locate_address(text, province).city == city


@pytest.mark.parametrize("text, province, city", [
    ("中德（沈阳）高端装备制造", 210000, 210100),
    ("杭州湾上虞", 330000, 330600),          # 杭州湾 is a bay, the zone is in 上虞 (绍兴)
    ("顺德清远英德", 440000, 441800),        # two names of 清远 outvote 顺德 (佛山)
    ("湽博", 370000, 370300),                # catalogue typo, alias table
    ("莱芜钢城", 370000, 370100),            # 莱芜 merged into 济南 in 2019
])
def test_real_zone_places(gazetteer, text, province, city):
    assert gazetteer.locate(text, province).city == city
