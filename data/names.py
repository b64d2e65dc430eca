"""How typed names are normalised before they are compared (standard library only)."""

from __future__ import annotations

import unicodedata

#: Suffixes removed from region names (already normalised), longest first.
REGION_SUFFIXES = ("维吾尔自治区", "特别行政区", "壮族自治区", "回族自治区", "自治区", "省", "市",
                   "specialadministrativeregion", "uyghurautonomousregion", "uygurautonomousregion",
                   "zhuangautonomousregion", "huiautonomousregion", "autonomousregion", "municipality",
                   "province", "city", "sar")
#: Suffixes removed from industry names (already normalised), longest first.
INDUSTRY_SUFFIXES = ("产业集群", "产业链", "制造业", "产业", "行业", "制造", "industries", "industry",
                     "manufacturing", "sector")


#: Traditional characters of the provincial-level names and suffixes → simplified (廣東 → 广东, 臺灣 → 台湾).
_TRADITIONAL = str.maketrans("內遼寧龍蘇東廣慶貴雲陝肅臺灣門區爾維壯別", "内辽宁龙苏东广庆贵云陕肃台湾门区尔维壮别")


def normalize(text: object) -> str:
    """NFKC, no whitespace, province-name characters simplified, case-folded: the key every name
    is compared by."""
    return "".join(unicodedata.normalize("NFKC", str(text)).translate(_TRADITIONAL).split()).casefold()


def strip_suffix(key: str, suffixes: tuple[str, ...]) -> str:
    """``key`` without the first matching suffix (never down to nothing)."""
    for suffix in suffixes:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key
