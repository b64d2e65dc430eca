"""ETL step: provincial (and national) input-output tables 1997–2017.

Reads ``provincial_io/raw/<year>/*.xls`` with xlrd and locates every block by
its label or code, never by a fixed position:

* 2002–2017 tables carry a code row (``TIU``, ``TC``, ``GCF``, ``EX``, ``OF``,
  ``IM``, ``IF``, ``GO`` …) and a code column (``TII``, ``VA001``–``VA004``,
  ``TVA``, ``TI``); sector rows/columns are the numeric codes 1–42.
* 1997 tables have Chinese labels only (``中间使用合计``, ``调出``, ``总产出``,
  ``中间投入合计``, ``劳动者报酬`` …); sector columns are numbered 1–38 and
  sector rows are identified by their names in code order.

1997 source choice: the per-province files ``<省>97.xls`` are parsed; the
merged workbooks (``北京等五省.xls`` …) hold one sheet per province with the
same tables (checked cell by cell: identical) and are skipped to avoid
double counting. ``辽宁97.xls`` holds three sheets; the sheet named after the
province (``辽宁``, identical to the merged workbook) is used. The sheet
``辽宁(修正)`` rescales every 调出 cell by the same factor (≈0.44) without
changing 最终使用合计, so its rows no longer balance; it is not used.

Sign convention: imports and inflows are published as negative numbers in some
use tables; they are stored as positive magnitudes. Items a vintage does not
publish are NaN: 1997 has exports/imports for five provinces only, 2002
provinces publish only net outflow (not kept), 2007 provinces publish outflow
and inflow including foreign trade (not separable, not kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xlrd

from data.etl.concordance import H_CODES, VINTAGES, concordance, sector_map, sector_table
from data.etl.facts import region_code
from data.etl.sources import SourceError, require

RAW = "provincial_io/raw"
Grid = list[list[object]]

ROW_ITEMS = ("total_input", "value_added", "labour_compensation", "net_production_tax",
             "depreciation", "operating_surplus")
COL_ITEMS = ("gross_output", "intermediate_use", "final_consumption", "capital_formation",
             "exports", "imports", "outflow", "inflow")
NEGATIVE_ITEMS = ("imports", "inflow")
RAW_COLUMNS = ("region", "year", "sector_code", "sector_name", "gross_output", "total_input",
               "value_added", "labour_compensation", "net_production_tax", "depreciation",
               "operating_surplus", "intermediate_use", "final_consumption",
               "capital_formation", "exports", "imports", "outflow", "inflow")
PANEL_ITEMS = ("gross_output", "total_input", "value_added", "labour_compensation",
               "final_consumption", "capital_formation", "exports", "imports", "outflow",
               "inflow", "intermediate_use")

# Coded layouts (2002–2017): item -> codes summed; a missing optional code gives NaN.
CODED_ROWS = {"total_input": ("TI",), "value_added": ("TVA",), "labour_compensation": ("VA001",),
              "net_production_tax": ("VA002",), "depreciation": ("VA003",),
              "operating_surplus": ("VA004",)}
CODED_COLS = {"gross_output": ("GO",), "intermediate_use": ("TIU",),
              "final_consumption": ("TC",), "capital_formation": ("GCF",),
              "exports": ("EX",), "imports": ("IM",), "outflow": ("OF",), "inflow": ("IF",)}
CODED_REQUIRED = {"TI", "TVA", "VA001", "VA002", "VA003", "VA004", "GO", "TIU", "TC", "GCF"}

# Labelled layout (1997).
LABEL_ROWS = {"total_input": ("总投入",), "value_added": ("增加值合计",),
              "labour_compensation": ("劳动者报酬",), "net_production_tax": ("生产税净额",),
              "depreciation": ("固定资产折旧",), "operating_surplus": ("营业盈余",)}
LABEL_COLS = {"gross_output": ("总产出",), "intermediate_use": ("中间使用合计",),
              "final_consumption": ("居民最终消费", "政府消费"),
              "capital_formation": ("固定资本形成总额", "存货增加"),
              "exports": ("出口",), "imports": ("进口",), "outflow": ("调出",),
              "inflow": ("调入",)}
LABEL_OPTIONAL = {"出口", "进口"}
LABEL_TII = "中间投入合计"


@dataclass(frozen=True)
class Table:
    """One parsed IO table at its original sector classification."""

    items: pd.DataFrame  # index sector_code; sector_name + item columns
    matrix: pd.DataFrame  # rows = supplying sector code, columns = using sector code


def _norm(value: object) -> str:
    """Cell text without whitespace (incl. full-width spaces and line breaks)."""
    return re.sub(r"\s+", "", str(value)).replace("\u3000", "")


def _sector_number(value: object) -> int | None:
    """Sector number of a cell holding a code such as ``1``, ``1.0`` or ``'01'``."""
    if isinstance(value, float) and value.is_integer() and 1 <= value <= 99:
        return int(value)
    text = _norm(value)
    return int(text) if text.isdigit() and 1 <= int(text) <= 99 else None


def _number(value: object) -> float:
    """Numeric cell value; blank cells are zero."""
    if isinstance(value, (int, float)):
        return float(value)
    text = _norm(value)
    if text in ("", "-", "—"):
        return 0.0
    try:
        return float(text.replace(",", ""))
    except ValueError as exc:
        raise ValueError(f"non-numeric cell {value!r}") from exc


def find_line(grid: Grid, labels: set[str], relpath: str, axis: str, limit: int = 20) -> int:
    """Index of the first row (``axis='row'``) or column holding all ``labels``.

    Searches the first ``limit`` rows or columns. Raises :class:`SourceError`
    naming ``relpath`` when none holds them.
    """
    count = len(grid) if axis == "row" else max((len(r) for r in grid), default=0)
    for index in range(min(limit, count)):
        if axis == "row":
            cells = grid[index]
        else:
            cells = [row[index] if index < len(row) else "" for row in grid]
        if labels <= {_norm(c) for c in cells}:
            return index
    raise SourceError(f"source file malformed: {relpath}: no {axis} with {sorted(labels)}")


def _positions(cells: list[object]) -> dict[str, int]:
    """First position of each normalised label in a row or column."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        found.setdefault(_norm(cell), index)
    return found


