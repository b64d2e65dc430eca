"""Resolve what a user types for a prefecture-level city (赣州, 赣州市, Ganzhou, 360700).

Accepted: the adcode, the full Chinese name, the short name (with or without 市), the
English name and the Hanyu Pinyin of the ``cities`` table (Xiamen; Harbin or Haerbin;
Lu'an or Luan), a few other spellings in use (:data:`ENGLISH_ALIASES`), a unique part
of a Chinese name (巴音郭楞), and any of these prefixed or suffixed by the province (江苏苏州, "Suzhou, Jiangsu") — which is how
the five pinyin names shared by two cities (Suzhou, Taizhou, Fuzhou, Yichun, Yulin) are
told apart. Failures raise :class:`data.resolve.UnknownNameError` with a bilingual
message and close matches ("did you mean"); province-administered county-level cities
(济源, 仙桃, 石河子 …) are named as such, since they are not rows of ``cities``.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

import pandas as pd

from data.loader import load_table
from data.resolve import UnknownNameError

#: Other English spellings in use besides the table's ``name_en`` and ``pinyin`` (normalised key → short name).
ENGLISH_ALIASES = {"xigaze": "日喀则", "qamdo": "昌都"}
_SUFFIXES_EN = ("city", "shi", "prefecture")
_PUNCT = re.compile(r"[\s'’\-·,，、()（）]+")


def _norm(text: str) -> str:
    return _PUNCT.sub("", str(text)).casefold()


def _strip_en_suffix(key: str) -> str:
    for suffix in _SUFFIXES_EN:
        if key.endswith(suffix) and len(key) > len(suffix) + 1 and key.isascii():
            return key[: -len(suffix)]
    return key


@lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return load_table("cities"), load_table("regions")


@lru_cache(maxsize=1)
def _city_names() -> dict[str, frozenset[int]]:
    """Normalised name → the city codes it names (two codes for a shared pinyin)."""
    cities, _ = _tables()
    names: dict[str, set[int]] = {}
    short_to_code = dict(zip(cities["short_zh"], cities["city"].astype(int)))
    for rec in cities.itertuples(index=False):
        code = int(rec.city)
        for name in (str(code), rec.name_zh, rec.short_zh, rec.short_zh + "市", rec.name_en, rec.pinyin):
            if isinstance(name, str) and name:
                names.setdefault(_norm(name), set()).add(code)
    for alias, short in ENGLISH_ALIASES.items():
        if short in short_to_code:
            names.setdefault(_norm(alias), set()).add(short_to_code[short])
    return {key: frozenset(codes) for key, codes in names.items()}


@lru_cache(maxsize=1)
def _province_names() -> dict[str, int]:
    """Normalised province name (full, short, English; no aliases of one character) → adcode."""
    _, regions = _tables()
    names: dict[str, int] = {}
    for rec in regions.itertuples(index=False):
        for name in (rec.name_zh, rec.short_zh, rec.name_en):
            if isinstance(name, str) and len(name) >= 2:
                names.setdefault(_norm(name), int(rec.region))
    return names


@lru_cache(maxsize=1)
def _county_level_names() -> dict[str, int]:
    """Names of province-administered county-level units met in the zone catalogue → county code."""
    zones = load_table("city_zones")
    rows = zones.loc[zones["locate_status"] == "province_administered", ["locate_match", "county"]].dropna()
    out: dict[str, int] = {}
    for name, county in zip(rows["locate_match"], rows["county"]):
        for form in {str(name), re.sub(r"(市|林区)$", "", str(name))}:
            out.setdefault(_norm(form), int(county))
    return out


def city_labels() -> dict[int, str]:
    """City adcode → '赣州市 Ganzhou (360700, 江西省)'."""
    cities, regions = _tables()
    province = dict(zip(regions["region"].astype(int), regions["name_zh"]))
    return {int(r.city): f"{r.name_zh} {r.name_en} ({r.city}, {province.get(int(r.province), r.province)})"
            for r in cities.itertuples(index=False)}


def _lookup(key: str, province: int | None = None) -> set[int]:
    names = _city_names()
    codes = set(names.get(key, ())) or set(names.get(_strip_en_suffix(key), ()))
    if not codes and len(key) >= 2 and not key.isascii():
        codes = {c for name, cs in names.items() if not name.isascii() and key in name for c in cs}
    if province is not None:
        codes = {c for c in codes if c // 10000 * 10000 == province}
    return codes


def _with_province(key: str) -> set[int]:
    """Codes for ``key`` read as province + city or city + province (江苏苏州, suzhoujiangsu)."""
    found: set[int] = set()
    for name, province in _province_names().items():
        if key != name and key.startswith(name):
            found |= _lookup(key[len(name):], province)
        if key != name and key.endswith(name):
            found |= _lookup(key[: -len(name)], province)
    return found


def resolve_city(text: str | int) -> int:
    """Return the adcode of a prefecture-level city from its code or a name.

    Parameters
    ----------
    text : str or int
        ``360700``, ``赣州``, ``赣州市``, ``Ganzhou``, ``江西赣州``, ``Suzhou, Jiangsu`` …

    Returns
    -------
    int
        The city's adcode (a row of the ``cities`` table).

    Raises
    ------
    UnknownNameError
        Empty, unknown or ambiguous names; the message (zh/en) lists close matches or the
        candidates, and names province-administered county-level cities as not covered.
    """
    raw = str(text).strip()
    key = _norm(raw)
    if not key:
        raise UnknownNameError("empty city name / 城市名称为空")
    codes = _lookup(key) or _with_province(key)
    labels = city_labels()
    if len(codes) == 1:
        return codes.pop()
    if codes:
        options = "; ".join(labels[c] for c in sorted(codes))
        raise UnknownNameError(f"city {raw!r} is ambiguous / 城市名称不唯一: {options}; add the province, "
                               f"e.g. 'Suzhou, Jiangsu' / 请加省名，如“江苏苏州”")
    county = _county_level_names().get(key)
    if county is not None:
        raise UnknownNameError(
            f"{raw!r} ({county}) is a province-administered county-level city, not a prefecture-level unit; "
            f"the city layer does not cover it / {raw} 为省直辖县级行政单位，不在地级市层的覆盖范围内")
    names = _city_names()
    cutoff = 0.6 if key.isascii() else 0.5  # one wrong character of a two-character name
    close = difflib.get_close_matches(key, list(names), n=6, cutoff=cutoff)
    suggested = list(dict.fromkeys(c for name in close for c in sorted(names[name])))[:5]
    hint = "; ".join(labels[c] for c in suggested) if suggested else "none / 无"
    raise UnknownNameError(f"unknown city {raw!r} / 未找到城市: {raw}; did you mean / 您是否要找: {hint}")
