"""Bring-your-own region: parse and validate an uploaded CSV of one region.

The CSV has a header line and one row per item: ``field,value[,unit]``.
``field`` is an industry (code H01–H38, zh or en name; value = gross output in
万元, or in 元 / 亿元 when the unit says so) or an editable attribute (see
``features.scenario.EDITABLE_ATTRIBUTES``, value in the attribute's unit), or
``coastal`` / ``land_border`` (0/1). Commas, semicolons, tabs and ``|`` are
accepted as delimiters; UTF-8 (with or without BOM), GBK/GB18030 and UTF-16 as
encodings. Every problem raises :class:`UploadError` with a bilingual ``zh / en``
message naming the line, field and value; nothing is returned half-validated.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
from dataclasses import dataclass, field
from typing import BinaryIO, NoReturn

import pandas as pd

from data.resolve import UnknownNameError, resolve_industry
from features.scenario import EDITABLE_ATTRIBUTES

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: China's total gross output of all sectors, 2017, rounded up (万元).
NATIONAL_TOTAL_OUTPUT = 2.5e10
#: Below this total (万元, i.e. 10 亿元) the outputs are probably in 亿元, not 万元.
SMALL_TOTAL_OUTPUT = 1e5
FLAGS = ("coastal", "land_border")
DELIMITERS = (",", ";", "\t", "|")
#: Output units accepted for industry rows and their factor to 万元.
OUTPUT_UNITS = {"": 1.0, "万元": 1.0, "10^4 yuan": 1.0, "元": 1e-4, "yuan": 1e-4, "亿元": 1e4}
_HEADER_ALIASES = {
    "field": ("field", "字段", "项目", "指标", "item", "name"),
    "value": ("value", "数值", "值", "取值", "amount"),
    "unit": ("unit", "单位"),
}
_MISSING = ("", "nan", "na", "n/a", "none", "null", "-", "—")
_LISTED = 10


class UploadError(ValueError):
    """An uploaded file cannot be used; the message is bilingual (zh / en)."""


@dataclass
class ParsedRegion:
    """Validated content of an upload.

    Attributes
    ----------
    outputs : Series
        H code → gross output in 万元.
    attributes : dict
        Editable attribute → value in its unit (within its plausible range).
    flags : dict
        ``coastal`` / ``land_border`` → bool.
    warnings : list of str
        Bilingual notes on what was ignored or converted.
    """

    outputs: pd.Series
    attributes: dict[str, float]
    flags: dict[str, bool]
    warnings: list[str] = field(default_factory=list)


def _fail(zh: str, en: str) -> NoReturn:
    raise UploadError(f"{zh} / {en}")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def check_size(size: int) -> None:
    """Reject an upload of ``size`` bytes above :data:`MAX_UPLOAD_BYTES`.

    Raises
    ------
    UploadError
        Naming the size and the limit.
    """
    if size > MAX_UPLOAD_BYTES:
        limit = f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB"
        _fail(f"文件过大（{_megabytes(size)}，上限 {limit}）", f"file too large ({_megabytes(size)}; limit {limit})")


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
        limit = f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB"
        _fail(f"文件过大（超过上限 {limit}）", f"file too large (over the {limit} limit)")
    return raw


def _utf16_without_bom(raw: bytes) -> str | None:
    """Little- or big-endian UTF-16 recognised by its zero bytes (ASCII-heavy text)."""
    head = raw[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(raw) % 2 or max(odd, even) < len(head) // 4:
        return None
    try:
        return raw.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None


def _decode(raw: bytes) -> str:
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        if raw.startswith(b"\xef\xbb\xbf"):
            return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail("文件开头标明了 Unicode 编码，但内容无法按该编码解码",
              "the file starts with a Unicode byte-order mark but its content cannot be decoded with it")
    if b"\x00" in raw:
        text = _utf16_without_bom(raw)
        if text is None:
            _fail("这不是文本文件（含有二进制内容）；请上传 CSV 文本文件",
                  "this is not a text file (binary content); upload a CSV text file")
        return text
    decoded = []
    for encoding in ("utf-8", "gb18030"):
        try:
            decoded.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not decoded:
        _fail("无法识别文件编码（请使用 UTF-8 或 GBK）", "cannot decode the file (use UTF-8 or GBK)")
    return min(decoded, key=_stray_characters)


def _stray_characters(text: str) -> int:
    """How many characters are neither ASCII nor CJK (ideographs, punctuation, full-width forms).

    A short GBK file can also be valid UTF-8 (GBK ``元`` reads as UTF-8 ``Ԫ``): the
    reading with fewer stray characters wins, UTF-8 on ties.
    """
    return sum(not (c < "\x80" or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef") for c in text)


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    counts = {d: sample.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header_target(cell: str) -> str | None:
    key = cell.strip().lower()
    return next((name for name, aliases in _HEADER_ALIASES.items() if key in aliases), None)


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Non-blank CSV records with the (1-based) line each ends on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True)
    rows = []
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        _fail(f"第 {reader.line_num} 行无法解析：{exc}", f"line {reader.line_num} cannot be parsed: {exc}")
    return rows


def read_table(raw: bytes | BinaryIO) -> pd.DataFrame:
    """Decode and split an uploaded CSV.

    Parameters
    ----------
    raw : bytes or binary file object
        The upload (see :func:`read_upload` for the size check).

    Returns
    -------
    DataFrame
        ``field, value, unit`` (text, ``unit`` empty when absent) and ``line`` (the
        line number in the file); ``attrs["extra_columns"]`` lists ignored columns.

    Raises
    ------
    UploadError
        Too large, empty, undecodable, a single column, missing ``field`` or
        ``value`` columns, no data rows or a row longer than the header.
    """
    text = _decode(read_upload(raw)).lstrip("\ufeff")
    if not text.strip():
        _fail("文件为空", "the file is empty")
    delimiter = _delimiter(text)
    rows = _rows(text, delimiter)
    if not rows:
        _fail("文件为空", "the file is empty")
    header_line, header = rows[0]
    while len(header) > 1 and not header[-1].strip():
        header.pop()
    if len(header) < 2:
        found = header[0].strip()[:40]
        _fail(f"只找到一列（{found!r}）：需要 field,value[,unit] 两到三列，以逗号、分号或制表符分隔，第一行为表头",
              f"found a single column ({found!r}): expected the columns field,value[,unit] separated by commas, "
              "semicolons or tabs, with a header line first")
    columns: dict[str, int] = {}
    extra: list[str] = []
    for position, cell in enumerate(header):
        target = _header_target(cell)
        if target and target not in columns:
            columns[target] = position
        else:
            extra.append(cell.strip() or f"#{position + 1}")
    missing = [c for c in ("field", "value") if c not in columns]
    if missing:
        found = ", ".join(cell.strip() for cell in header)
        _fail(f"缺少必需列 {', '.join(missing)}（第 {header_line} 行表头为：{found}；需要 field,value[,unit]）",
              f"missing required column(s) {', '.join(missing)} (header on line {header_line}: {found}; "
              "expected field,value[,unit])")
    records = []
    for line, cells in rows[1:]:
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()
        if len(cells) > len(header):
            _fail(f"第 {line} 行有 {len(cells)} 个单元格，但表头只有 {len(header)} 列",
                  f"line {line} has {len(cells)} cells but the header has {len(header)} columns")
        cells = cells + [""] * (len(header) - len(cells))
        records.append({"field": cells[columns["field"]].strip(), "value": cells[columns["value"]].strip(),
                        "unit": cells[columns["unit"]].strip() if "unit" in columns else "", "line": line})
    if not records:
        _fail("文件没有数据行（只有表头）", "the file has no data rows (only a header)")
    frame = pd.DataFrame.from_records(records, columns=["field", "value", "unit", "line"])
    frame.attrs["extra_columns"] = extra
    return frame


def _number(text: str, line: int, name: str, percent: bool) -> float:
    raw = text.replace(",", "").replace("，", "").strip()
    if percent and raw.endswith("%"):
        raw = raw[:-1].strip()
    if raw.lower() in _MISSING:
        _fail(f"第 {line} 行 {name}：缺少数值", f"line {line} {name}: value is missing")
    try:
        value = float(raw)
    except ValueError:
        _fail(f"第 {line} 行 {name}：数值 {text!r} 不是数字", f"line {line} {name}: value {text!r} is not a number")
    if math.isnan(value):
        _fail(f"第 {line} 行 {name}：缺少数值", f"line {line} {name}: value is missing")
    if math.isinf(value):
        _fail(f"第 {line} 行 {name}：数值 {text!r} 不是有限数", f"line {line} {name}: value {text!r} must be finite")
    if value < 0:
        _fail(f"第 {line} 行 {name}：数值 {value:g} 不能为负", f"line {line} {name}: value {value:g} must not be negative")
    return value


def _attribute_key(name: str) -> str | None:
    if name in EDITABLE_ATTRIBUTES or name in FLAGS:
        return name
    for attribute, spec in EDITABLE_ATTRIBUTES.items():
        if name == spec.label_zh or name.lower() == spec.label_en.lower():
            return attribute
    return None


def _field_key(name: str, line: int) -> str:
    key = _attribute_key(name)
    if key is not None:
        return key
    try:
        return resolve_industry(name)
    except UnknownNameError as exc:
        close = difflib.get_close_matches(name.lower(), [*EDITABLE_ATTRIBUTES, *FLAGS], n=3, cutoff=0.6)
        hint = f"; attribute? / 属性？ {', '.join(close)}" if close else ""
        raise UploadError(f"第 {line} 行：无法识别字段 {name!r} / line {line}: field {name!r} not recognised — "
                          f"{exc}{hint}") from None


def _output_value(value: float, unit: str, line: int, name: str, warnings: list[str]) -> float:
    factor = OUTPUT_UNITS.get(unit.lower())
    if factor is None:
        known = "、".join(u for u in OUTPUT_UNITS if u)
        _fail(f"第 {line} 行 {name}：无法识别的单位 {unit!r}（产出请用 {known}）",
              f"line {line} {name}: unknown unit {unit!r} (use 万元, 元 or 亿元 for output)")
    if factor != 1.0:
        warnings.append(f"第 {line} 行 {name}：单位 {unit} 已换算为万元 / line {line} {name}: unit {unit} "
                        "converted to 万元")
    return value * factor


def _attribute_value(key: str, value: float, unit: str, line: int, name: str) -> float:
    spec = EDITABLE_ATTRIBUTES[key]
    if unit and "".join(unit.split()).lower() != "".join(spec.unit.split()).lower():
        _fail(f"第 {line} 行 {name}：单位 {unit!r} 与所需单位 {spec.unit!r} 不符",
              f"line {line} {name}: unit {unit!r} differs from the required unit {spec.unit!r}")
    if not spec.low <= value <= spec.high:
        hint_zh = hint_en = ""
        if max(spec.low, spec.high * 1e-3) <= value / 1e4 <= spec.high:
            hint_zh, hint_en = "，似乎大了 10⁴ 倍，请检查单位", "; it looks 10⁴ times too large — check the unit"
        _fail(f"第 {line} 行 {name} = {value:g} 超出合理范围 [{spec.low:g}, {spec.high:g}] {spec.unit}{hint_zh}",
              f"line {line} {name} = {value:g} is outside the plausible range [{spec.low:g}, {spec.high:g}] "
              f"{spec.unit}{hint_en}")
    return value


def _listed(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:_LISTED]))
    return shown + (", …" if len(lines) > _LISTED else "")


def parse_region_csv(raw: bytes | BinaryIO) -> ParsedRegion:
    """Validate an upload and return sector outputs (万元), attributes and flags.

    Parameters
    ----------
    raw : bytes or binary file object
        The uploaded CSV.

    Returns
    -------
    ParsedRegion
        With bilingual warnings for ignored columns, repeated rows and converted units.

    Raises
    ------
    UploadError
        Any problem, with a bilingual message naming the line, field and value.
    """
    frame = read_table(raw)
    warnings: list[str] = []
    if frame.attrs["extra_columns"]:
        cols = ", ".join(frame.attrs["extra_columns"])
        warnings.append(f"已忽略多余的列：{cols} / extra columns ignored: {cols}")
    outputs: dict[str, float] = {}
    attributes: dict[str, float] = {}
    flags: dict[str, bool] = {}
    first_line: dict[str, int] = {}
    repeated: dict[str, list[int]] = {}
    for rec in frame.itertuples(index=False):
        name, line = rec.field, int(rec.line)
        if not name:
            _fail(f"第 {line} 行：field 为空", f"line {line}: field is empty")
        key = _field_key(name, line)
        spec = EDITABLE_ATTRIBUTES.get(key)
        value = _number(rec.value, line, name, percent=spec is not None and spec.unit == "%")
        if key in FLAGS:
            if value not in (0, 1):
                _fail(f"第 {line} 行 {name} 只能为 0 或 1（给出 {value:g}）",
                      f"line {line} {name} must be 0 or 1 (got {value:g})")
            target: dict = flags
            value = bool(value)
        elif spec is not None:
            target = attributes
            value = _attribute_value(key, value, rec.unit, line, name)
        else:
            target = outputs
            value = _output_value(value, rec.unit, line, name, warnings)
        if key in target:
            if target[key] != value:
                label = name if name == key else f"{name} ({key})"
                _fail(f"第 {line} 行：{label} 与第 {first_line[key]} 行重复且数值不同（{value:g} ≠ {target[key]:g}）",
                      f"line {line}: {label} repeats line {first_line[key]} with a different value "
                      f"({value:g} ≠ {target[key]:g})")
            repeated.setdefault(key, []).append(line)
            continue
        target[key] = value
        first_line[key] = line
    for key, lines in repeated.items():
        warnings.append(f"{key} 的重复行已忽略（第 {_listed(lines)} 行，与第 {first_line[key]} 行相同） / "
                        f"repeated rows of {key} ignored (lines {_listed(lines)}, same as line {first_line[key]})")
    if not outputs:
        _fail("没有任何产业产出行（需要产业代码或名称，例如 H19 或 通信设备）",
              "no sector output rows (industry codes or names needed, e.g. H19)")
    total = sum(outputs.values())
    if total > NATIONAL_TOTAL_OUTPUT:
        _fail(f"产出合计 {total:.3g} 万元超过全国总产出（约 {NATIONAL_TOTAL_OUTPUT:.2g} 万元），数值似乎以元为单位；"
              "请除以 10000 换算为万元，或在 unit 列写明 元",
              f"total output {total:.3g} 万元 exceeds China's total (about {NATIONAL_TOTAL_OUTPUT:.2g} 万元); "
              "the values look like 元 — divide by 10,000 to get 万元, or put 元 in the unit column")
    if total == 0:
        _fail("产出合计为 0", "total sector output is zero")
    if total < SMALL_TOTAL_OUTPUT:
        warnings.append(f"产出合计仅 {total:.3g} 万元，对一个地区而言很小；请确认单位是万元而不是亿元 / total output is "
                        f"only {total:.3g} 万元, small for a region; check the unit is 万元, not 亿元")
    return ParsedRegion(pd.Series(outputs, dtype=float), attributes, flags, warnings)


def template_csv(outputs: pd.Series, attributes: dict[str, float]) -> bytes:
    """A filled-in template (UTF-8 with BOM so Excel opens it) from a reference region."""
    rows = [{"field": code, "value": round(float(v), 2), "unit": "万元"} for code, v in outputs.items()]
    rows += [{"field": k, "value": v, "unit": EDITABLE_ATTRIBUTES[k].unit} for k, v in attributes.items()
             if not pd.isna(v)]
    return pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")
