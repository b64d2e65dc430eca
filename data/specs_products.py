"""Curated national product output (the national wave of each manufacturing group after 2017)."""

from __future__ import annotations

import pandera.pandas as pa

from data.etl import products
from data.registry import TableSpec

SPECS = [
    TableSpec(
        name="national_products",
        description=("National annual output of 51 manufactured products (December of the monthly "
                     "year-to-date series; years without a December value left out), each assigned to "
                     "the manufacturing group H06–H21 that makes it: solar cells, new-energy vehicles, "
                     "integrated circuits, smartphones, steel, cement …; national only, never a label"),
        source=("National Bureau of Statistics of China, monthly output of major industrial products, "
                "via Wind exports compiled by CREA"),
        step="data.etl.products:build",
        schema=pa.DataFrameSchema(
            {
                "product": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
                "name_zh": pa.Column(str),
                "name_en": pa.Column(str),
                "industry": pa.Column(str, pa.Check.isin([f"H{i:02d}" for i in range(6, 22)])),
                "year": pa.Column(int, pa.Check.in_range(1985, 2030)),
                "output": pa.Column(float, pa.Check.gt(0)),
                "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
            },
            unique=["product", "year"],
            strict=True,
        ),
        units={"output": "per row: see the unit column (as published by NBS)"},
        inputs=products.INPUTS,
    ),
]
