"""Keyword concordance: development-zone leading industries (主导产业) → H06–H21.

The 2018 catalogue states each zone's leading industries as free text
(``装备制造、新材料、生物医药``). :func:`split_phrases` cuts it into phrases and
:func:`classify` maps each phrase to zero or more of the 16 manufacturing groups
through the :data:`KEYWORDS` table. ``data/ZONE_CONCORDANCE.md`` explains every
choice; the GB/T 4754-2017 division that decides a code is noted where it is not
obvious.

Matching: keywords are searched longest first and a matched span is consumed,
so ``新能源汽车`` is read as one keyword, not as ``新能源`` + ``汽车``. A
phrase's codes are the union of its keywords' codes, with three refinements:

* ``broad`` keywords (新材料, 装备 …) give their codes only when no specific
  keyword matched (化工新材料 → H12, not H12+H13+H14);
* ``activity`` keywords (贸易, 物流, 服务 …; mining: 采选, 开采) make the phrase
  non-manufacturing unless it also names production (加工, 制造, 冶炼, 维修 …):
  医药贸易 and 汽车服务 are trade and services, 有色金属采选 is mining,
  苹果加工销售物流 is food processing;
* a phrase with no code is ``non_manufacturing`` when its keywords are all
  non-manufacturing (物流, 旅游, 农业, 电力 …), ``generic`` when it names
  manufacturing without a sector (先进制造, 轻工, 出口加工 …) and ``unmapped``
  when no keyword matched at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MFG, BROAD, GENERIC, NONMFG, ACTIVITY = "mfg", "broad", "generic", "nonmfg", "activity"

#: Phrase categories in the curated tables.
CATEGORIES = ("manufacturing", "generic", "non_manufacturing", "unmapped")

#: Words that, after a 及/和/与, complete the previous word instead of starting a new phrase.
COMPLEMENTS = ("零部件", "零配件", "配件", "配套", "加工", "深加工", "制品", "制品加工", "应用", "压延",
               "延伸加工", "其制品", "装备", "设备")

#: Production words that keep a phrase in manufacturing despite an activity keyword.
PRODUCTION = ("加工", "制造", "生产", "制品", "组装", "维修", "修理", "修造", "冶炼", "装备", "设备", "制药")


def _kw(kind: str, codes: str, *words: str) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """Rows of the keyword table: every word in ``words`` gets ``codes`` (space-separated)."""
    return tuple((word, tuple(codes.split()), kind) for word in words)


# Kinds: MFG = specific H codes; BROAD = codes used only when no MFG keyword matched
# (catch-all words: 装备, 设备, 新材料 …); GENERIC = manufacturing without a sector;
# NONMFG = not manufacturing; ACTIVITY = trade, services and mining words that make a
# phrase non-manufacturing unless it also names production (see the module docstring).
KEYWORDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # H06 food, beverages, tobacco (GB/T 4754-2017 C13–C16)
    *_kw(MFG, "H06", "食品", "饮料", "饮品", "酒", "酿造", "乳", "粮油", "粮食加工", "油脂", "制糖", "茶",
         "烟", "肉制品", "饲料", "水产品加工", "水产加工", "海产品加工", "农副产品", "农副食品",
         "农产品加工", "农产品深加工", "农产品精深加工", "农畜产品加工", "畜产品加工", "食用菌",
         "咖啡", "酵母", "精制盐", "矿泉", "苹果加工", "林下资源加工"),
    *_kw(MFG, "H06 H09", "农林产品", "农林产品加工", "农畜林产品", "农林特产品"),
    *_kw(MFG, "H06 H12", "生物资源加工"),
    # H07 textiles (C17)
    *_kw(MFG, "H07", "纺织", "轻纺", "纺", "织", "印染", "针织", "丝绸", "羊绒", "亚麻", "家纺", "地毯", "柞蚕"),
    # H08 apparel, footwear, leather, feathers (C18–C19)
    *_kw(MFG, "H08", "服装", "服饰", "鞋", "皮革", "皮具", "皮制品", "箱包", "羽绒", "毛皮", "泳装", "毛衫",
         "鞋帽", "针织服装", "毛织服装", "丝绸服装", "皮毛"),
    *_kw(MFG, "H07 H08", "纺织服装", "服装纺织", "纺织鞋服", "纺织服饰", "纺织鞋帽", "织纺服装"),
    # H09 wood and furniture (C20–C21)
    *_kw(MFG, "H09", "家具", "家居", "木", "竹", "藤", "林产品加工", "林产加工", "林木产品加工", "人造板",
         "密度板", "板材", "林板", "森工", "木业"),
    # H10 paper, printing, stationery, sporting goods, toys, arts and crafts (C22–C24)
    *_kw(MFG, "H10", "造纸", "纸", "浆纸", "竹浆纸", "林浆纸", "特种纸", "印刷", "彩印", "包装", "文具",
         "文教", "文体用品", "体育用品", "体育器材", "健身器材", "乐器", "玩具", "木制玩具", "工艺品",
         "工艺美术", "工艺制品", "珠宝", "黄金珠宝", "宝石", "玉石", "珍珠加工", "水晶加工", "雕刻", "根雕",
         "刺绣", "手工地毯", "藏毯", "游戏游艺设备", "休闲用品", "婴童用品", "旅游商品", "旅游产品加工"),
    # H11 refining, coking, nuclear fuel (C25)
    *_kw(MFG, "H11", "石油加工", "油气加工", "石油", "焦化", "炼焦", "核燃料", "油母页岩", "煤炭加工", "煤制天然气"),
    *_kw(MFG, "H11 H12", "石化", "石油化工", "炼化", "油气化工", "石油天然气化工", "煤焦化工"),
    # H12 chemicals, pharmaceuticals, chemical fibres, rubber and plastics (C26–C29)
    *_kw(MFG, "H12", "化工", "化学", "医药", "制药", "药品", "中药", "中药材", "藏药", "藏医药", "中藏药",
         "中藏医药", "生物", "生化", "化纤", "橡胶", "橡塑", "塑料", "塑材", "模塑", "轮胎", "硅胶", "有机硅",
         "日化", "化妆品", "洗漱用品", "气雾剂", "制冷剂", "合成革", "合成材料", "高分子", "膜材料", "有机肥",
         "烟花爆竹", "炸药", "火工产品", "盐化", "碳酸锰", "钛盐", "氟", "芳烃", "林产化工", "林化工",
         "化工新材料", "医用新材料", "煤基新材料", "生物新能源", "塑料编织", "塑料造粒", "磷硅化工", "电石",
         "电石化工"),
    *_kw(BROAD, "H12", "化"),
    # H13 non-metallic mineral products (C30)
    *_kw(MFG, "H13", "建材", "水泥", "陶瓷", "玻璃", "石材", "耐火材料", "石墨", "碳素", "硅藻土", "高岭土",
         "碳酸钙", "混凝土", "非金属矿物", "非金属矿制品", "非金属制品", "非金属加工", "非金属材料",
         "非金属新材料", "无机非金属", "矿物制品", "金刚石", "超硬材料", "磨具", "碳化硅", "碳化硅冶炼",
         "复合材料", "复合新材料"),
    # H14 metal smelting and rolling (C31–C32)
    *_kw(MFG, "H14", "冶", "冶金", "冶炼", "钢铁", "钢", "特钢", "不锈钢", "钢材", "炼钢", "铁合金", "合金",
         "有色", "有色金属", "黑色金属", "黑色金属加工", "铝", "铜", "镁", "锰", "镍", "钒", "钛", "钨", "铅",
         "锌", "锡", "钴", "稀土", "黄金", "贵金属", "稀贵金属", "硅", "金属材料", "金属新材料", "新金属材料",
         "金属冶炼", "金属压延", "压延", "铁精粉", "铁矿加工", "电冶", "铝箔", "铝电", "煤电铝", "金属选冶",
         "采冶", "再生铜", "再生铝", "再生铅", "再生不锈钢"),
    *_kw(BROAD, "H14", "金属"),
    # H15 fabricated metal products (C33)
    *_kw(MFG, "H15", "金属制品", "金属加工", "金属精加工", "五金", "钢结构", "不锈钢制品", "五金不锈制品",
         "铝制品", "铜制品", "钢制品", "钢铁制品", "冶金制品", "紧固件", "金属管件", "铸造", "铸锻", "厨具",
         "水暖厨卫", "丝网", "散热器"),
    *_kw(MFG, "H09 H15", "五金家具", "金属玻璃家具"),
    # H16 general- and special-purpose machinery (C34–C35; medical devices are C358)
    *_kw(MFG, "H16", "机械", "机床", "轴承", "阀门", "泵阀", "泵", "液压", "机器人", "数控", "工程机械", "电梯",
         "升降设备", "模具", "汽车模具", "医疗器械", "医疗设备", "机械基础件", "通用零部件", "机械零部件",
         "机械配件", "粉末冶金", "钢球", "燃气轮机", "发电机", "中央空调", "燃气设备", "消防器材",
         "安全防护用品", "食品机械", "包装机械", "石油装备", "石油机械", "煤机", "风电装备", "智能装备",
         "智能机械", "智能机器", "环保设备", "环保装备", "节能设备", "农业装备", "涉农装备", "物流装备",
         "管道装备", "密封元器件", "冶金装备", "冶金机械", "钢铁装备", "铸造机械"),
    *_kw(BROAD, "H16", "装备", "设备", "矿山"),
    *_kw(MFG, "H16 H18", "机电", "机电一体化", "新能源装备", "新能源设备", "能源装备", "能源设备", "清洁能源装备"),
    *_kw(MFG, "H16 H19", "机械电子", "光机电", "光机电一体化"),
    # H17 transport equipment (C36–C37)
    *_kw(MFG, "H17", "汽车", "汽配", "汽摩", "摩托车", "整车", "专用车", "卡车", "特种车", "重车", "车辆",
         "电动车", "自行车", "船舶", "造船", "船", "游艇", "海工", "海洋装备", "海工装备", "轨道交通",
         "航空", "航空机械", "航天", "卫星", "交通运输设备", "运输设备", "交通设备", "交通装备"),
    *_kw(MFG, "H17 H18", "新能源汽车", "新能源车", "新能源电动车"),
    *_kw(MFG, "H17 H19", "汽车电子"),
    *_kw(MFG, "H12 H13 H14", "航空新材料"),
    # H18 electrical machinery and equipment (C38)
    *_kw(MFG, "H18", "电气", "电气机械", "电器机械", "电机", "电器", "家电", "智能家电", "家用电器", "照明", "光源", "电池", "锂电",
         "光伏", "太阳能", "输变电", "输配电", "智能电网", "电工", "电力设备", "电力电器", "电线电缆",
         "新能源"),
    *_kw(MFG, "H18 H19", "电力电子", "信息家电", "电子电器", "智能家居"),
    # H19 communication equipment, computers, electronics (C39)
    *_kw(MFG, "H19", "电子", "电子信息", "电子信息技术", "新一代信息技术", "集成电路", "半导体", "芯片",
         "微电子", "光电", "光电子", "通信设备", "通讯设备", "通信", "通讯", "光通讯", "计算机", "智能终端",
         "显示", "激光", "电声", "声学", "磁性材料", "电子材料", "电子信息材料", "电子陶瓷", "新电子",
         "信息电子", "智能化产品", "软硬件产品"),
    # H20 instruments (C40)
    *_kw(MFG, "H20", "仪器", "仪表", "钟表", "计时", "光学", "眼镜", "自动控制系统", "系统控制", "工业自动化"),
    # H21 other manufacturing, scrap and waste recycling, repair (C41–C43)
    *_kw(MFG, "H21", "再生资源", "再生", "资源循环利用", "资源综合利用", "废弃资源", "拆解", "电器拆解",
         "铜材拆解", "维修", "修理", "航空维修", "煤机维修", "打火机", "日用品", "民族特需用品", "民族特色用品"),
    # generic manufacturing: no sector named
    *_kw(GENERIC, "", "智能制造", "先进制造", "高端制造", "制造", "加工", "轻工", "材料", "产品组装",
         "零部件", "高技术", "能源原材料", "矿产品", "矿产", "资源加工", "循环经济", "循环",
         "特色资源开发", "节能环保", "环保", "节能", "环境科技", "纳米技术", "应急产品"),
    *_kw(BROAD, "H12 H13 H14", "新材料"),
    # trade, services and mining: non-manufacturing unless production is named
    *_kw(ACTIVITY, "", "物流", "仓储", "贸易", "商贸", "边贸", "商务", "商业", "服务", "电商", "会展", "展示",
         "展销", "展览", "销售", "批发", "零售", "租赁", "金融", "进口", "中转", "仲裁", "检验检测", "检测",
         "储运", "转口", "航运", "港口", "运输", "交通运输", "配送", "外包", "总部经济", "孵化", "研发",
         "成品油", "卫星应用", "农资", "采选", "开采", "采矿", "钻采", "洗选", "锡矿", "非金属矿"),
    # other non-manufacturing words
    *_kw(NONMFG, "", "旅游", "度假", "休闲", "观光", "娱乐", "文化", "创意", "动漫", "体育", "康体", "运动",
         "健康", "医疗", "生命", "软件", "信息技术", "信息服务", "信息", "数据", "云计算", "互联网",
         "系统集成", "智能交通", "地理信息", "农业", "农业生物", "生物育种", "园艺", "电力", "热电", "热力",
         "煤电", "水电", "风电", "能源", "生物质能源", "天然气", "页岩气", "煤炭", "建筑", "海洋经济",
         "科技", "工业", "在建", "矿产建设", "出版"),
)

_SEPARATORS = re.compile(r"[、，,；;／/\s。．.：:()（）]+")
_JOINERS = re.compile(r"[及和与]")
_TRAILING = ("等产业", "等行业", "产业", "等")


def split_phrases(text: str) -> list[str]:
    """Split a 主导产业 text into phrases.

    Splits on punctuation and whitespace, then on 及 / 和 / 与 unless the right-hand
    word completes the left one (汽车及零部件 stays whole; 计算机及软件 splits),
    and drops a trailing 等 / 产业.

    Examples
    --------
    >>> split_phrases("汽车及零部件、计算机及软件，纺织等")
    ['汽车及零部件', '计算机', '软件', '纺织']
    """
    phrases = []
    for chunk in _SEPARATORS.split(str(text)):
        parts = _JOINERS.split(chunk)
        merged: list[str] = []
        for part in parts:
            if merged and (part in COMPLEMENTS or len(part) < 2):
                merged[-1] = f"{merged[-1]}及{part}"
            else:
                merged.append(part)
        for phrase in merged:
            for suffix in _TRAILING:
                if phrase.endswith(suffix) and len(phrase) > len(suffix) + 1:
                    phrase = phrase[: -len(suffix)]
                    break
            if phrase:
                phrases.append(phrase)
    return phrases


_BY_LENGTH = sorted(KEYWORDS, key=lambda k: len(k[0]), reverse=True)


@dataclass(frozen=True)
class PhraseClass:
    """How one phrase maps: ``category`` (see :data:`CATEGORIES`), H codes and the keywords used."""

    category: str
    codes: tuple[str, ...]
    keywords: tuple[str, ...]


def keyword_hits(phrase: str) -> list[tuple[str, tuple[str, ...], str]]:
    """Keywords found in ``phrase``, longest first, each character used at most once."""
    used = [False] * len(phrase)
    hits = []
    for keyword, codes, kind in _BY_LENGTH:
        start = phrase.find(keyword)
        while start >= 0:
            span = range(start, start + len(keyword))
            if not any(used[i] for i in span):
                for i in span:
                    used[i] = True
                hits.append((start, keyword, codes, kind))
                break
            start = phrase.find(keyword, start + 1)
    return [(k, c, kind) for _s, k, c, kind in sorted(hits)]


def classify(phrase: str) -> PhraseClass:
    """Map one phrase to H codes (see module docstring for the rules)."""
    hits = keyword_hits(phrase)
    words = tuple(k for k, _c, _kind in hits)
    if not hits:
        return PhraseClass("unmapped", (), ())
    kinds = {kind for _k, _c, kind in hits}
    if ACTIVITY in kinds and not any(word in phrase for word in PRODUCTION):
        return PhraseClass("non_manufacturing", (), words)
    specific = {c for _k, codes, kind in hits if kind == MFG for c in codes}
    if not specific:
        specific = {c for _k, codes, kind in hits if kind == BROAD for c in codes}
    if specific:
        return PhraseClass("manufacturing", tuple(sorted(specific)), words)
    if kinds & {GENERIC, BROAD}:
        return PhraseClass("generic", (), words)
    return PhraseClass("non_manufacturing", (), words)


def classify_text(text: str) -> list[tuple[str, PhraseClass]]:
    """Split a 主导产业 text and classify every phrase."""
    return [(phrase, classify(phrase)) for phrase in split_phrases(text)]
