"""Issue 19, defect 1: a 4.7 KB XLSX pinned a server core for minutes.

openpyxl fills the gap up to a declared row (``<row r="2000000000">``) with
empty rows and pads each row to the declared width (``A1:XFD1048576``); empty
rows never reached the 200-row cap. Before: ``r="20000000"`` took 11 s,
``r="2000000000"`` about 18 minutes, ``A1:XFD1048576`` with a row at 1,048,576
5.6 s (and was then parsed). Now every XML part is scanned with a bounded
element budget and a row limit before openpyxl reads anything, and rows are
read at most ``MAX_COLUMNS + 1`` cells wide. The crafted files are read in a
child process with a timeout, so a regression fails instead of hanging the run.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.upload import UploadError, parse_region_csv
from app.upload_read import MAX_SHEET_ROW, MAX_XLSX_ELEMENTS

REPO = Path(__file__).resolve().parents[2]
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def crafted_xlsx(dimension: str | None, far_rows: list[int], filler: int = 60, repeat: int = 1) -> bytes:
    """A minimal workbook: a header, ``filler`` rows of ``repeat`` note cells, then rows at ``far_rows``."""
    rows = [f'<row r="1">{_cell("A1", "field")}{_cell("B1", "value")}</row>']
    rows += [f'<row r="{n}">{_cell(f"A{n}", "note") * repeat}</row>' for n in range(2, 2 + filler)]
    rows += [f'<row r="{n}">{_cell(f"A{n}", "H19")}{_cell(f"XFD{n}", "1")}</row>' for n in far_rows]
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets><sheet name="S" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                                      f'Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}">{dim}<sheetData>{"".join(rows)}</sheetData>'
                                    '</worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)
    return buffer.getvalue()


_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[2])
from tests.hardening.test_issue19_01_sparse_xlsx import crafted_xlsx
from app.upload import UploadError, parse_region_csv
import openpyxl  # imported before timing
dimension, far = sys.argv[3] or None, [int(n) for n in sys.argv[4].split(",")]
raw = crafted_xlsx(dimension, far)
start = time.perf_counter()
try:
    parse_region_csv(raw)
    outcome = "accepted"
except UploadError as exc:
    outcome = str(exc)
print(f"{time.perf_counter() - start:.3f}")
print(outcome)
"""

CASES = {  # (dimension, far rows, the row the message names)
    "declared-XFD1048576": ("A1:XFD1048576", [1_048_576], 1_048_576),
    "row-2000000000": (None, [2_000_000_000], 2_000_000_000),
    "the-issue-file": ("A1:XFD1048576", [20_000_000, 200_000_000, 2_000_000_000, 2_000_000_001], 1_048_576),
}


def test_the_crafted_file_is_small():
    raw = crafted_xlsx(*CASES["the-issue-file"][:2])
    assert len(raw) < 5_000  # like the 4.7 KB file


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_absurd_rows_are_refused_quickly_with_a_clear_message(case):
    dimension, far, named = CASES[case]
    result = subprocess.run([sys.executable, "-c", _CHILD, "x", str(REPO), dimension or "", ",".join(map(str, far))],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    seconds, message = result.stdout.strip().split("\n", 1)
    assert message == (
        f"XLSX 工作表声明或使用了第 {named:,} 行（上限 {MAX_SHEET_ROW:,} 行）；一个地区的数据不到 100 行，请删去多余的行，"
        f"或另存为 CSV / the XLSX sheet declares or uses row {named:,} (limit {MAX_SHEET_ROW:,}); a region needs "
        "fewer than 100 rows: delete the extra rows or save it as CSV")
    assert float(seconds) <= 2.0  # measured ≈ 0.01 s; the bar is 0.5 s


def test_too_many_xml_elements_are_refused():
    raw = crafted_xlsx("A1:B3", [], filler=2, repeat=MAX_XLSX_ELEMENTS // 4)
    with pytest.raises(UploadError) as caught:
        parse_region_csv(raw)
    assert f"over {MAX_XLSX_ELEMENTS:,} XML elements" in str(caught.value)


def test_wide_sheets_within_the_row_limit_still_read():
    """A stray cell at XFD9000 (declared range A1:XFD9000) is within the limits: the data are read."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["field", "value"], ["H19", 5_000_000], ["H18", 20_000]):
        sheet.append(row)
    sheet["XFD9000"] = " "
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = parse_region_csv(buffer.getvalue())
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0, "H18": 20_000.0}
    with pytest.raises(UploadError, match="no data rows"):
        parse_region_csv(crafted_xlsx("A1:XFD70", [], filler=0))
