"""Curated catalogues: regions and industries."""

from __future__ import annotations

import pandera.pandas as pa

from data.registry import TableSpec

_MACRO = ["East", "Central", "West", "Northeast"]

SPECS = [
    TableSpec(
        name="regions",
        description="31 province-level regions: adcode, zh/en names, aliases, macro-region",
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
                "aliases": pa.Column(str, nullable=True),
            },
            checks=pa.Check(lambda df: len(df) == 31, error="expected 31 regions"),
            strict=True,
        ),
    ),
    TableSpec(
        name="industries",
        description="38 harmonised IO sectors H01–H38 with zh/en names and the candidate flag",
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
            },
            checks=[
                pa.Check(lambda df: len(df) == 38, error="expected 38 industries"),
                pa.Check(lambda df: int(df["candidate"].sum()) == 24,
                         error="expected 24 candidate industries (H02–H24, H29)"),
            ],
            strict=True,
        ),
    ),
]