def _resolve(wanted: dict[str, tuple[str, ...]], found: dict[str, int],
             required: set[str], relpath: str) -> dict[str, list[int] | None]:
    """Map each item to the positions of its labels (``None`` if optional and absent)."""
    out: dict[str, list[int] | None] = {}
    for item, labels in wanted.items():
        missing = [lab for lab in labels if lab not in found]
        if missing and set(missing) & required:
            raise SourceError(f"source file malformed: {relpath}: {missing} not found")
        out[item] = None if missing else [found[lab] for lab in labels]
    return out


def _assemble(grid: Grid, rows: dict[str, int], cols: dict[str, int], names: dict[str, str],
              row_items: dict[str, list[int] | None], col_items: dict[str, list[int] | None],
              relpath: str) -> Table:
    """Cut the sector block, the value-added rows and the final-use columns."""
    codes = list(rows)
    try:
        matrix = np.array([[_number(grid[rows[a]][cols[b]]) for b in codes] for a in codes])
        items: dict[str, np.ndarray] = {}
        for item, idx in row_items.items():
            items[item] = (np.full(len(codes), np.nan) if idx is None else
                           np.array([sum(_number(grid[i][cols[c]]) for i in idx) for c in codes]))
        for item, idx in col_items.items():
            items[item] = (np.full(len(codes), np.nan) if idx is None else
                           np.array([sum(_number(grid[rows[c]][j]) for j in idx) for c in codes]))
    except (ValueError, IndexError) as exc:
        raise SourceError(f"source file malformed: {relpath}: {exc}") from exc
    for item in NEGATIVE_ITEMS:
        items[item] = np.abs(items[item])
    frame = pd.DataFrame(items, index=pd.Index(codes, name="sector_code"))
    frame.insert(0, "sector_name", [names[c] for c in codes])
    return Table(frame, pd.DataFrame(matrix, index=codes, columns=codes))


