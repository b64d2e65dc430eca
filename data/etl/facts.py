"""Reference facts the ETL needs: the 31 province-level regions and the 38
harmonised IO sectors.

Region codes follow GB/T 2260 (NBS administrative division codes). The
macro-regions are NBS's four economic zones (东部 / 中部 / 西部 / 东北).
The H-sector list is hostfit's own harmonisation of the 1997–2017 provincial
IO classifications (see ``data/etl/concordance.py``).
"""

from __future__ import annotations

# adcode, full zh name, short zh name, English name, macro-region
REGIONS: tuple[tuple[int, str, str, str, str], ...] = (
    (110000, "北京市", "北京", "Beijing", "East"),
    (120000, "天津市", "天津", "Tianjin", "East"),
    (130000, "河北省", "河北", "Hebei", "East"),
    (140000, "山西省", "山西", "Shanxi", "Central"),
    (150000, "内蒙古自治区", "内蒙古", "Inner Mongolia", "West"),
    (210000, "辽宁省", "辽宁", "Liaoning", "Northeast"),
    (220000, "吉林省", "吉林", "Jilin", "Northeast"),
    (230000, "黑龙江省", "黑龙江", "Heilongjiang", "Northeast"),
    (310000, "上海市", "上海", "Shanghai", "East"),
    (320000, "江苏省", "江苏", "Jiangsu", "East"),
    (330000, "浙江省", "浙江", "Zhejiang", "East"),
    (340000, "安徽省", "安徽", "Anhui", "Central"),
    (350000, "福建省", "福建", "Fujian", "East"),
    (360000, "江西省", "江西", "Jiangxi", "Central"),
    (370000, "山东省", "山东", "Shandong", "East"),
    (410000, "河南省", "河南", "Henan", "Central"),
    (420000, "湖北省", "湖北", "Hubei", "Central"),
    (430000, "湖南省", "湖南", "Hunan", "Central"),
    (440000, "广东省", "广东", "Guangdong", "East"),
    (450000, "广西壮族自治区", "广西", "Guangxi", "West"),
    (460000, "海南省", "海南", "Hainan", "East"),
    (500000, "重庆市", "重庆", "Chongqing", "West"),
    (510000, "四川省", "四川", "Sichuan", "West"),
    (520000, "贵州省", "贵州", "Guizhou", "West"),
    (530000, "云南省", "云南", "Yunnan", "West"),
    (540000, "西藏自治区", "西藏", "Tibet", "West"),
    (610000, "陕西省", "陕西", "Shaanxi", "West"),
    (620000, "甘肃省", "甘肃", "Gansu", "West"),
    (630000, "青海省", "青海", "Qinghai", "West"),
    (640000, "宁夏回族自治区", "宁夏", "Ningxia", "West"),
    (650000, "新疆维吾尔自治区", "新疆", "Xinjiang", "West"),
)

# Extra spellings users and source files use.
REGION_ALIASES: dict[int, tuple[str, ...]] = {
    150000: ("内蒙", "Nei Mongol", "Neimenggu", "Inner Mongolia Autonomous Region"),
    450000: ("广西自治区", "Guangxi Zhuang Autonomous Region"),
    540000: ("Xizang", "西藏藏族自治区", "Tibet Autonomous Region"),
    610000: ("Shaanxi Province", "陕"),
    640000: ("宁夏自治区", "Ningxia Hui Autonomous Region"),
    650000: ("新疆自治区", "Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur"),
    500000: ("渝", "Chungking"),
    510000: ("川", "蜀"),
    520000: ("黔",),
    530000: ("滇",),
    360000: ("赣",),
    410000: ("豫",),
    420000: ("鄂",),
    430000: ("湘",),
    340000: ("皖",),
    620000: ("陇",),
    630000: ("青",),
}

MACRO_REGION_ZH = {"East": "东部", "Central": "中部", "West": "西部", "Northeast": "东北"}

