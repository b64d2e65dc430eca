"""English names of prefecture-level cities: Hanyu Pinyin with checked readings.

The reading of each short name (厦门 → xia men) comes from the ``pypinyin`` library
(phrase dictionary with polyphone handling; build-time only, pinned in the ``etl``
extra), cross-checked against the ECharts city list. Where the two disagree the ETL
refuses to guess: the name must be in :data:`READINGS`, the checked table of place-name
readings (each verified against the city government's own romanisation), which also
corrects readings both sources get wrong (漯河 is Luohe, not "Tahe"; 朝阳 is Chaoyang,
not "Zhaoyang"). The pinyin is written as in GB/T 16159 — syllables joined, a leading
capital, an apostrophe before a syllable starting with a, o or e (六安 Lu'an, 西安 Xi'an).

``name_en`` is that pinyin, except for the established English names of places whose
names are not Chinese in origin (:data:`CONVENTIONAL`: 哈尔滨 Harbin, 乌鲁木齐 Urumqi …),
as used by the cities themselves and by Xinhua's English service.
"""

from __future__ import annotations

from collections.abc import Iterable

from data.etl.sources import SourceError

#: Checked readings of place names that are polyphones or that a source misreads (short name → syllables).
READINGS = {
    "厦门": "xia men", "蚌埠": "beng bu", "莆田": "pu tian", "漯河": "luo he", "朝阳": "chao yang",
    "六安": "lu an", "长治": "chang zhi", "长沙": "chang sha", "长春": "chang chun", "重庆": "chong qing",
    "乐山": "le shan", "丽水": "li shui", "丽江": "li jiang", "大理": "da li", "台州": "tai zhou",
    "锡林郭勒": "xi lin guo le", "昌都": "chang du", "克孜勒苏": "ke zi le su",
    "阿勒泰": "a le tai",
}

#: Established English names that are not the Hanyu Pinyin of the Chinese name (short name → name).
CONVENTIONAL = {
    "哈尔滨": "Harbin", "呼和浩特": "Hohhot", "乌鲁木齐": "Urumqi", "拉萨": "Lhasa", "鄂尔多斯": "Ordos",
    "齐齐哈尔": "Qiqihar", "克拉玛依": "Karamay", "喀什": "Kashgar", "和田": "Hotan", "阿克苏": "Aksu",
    "吐鲁番": "Turpan", "日喀则": "Shigatse", "昌都": "Chamdo", "林芝": "Nyingchi", "那曲": "Nagqu",
    "阿里": "Ngari", "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab",
    "锡林郭勒": "Xilingol", "阿拉善": "Alxa", "兴安": "Hinggan", "巴音郭楞": "Bayingolin", "伊犁": "Ili",
    "阿勒泰": "Altay", "博尔塔拉": "Bortala", "克孜勒苏": "Kizilsu", "果洛": "Golog",
}

_VOWEL_START = ("a", "o", "e")


def spell(syllables: Iterable[str]) -> str:
    """Join pinyin syllables into a name: ``["lu", "an"]`` → ``"Lu'an"``, ``["xia", "men"]`` → ``"Xiamen"``."""
    parts = [s.strip().lower() for s in syllables if s.strip()]
    if not parts or not all(p.isascii() and p.isalpha() for p in parts):
        raise ValueError(f"not pinyin syllables: {parts!r}")
    text = parts[0] + "".join(("'" + p) if p.startswith(_VOWEL_START) else p for p in parts[1:])
    return text[0].upper() + text[1:]


def library_reading(short: str) -> list[str]:
    """The ``pypinyin`` reading of ``short`` (toneless syllables, phrase dictionary first)."""
    from pypinyin import Style, lazy_pinyin  # build time only: nothing at run time imports the library

    return lazy_pinyin(short, style=Style.NORMAL, errors="exception")


def english_names(shorts: list[str], source_readings: list[list[str] | None], source: str) -> list[tuple[str, str]]:
    """``(pinyin, name_en)`` for each short name, from the library, the source and :data:`READINGS`.

    Parameters
    ----------
    shorts : list of str
        Short Chinese names (厦门, 巴音郭楞).
    source_readings : list of (list of str or None)
        The same names' toneless syllables in the source city list (None where it has none).
    source : str
        The source file, named in errors.

    Raises
    ------
    SourceError
        The library and the source read a name differently and :data:`READINGS` does not
        settle it, or a checked entry names no city of the roster.
    """
    unsettled, out = [], []
    for short, theirs in zip(shorts, source_readings):
        ours = library_reading(short)
        if short in READINGS:
            syllables = READINGS[short].split()
        elif theirs is not None and theirs != ours:
            unsettled.append(f"{short}: pypinyin {' '.join(ours)} / source {' '.join(theirs)}")
            continue
        else:
            syllables = ours
        if len(syllables) != len(short):
            raise SourceError(f"{source}: {short} has {len(short)} characters but {len(syllables)} syllables")
        pinyin = spell(syllables)
        out.append((pinyin, CONVENTIONAL.get(short, pinyin)))
    if unsettled:
        raise SourceError(f"{source}: readings differ and no checked reading is recorded in "
                          f"data.etl.city_names.READINGS: " + "; ".join(unsettled))
    stale = sorted((set(READINGS) | set(CONVENTIONAL)) - set(shorts))
    if stale:
        raise SourceError(f"data.etl.city_names: checked names that are no city of the roster: {stale}")
    return out
