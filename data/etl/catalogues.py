"""ETL step: the region and industry catalogues."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.etl.facts import (CANDIDATE_CODES, DIGITAL_CODE, HOST_MACRO_REGIONS, INDUSTRIES, MACRO_REGION_ZH,
                            REGION_ALIASES, REGIONS)
from data.etl.sources import SourceError, check_columns, read_csv

DIVISION_CODES = "geo/china_division_codes_2025.csv"


def _sector_group(code: str) -> str:
    number = int(code[1:])
    if number == 1:
        return "primary"
    if number <= 5:
        return "mining"
    if number <= 21:
        return "manufacturing"
    if number <= 24:
        return "utilities"
    if number == 25:
        return "construction"
    return "services"


def _track(code: str) -> str:
    """How the product treats a sector: ranked, digital track, resource or network context."""
    if code in CANDIDATE_CODES:
        return "transfer"
    if code == DIGITAL_CODE:
        return "digital"
    return {"mining": "resource", "primary": "resource", "utilities": "network"}.get(_sector_group(code), "context")


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``regions`` and ``industries``; check region names against GB/T 2260."""
    codes = read_csv(sources, DIVISION_CODES, dtype={"code": str})
    check_columns(codes, ["code", "name"], DIVISION_CODES)
    official = dict(zip(codes["code"].astype(str), codes["name"]))
    rows = []
    for adcode, full, short, english, macro in REGIONS:
        published = official.get(str(adcode))
        if published != full:
            raise SourceError(
                f"{DIVISION_CODES}: code {adcode} is {published!r}, expected {full!r}"
            )
        rows.append({
            "region": adcode,
            "name_zh": full,
            "short_zh": short,
            "name_en": english,
            "macro_region": macro,
            "macro_region_zh": MACRO_REGION_ZH[macro],
            "host": macro in HOST_MACRO_REGIONS,
            "aliases": "|".join(REGION_ALIASES.get(adcode, ())),
        })
    regions = pd.DataFrame(rows)
    industries = pd.DataFrame(
        [{"industry": code, "name_zh": zh, "name_en": en,
          "candidate": code in CANDIDATE_CODES, "sector_group": _sector_group(code),
          "track": _track(code)}
         for code, zh, en in INDUSTRIES]
    )
    return {"regions": regions, "industries": industries}
