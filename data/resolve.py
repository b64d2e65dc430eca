"""Resolve what a user types (四川, 四川省, Sichuan, 510000, H19, 电子) to catalogue codes."""

from __future__ import annotations

import difflib
from functools import lru_cache

import pandas as pd

from data.loader import load_table


class UnknownNameError(ValueError):
    """A region or industry name matched nothing, or more than one entry.

    The message lists close matches (zh and en).
    """


_KIND_ZH = {"region": "地区", "industry": "产业"}


def _norm(text: str) -> str:
    return "".join(str(text).split()).casefold()


@lru_cache(maxsize=1)
def _region_names() -> dict[str, int]:
    regions = load_table("regions")
    names: dict[str, int] = {}
    for rec in regions.itertuples(index=False):
        aliases = [] if pd.isna(rec.aliases) else str(rec.aliases).split("|")
        for name in [str(rec.region), rec.name_zh, rec.short_zh, rec.name_en, *aliases]:
            names.setdefault(_norm(name), int(rec.region))
    return names


@lru_cache(maxsize=1)
def _industry_names() -> dict[str, str]:
    industries = load_table("industries")
    names: dict[str, str] = {}
    for rec in industries.itertuples(index=False):
        for name in (rec.industry, rec.name_zh, rec.name_en, rec.industry.lstrip("H")):
            names.setdefault(_norm(name), rec.industry)
    return names


def _resolve(text: str, names: dict, kind: str, labels: dict):
    key = _norm(text)
    if not key:
        raise UnknownNameError(f"empty {kind} name / {_KIND_ZH[kind]}名称为空")
    if key in names:
        return names[key]
    hits = {code for name, code in names.items() if key in name}
    if len(hits) == 1:
        return hits.pop()
    if hits:
        options = ", ".join(labels[c] for c in sorted(hits))
        raise UnknownNameError(f"{kind} {text!r} is ambiguous / 名称不唯一: {options}")
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
    codes = list(dict.fromkeys(names[c] for c in close))
    hint = ", ".join(labels[c] for c in codes) if codes else "none"
    raise UnknownNameError(f"unknown {kind} {text!r} / 未找到: {text}; close matches / 相近: {hint}")


def region_labels() -> dict[int, str]:
    """Adcode → '四川省 Sichuan (510000)'."""
    regions = load_table("regions")
    return {int(r.region): f"{r.name_zh} {r.name_en} ({r.region})" for r in regions.itertuples()}


def industry_labels() -> dict[str, str]:
    """H code → 'H19 通信设备… Communication equipment…'."""
    industries = load_table("industries")
    return {r.industry: f"{r.industry} {r.name_zh} {r.name_en}" for r in industries.itertuples()}


def resolve_region(text: str | int) -> int:
    """Return the adcode for a region code or zh/en/short name or alias."""
    return _resolve(str(text), _region_names(), "region", region_labels())


def resolve_industry(text: str) -> str:
    """Return the H code for an industry code or zh/en name (or unique part of one)."""
    return _resolve(str(text), _industry_names(), "industry", industry_labels())