def parse_coded(grid: Grid, relpath: str) -> Table:
    """Parse a 2002–2017 table laid out with a code row and a code column."""
    head = find_line(grid, {"TIU", "GO"}, relpath, "row")
    code_col = find_line(grid, {"TII", "TI"}, relpath, "col", limit=6)
    col_pos = _positions(grid[head])
    row_pos = _positions([row[code_col] if code_col < len(row) else "" for row in grid])
    tii = row_pos["TII"]
    cols = {f"{n:02d}": j for j, c in enumerate(grid[head][code_col + 1:col_pos["TIU"]],
                                                 start=code_col + 1)
            if (n := _sector_number(c)) is not None}
    rows = {f"{n:02d}": i for i in range(head + 1, tii)
            if (n := _sector_number(grid[i][code_col])) is not None}
    _check_sectors(rows, cols, relpath)
    names = {c: _norm(grid[i][code_col - 1]) for c, i in rows.items()}
    return _assemble(grid, rows, cols, names,
                     _resolve(CODED_ROWS, row_pos, CODED_REQUIRED, relpath),
                     _resolve(CODED_COLS, col_pos, CODED_REQUIRED, relpath), relpath)


def parse_labelled(grid: Grid, relpath: str, expected: list[tuple[str, str, str]]) -> Table:
    """Parse a 1997 table: numbered sector columns, sector rows named in code order."""
    head = find_line(grid, {"中间使用合计", "总产出"}, relpath, "row")
    name_col = find_line(grid, {LABEL_TII, "总投入"}, relpath, "col", limit=3)
    col_pos = _positions(grid[head])
    row_pos = _positions([row[name_col] if name_col < len(row) else "" for row in grid])
    cols = {f"{n:02d}": j for j, c in enumerate(grid[head][:col_pos["中间使用合计"]])
            if j > name_col and (n := _sector_number(c)) is not None}
    labelled = [i for i in range(head + 1, row_pos[LABEL_TII]) if _norm(grid[i][name_col])]
    rows = {code: i for (code, _n, _h), i in zip(expected, labelled)}
    _check_sectors(rows, cols, relpath, len(labelled))
    names = {c: _norm(grid[i][name_col]) for c, i in rows.items()}
    for (code, name, _h) in expected:
        if not name.startswith(names[code][:4]):
            raise SourceError(f"source file malformed: {relpath}: row for sector {code} is "
                              f"{names[code]!r}, expected {name!r}")
    required = {lab for labs in {**LABEL_ROWS, **LABEL_COLS}.values() for lab in labs}
    return _assemble(grid, rows, cols, names,
                     _resolve(LABEL_ROWS, row_pos, required - LABEL_OPTIONAL, relpath),
                     _resolve(LABEL_COLS, col_pos, required - LABEL_OPTIONAL, relpath), relpath)


def _check_sectors(rows: dict[str, int], cols: dict[str, int], relpath: str,
                   n_rows: int | None = None) -> None:
    """Raise unless sector rows and columns carry the same codes 01…n in order."""
    expected = [f"{n:02d}" for n in range(1, len(cols) + 1)]
    if list(cols) != expected or list(rows) != expected or (n_rows or len(rows)) != len(rows):
        raise SourceError(f"source file malformed: {relpath}: sector rows {list(rows)} "
                          f"do not match sector columns {list(cols)}")


def read_grid(sources: Path, relpath: str, marker: str, prefer: str = "") -> Grid:
    """Cell values of the sheet named ``prefer`` or else the first holding ``marker``."""
    path = require(sources, relpath)
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds
        raise SourceError(f"source file unreadable: {relpath}: {exc}") from exc
    try:
        names = book.sheet_names()
        order = sorted(range(book.nsheets), key=lambda i: names[i] != prefer)
        for index in order:
            sheet = book.sheet_by_index(index)
            grid = [sheet.row_values(r) for r in range(sheet.nrows)]
            if any(marker in map(_norm, row) for row in grid[:20]):
                return grid
    finally:
        book.release_resources()
    raise SourceError(f"source file malformed: {relpath}: no sheet with {marker!r}")


