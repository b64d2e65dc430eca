"""Resolve what a user types (四川, 四川省, Sichuan Province, 510000, H19, Ｈ19, 光伏) to catalogue codes.

Matching, in order:

1. the normalised text (NFKC — full-width letters and digits become ASCII —
   without whitespace, case-folded) equals a code, a zh/en/short name, an
   alias in ``regions.csv`` or an everyday industry word
   (:data:`data.aliases.INDUSTRY_ALIASES`);
2. the same after removing an administrative suffix (省, 市, 自治区, 壮族自治区,
   回族自治区, 维吾尔自治区, 特别行政区, Province, Municipality, City, Autonomous
   Region, SAR) or, for industries, 产业 / 行业 / 制造业 / industry …;
3. the text is part of exactly one name (``电子设备`` → H19), reported as a
   partial match by :func:`resolve_industry_with_note`;
4. otherwise :class:`UnknownNameError` with "did you mean" suggestions.

Messages echo the user's text through :func:`data.echo.quoted`: truncated,
control and bidi characters escaped. Label maps are built once per process
(and rebuilt after :func:`data.loader.clear_cache`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from data.aliases import aliases_by_key
from data.echo import clean, quoted
from data.names import INDUSTRY_SUFFIXES, REGION_SUFFIXES, normalize, strip_suffix
from data.loader import load_table, register_cache


class UnknownNameError(ValueError):
    """A region or industry name matched nothing, or more than one entry.

    The message lists close matches (zh and en). ``candidates`` holds the codes
    of the close matches (unknown name) or of the matching entries (ambiguous
    name), best first; ``ambiguous`` tells the two apart.
    """

    def __init__(self, message: str, candidates: tuple = (), ambiguous: bool = False) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)
        self.ambiguous = ambiguous


_KIND_ZH = {"region": "地区", "industry": "产业"}
_SUGGESTIONS = 5


@dataclass(frozen=True)
class Match:
    """How a typed name was resolved.

    Attributes
    ----------
    code : int or str
        Region adcode or industry H code.
    how : str
        ``"exact"`` (a code, name or alias), ``"alias"`` (an everyday word
        with a note), or ``"partial"`` (part of exactly one name).
    note_zh, note_en : str
        What the match means when it is approximate or partial (empty
        otherwise); they do not repeat the typed text.
    """

    code: int | str
    how: str
    note_zh: str = ""
    note_en: str = ""


@register_cache
@lru_cache(maxsize=1)
def _region_names() -> dict[str, int]:
    regions = load_table("regions")
    names: dict[str, int] = {}
    for rec in regions.itertuples(index=False):
        aliases = [] if pd.isna(rec.aliases) else str(rec.aliases).split("|")
        for name in [str(rec.region), rec.name_zh, rec.short_zh, rec.name_en, *aliases]:
            names.setdefault(normalize(name), int(rec.region))
    for key, code in list(names.items()):  # 四川省 → 四川, Shaanxi Province → Shaanxi
        names.setdefault(strip_suffix(key, REGION_SUFFIXES), code)
    return names


@register_cache
@lru_cache(maxsize=1)
def _industry_names() -> dict[str, str]:
    industries = load_table("industries")
    names: dict[str, str] = {}
    for rec in industries.itertuples(index=False):
        for name in (rec.industry, rec.name_zh, rec.name_en, rec.industry.lstrip("H")):
            names.setdefault(normalize(name), rec.industry)
    return names


@register_cache
@lru_cache(maxsize=1)
def _region_labels() -> dict[int, str]:
    regions = load_table("regions")
    return {int(r.region): f"{r.name_zh} {r.name_en} ({r.region})" for r in regions.itertuples()}


@register_cache
@lru_cache(maxsize=1)
def _industry_labels() -> dict[str, str]:
    industries = load_table("industries")
    return {r.industry: f"{r.industry} {r.name_zh} {r.name_en}" for r in industries.itertuples()}


def region_labels() -> dict[int, str]:
    """Adcode → '四川省 Sichuan (510000)'."""
    return dict(_region_labels())


def industry_labels() -> dict[str, str]:
    """H code → 'H19 通信设备… Communication equipment…'."""
    return dict(_industry_labels())


def _did_you_mean(key: str, names: dict, suffixes: tuple[str, ...]) -> list:
    """Codes of names close to ``key`` (also comparing without suffixes), best first."""
    if key.isdigit():
        return []
    stripped = strip_suffix(key, suffixes)
    scored: dict = {}
    for name, code in names.items():
        if name.isdigit():
            continue
        ratio = max(difflib.SequenceMatcher(None, key, name).ratio(),
                    difflib.SequenceMatcher(None, stripped, strip_suffix(name, suffixes)).ratio())
        cutoff = 0.5 if any(ord(c) > 0x2E80 for c in name) else 0.7
        if ratio >= cutoff:
            scored[code] = max(scored.get(code, 0.0), ratio)
    return sorted(scored, key=lambda c: (-scored[c], str(c)))[:_SUGGESTIONS]


#: Provincial-level units outside the data (normalised names without suffix): not host regions.
_NO_DATA = {"台湾": ("台湾", "Taiwan"), "taiwan": ("台湾", "Taiwan"), "香港": ("香港", "Hong Kong"),
            "hongkong": ("香港", "Hong Kong"), "澳门": ("澳门", "Macao"), "macao": ("澳门", "Macao"),
            "macau": ("澳门", "Macao")}


def _no_data(text: object, key: str, suffixes: tuple[str, ...]) -> None:
    """Raise a clear 'not a host region; no data' error for Taiwan, Hong Kong and Macao."""
    found = _NO_DATA.get(strip_suffix(key, suffixes)) or _NO_DATA.get(key)
    if found is not None:
        zh, en = found
        raise UnknownNameError(f"region {quoted(text)} ({en}) is not a host region; no data: the data cover the 31 "
                               f"provinces, autonomous regions and municipalities of the mainland / {zh} 不是承接地区，"
                               "没有数据（数据覆盖内地 31 个省、自治区、直辖市）")


def _match(text: object, kind: str, names: dict, labels: dict, suffixes: tuple[str, ...],
           aliases: dict | None = None) -> Match:
    key = normalize(text)
    if not key:
        raise UnknownNameError(f"empty {kind} name / {_KIND_ZH[kind]}名称为空")
    aliases = aliases or {}
    for candidate in dict.fromkeys((key, strip_suffix(key, suffixes))):
        if candidate in names:
            return Match(names[candidate], "exact")
        if candidate in aliases:
            alias = aliases[candidate]
            return Match(alias.code, "alias" if alias.note else "exact", alias.note_zh, alias.note_en)
    hits = {code for name, code in names.items() if key in name}
    if len(hits) == 1:
        code = hits.pop()
        label = labels[code]
        return Match(code, "partial", f"按部分名称匹配为 {label}", f"read as {label} (partial name match)")
    if hits:
        ordered = sorted(hits)
        options = ", ".join(labels[c] for c in ordered)
        raise UnknownNameError(f"{kind} {quoted(text)} is ambiguous / 名称不唯一: {options}", ordered, True)
    if kind == "region":
        _no_data(text, key, suffixes)
    known = {**names, **{word: alias.code for word, alias in aliases.items()}}
    close = _did_you_mean(key, known, suffixes)
    if close:
        hint = "did you mean / 您是否要找 (close matches / 相近): " + ", ".join(labels[c] for c in close)
    elif kind == "region":
        hint = ("no close matches; use a province name, short name or 6-digit code, e.g. 四川, Sichuan, 510000 / "
                "无相近名称，请输入省名、简称或 6 位代码")
    else:
        hint = "no close matches; use a code H01–H38 or a sector name, e.g. H19, 光伏 / 无相近名称，请输入 H01–H38 代码或产业名称"
    raise UnknownNameError(f"unknown {kind} {quoted(text)} / 未找到{_KIND_ZH[kind]}: {clean(text)}; {hint}", close)


def match_region(text: str | int) -> Match:
    """Resolve a region and say how (see :class:`Match`).

    Raises
    ------
    UnknownNameError
        Empty, ambiguous or unknown (with "did you mean" suggestions).
    """
    return _match(text, "region", _region_names(), _region_labels(), REGION_SUFFIXES)


def match_industry(text: str) -> Match:
    """Resolve an industry (code, name, everyday word) and say how (see :class:`Match`).

    Raises
    ------
    UnknownNameError
        Empty, ambiguous or unknown (with "did you mean" suggestions).
    """
    return _match(text, "industry", _industry_names(), _industry_labels(), INDUSTRY_SUFFIXES, aliases_by_key())


def resolve_region(text: str | int) -> int:
    """Return the adcode for a region code or zh/en/short name or alias.

    ``Sichuan Province``, ``四川省``, ``５１００００`` (full-width) and ``川`` all give 510000.

    Raises
    ------
    UnknownNameError
        With close matches, when nothing (or more than one region) matches.
    """
    return int(match_region(text).code)


def resolve_industry(text: str) -> str:
    """Return the H code for an industry code, zh/en name, everyday word (光伏) or unique part of a name.

    Raises
    ------
    UnknownNameError
        With close matches, when nothing (or more than one industry) matches.
    """
    return str(match_industry(text).code)


def resolve_industry_with_note(text: str) -> tuple[str, str | None]:
    """The H code for ``text`` and a bilingual note when the mapping is approximate or partial.

    Examples
    --------
    >>> resolve_industry_with_note("光伏")[0]  # doctest: +SKIP
    'H18'

    Returns
    -------
    tuple of (str, str or None)
        The code, and e.g. ``"近似：光伏电池与组件属于电气机械和器材（H18）… / approximate: solar
        cells and modules are part of electrical machinery (H18) …"`` (``None`` for an exact code
        or name).

    Raises
    ------
    UnknownNameError
        With close matches, when nothing (or more than one industry) matches.
    """
    found = match_industry(text)
    if found.how == "partial":
        return str(found.code), f"{quoted(text)} {found.note_zh} / {quoted(text)} {found.note_en}"
    return str(found.code), (f"{found.note_zh} / {found.note_en}" if found.note_zh else None)
