"""Read an upload into rows of text cells: size limit, encodings, newlines, delimiters, XLSX.

Limits (one place, used by the Streamlit widget and the parser alike):
:data:`MAX_UPLOAD_MB` megabytes (``MAX_UPLOAD_BYTES`` = 10⁶ × MB bytes, the
unit the browser widget uses), :data:`MAX_DATA_ROWS` data rows and
:data:`MAX_COLUMNS` columns. A region has fewer than 100 meaningful rows (38
sectors, a dozen attributes, two flags), so a larger file is refused after
reading at most ``MAX_DATA_ROWS + 1`` rows, however many it holds.

Text encodings: a byte-order mark decides (UTF-8, UTF-16, UTF-32); without one,
strict UTF-8 first and GB18030 (a superset of GBK) only when UTF-8 fails —
a single ``é`` or NBSP never flips a UTF-8 file to GB18030. One exception: a
short GBK file can also be valid UTF-8 (GBK ``元`` reads as UTF-8 ``Ԫ``); when
the UTF-8 reading holds letters of scripts these files never contain (Greek,
Cyrillic, Hebrew, Arabic …) and the GB18030 reading is plain Chinese/ASCII, the
file is read as GB18030 and a warning says so. UTF-16/32 without BOM are
recognised by their zero bytes. Old-Mac CR-only line ends are normalised. A file
whose lines are partly UTF-8 Chinese and partly not UTF-8 (one line pasted from a
GBK file) is refused with the line numbers instead of being read as mojibake.
XLSX workbooks are read with openpyxl in read-only mode (first sheet), after a
streaming scan of every XML part that bounds the work by elements read: at most
:data:`MAX_XLSX_ELEMENTS` elements in all, and no declared dimension, row or
cell beyond row :data:`MAX_SHEET_ROW` (openpyxl fills the gap up to a declared
row with empty rows, so a 5 KB file declaring row 2,000,000,000 would pin a core
for many minutes). Rows are read at most :data:`MAX_COLUMNS` + 1 cells wide.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError, iterparse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, NoReturn

from data.echo import quoted

MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000
#: Non-blank data rows accepted (a region needs fewer than 100).
MAX_DATA_ROWS = 200
#: Columns accepted in the header (field, value, unit and a few notes).
MAX_COLUMNS = 20
#: Uncompressed size limit for the parts of an XLSX workbook (zip-bomb guard).
MAX_XLSX_UNPACKED = 20_000_000
#: Largest row number an XLSX sheet may declare or use (a region needs about 100 rows).
MAX_SHEET_ROW = 10_000
#: XML elements read in all parts of an XLSX workbook (a filled-in template has a few thousand).
MAX_XLSX_ELEMENTS = 200_000
DELIMITERS = (",", ";", "\t", "|")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)


class UploadError(ValueError):
    """An uploaded file cannot be used; the message is bilingual (zh / en)."""


def fail(zh: str, en: str) -> NoReturn:
    """Raise :class:`UploadError` with the message ``"zh / en"``."""
    raise UploadError(f"{zh} / {en}")


@dataclass
class RawTable:
    """Rows of an upload as text cells.

    Attributes
    ----------
    rows : list of (int, list of str)
        Non-blank records with the 1-based line (CSV) or row (XLSX) number.
    delimiter : str
        The CSV delimiter (``""`` for XLSX).
    warnings : list of str
        Bilingual notes on how the file was read (e.g. the encoding chosen).
    """

    rows: list[tuple[int, list[str]]]
    delimiter: str
    warnings: list[str] = field(default_factory=list)


def limits_text(lang: str = "zh") -> str:
    """The stated limits, for the upload widget's caption."""
    if lang == "zh":
        return (f"CSV（UTF-8、UTF-8 BOM、GBK、UTF-16）或 XLSX（第一个工作表）；文件不超过 {MAX_UPLOAD_MB} MB，"
                f"数据不超过 {MAX_DATA_ROWS} 行、{MAX_COLUMNS} 列。")
    return (f"CSV (UTF-8, UTF-8 BOM, GBK, UTF-16) or XLSX (first sheet); at most {MAX_UPLOAD_MB} MB, "
            f"{MAX_DATA_ROWS} data rows and {MAX_COLUMNS} columns.")


