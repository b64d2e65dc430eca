"""Downloads: tables as CSV / XLSX and a printable one-page region report (HTML)."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (plus tab / CR, per OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _flatten(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple, set))).any():
            out[column] = out[column].map(lambda v: "|".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
    return out


def neutralise_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula, prefixed with ``'``; anything else unchanged.

    Numbers (including negative ones) stay numbers, and text that is just a
    number (``"-1.5"``) is left alone; ``"=HYPERLINK(…)"``, ``"+cmd|…"``,
    ``"-2+3"`` or ``"@SUM(…)"`` become ``"'=HYPERLINK(…)"`` … (OWASP CSV injection).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _NUMBER_TEXT.fullmatch(value):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Flattened copy with formula-like text neutralised (column names too)."""
    out = _flatten(frame)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    out.columns = [neutralise_cell(c) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 BOM so Excel shows Chinese correctly; formula-like text neutralised."""
    return _safe(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "hostfit") -> bytes:
    """An XLSX workbook with one sheet; formula-like text neutralised (openpyxl would store it as a formula)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",Arial,sans-serif;margin:18mm;color:#222;font-size:11pt}
h1{font-size:18pt;margin:0 0 4px} .sub{color:#666;margin-bottom:12px}
table{border-collapse:collapse;width:100%;font-size:9.5pt} th,td{border:1px solid #ccc;padding:3px 6px}
th{background:#f0f0f0;text-align:left} td.num{text-align:right}
.high{color:#b71c1c;font-weight:bold} .medium{color:#e65100} .low{color:#2e7d32}
.note{color:#555;font-size:9pt;margin-top:10px}
@page{size:A4;margin:12mm} @media print{body{margin:0}}
"""


def region_report_html(title: str, subtitle: str, table: pd.DataFrame, notes: list[str]) -> str:
    """A one-page printable HTML report: title, the ranked table and notes."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    body = []
    for row in _flatten(table).itertuples(index=False):
        cells = []
        for value in row:
            css = "num" if isinstance(value, (int, float)) else str(value) if value in ("low", "medium", "high", "低", "中", "高") else ""
            css = {"低": "low", "中": "medium", "高": "high"}.get(css, css)
            text = f"{value:.3f}" if isinstance(value, float) else str(value)
            cells.append(f'<td class="{css}">{html.escape(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes_html = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in notes)
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<div class='sub'>{html.escape(subtitle)} · {date.today().isoformat()}</div>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{notes_html}"
            "</body></html>")
