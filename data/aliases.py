"""The words people use for industries, mapped to the harmonised sectors H01–H38.

Officials type 汽车, 电池 or 光伏, not 交通运输设备 or H18. :data:`INDUSTRY_ALIASES`
maps such words (zh and en; compared after NFKC, without spaces, case-folded) to
one sector code. The IO tables only distinguish the 16 manufacturing groups
H06–H21, so most words name *part* of a sector: those entries carry a note,
shown to the user with the result, that says what the sector really covers
(e.g. 光伏 → H18 electrical machinery, because solar cells and modules are
classified there in GB/T 4754; 新能源汽车 → H17, with the batteries in H18).

The table is a reviewed module constant, not a curated data table: it encodes
classification knowledge (GB/T 4754-2017 industry classes → IO sectors, see
``data/CONCORDANCE.md``), not statistics. :func:`data.resolve.resolve_industry`
and :func:`data.resolve.resolve_industry_with_note` read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from data.names import normalize


@dataclass(frozen=True)
class IndustryAlias:
    """One everyday word for a sector.

    Parameters
    ----------
    code : str
        Harmonised sector code (``H06`` … ``H21``, ``H29``).
    note_zh, note_en : str
        What the mapping means when it is approximate (empty when the word
        names the whole sector).
    """

    code: str
    note_zh: str = ""
    note_en: str = ""

    @property
    def note(self) -> str | None:
        """Bilingual ``zh / en`` note, or ``None`` for an exact synonym."""
        return f"{self.note_zh} / {self.note_en}" if self.note_zh else None


_AUTO = IndustryAlias("H17", "近似：汽车属于交通运输设备（H17，另含铁路、船舶、航空航天设备）",
                      "approximate: cars are part of transport equipment (H17, which also holds rail, ships "
                      "and aircraft)")
_NEV = IndustryAlias("H17", "近似：整车属于交通运输设备（H17）；动力电池属于电气机械和器材（H18）",
                     "approximate: the vehicles are transport equipment (H17); their batteries are electrical "
                     "machinery (H18)")
_BATTERY = IndustryAlias("H18", "近似：电池（含锂离子电池）属于电气机械和器材（H18）；电池材料多在化学工业（H12）",
                         "approximate: batteries (incl. lithium-ion) are part of electrical machinery (H18); "
                         "battery materials are mostly chemicals (H12)")
_SOLAR = IndustryAlias("H18", "近似：光伏电池与组件属于电气机械和器材（H18）；多晶硅等电子材料属于 H19",
                       "approximate: solar cells and modules are part of electrical machinery (H18); polysilicon "
                       "and other electronic materials are in H19")
_CHIPS = IndustryAlias("H19", "近似：集成电路与半导体器件属于通信设备、计算机和其他电子设备（H19）",
                       "approximate: integrated circuits and semiconductor devices are part of communication "
                       "equipment, computers & electronics (H19)")
_PHONES = IndustryAlias("H19", "近似：手机属于通信设备、计算机和其他电子设备（H19）",
                        "approximate: mobile phones are part of communication equipment, computers & "
                        "electronics (H19)")
_COMPUTERS = IndustryAlias("H19", "近似：计算机整机与零部件属于通信设备、计算机和其他电子设备（H19）",
                           "approximate: computers and parts are part of communication equipment, computers & "
                           "electronics (H19)")
_APPLIANCES = IndustryAlias("H18", "近似：家用电器属于电气机械和器材（H18）；电视、音响属于 H19",
                            "approximate: household appliances are part of electrical machinery (H18); TVs and "
                            "audio equipment are in H19")
_APPAREL = IndustryAlias("H08", "纺织服装鞋帽皮革羽绒（H08）；纺织本身（纱、布）是 H07",
                         "apparel, footwear & leather (H08); textiles themselves (yarn, fabric) are H07")
_LIQUOR = IndustryAlias("H06", "近似：酒类属于食品和烟草（H06，含饮料与精制茶）",
                        "approximate: liquor is part of food, beverages & tobacco (H06)")
_STEEL = IndustryAlias("H14", "近似：钢铁属于金属冶炼和压延加工（H14，另含有色金属）",
                       "approximate: steel is part of metal smelting & rolling (H14, which also holds non-ferrous "
                       "metals)")
_NONFERROUS = IndustryAlias("H14", "近似：有色金属冶炼属于金属冶炼和压延加工（H14，另含钢铁）",
                            "approximate: non-ferrous metals are part of metal smelting & rolling (H14, which also "
                            "holds steel)")
_CHEMICALS = IndustryAlias("H12", "化学工业（H12，含医药、化纤、橡胶和塑料制品）",
                           "chemicals (H12, incl. pharmaceuticals, fibres, rubber & plastics)")
_PHARMA = IndustryAlias("H12", "近似：医药制造属于化学工业（H12，另含化工、化纤、橡胶和塑料）",
                        "approximate: pharmaceuticals are part of chemicals (H12, which also holds fibres, rubber & "
                        "plastics)")
_MACHINERY = IndustryAlias("H16", "近似：按通用、专用设备（H16）理解；电气机械和器材是 H18",
                           "approximate: read as general & special-purpose machinery (H16); electrical machinery is "
                           "H18")
_EQUIPMENT = IndustryAlias("H16", "近似：装备制造横跨 H15–H20，此处按通用、专用设备（H16）理解",
                           "approximate: equipment manufacturing spans H15–H20; read as general & special-purpose "
                           "machinery (H16)")
_BUILDING = IndustryAlias("H13", "近似：建材属于非金属矿物制品（H13，含水泥、玻璃、陶瓷）",
                          "approximate: building materials are part of non-metallic mineral products (H13: cement, "
                          "glass, ceramics)")
_PETROCHEM = IndustryAlias("H11", "近似：炼油属于石油、炼焦和核燃料加工（H11）；下游化工产品属于 H12",
                           "approximate: refining is petroleum, coking & nuclear fuel (H11); downstream chemicals "
                           "are H12")
_PETROCHEMICALS = IndustryAlias("H12", "近似：石化横跨炼油（H11）与化工（H12），此处按化学工业（H12）理解",
                                "approximate: petrochemicals span refining (H11) and chemicals (H12); read as "
                                "chemicals (H12)")
_DATA_CENTRES = IndustryAlias("H29", "近似：数据中心属于信息传输、软件和信息技术服务（H29）",
                              "approximate: data centres are part of information transmission, software & IT "
                              "services (H29)")
_ELECTRONICS = IndustryAlias("H19")
_FOOD = IndustryAlias("H06")

#: Everyday word → sector. Keys are matched after NFKC, without spaces, case-folded.
INDUSTRY_ALIASES: dict[str, IndustryAlias] = {
    # transport equipment
    "汽车": _AUTO, "整车": _AUTO, "汽车零部件": _AUTO, "car": _AUTO, "cars": _AUTO, "automobile": _AUTO,
    "automobiles": _AUTO, "automotive": _AUTO,
    "新能源汽车": _NEV, "电动汽车": _NEV, "新能源车": _NEV, "new energy vehicles": _NEV, "nev": _NEV,
    "electric vehicles": _NEV, "ev": _NEV, "evs": _NEV,
    # electrical machinery
    "电池": _BATTERY, "锂电": _BATTERY, "锂电池": _BATTERY, "动力电池": _BATTERY, "储能电池": _BATTERY,
    "battery": _BATTERY, "batteries": _BATTERY, "lithium battery": _BATTERY, "lithium batteries": _BATTERY,
    "光伏": _SOLAR, "太阳能电池": _SOLAR, "光伏组件": _SOLAR, "solar": _SOLAR, "photovoltaic": _SOLAR,
    "photovoltaics": _SOLAR, "pv": _SOLAR, "solar panels": _SOLAR,
    "家电": _APPLIANCES, "家用电器": _APPLIANCES, "白色家电": _APPLIANCES, "home appliances": _APPLIANCES,
    "household appliances": _APPLIANCES, "appliances": _APPLIANCES, "电器": _APPLIANCES,
    "电气": IndustryAlias("H18"), "电气设备": IndustryAlias("H18"),
    # electronics
    "芯片": _CHIPS, "集成电路": _CHIPS, "半导体": _CHIPS, "chip": _CHIPS, "chips": _CHIPS,
    "semiconductor": _CHIPS, "semiconductors": _CHIPS, "integrated circuits": _CHIPS, "ic": _CHIPS,
    "手机": _PHONES, "智能手机": _PHONES, "mobile phones": _PHONES, "smartphones": _PHONES, "phones": _PHONES,
    "电脑": _COMPUTERS, "计算机": _COMPUTERS, "computer": _COMPUTERS, "computers": _COMPUTERS,
    "电子信息": _ELECTRONICS, "电子": _ELECTRONICS, "electronics": _ELECTRONICS,
    # light industry
    "纺织服装": _APPAREL, "服装": _APPAREL, "鞋帽": _APPAREL, "制鞋": _APPAREL, "apparel": _APPAREL,
    "garments": _APPAREL, "clothing": _APPAREL, "footwear": _APPAREL,
    "白酒": _LIQUOR, "酿酒": _LIQUOR, "酒": _LIQUOR, "liquor": _LIQUOR, "baijiu": _LIQUOR,
    "食品": _FOOD, "食品饮料": _FOOD, "food": _FOOD,
    # heavy industry and materials
    "钢铁": _STEEL, "steel": _STEEL, "有色金属": _NONFERROUS, "有色": _NONFERROUS, "non-ferrous metals": _NONFERROUS,
    "化工": _CHEMICALS, "石化": _PETROCHEMICALS, "chemical industry": _CHEMICALS, "chemical": _CHEMICALS,
    "医药": _PHARMA, "生物医药": _PHARMA, "制药": _PHARMA, "pharmaceuticals": _PHARMA, "pharma": _PHARMA,
    "建材": _BUILDING, "水泥": _BUILDING, "玻璃": _BUILDING, "building materials": _BUILDING,
    "炼油": _PETROCHEM, "oil refining": _PETROCHEM,
    # machinery
    "机械": _MACHINERY, "工程机械": _MACHINERY, "machinery": _MACHINERY,
    "装备制造": _EQUIPMENT, "装备": _EQUIPMENT, "equipment manufacturing": _EQUIPMENT,
    # digital track
    "数据中心": _DATA_CENTRES, "算力": _DATA_CENTRES, "data centres": _DATA_CENTRES, "data centers": _DATA_CENTRES,
}


@lru_cache(maxsize=1)
def aliases_by_key() -> dict[str, IndustryAlias]:
    """Normalised word (see :func:`data.names.normalize`) → its alias."""
    return {normalize(word): alias for word, alias in INDUSTRY_ALIASES.items()}


def alias_note(text: str) -> str | None:
    """The bilingual note of an approximate everyday word (光伏, 新能源汽车 …), else None.

    Light (no data tables): the CLI prints it beside a precomputed answer.
    """
    alias = aliases_by_key().get(normalize(text))
    return alias.note if alias else None
