"""Curated input-output tables: provincial and national IO tables 1997–2017."""

from __future__ import annotations

import pandera.pandas as pa

from data.registry import TableSpec

_SOURCE = ("Provincial input-output tables 1997/2002/2007/2012/2017 compiled by the statistics "
           "bureaus of the 31 provinces and the National Bureau of Statistics (national tables "
           "2002, 2007, 2012)")
_STEP = "data.etl.io_tables:build"
_INPUTS = ("provincial_io/raw",)
_YEARS = [1997, 2002, 2007, 2012, 2017]
_SIGNS = ("Imports and inflows are stored as positive magnitudes (the use tables publish them "
          "as negative numbers).")
_H = pa.Check.str_matches(r"^H\d{2}$")
# Published totals carry rounding noise of a few thousandths of a 万元 around zero.
_NONNEG = pa.Check.ge(-1.0, error="negative beyond rounding noise (1 万元)")

# Items that may be negative: value added parts (losses, subsidies; a few 2002-2017 cells
# publish negative depreciation), final-use parts (inventory changes) and balancing adjustments.
_SIGNED = ("value_added", "net_production_tax", "depreciation", "operating_surplus",
           "final_consumption",
           "capital_formation", "outflow", "exports")
_ALWAYS_PUBLISHED = ("gross_output", "total_input", "value_added", "labour_compensation",
                     "intermediate_use", "final_consumption", "capital_formation")


def _money(name: str) -> pa.Column:
    checks = [] if name in _SIGNED else [_NONNEG]
    return pa.Column(float, checks, nullable=name not in _ALWAYS_PUBLISHED)


def _unique(*keys: str) -> pa.Check:
    return pa.Check(lambda df: ~df.duplicated(list(keys)), error=f"duplicate {keys}")


_PANEL_ITEMS = ("gross_output", "total_input", "value_added", "labour_compensation",
                "final_consumption", "capital_formation", "exports", "imports", "outflow",
                "inflow", "intermediate_use")
_RAW_ITEMS = ("gross_output", "total_input", "value_added", "labour_compensation",
              "net_production_tax", "depreciation", "operating_surplus", "intermediate_use",
              "final_consumption", "capital_formation", "exports", "imports", "outflow",
              "inflow")
_REGION = pa.Column(int, pa.Check.in_range(110000, 659999))
_YEAR = pa.Column(int, pa.Check.isin(_YEARS))
_MATRIX = {"from_industry": pa.Column(str, _H), "to_industry": pa.Column(str, _H),
           "value": pa.Column(float)}


def _units(items: tuple[str, ...]) -> dict[str, str]:
    return {item: "万元" for item in items}


SPECS = [
    TableSpec(
        name="io_concordance",
        description=("one row per (vintage, source sector): its H01–H38 code; approximate=True "
                     "marks the 1997 service sectors that map only roughly"),
        source=_SOURCE, step=_STEP, inputs=_INPUTS,
        schema=pa.DataFrameSchema(
            {"year": _YEAR, "sector_code": pa.Column(str, pa.Check.str_matches(r"^\d{2}$")),
             "sector_name": pa.Column(str), "industry": pa.Column(str, _H),
             "approximate": pa.Column(bool), "note": pa.Column(str, nullable=True)},
            checks=[_unique("year", "sector_code"),
                    pa.Check(lambda df: df.groupby("year").size().to_dict()
                             == {1997: 38, 2002: 42, 2007: 42, 2012: 42, 2017: 42},
                             error="expected 38 sectors in 1997 and 42 afterwards")],
            strict=True),
    ),
    TableSpec(
        name="io_raw",
        description=("one row per (province, year, source sector) at the published sector "
                     "classification; NaN where a vintage lacks the item (exports/imports: 1997 "
                     "only 5 provinces, none for 2002/2007 provinces; outflow/inflow: none for "
                     "2002/2007). 1997 outflow/inflow are 调出/调入 as published. " + _SIGNS),
        source=_SOURCE, step=_STEP, inputs=_INPUTS, fmt="parquet", units=_units(_RAW_ITEMS),
        schema=pa.DataFrameSchema(
            {"region": _REGION, "year": _YEAR, "sector_code": pa.Column(str),
             "sector_name": pa.Column(str), **{c: _money(c) for c in _RAW_ITEMS}},
            checks=[_unique("region", "year", "sector_code")], strict=True),
    ),
    TableSpec(
        name="io_panel",
        description=("one row per (province, H industry, year), harmonised via io_concordance; "
                     "万元 current prices; NaN where the vintage lacks the item (see io_raw). "
                     + _SIGNS),
        source=_SOURCE, step=_STEP, inputs=_INPUTS, units=_units(_PANEL_ITEMS),
        schema=pa.DataFrameSchema(
            {"region": _REGION, "industry": pa.Column(str, _H), "year": _YEAR,
             **{c: _money(c) for c in _PANEL_ITEMS}},
            checks=[_unique("region", "industry", "year"),
                    pa.Check(lambda df: df.groupby("year")["region"].nunique().to_dict()
                             == {1997: 29, 2002: 30, 2007: 30, 2012: 31, 2017: 31},
                             error="expected 29/30/30/31/31 provinces")],
            strict=True),
    ),
    TableSpec(
        name="io_matrix",
        description=("harmonised intermediate-use flows per (province, year): from_industry "
                     "supplies to_industry; all 38×38 cells including zeros"),
        source=_SOURCE, step=_STEP, inputs=_INPUTS, fmt="parquet", units={"value": "万元"},
        schema=pa.DataFrameSchema(
            {"region": _REGION, "year": _YEAR, **_MATRIX},
            checks=[_unique("region", "year", "from_industry", "to_industry"),
                    pa.Check(lambda df: (df.groupby(["region", "year"]).size() == 38 * 38).all(),
                             error="expected 38×38 cells per region-year")],
            strict=True),
    ),
    TableSpec(
        name="io_national_panel",
        description=("national IO tables (2002, 2007, 2012) harmonised to H codes; one row per "
                     "(H industry, year); outflow/inflow are NaN (no inter-provincial trade). "
                     + _SIGNS),
        source=_SOURCE, step=_STEP, inputs=_INPUTS, units=_units(_PANEL_ITEMS),
        schema=pa.DataFrameSchema(
            {"industry": pa.Column(str, _H), "year": _YEAR,
             **{c: _money(c) for c in _PANEL_ITEMS}},
            checks=[_unique("industry", "year")], strict=True),
    ),
    TableSpec(
        name="io_national_matrix",
        description="national harmonised intermediate-use flows per year (38×38, zeros included)",
        source=_SOURCE, step=_STEP, inputs=_INPUTS, fmt="parquet", units={"value": "万元"},
        schema=pa.DataFrameSchema(
            {"year": _YEAR, **_MATRIX},
            checks=[_unique("year", "from_industry", "to_industry")], strict=True),
    ),
]
