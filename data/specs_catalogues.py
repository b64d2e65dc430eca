"""Curated catalogues: regions and industries."""

from __future__ import annotations

import pandera.pandas as pa

from data.registry import TableSpec

_MACRO = ["East", "Central", "West", "Northeast"]

SPECS = [
    TableSpec(
        name="regions",
        description=("31 province-level regions: adcode, zh/en names, aliases, macro-region and whether it is a "
                     "host of the East→West transfer (central, western and north-eastern provinces)"),
        source=("Administrative division codes GB/T 2260, National Bureau of Statistics / "
                "Ministry of Civil Affairs (2025 list); macro-regions per NBS's four economic zones"),
        step="data.etl.catalogues:build",
        inputs=("geo/china_division_codes_2025.csv",),
        schema=pa.DataFrameSchema(
            {
                "region": pa.Column(int, pa.Check.in_range(110000, 659999), unique=True),
                "name_zh": pa.Column(str, unique=True),
                "short_zh": pa.Column(str, unique=True),
                "name_en": pa.Column(str, unique=True),
                "macro_region": pa.Column(str, pa.Check.isin(_MACRO)),
                "macro_region_zh": pa.Column(str),
                "host": pa.Column(bool),
                "aliases": pa.Column(str, nullable=True),
            },
            checks=pa.Check(lambda df: len(df) == 31, error="expected 31 regions"),
            strict=True,
        ),
    ),
    TableSpec(
        name="industries",
        description=("38 harmonised IO sectors H01–H38 with zh/en names, the candidate flag (the 16 "
                     "manufacturing groups H06–H21 are ranked for transfer) and the track: transfer, "
                     "digital (H29, data centres), resource (agriculture, mining), network (utilities), context"),
        source=("hostfit harmonisation of the sector classifications of the 1997, 2002, 2007, "
                "2012 and 2017 input-output tables compiled by NBS and the provincial "
                "statistics bureaus"),
        step="data.etl.catalogues:build",
        schema=pa.DataFrameSchema(
            {
                "industry": pa.Column(str, pa.Check.str_matches(r"^H\d{2}$"), unique=True),
                "name_zh": pa.Column(str, unique=True),
                "name_en": pa.Column(str, unique=True),
                "candidate": pa.Column(bool),
                "sector_group": pa.Column(str),
                "track": pa.Column(str, pa.Check.isin(["transfer", "digital", "resource", "network", "context"])),
            },
            checks=[
                pa.Check(lambda df: len(df) == 38, error="expected 38 industries"),
                pa.Check(lambda df: int(df["candidate"].sum()) == 16,
                         error="expected 16 candidate industries (H06–H21)"),
                pa.Check(lambda df: (df["candidate"] == (df["track"] == "transfer")).all(),
                         error="candidate flag and transfer track disagree"),
            ],
            strict=True,
        ),
    ),
]
