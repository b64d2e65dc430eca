"""The zone leading-industry concordance against hand labels and on the whole 2018 catalogue."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from data.etl.city_concordance import CATEGORIES, KEYWORDS, classify, split_phrases
from data.etl.city_zones import read_zones

NON, GENERIC = "non", "generic"

# Phrases as they occur in city/devzones_2018.tsv, labelled by hand from GB/T 4754-2017
# (the C division each activity belongs to, then its H group in data/curated/industries.csv).
# "non" = not manufacturing; "generic" = manufacturing but no sector can be named.
# Conventions documented in data/ZONE_CONCORDANCE.md: 新材料 → H12 H13 H14; 机电 → H16 H18;
# 石化 / 石油化工 → H11 H12; 医疗器械 → H16 (C358); 新能源 → H18.
HAND_LABELS: dict[str, str] = {
    "装备制造": "H16", "食品": "H06", "新材料": "H12 H13 H14", "电子信息": "H19", "机械": "H16",
    "建材": "H13", "医药": "H12", "农副产品加工": "H06", "生物医药": "H12", "化工": "H12",
    "新能源": "H18", "纺织服装": "H07 H08", "农产品加工": "H06", "纺织": "H07", "电子": "H19",
    "精细化工": "H12", "汽车": "H17", "物流": NON, "汽车零部件": "H17", "电力": NON,
    "石化": "H11 H12", "煤化工": "H12", "节能环保": GENERIC, "汽车及零部件": "H17", "金属制品": "H15",
    "机械电子": "H16 H19", "冶金": "H14", "农副食品": "H06", "机电": "H16 H18", "生物制药": "H12",
    "食品饮料": "H06", "能源": NON, "有色金属加工": "H14", "农畜产品加工": "H06", "通用设备": "H16",
    "木材加工": "H09", "商贸物流": NON, "电子电器": "H18 H19", "服装": "H08", "家具": "H09",
    "钢铁": "H14", "轻工": GENERIC, "生物": "H12", "电气机械器材": "H18", "信息技术": NON,
    "软件": NON, "非金属矿物制品": "H13", "智能制造": GENERIC, "有色金属": "H14", "轻纺": "H07",
    "酿酒": "H06", "精密机械": "H16", "新能源汽车": "H17 H18", "先进制造": GENERIC, "专用设备": "H16",
    "仓储物流": NON, "保税物流": NON, "矿产品加工": GENERIC, "陶瓷": "H13", "包装": "H10",
    "服装纺织": "H07 H08", "铝加工": "H14", "印刷": "H10", "光电": "H19", "有色金属冶炼加工": "H14",
    "在建": NON, "信息服务": NON, "医药化工": "H12", "光伏": "H18", "电商": NON, "盐化工": "H12",
    "造纸": "H10", "电气机械": "H18", "林产品加工": "H09", "五金": "H15", "电子设备": "H19",
    "石材": "H13", "环保": GENERIC, "国际贸易": NON, "金属加工": "H15", "船舶": "H17", "化纤": "H12",
    "再生资源利用": "H21", "煤炭": NON, "塑料制品": "H12", "集成电路": "H19", "家电": "H18",
    "医疗器械": "H16", "皮革": "H08", "交通运输设备": "H17", "仪器仪表": "H20", "稀土": "H14",
    "煤炭加工": "H11", "轨道交通设备": "H17", "乳制品加工": "H06", "中医药": "H12", "能源化工": "H12",
    "金融": NON, "文化创意": NON, "摩托车": "H17", "旅游": NON, "跨境电商": NON, "电力能源": NON,
    # trade, services and mining that name a manufactured good
    "医药贸易": NON, "汽车服务": NON, "有色金属采选": NON, "有色金属采选冶炼": "H14",
    "苹果加工销售物流": "H06", "航空物流": NON, "整车进口": NON, "石油开采": NON, "纺织服务": NON,
    # repair and scrap (C42–C43)
    "保税维修": "H21", "航空维修": "H21", "电器拆解": "H21", "维修检测": "H21", "资源综合利用": "H21",
    "废弃资源利用": "H21", "日用品": "H21", "再生铜": "H14",
    # specific word beats the broad one
    "化工新材料": "H12", "金属新材料": "H14", "电石化工": "H12", "石油化工": "H11 H12", "石油装备": "H16",
    "电子陶瓷": "H19", "工业陶瓷": "H13", "碳化硅冶炼": "H13", "汽车模具": "H16", "木制玩具": "H10",
    "塑料编织": "H12", "针织服装": "H08", "黄金珠宝": "H10", "生物质能源": NON, "生物育种": NON,
    "海工装备": "H17", "风电装备": "H16", "风电": NON, "三七生物资源加工": "H12",
    # one group each
    "机器人": "H16", "眼镜": "H20", "钟表计时仪器": "H20", "健身器材": "H10", "烟花爆竹": "H12",
    "打火机": "H21", "有机肥": "H12", "茶叶加工": "H06", "卷烟": "H06", "饲料": "H06", "钢结构": "H15",
    "不锈钢制品": "H15", "铝制品": "H15", "铸造": "H15", "轴承": "H16", "电梯": "H16", "电池": "H18",
    "蓄电池": "H18", "智能电网": "H18", "输变电设备": "H18", "照明": "H18", "新光源": "H18",
    "通信设备": "H19", "半导体": "H19", "计算机": "H19", "平板显示": "H19", "磁性材料": "H19",
    "光学": "H20", "家居": "H09", "人造板": "H09", "竹木制品": "H09", "工艺品": "H10", "文具": "H10",
    "玩具": "H10", "珠宝首饰": "H10", "焦化": "H11", "煤制天然气": "H11", "核燃料加工": "H11",
    "橡胶轮胎": "H12", "化妆品": "H12", "玻璃": "H13", "水泥": "H13", "耐火材料": "H13",
    "铁合金冶炼": "H14", "电解锰": "H14", "汽摩配件": "H17", "游艇": "H17", "航空": "H17",
    "专用车": "H17", "自行车": "H17", "电机": "H18", "羽绒制品加工": "H08", "鞋服": "H08", "箱包": "H08",
    "家纺": "H07", "印染": "H07", "食品机械": "H16", "包装机械": "H16", "光伏光电": "H18 H19",
    "冶金建材": "H13 H14", "化工建材": "H12 H13", "农林产品加工": "H06 H09", "煤电铝": "H14",
    "光电子信息": "H19", "五金电子": "H15 H19", "机床": "H16", "阀门": "H16", "数控机床": "H16",
    "小家电": "H18", "白色家电": "H18", "精密仪器": "H20", "药品": "H12", "藏医药": "H12",
    "肉制品加工": "H06", "水产品加工": "H06", "粮油加工": "H06", "乳制品": "H06", "啤酒": "H06",
    "白酒酿造": "H06", "制糖": "H06", "咖啡": "H06", "皮具箱包": "H08", "红木家具": "H09",
    "纸制品": "H10", "林浆纸一体化": "H10", "彩印": "H10", "乐器": "H10", "合成革": "H12",
    "橡胶制品": "H12", "日化产品": "H12", "氟化工": "H12", "石墨加工": "H13", "玻璃器皿": "H13",
    "特钢": "H14", "不锈钢": "H14", "铜材加工": "H14", "紧固件": "H15", "五金工具": "H15",
    "工程机械": "H16", "矿山机械": "H16", "农业装备": "H16", "船舶修造": "H17", "轨道交通": "H17",
    "航空航天": "H17", "新能源电动车": "H17 H18", "输配电": "H18", "智能终端": "H19", "激光": "H19",
    "电声": "H19",
    # not manufacturing, or no sector
    "商贸": NON, "会展": NON, "度假旅游": NON, "热电": NON, "天然气": NON, "云计算": NON, "大数据": NON,
    "互联网": NON, "科技研发": NON, "总部经济": NON, "服务外包": NON, "建筑": NON, "采矿": NON,
    "非金属矿采选": NON, "锡矿": NON, "园艺": NON, "生命健康": NON, "港口物流": NON, "检验检测": NON,
    "工业研发设计": NON, "矿产品开发": GENERIC, "加工贸易": GENERIC, "出口加工": GENERIC, "高端制造": GENERIC,
}

#: Manufacturing-related phrases, by a keyword test that does not use the concordance table:
#: stems of the GB/T 4754-2017 section C division names and their everyday words ...
MANUFACTURING_STEMS = re.compile(
    "制造|加工|制品|装备|设备|机械|机电|化工|冶|材料|纺|服装|鞋|皮革|食品|饮|酒|乳|医药|制药|药|电子|"
    "电器|电气|电机|家电|汽车|汽配|摩托|船|航空|航天|轨道交通|钢|铁|铝|铜|有色|金属|建材|水泥|陶瓷|"
    "玻璃|石材|家具|木|纸|印刷|包装|仪器|仪表|器械|光伏|电池|半导体|集成电路|芯片|光电|塑料|橡胶|化纤|"
    "五金|轻工|轻纺|工艺品|玩具|再生资源")
#: ... unless the phrase names trade, services or mining and no production (加工, 制造).
NOT_PRODUCTION = re.compile("物流|贸易|商贸|服务|电商|仓储|旅游|采选|开采|研发|进口")


def manufacturing_related(phrase: str) -> bool:
    """Independent keyword test (see data/ZONE_CONCORDANCE.md, 'Coverage')."""
    if not MANUFACTURING_STEMS.search(phrase):
        return False
    return not (NOT_PRODUCTION.search(phrase) and not re.search("加工|制造", phrase))


@pytest.fixture(scope="module")
def catalogue_phrases(sources_dir) -> Counter:
    zones = read_zones(sources_dir)
    return Counter(p for text in zones["主导产业"] for p in split_phrases(text))


def _label_codes(label: str) -> tuple[str, ...]:
    return () if label in (NON, GENERIC) else tuple(label.split())


def test_hand_labels_are_many_and_well_formed():
    assert len(HAND_LABELS) >= 100
    for phrase, label in HAND_LABELS.items():
        codes = _label_codes(label)
        assert label in (NON, GENERIC) or all(re.fullmatch(r"H(0[6-9]|1\d|2[01])", c) for c in codes), phrase


def test_hand_labelled_phrases_occur_in_the_catalogue(catalogue_phrases):
    missing = [p for p in HAND_LABELS if p not in catalogue_phrases]
    assert not missing, f"hand-labelled phrases not in the 2018 catalogue: {missing}"


def test_precision_on_hand_labels():
    mapped = {p: classify(p) for p in HAND_LABELS}
    mapped = {p: r for p, r in mapped.items() if r.codes}
    exact = [p for p, r in mapped.items() if r.codes == _label_codes(HAND_LABELS[p])]
    wrong = {p: (" ".join(r.codes), HAND_LABELS[p]) for p, r in mapped.items() if p not in exact}
    precision = len(exact) / len(mapped)
    print(f"\nconcordance precision on {len(mapped)} mapped hand-labelled phrases "
          f"(of {len(HAND_LABELS)}): {precision:.3f}; disagreements (got, label): {wrong}")
    assert precision >= 0.9


def test_hand_labelled_non_manufacturing_is_not_mapped():
    leaks = {p: classify(p).codes for p, label in HAND_LABELS.items() if label == NON and classify(p).codes}
    assert not leaks
    missed = [p for p, label in HAND_LABELS.items() if label not in (NON, GENERIC) and not classify(p).codes]
    assert not missed, f"labelled manufacturing phrases left unmapped: {missed}"


def test_coverage_of_manufacturing_phrase_occurrences(catalogue_phrases):
    related = {p: n for p, n in catalogue_phrases.items() if manufacturing_related(p)}
    covered = sum(n for p, n in related.items() if classify(p).codes)
    total = sum(related.values())
    share = covered / total
    left = Counter({p: n for p, n in related.items() if not classify(p).codes})
    print(f"\nmanufacturing-related phrase occurrences mapped to ≥1 H code: {covered}/{total} = {share:.3f}; "
          f"not mapped (generic or unmapped): {left.most_common(15)}")
    assert total > 5000  # the test itself must see most of the catalogue
    assert share >= 0.9


def test_unmapped_phrases_are_listed(catalogue_phrases):
    unmapped = sorted(p for p in catalogue_phrases if classify(p).category == "unmapped")
    print(f"\nphrases the concordance cannot read ({len(unmapped)}): {unmapped}")
    assert len(unmapped) <= 20


def test_split_phrases_rules():
    assert split_phrases("智能制造、装备制造、汽车") == ["智能制造", "装备制造", "汽车"]
    assert split_phrases("计算机及软件、汽车及零部件、环保") == ["计算机", "软件", "汽车及零部件", "环保"]
    assert split_phrases("批发和零售；租赁和商务服务") == ["批发", "零售", "租赁", "商务服务"]
    assert split_phrases("食品.、木制品加工，医药") == ["食品", "木制品加工", "医药"]
    assert split_phrases("纺织等产业") == ["纺织"]
    assert split_phrases("钢铁及压延") == ["钢铁及压延"]


def test_classify_rules():
    assert classify("新能源汽车").codes == ("H17", "H18")       # longest keyword first
    assert classify("化工新材料").codes == ("H12",)             # broad 新材料 yields to 化工
    assert classify("新材料").codes == ("H12", "H13", "H14")
    assert classify("汽车服务").category == "non_manufacturing"  # activity without production
    assert classify("有色金属采选加工").codes == ("H14",)         # production keeps it
    assert classify("智能制造").category == "generic"
    assert classify("旅游").category == "non_manufacturing"
    assert classify("绿色水工").category == "unmapped"
    assert all(c in CATEGORIES for c in (classify(p).category for p in HAND_LABELS))


def test_keyword_table_is_consistent():
    words = [w for w, _codes, _kind in KEYWORDS]
    assert len(words) == len(set(words)), "a keyword is listed twice"
    for word, codes, kind in KEYWORDS:
        assert all(re.fullmatch(r"H(0[6-9]|1\d|2[01])", c) for c in codes), word
        assert bool(codes) == (kind in ("mfg", "broad")), word