# code, zh name, en name
INDUSTRIES: tuple[tuple[str, str, str], ...] = (
    ("H01", "农林牧渔", "Agriculture, forestry, animal husbandry & fishery"),
    ("H02", "煤炭采选", "Coal mining"),
    ("H03", "石油和天然气开采", "Oil & gas extraction"),
    ("H04", "金属矿采选", "Metal ore mining"),
    ("H05", "非金属矿及其他矿采选", "Non-metal & other mining"),
    ("H06", "食品和烟草", "Food, beverages & tobacco"),
    ("H07", "纺织", "Textiles"),
    ("H08", "纺织服装鞋帽皮革羽绒", "Apparel, footwear & leather"),
    ("H09", "木材加工和家具", "Wood products & furniture"),
    ("H10", "造纸印刷和文教体育用品", "Paper, printing & stationery/sporting goods"),
    ("H11", "石油、炼焦和核燃料加工", "Petroleum refining, coking & nuclear fuel"),
    ("H12", "化学工业", "Chemicals (incl. pharma, fibres, rubber & plastics)"),
    ("H13", "非金属矿物制品", "Non-metallic mineral products"),
    ("H14", "金属冶炼和压延加工", "Metal smelting & rolling"),
    ("H15", "金属制品", "Fabricated metal products"),
    ("H16", "通用、专用设备", "General & special-purpose machinery"),
    ("H17", "交通运输设备", "Transport equipment"),
    ("H18", "电气机械和器材", "Electrical machinery & equipment"),
    ("H19", "通信设备、计算机和其他电子设备", "Communication equipment, computers & electronics"),
    ("H20", "仪器仪表", "Instruments & meters"),
    ("H21", "其他制造、废品废料和修理", "Other manufacturing, scrap & repair"),
    ("H22", "电力、热力生产和供应", "Electricity & heat supply"),
    ("H23", "燃气生产和供应", "Gas supply"),
    ("H24", "水的生产和供应", "Water supply"),
    ("H25", "建筑", "Construction"),
    ("H26", "批发和零售", "Wholesale & retail"),
    ("H27", "交通运输、仓储和邮政", "Transport, storage & post"),
    ("H28", "住宿和餐饮", "Accommodation & catering"),
    ("H29", "信息传输、软件和信息技术服务", "Information transmission, software & IT services"),
    ("H30", "金融", "Finance"),
    ("H31", "房地产", "Real estate"),
    ("H32", "租赁和商务服务", "Leasing & business services"),
    ("H33", "科学研究和技术服务", "Scientific research & technical services"),
    ("H34", "水利环境公共设施、居民服务和其他服务", "Water, environment, public facilities, resident & other services"),
    ("H35", "教育", "Education"),
    ("H36", "卫生和社会工作", "Health & social work"),
    ("H37", "文化、体育和娱乐", "Culture, sports & entertainment"),
    ("H38", "公共管理、社会保障和社会组织", "Public administration & social organisations"),
)

#: Candidate industries for transfer: the 16 manufacturing groups H06–H21. Mining (H02–H05) and
#: utilities (H22–H24) are resource- or network-bound: inputs and context, never ranked.
CANDIDATE_CODES: frozenset[str] = frozenset(f"H{i:02d}" for i in range(6, 22))

#: Host regions of the East→West transfer: central, western and north-eastern provinces
#: (《关于中西部地区和东北地区承接产业转移的指导意见》); the eastern provinces are origins.
HOST_MACRO_REGIONS: frozenset[str] = frozenset({"Central", "West", "Northeast"})

#: Information services (data centres, 东数西算): a separate digital track beside the ranking.
DIGITAL_CODE = "H29"

_ZH_TO_CODE = {}
for _code, _full, _short, _en, _macro in REGIONS:
    for _name in (_full, _short, _en):
        _ZH_TO_CODE[_name] = _code
for _code, _aliases in REGION_ALIASES.items():
    for _name in _aliases:
        _ZH_TO_CODE.setdefault(_name, _code)


def region_code(name: str) -> int | None:
    """Map a province name as written in a source file to its adcode.

    Accepts full names (四川省), short names (四川), English names, and names
    with a leading file number or trailing year (``23四川``, ``四川97``).
    Returns ``None`` when nothing matches; the caller names the file.
    """
    text = str(name).strip()
    if text in _ZH_TO_CODE:
        return _ZH_TO_CODE[text]
    stripped = text.strip("0123456789-_ .年")
    if stripped in _ZH_TO_CODE:
        return _ZH_TO_CODE[stripped]
    for _code, full, short, _en, _macro in REGIONS:
        if stripped.startswith(short) and len(stripped) <= len(full):
            return _code
    return None