def check_size(size: int) -> None:
    """Reject an upload of ``size`` bytes above :data:`MAX_UPLOAD_BYTES`.

    Raises
    ------
    UploadError
        Naming the size and the limit.
    """
    if size > MAX_UPLOAD_BYTES:
        fail(f"文件过大（{size:,} 字节，上限 {MAX_UPLOAD_BYTES:,} 字节 = {MAX_UPLOAD_MB} MB）",
             f"file too large ({size:,} bytes; limit {MAX_UPLOAD_BYTES:,} bytes = {MAX_UPLOAD_MB} MB)")


def read_upload(source: bytes | BinaryIO) -> bytes:
    """The bytes of an upload, checking the size before reading a file whole.

    Parameters
    ----------
    source : bytes or binary file object
        A seekable file is measured with ``seek``/``tell`` and rejected unread if
        too large; any other stream is read at most ``MAX_UPLOAD_BYTES + 1`` bytes.

    Raises
    ------
    UploadError
        The upload exceeds :data:`MAX_UPLOAD_BYTES`.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        check_size(len(source))
        return bytes(source)
    if source.seekable():
        start = source.tell()
        check_size(source.seek(0, io.SEEK_END) - start)
        source.seek(start)
    raw = source.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        fail(f"文件过大（超过上限 {MAX_UPLOAD_BYTES:,} 字节 = {MAX_UPLOAD_MB} MB）",
             f"file too large (over the {MAX_UPLOAD_BYTES:,}-byte = {MAX_UPLOAD_MB} MB limit)")
    return raw


# ---------------------------------------------------------------- text decoding
def _wide_without_bom(raw: bytes) -> str | None:
    """UTF-32 or UTF-16 (either byte order) recognised by the zero bytes of ASCII-heavy text."""
    head = raw[:4096]
    if len(head) < 4:
        return None
    quarter = [head[i::4].count(0) for i in range(4)]
    candidates = []
    if len(raw) % 4 == 0:
        per_position = len(head) // 4
        if min(quarter[1:]) >= per_position * 3 // 4:
            candidates.append("utf-32-le")
        if min(quarter[:3]) >= per_position * 3 // 4:
            candidates.append("utf-32-be")
    if len(raw) % 2 == 0:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) >= len(head) // 4:
            candidates.append("utf-16-le" if odd > even else "utf-16-be")
    for encoding in candidates:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


_FOREIGN = re.compile("[\u0100-\u07ff]")
_NOT_PLAIN = re.compile("[^\u0000-\u00ff\u3000-\u9fff\uff00-\uffef]")


def _foreign_letters(text: str) -> bool:
    """Letters of scripts an upload never holds (U+0100–U+07FF: Greek, Cyrillic, Hebrew, Arabic …)."""
    return _FOREIGN.search(text) is not None


def _plain(text: str) -> bool:
    """Only ASCII, CJK (ideographs, punctuation, full-width forms) and Latin-1."""
    return _NOT_PLAIN.search(text) is None


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Decode an upload's bytes; return the text (newlines normalised) and bilingual notes.

    Raises
    ------
    UploadError
        A byte-order mark that does not fit the content, binary content, or
        bytes that are neither UTF-8 nor GB18030.
    """
    notes: list[str] = []
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "utf-8-sig":
                _check_mixed(raw[3:])
            fail("文件开头标明了 Unicode 编码，但内容无法按该编码解码",
                 "the file starts with a Unicode byte-order mark but its content cannot be decoded with it")
    elif b"\x00" in raw:
        wide = _wide_without_bom(raw)
        if wide is None:
            fail("这不是文本文件（含有二进制内容）；请上传 CSV 文本文件或 XLSX 工作簿",
                 "this is not a text file (binary content); upload a CSV text file or an XLSX workbook")
        text = wide
    else:
        text = _decode_8bit(raw, notes)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, notes


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _check_mixed(raw: bytes) -> None:
    """Refuse a file whose lines are partly UTF-8 (with Chinese) and partly not (GBK), naming the lines.

    Read whole as GB18030, the UTF-8 lines would turn into mojibake in every message.
    """
    bad: list[int] = []
    utf8_text = False
    for number, line in enumerate(_LINE_BREAK.split(raw), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            continue
        utf8_text = utf8_text or (not text.isascii() and not _foreign_letters(text))
    if bad and utf8_text:
        listed = ", ".join(map(str, bad[:5])) + ("…" if len(bad) > 5 else "")
        fail(f"第 {listed} 行不是 UTF-8 编码（可能是 GBK），而文件其余部分是 UTF-8：请将整个文件另存为同一种编码（UTF-8）",
             f"line{'s' if len(bad) > 1 else ''} {listed} {'are' if len(bad) > 1 else 'is'} not UTF-8 (GBK?) while "
             "the rest of the file is UTF-8: save the whole file in one encoding (UTF-8)")


def _decode_8bit(raw: bytes, notes: list[str]) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _check_mixed(raw)
        text = None
    if text is not None and not _foreign_letters(text):
        return text
    try:
        gbk = raw.decode("gb18030")
    except UnicodeDecodeError:
        gbk = None
    if text is None:
        if gbk is None:
            fail("无法识别文件编码（请使用 UTF-8 或 GBK）", "cannot decode the file (use UTF-8 or GBK)")
        return gbk
    if gbk is not None and _plain(gbk):
        odd = _FOREIGN.search(text).group()
        notes.append(f"文件按 GBK（GB18030）读取：按 UTF-8 读取会出现字符 {quoted(odd)} / the file was read as GBK "
                     f"(GB18030): read as UTF-8 it would contain {quoted(odd)}")
        return gbk
    return text


# ---------------------------------------------------------------- CSV
def _delimiter(text: str) -> str:
    sample = "\n".join(text.split("\n", 20)[:20])
    counts = {d: sample.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _limited(records: Iterable[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Non-blank records, refusing more than a header plus :data:`MAX_DATA_ROWS` rows."""
    rows: list[tuple[int, list[str]]] = []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) > MAX_DATA_ROWS:
            fail(f"数据超过 {MAX_DATA_ROWS} 行（第 {line} 行起未读取）：一个地区的有效行不到 100 行（38 个产业、约 12 个属性、"
                 "2 个标志）；请删去重复或无关的行",
                 f"more than {MAX_DATA_ROWS} data rows (stopped reading at line {line}): a region needs fewer than "
                 "100 (38 sectors, about 12 attributes, 2 flags); remove repeated or unrelated rows")
        rows.append((line, cells))
    return rows


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    finished = 0  # the last line of the last complete record
    try:
        for cells in reader:
            finished = reader.line_num
            yield finished, cells
    except csv.Error as exc:
        line = finished + 1  # where the broken record starts
        if "field larger than field limit" in str(exc):
            limit = f"{csv.field_size_limit():,}"
            fail(f"第 {line} 行无法解析：单元格超过 {limit} 个字符（可能有未闭合的引号）",
                 f"line {line} cannot be parsed: a cell is longer than {limit} characters (an unclosed quote?)")
        fail(f"第 {line} 行无法解析：CSV 格式错误（{exc}）", f"line {line} cannot be parsed: {exc}")


def read_csv_rows(raw: bytes) -> RawTable:
    """Decode CSV bytes and split them into non-blank records (at most the row cap)."""
    text, notes = decode(raw)
    if not text.strip():
        fail("文件为空", "the file is empty")
    delimiter = _delimiter(text)
    return RawTable(_limited(_csv_records(text, delimiter)), delimiter, notes)


# ---------------------------------------------------------------- XLSX
def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_zip(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        fail(f"XLSX 文件已损坏（{exc}）", f"the XLSX file is damaged ({exc})")
    if unpacked > MAX_XLSX_UNPACKED:
        fail(f"XLSX 文件解压后过大（{unpacked:,} 字节，上限 {MAX_XLSX_UNPACKED:,}）；请另存为 CSV",
             f"the XLSX file unpacks to {unpacked:,} bytes (limit {MAX_XLSX_UNPACKED:,}); save it as CSV")


_ROW_NUMBER = re.compile(r"[A-Za-z]*\$?(\d+)$")


def _last_row(reference: str) -> int:
    """The largest row number in a cell reference or range (``B7`` → 7, ``A1:XFD1048576`` → 1048576)."""
    numbers = [int(m.group(1)) for part in reference.split(":") if (m := _ROW_NUMBER.search(part.strip()))]
    return max(numbers, default=0)


def _too_far(row: int) -> NoReturn:
    fail(f"XLSX 工作表声明或使用了第 {row:,} 行（上限 {MAX_SHEET_ROW:,} 行）；一个地区的数据不到 100 行，请删去多余的行，"
         "或另存为 CSV",
         f"the XLSX sheet declares or uses row {row:,} (limit {MAX_SHEET_ROW:,}); a region needs fewer than 100 "
         "rows: delete the extra rows or save it as CSV")


def _scan_part(part: BinaryIO, budget: int) -> int:
    """Stream one zip member's XML; refuse far rows; return the element budget left."""
    try:
        for event, element in iterparse(part, events=("start", "end")):
            if event == "end":
                element.clear()
                continue
            budget -= 1
            if budget < 0:
                fail(f"XLSX 工作簿内容过多（超过 {MAX_XLSX_ELEMENTS:,} 个 XML 元素）；请另存为只含数据的 CSV",
                     f"the XLSX workbook holds too much (over {MAX_XLSX_ELEMENTS:,} XML elements); save the data "
                     "as CSV")
            name = element.tag.rpartition("}")[2]
            if name in ("dimension", "row", "c"):
                row = _last_row(element.get("ref" if name == "dimension" else "r", ""))
                if row > MAX_SHEET_ROW:
                    _too_far(row)
    except ParseError:
        pass  # not XML (an image) or broken XML, which openpyxl reports if it is a part it reads
    return budget


def _check_extent(raw: bytes) -> None:
    """Bound the work openpyxl will do: elements read, rows declared or used (see the module notes)."""
    budget = MAX_XLSX_ELEMENTS
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                with archive.open(info) as part:
                    budget = _scan_part(part, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, RuntimeError) as exc:
        fail(f"XLSX 文件已损坏（{exc}）", f"the XLSX file is damaged ({exc})")


def read_xlsx_rows(raw: bytes) -> RawTable:
    """The first sheet of an XLSX workbook as text records (read-only, at most the row cap).

    Raises
    ------
    UploadError
        A damaged workbook, one that unpacks too large, holds too many XML
        elements or declares rows beyond :data:`MAX_SHEET_ROW`, an empty first
        sheet or too many rows or columns.
    """
    from openpyxl import load_workbook

    _check_zip(raw)
    _check_extent(raw)
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for damaged files
        fail(f"无法读取 XLSX 工作簿（{type(exc).__name__}）；请在 Excel 中另存为 .xlsx 或 CSV",
             f"cannot read the XLSX workbook ({type(exc).__name__}); save it again as .xlsx or CSV")
    try:
        sheets = book.worksheets
        if not sheets:
            fail("XLSX 工作簿没有工作表", "the XLSX workbook has no sheet")
        records = ((number, [_cell_text(v) for v in values[: MAX_COLUMNS + 1]])
                   for number, values in enumerate(sheets[0].iter_rows(max_col=MAX_COLUMNS + 1, values_only=True),
                                                   start=1))
        try:
            rows = _limited(records)
        except UploadError:
            raise
        except Exception as exc:  # noqa: BLE001 - malformed sheet XML
            fail(f"XLSX 工作表无法读取（{type(exc).__name__}）", f"the XLSX sheet cannot be read ({type(exc).__name__})")
    finally:
        book.close()
    if not rows:
        fail("文件为空（第一个工作表没有内容）", "the file is empty (the first sheet has no content)")
    return RawTable(rows, "")


def read_rows(raw: bytes) -> RawTable:
    """Rows of an upload: XLSX by its zip signature, old XLS refused, anything else CSV text.

    Raises
    ------
    UploadError
        See :func:`read_csv_rows` and :func:`read_xlsx_rows`.
    """
    if raw.startswith(_ZIP_MAGIC):
        return read_xlsx_rows(raw)
    if raw.startswith(_OLE_MAGIC):
        fail("不支持旧版 Excel（.xls）文件；请在 Excel 中另存为 .xlsx 或 CSV",
             "old Excel (.xls) files are not supported; save it as .xlsx or CSV")
    return read_csv_rows(raw)