def list_files(sources: Path, year: int) -> list[tuple[int | None, str]]:
    """``(region or None for the national table, relpath)`` of every table of a vintage.

    Merged 1997 workbooks (``…等…省.xls``) are skipped; see the module docstring.
    """
    folder = require(sources, f"{RAW}/{year}")
    files = []
    for path in sorted(folder.glob("*.xls")):
        relpath = f"{RAW}/{year}/{path.name}"
        if "等" in path.stem:
            continue
        if "中国" in path.stem:
            files.append((None, relpath))
            continue
        region = region_code(path.stem)
        if region is None:
            raise SourceError(f"source file {relpath}: cannot tell which province it is")
        files.append((region, relpath))
    return files


def parse_file(sources: Path, relpath: str, year: int) -> Table:
    """Parse one table file of a vintage."""
    if year == 1997:
        province = Path(relpath).stem.removesuffix("97")
        grid = read_grid(sources, relpath, "总产出", prefer=province)
        return parse_labelled(grid, relpath, sector_table(1997))
    return parse_coded(read_grid(sources, relpath, "GO"), relpath)


def harmonise(table: Table, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Aggregate a table to H codes: panel items (index H code) and 38×38 matrix."""
    mapping = sector_map(year)
    keys = table.items.index.map(mapping)
    if keys.isna().any():
        raise SourceError(f"IO {year}: sector codes without H code: "
                          f"{list(table.items.index[keys.isna()])}")
    source = table.items[list(PANEL_ITEMS)]
    published = [c for c in PANEL_ITEMS if source[c].notna().any()]
    items = source.groupby(keys).sum(min_count=1).reindex(H_CODES)
    items[published] = items[published].fillna(0.0)
    matrix = (table.matrix.groupby(table.matrix.index.map(mapping)).sum()
              .T.groupby(table.matrix.columns.map(mapping)).sum().T
              .reindex(index=H_CODES, columns=H_CODES, fill_value=0.0))
    return items, matrix


def _long_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    stacked = matrix.stack()
    return pd.DataFrame({"from_industry": stacked.index.get_level_values(0),
                         "to_industry": stacked.index.get_level_values(1),
                         "value": stacked.to_numpy(dtype=float)})


def _frames(parsed: list[tuple[int | None, int, Table]]) -> dict[str, pd.DataFrame]:
    raw, panel, mats = [], [], []
    for region, year, table in parsed:
        items = table.items.reset_index()
        items.insert(0, "year", year)
        items.insert(0, "region", region)
        raw.append(items)
        h_items, h_matrix = harmonise(table, year)
        h_items = h_items.rename_axis("industry").reset_index()
        h_items.insert(0, "year", year)
        h_items.insert(0, "region", region)
        panel.append(h_items)
        long = _long_matrix(h_matrix)
        long.insert(0, "year", year)
        long.insert(0, "region", region)
        mats.append(long)
    return {"raw": pd.concat(raw, ignore_index=True),
            "panel": pd.concat(panel, ignore_index=True),
            "matrix": pd.concat(mats, ignore_index=True)}


def _finish(frame: pd.DataFrame, keys: list[str], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = frame.sort_values(keys, ignore_index=True)[list(columns)]
    if "region" in frame:
        frame["region"] = frame["region"].astype("int64")
    frame["year"] = frame["year"].astype("int64")
    return frame


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``io_concordance``, ``io_raw``, ``io_panel``, ``io_matrix`` and the national tables."""
    parsed = [(region, year, parse_file(sources, relpath, year))
              for year in VINTAGES for region, relpath in list_files(sources, year)]
    provincial = _frames([p for p in parsed if p[0] is not None])
    national = _frames([p for p in parsed if p[0] is None])
    panel_cols = ("region", "industry", "year") + PANEL_ITEMS
    matrix_cols = ("region", "year", "from_industry", "to_industry", "value")
    return {
        "io_concordance": concordance(),
        "io_raw": _finish(provincial["raw"], ["year", "region", "sector_code"], RAW_COLUMNS),
        "io_panel": _finish(provincial["panel"], ["year", "region", "industry"], panel_cols),
        "io_matrix": _finish(provincial["matrix"],
                             ["year", "region", "from_industry", "to_industry"], matrix_cols),
        "io_national_panel": _finish(national["panel"], ["year", "industry"], panel_cols[1:]),
        "io_national_matrix": _finish(national["matrix"],
                                      ["year", "from_industry", "to_industry"], matrix_cols[1:]),
    }
