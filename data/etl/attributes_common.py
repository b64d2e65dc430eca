"""Helpers shared by the province attribute ETL steps.

Every attribute table has the long layout ``region, year, attribute, value,
unit, pillar``; :func:`finish_long` puts a frame into that shape. The readers
here parse the two export formats the raw files come in: Wind terminal
exports (metadata rows, then one row per period) and NBS "分省年度数据" CSVs
(two or three header lines, a table, trailing notes).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from data.etl.facts import REGION_ALIASES, REGIONS, region_code
from data.etl.sources import SourceError, read_csv, require

PILLARS = ("resource", "industrial_base", "research", "application", "green", "cost")
LONG_COLUMNS = ["region", "year", "attribute", "value", "unit", "pillar"]
REGION_CODES = frozenset(code for code, *_ in REGIONS)

_PERIOD = re.compile(r"^\d{4}-\d{2}$")
_EN_TO_CODE = {en.replace(" ", "").lower(): code for code, _f, _s, en, _m in REGIONS}
_EN_TO_CODE.update(
    {alias.replace(" ", "").lower(): code
     for code, aliases in REGION_ALIASES.items() for alias in aliases if alias.isascii()}
)


def english_region(text: str) -> int | None:
    """Adcode of a province written in English (``Inner Mongolia``, ``InnerMongolia2019``).

    Parameters
    ----------
    text : str
        A name, optionally followed by ``Municipality``/``Province`` or a year.

    Returns
    -------
    int or None
        The adcode, or ``None`` when the text names no province.
    """
    key = re.sub(r"(municipality|province|\d+|\s)", "", str(text).lower())
    return _EN_TO_CODE.get(key)


def finish_long(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` in the attribute layout: typed, 31 provinces, sorted, non-null.

    Raises
    ------
    ValueError
        If a (region, year, attribute) key repeats: that is an ETL bug.
    """
    out = frame.loc[frame["region"].isin(REGION_CODES), LONG_COLUMNS].dropna(subset=["value"])
    out = out.astype({"region": "int64", "year": "int64", "value": "float64",
                      "attribute": str, "unit": str, "pillar": str})
    duplicated = out.duplicated(["region", "year", "attribute"])
    if duplicated.any():
        raise ValueError(f"duplicate attribute keys: {out[duplicated].head().to_dict('records')}")
    return out.sort_values(["attribute", "region", "year"], ignore_index=True)


def read_wind(sources: Path, relpath: str) -> pd.DataFrame:
    """Read a Wind terminal export into long form.

    Returns
    -------
    pandas.DataFrame
        Columns ``name`` (series name), ``unit`` (as published, may be empty),
        ``period`` (``YYYY-MM``) and ``value``; blanks and zeros are dropped
        (in these exports 0.00 stands for "not published").
    """
    raw = read_csv(sources, relpath, header=None, dtype=str, keep_default_na=False)
    labels = raw[0].str.strip()
    if "Name" not in set(labels):
        raise SourceError(f"source file malformed: {relpath}: no 'Name' metadata row")
    names = raw.loc[labels.eq("Name").idxmax(), 1:]
    units = raw.loc[labels.eq("Unit").idxmax(), 1:] if "Unit" in set(labels) else names.map(lambda _: "")
    body = raw.loc[labels.str.match(_PERIOD)]
    long = body.melt(id_vars=0, var_name="column", value_name="text").rename(columns={0: "period"})
    long["name"] = long["column"].map(names.str.strip())
    long["unit"] = long["column"].map(units.fillna("").str.strip())
    long["value"] = pd.to_numeric(long["text"].str.replace(",", "").str.strip(), errors="coerce")
    long = long.loc[long["value"].fillna(0) != 0, ["name", "unit", "period", "value"]]
    return long.drop_duplicates(["name", "period"], ignore_index=True)


def series_region(names: pd.Series) -> pd.Series:
    """Adcode named by each ``:``-separated Wind series name (``<NA>`` when none)."""
    def one(name: str) -> int | None:
        for part in name.split(":"):
            code = english_region(part)
            if code is not None:
                return code
        return None
    return names.map(one).astype("Int64")


def year_end(long: pd.DataFrame) -> pd.DataFrame:
    """December observations of a monthly/quarterly series, with a ``year`` column.

    Used for stocks (capacity) and year-to-date flows, whose December value is
    the annual figure; years without a December observation are left out.
    """
    dec = long.loc[long["period"].str.endswith("-12")].copy()
    dec["year"] = dec["period"].str[:4].astype(int)
    return dec.drop(columns="period")


def read_nbs_export(sources: Path, relpath: str) -> pd.DataFrame:
    """Read an NBS data-portal CSV export (title lines, table, notes).

    Returns
    -------
    pandas.DataFrame
        The table with stripped column labels; the first column is ``地区`` or
        ``指标``. Title lines before the header and note lines after it are dropped.
    """
    path = require(sources, relpath)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError(f"source file {relpath} is neither UTF-8 nor GB18030")
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line.startswith(("地区", "指标"))), None)
    if header is None:
        raise SourceError(f"source file malformed: {relpath}: no header line starting with 地区/指标")
    body = [lines[header]]
    for line in lines[header + 1:]:
        if not line.strip() or line.startswith(("注", "数据来源")) or line[0].isdigit():
            break
        body.append(line)
    table = pd.read_csv(io.StringIO("\n".join(body)), dtype=str)
    table.columns = [str(c).strip() for c in table.columns]
    table = table.loc[:, ~table.columns.str.startswith("Unnamed")]
    return table.apply(lambda col: col.str.strip())


def zh_regions(names: pd.Series, relpath: str) -> pd.Series:
    """Adcodes of Chinese province names; raise :class:`SourceError` on an unknown name."""
    codes = names.map(region_code)
    unknown = sorted(set(names[codes.isna()]))
    if unknown:
        raise SourceError(f"source file malformed: {relpath}: unknown region name(s) {unknown}")
    return codes.astype("int64")
