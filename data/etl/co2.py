"""ETL step: CEADs provincial CO2 by sector (``co2_sectors``, ``co2_concordance``, ``attr_green``).

Each yearly CEADs workbook has one sheet per province: a header row with the
fuel columns and ``Scope 1 Total`` (spelt ``Scope_1_Total`` in later years),
a total row, then 47 sector rows in a fixed order. Sectors are identified by
row position (1–47), since their labels change slightly in 2018–19. Scope-1
totals are used (purchased electricity and heat excluded).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data.etl import macro
from data.etl.attributes_common import english_region, finish_long
from data.etl.sources import SourceError, read_excel, require

RAW_DIR = "ceads_co2/provinces/raw"
INPUTS = (RAW_DIR,)
N_SECTORS = 47
_TOTAL_COL = re.compile(r"scope.?1.?total", re.IGNORECASE)

#: CEADs row → (H code or None, note). Rows without an unambiguous H sector
#: (44 trade & catering, 45 other services, 46–47 households) map to None.
CONCORDANCE: dict[int, tuple[str | None, str]] = {
    1: ("H01", ""), 2: ("H02", ""), 3: ("H03", ""), 4: ("H04", ""), 5: ("H04", ""),
    6: ("H05", ""), 7: ("H05", ""),
    8: ("H01", "logging and timber transport is forestry (H01) in the IO tables"),
    9: ("H06", ""), 10: ("H06", ""), 11: ("H06", ""), 12: ("H06", ""), 13: ("H07", ""),
    14: ("H08", ""), 15: ("H08", ""), 16: ("H09", ""), 17: ("H09", ""), 18: ("H10", ""),
    19: ("H10", ""), 20: ("H10", ""), 21: ("H11", ""), 22: ("H12", ""), 23: ("H12", ""),
    24: ("H12", ""), 25: ("H12", ""), 26: ("H12", ""), 27: ("H13", ""), 28: ("H14", ""),
    29: ("H14", ""), 30: ("H15", ""), 31: ("H16", ""), 32: ("H16", ""), 33: ("H17", ""),
    34: ("H18", ""), 35: ("H19", ""),
    36: ("H20", "cultural and office machinery folded into instruments"),
    37: ("H21", ""), 38: ("H21", ""), 39: ("H22", ""), 40: ("H23", ""), 41: ("H24", ""),
    42: ("H25", ""),
    43: ("H27", "includes telecommunications (H29), whose direct emissions are minor"),
    44: (None, "wholesale, retail and catering span H26 and H28; not split"),
    45: (None, "other services span H29-H38; not split"),
    46: (None, "urban household consumption; not an industry"),
    47: (None, "rural household consumption; not an industry"),
}


def _workbooks(sources: Path) -> dict[int, Path]:
    folder = require(sources, RAW_DIR)
    books = {}
    for path in folder.glob("*.xlsx"):
        match = re.search(r"(\d{4})\.xlsx$", path.name)
        if match and "emission_inventories_for_30_provinces" in path.name.lower():
            books[int(match.group(1))] = path
    if not books:
        raise SourceError(f"source file missing: no CEADs workbooks in {RAW_DIR}")
    return dict(sorted(books.items()))


def _sheet(raw: pd.DataFrame, where: str) -> pd.DataFrame:
    """Sector rows (1–47) with their published names and Scope-1 totals."""
    header = raw.iloc[0].fillna("").astype(str)
    total_cols = [c for c in raw.columns if _TOTAL_COL.search(header[c])]
    labels = raw[0].fillna("").astype(str).str.strip()
    total_rows = labels.index[labels.str.lower().str.startswith("total")]
    if len(total_cols) != 1 or len(total_rows) != 1:
        raise SourceError(f"source file malformed: {where}: cannot find Scope 1 Total column / total row")
    start = total_rows[0] + 1
    block = raw.iloc[start:start + N_SECTORS]
    if len(block) != N_SECTORS or block[0].isna().any():
        raise SourceError(f"source file malformed: {where}: expected {N_SECTORS} sector rows")
    return pd.DataFrame({"ceads_row": range(1, N_SECTORS + 1),
                         "ceads_sector": block[0].astype(str).str.strip().to_numpy(),
                         "co2": pd.to_numeric(block[total_cols[0]], errors="coerce").fillna(0).to_numpy(),
                         "total": pd.to_numeric(raw.iloc[total_rows[0], total_cols[0]])})


def read_ceads(sources: Path) -> pd.DataFrame:
    """All workbooks as long rows: region, year, ceads_row, ceads_sector, co2, total (Mt CO2)."""
    frames = []
    for year, path in _workbooks(sources).items():
        relpath = f"{RAW_DIR}/{path.name}"
        for sheet, raw in read_excel(sources, relpath, sheet_name=None, header=None).items():
            if sheet.strip().upper() == "NOTE":
                continue
            region = english_region(sheet)
            if region is None:
                raise SourceError(f"source file malformed: {relpath}: unknown province sheet {sheet!r}")
            frames.append(_sheet(raw, f"{relpath}#{sheet}").assign(region=region, year=year))
    return pd.concat(frames, ignore_index=True)


def concordance(long: pd.DataFrame) -> pd.DataFrame:
    """The CEADs row → H concordance, with each row's name as first published."""
    names = long.sort_values("year").groupby("ceads_row")["ceads_sector"].first()
    return pd.DataFrame({"ceads_row": names.index.astype("int64"), "ceads_sector": names.to_numpy(),
                         "industry": [CONCORDANCE[r][0] for r in names.index],
                         "note": [CONCORDANCE[r][1] or None for r in names.index]})


def _green(long: pd.DataFrame, macro: pd.DataFrame) -> pd.DataFrame:
    totals = long.groupby(["region", "year"])["total"].first().rename("value").reset_index()
    gdp = macro.loc[macro["attribute"] == "gdp", ["region", "year", "value"]]
    intensity = totals.merge(gdp, on=["region", "year"], suffixes=("", "_gdp"))
    # Mt / 亿元 = 10^6 t / 10^4 万元 → ×100 gives t per 10^4 CNY
    intensity = intensity.assign(value=100 * intensity["value"] / intensity["value_gdp"])
    return pd.concat([
        totals.assign(attribute="co2_total", unit="Mt CO2"),
        intensity[["region", "year", "value"]].assign(attribute="co2_per_gdp", unit="t CO2 per 10^4 CNY"),
    ], ignore_index=True).assign(pillar="green")


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``co2_sectors``, ``co2_concordance`` and ``attr_green`` (needs ``attr_macro``)."""
    if "attr_macro" not in built:
        built = {**built, **macro.build(sources, built)}
    long = read_ceads(sources)
    conc = concordance(long)
    mapped = long.merge(conc[["ceads_row", "industry"]], on="ceads_row").dropna(subset=["industry"])
    sectors = (mapped.groupby(["region", "year", "industry"], as_index=False)["co2"].sum()
               .sort_values(["region", "year", "industry"], ignore_index=True))
    return {"co2_sectors": sectors, "co2_concordance": conc,
            "attr_green": finish_long(_green(long, built["attr_macro"]))}
