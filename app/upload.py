"""Bring-your-own region: parse and validate an uploaded CSV or XLSX of one region.

The file has a header line and one row per item: ``field,value[,unit]``.
``field`` is an industry (code H01–H38, its exact zh or en name, or an everyday
word such as 光伏; value = gross output in 万元, or in 元 / 亿元 when the unit
says so) or an editable attribute (see ``features.scenario.EDITABLE_ATTRIBUTES``,
value in the attribute's unit), or ``coastal`` / ``land_border`` (0/1).

Reading (sizes, encodings, delimiters, XLSX) is in :mod:`app.upload_read`. Here:

* each distinct field is resolved once (label maps are cached by the resolver);
  a partial name match or an approximate everyday word is accepted with a
  warning naming the interpretation, and refused when it could also be an
  attribute (``retail`` → H26 wholesale & retail *or* ``retail_sales``?);
* numbers: thousands separators only in valid groups (``1,234``); a decimal
  comma (``1234,5``) is read as 1234.5 with a warning; ``1,2,3`` and
  ambiguous ``1,234`` in a file not delimited by commas are refused;
* percent attributes given as a fraction (``rd_intensity,0.025``) get a warning.

Every problem raises :class:`UploadError` with a bilingual ``zh / en`` message
naming the line, field and value (user text truncated, control characters
escaped); nothing is returned half-validated. Messages are plain text: the app
escapes them for Markdown (``app.text_safety``) before showing them.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import BinaryIO

import pandas as pd

from app.upload_read import (DELIMITERS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, UploadError,
                             check_size, fail, limits_text, read_rows, read_upload)
from data.echo import clean, quoted
from data.loader import load_table
from data.resolve import UnknownNameError, industry_labels, match_industry, normalize
from features.scenario import EDITABLE_ATTRIBUTES, readable_number

__all__ = ["DELIMITERS", "FLAGS", "MAX_COLUMNS", "MAX_DATA_ROWS", "MAX_UPLOAD_BYTES", "MAX_UPLOAD_MB",
           "NATIONAL_TOTAL_OUTPUT", "OUTPUT_UNITS", "ParsedRegion", "UploadError", "check_size", "limits_text",
           "parse_region_csv", "read_table", "read_upload", "template_csv"]

#: China's total gross output of all sectors, 2017, rounded up (万元).
NATIONAL_TOTAL_OUTPUT = 2.5e10
#: Below this total (万元, i.e. 10 亿元) the outputs are probably in 亿元, not 万元.
SMALL_TOTAL_OUTPUT = 1e5
FLAGS = ("coastal", "land_border")
#: Output units accepted for industry rows and their factor to 万元.
OUTPUT_UNITS = {"": 1.0, "万元": 1.0, "10^4 yuan": 1.0, "元": 1e-4, "yuan": 1e-4, "亿元": 1e4, "100 million yuan": 1e4}
_HEADER_ALIASES = {
    "field": ("field", "字段", "项目", "指标", "item", "name"),
    "value": ("value", "数值", "值", "取值", "amount"),
    "unit": ("unit", "单位"),
}
#: Label columns of the template: read past without a note.
_LABEL_HEADERS = ("名称", "中文名称", "name_zh", "name_en", "英文名称", "english name")
_MISSING = ("", "nan", "na", "n/a", "none", "null", "-", "—")
_LISTED = 10
_LISTED_COLUMNS = 5
_NAME_LIMIT = 40
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_NAMED = {"inf": math.inf, "+inf": math.inf, "infinity": math.inf, "-inf": -math.inf, "nan": math.nan}


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
        Bilingual notes on what was ignored, converted or interpreted.
    """

    outputs: pd.Series
    attributes: dict[str, float]
    flags: dict[str, bool]
    warnings: list[str] = field(default_factory=list)


def _header_target(cell: str) -> str | None:
    key = normalize(cell)
    return next((name for name, aliases in _HEADER_ALIASES.items() if key in aliases), None)


def _extra_columns_note(extra: list[str]) -> str:
    shown = ", ".join(clean(c, _NAME_LIMIT) for c in extra[:_LISTED_COLUMNS])
    more_zh = f" 等 {len(extra)} 列" if len(extra) > _LISTED_COLUMNS else ""
    more_en = f" … ({len(extra)} in all)" if len(extra) > _LISTED_COLUMNS else ""
    return f"已忽略多余的列：{shown}{more_zh} / extra columns ignored: {shown}{more_en}"


def read_table(raw: bytes | BinaryIO) -> pd.DataFrame:
    """Decode and split an uploaded CSV or XLSX.

    Parameters
    ----------
    raw : bytes or binary file object
        The upload (see :func:`app.upload_read.read_upload` for the size check).

    Returns
    -------
    DataFrame
        ``field, value, unit`` (text, ``unit`` empty when absent) and ``line`` (the
        line number in the file); ``attrs["extra_columns"]`` lists ignored columns
        and ``attrs["notes"]`` how the file was read.

    Raises
    ------
    UploadError
        Too large, too many rows or columns, empty, undecodable, a single
        column, missing ``field`` or ``value`` columns, no data rows or a row
        longer than the header.
    """
    table = read_rows(read_upload(raw))
    if not table.rows:
        fail("文件为空", "the file is empty")
    header_line, header = table.rows[0]
    while len(header) > 1 and not header[-1].strip():
        header.pop()
    if len(header) > MAX_COLUMNS:
        fail(f"表头超过 {MAX_COLUMNS} 列（需要 field,value[,unit]，可另加少量备注列）",
             f"the header has more than {MAX_COLUMNS} columns (expected field,value[,unit] and at most a few notes)")
    if len(header) < 2:
        found = quoted(header[0].strip(), _NAME_LIMIT)
        _single_column(found)
    columns: dict[str, int] = {}
    extra: list[str] = []
    for position, cell in enumerate(header):
        target = _header_target(cell)
        if target and target not in columns:
            columns[target] = position
        elif normalize(cell) in _LABEL_HEADERS:
            continue
        else:
            extra.append(cell.strip() or f"#{position + 1}")
    missing = [c for c in ("field", "value") if c not in columns]
    if missing:
        found = ", ".join(clean(cell.strip(), _NAME_LIMIT) for cell in header)
        fail(f"缺少必需列 {', '.join(missing)}（第 {header_line} 行表头为：{found}；需要 field,value[,unit]）",
             f"missing required column(s) {', '.join(missing)} (header on line {header_line}: {found}; "
             "expected field,value[,unit])")
    records = []
    for line, cells in table.rows[1:]:
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()
        if len(cells) > len(header):
            fail(f"第 {line} 行有 {len(cells)} 个单元格，但表头只有 {len(header)} 列",
                 f"line {line} has {len(cells)} cells but the header has {len(header)} columns")
        cells = cells + [""] * (len(header) - len(cells))
        records.append({"field": cells[columns["field"]].strip(), "value": cells[columns["value"]].strip(),
                        "unit": cells[columns["unit"]].strip() if "unit" in columns else "", "line": line})
    if not records:
        fail("文件没有数据行（只有表头）", "the file has no data rows (only a header)")
    frame = pd.DataFrame.from_records(records, columns=["field", "value", "unit", "line"])
    frame.attrs["extra_columns"] = extra
    frame.attrs["notes"] = table.warnings
    frame.attrs["delimiter"] = table.delimiter
    return frame


def _single_column(found: str) -> None:
    fail(f"只找到一列（{found}）：需要 field,value[,unit] 两到三列，以逗号、分号或制表符分隔，第一行为表头",
         f"found a single column ({found}): expected the columns field,value[,unit] separated by commas, "
         "semicolons or tabs, with a header line first")


# ---------------------------------------------------------------- numbers
def _plain_number(text: str, delimiter: str, where: tuple[str, str], warnings: list[str]) -> str:
    """``text`` without valid thousands separators, a decimal comma turned into a point (warned)."""
    if "," not in text:
        return text
    zh, en = where
    shown = quoted(text, _NAME_LIMIT)
    if _THOUSANDS.fullmatch(text) and delimiter in (",", ""):
        return text.replace(",", "")
    if _THOUSANDS.fullmatch(text):
        fail(f"{zh}：数值 {shown} 不明确（千位分隔还是小数逗号？）；请写不带分隔符的数字，小数用点",
             f"{en}: value {shown} is ambiguous (thousands separator or decimal comma?); write the number "
             "without separators, with a decimal point")
    if _DECIMAL_COMMA.fullmatch(text):
        number = text.replace(",", ".")
        warnings.append(f"{zh}：数值 {shown} 按小数逗号读作 {number} / {en}: value {shown} read as {number} "
                        "(decimal comma)")
        return number
    fail(f"{zh}：数值 {shown} 的千位分隔符位置不对（应每三位一组，如 1,234,567）",
         f"{en}: value {shown} has misplaced thousands separators (groups of three digits, e.g. 1,234,567)")


def _number(text: str, line: int, name: str, percent: bool, delimiter: str,
            warnings: list[str]) -> tuple[float, bool]:
    """The value of a cell and whether it carried a ``%`` sign."""
    label = clean(name, _NAME_LIMIT)
    zh, en = where = (f"第 {line} 行 {label}", f"line {line} {label}")
    raw = unicodedata.normalize("NFKC", text).strip()
    had_percent = percent and raw.endswith("%")
    if had_percent:
        raw = raw[:-1].strip()
    if raw.lower() in _MISSING:
        fail(f"{zh}：缺少数值", f"{en}: value is missing")
    raw = _plain_number(raw, delimiter, where, warnings)
    shown = quoted(text, _NAME_LIMIT)
    if raw.lower() in _NAMED:
        value = _NAMED[raw.lower()]
    elif _PLAIN_NUMBER.fullmatch(raw):
        value = float(raw)
    else:
        fail(f"{zh}：数值 {shown} 不是数字", f"{en}: value {shown} is not a number")
    if math.isnan(value):
        fail(f"{zh}：缺少数值", f"{en}: value is missing")
    if math.isinf(value):
        fail(f"{zh}：数值 {shown} 不是有限数", f"{en}: value {shown} must be finite")
    if value < 0:
        fail(f"{zh}：数值 {value:g} 不能为负", f"{en}: value {value:g} must not be negative")
    return value, had_percent


# ---------------------------------------------------------------- fields
@dataclass(frozen=True)
class _Field:
    key: str
    note: str | None = None


def _attribute_key(name: str) -> str | None:
    key = normalize(name)
    for attribute in (*EDITABLE_ATTRIBUTES, *FLAGS):
        if key == attribute:
            return attribute
    for attribute, spec in EDITABLE_ATTRIBUTES.items():
        if key in (normalize(spec.label_zh), normalize(spec.label_en)):
            return attribute
    return None


def _attribute_like(key: str) -> list[str]:
    """Attributes whose key or label contains ``key`` (or is contained in it)."""
    found = []
    for attribute, spec in EDITABLE_ATTRIBUTES.items():
        names = (attribute, normalize(spec.label_zh), normalize(spec.label_en))
        if any(key in n or n in key for n in names):
            found.append(attribute)
    return found


def _resolve_field(name: str, line: int) -> _Field:
    key = _attribute_key(name)
    if key is not None:
        return _Field(key)
    shown = quoted(name, _NAME_LIMIT)
    try:
        match = match_industry(name)
    except UnknownNameError as exc:
        _unknown_field(name, shown, line, exc)
    if match.how == "partial":
        rivals = _attribute_like(normalize(name))
        if rivals:
            specs = [(a, EDITABLE_ATTRIBUTES[a]) for a in rivals]
            options_zh = "、".join(f"{a}（{s.label_zh}，{s.unit_zh}）" for a, s in specs)
            options_en = ", ".join(f"{a} ({s.label_en}, {s.unit_en})" for a, s in specs)
            fail(f"第 {line} 行：字段 {shown} 不明确：可能是产业 {match.code}（部分名称匹配）或属性 {options_zh}；"
                 f"请写 {match.code} 或属性名",
                 f"line {line}: field {shown} is ambiguous: industry {match.code} (partial name match) or attribute "
                 f"{options_en}; write {match.code} or the attribute name")
    note = (f"第 {line} 行 {shown}：{match.note_zh} / line {line} {shown}: {match.note_en}"
            if match.note_zh else None)
    return _Field(str(match.code), note)


def _unknown_field(name: str, shown: str, line: int, exc: UnknownNameError) -> None:
    if exc.ambiguous:
        raise UploadError(f"第 {line} 行：无法识别字段 {shown} / line {line}: field {shown} not recognised — "
                          f"{exc}") from None
    key = normalize(name)
    close = [f"{a} (attribute / 属性)" for a in (*EDITABLE_ATTRIBUTES, *FLAGS) if _similar(key, a)]
    close += [industry_label(code) for code in exc.candidates]
    hint = ("did you mean / 您是否要找: " + ", ".join(close[:5]) if close else
            "use an industry code H01–H38, a sector name or an attribute name as in the template / "
            "请使用 H01–H38 产业代码、产业名称或模板中的属性名")
    raise UploadError(f"第 {line} 行：无法识别字段 {shown} / line {line}: field {shown} not recognised; "
                      f"{hint}") from None


def industry_label(code: str) -> str:
    """'H19 通信设备… Communication equipment…' (the code itself if unknown)."""
    return industry_labels().get(code, code)


def _similar(key: str, attribute: str) -> bool:
    return difflib.SequenceMatcher(None, key, attribute).ratio() >= 0.6


# ---------------------------------------------------------------- values
def _output_value(value: float, unit: str, line: int, name: str, warnings: list[str]) -> float:
    factor = OUTPUT_UNITS.get(unicodedata.normalize("NFKC", unit).strip().lower())
    label = clean(name, _NAME_LIMIT)
    if factor is None:
        known = "、".join(u for u in OUTPUT_UNITS if u)
        fail(f"第 {line} 行 {label}：无法识别的单位 {quoted(unit, _NAME_LIMIT)}（产出请用 {known}）",
             f"line {line} {label}: unknown unit {quoted(unit, _NAME_LIMIT)} (use 10^4 yuan, yuan or 100 million "
             "yuan for output)")
    if factor != 1.0:
        unit_text = clean(unit, _NAME_LIMIT)
        warnings.append(f"第 {line} 行 {label}：单位 {unit_text} 已换算为万元 / line {line} {label}: unit {unit_text} "
                        "converted to 10^4 yuan")
    return value * factor


def _fraction_hint(spec, value: float) -> tuple[str, str] | None:
    """Hint when a % attribute looks like a fraction (0.025 for 2.5 %)."""
    if spec.unit_zh == "%" and 0 < value <= 1 and spec.low <= value * 100 <= spec.high:
        pct = f"{value * 100:g}"
        return (f"看起来像是以小数表示的比例（{value:g} = {pct} %）；如果是这样请填 {pct}",
                f"this looks like a fraction ({value:g} = {pct} %); if so, write {pct}")
    return None


def _attribute_value(key: str, value: float, unit: str, line: int, name: str, had_percent: bool,
                     warnings: list[str]) -> float:
    spec = EDITABLE_ATTRIBUTES[key]
    label = clean(name, _NAME_LIMIT)
    if unit and normalize(unit) not in (normalize(spec.unit_zh), normalize(spec.unit_en)):
        fail(f"第 {line} 行 {label}：单位 {quoted(unit, _NAME_LIMIT)} 与所需单位 {spec.unit_zh!r} 不符",
             f"line {line} {label}: unit {quoted(unit, _NAME_LIMIT)} differs from the required unit {spec.unit_en!r}")
    fraction = None if had_percent else _fraction_hint(spec, value)
    if not spec.low <= value <= spec.high:
        hint_zh = hint_en = ""
        if max(spec.low, spec.high * 1e-3) <= value / 1e4 <= spec.high:
            hint_zh, hint_en = "，似乎大了 10⁴ 倍，请检查单位", "; it looks 10⁴ times too large — check the unit"
        elif fraction:
            hint_zh, hint_en = f"，{fraction[0]}", f"; {fraction[1]}"
        given, low, high = readable_number(value), readable_number(spec.low), readable_number(spec.high)
        fail(f"第 {line} 行 {label} = {given} 超出合理范围 [{low}, {high}] {spec.unit_zh}{hint_zh}",
             f"line {line} {label} = {given} is outside the plausible range [{low}, {high}] "
             f"{spec.unit_en}{hint_en}")
    if fraction:
        warnings.append(f"第 {line} 行 {label} = {value:g} %：{fraction[0]} / line {line} {label} = {value:g} %: "
                        f"{fraction[1]}")
    return value


def _listed(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:_LISTED]))
    return shown + (", …" if len(lines) > _LISTED else "")


def _check_outputs(outputs: dict[str, float], warnings: list[str]) -> None:
    if not outputs:
        fail("没有任何产业产出行（需要产业代码或名称，例如 H19 或 通信设备）",
             "no sector output rows (industry codes or names needed, e.g. H19)")
    total = sum(outputs.values())
    if total > NATIONAL_TOTAL_OUTPUT:
        given, national = readable_number(total), readable_number(NATIONAL_TOTAL_OUTPUT)
        fail(f"产出合计 {given} 万元超过全国总产出（约 {national} 万元），数值似乎以元为单位；"
             "请除以 10000 换算为万元，或在 unit 列写明 元",
             f"total output {given} (10^4 yuan) exceeds China's total (about {national}); the values look like "
             "yuan — divide by 10,000, or put yuan in the unit column")
    if total == 0:
        fail("产出合计为 0", "total sector output is zero")
    if total < SMALL_TOTAL_OUTPUT:
        warnings.append(f"产出合计仅 {readable_number(total)} 万元，对一个地区而言很小；请确认单位是万元而不是亿元 / "
                        f"total output is only {readable_number(total)} (10^4 yuan), small for a region; check the "
                        "unit is 10^4 yuan, not 100 million yuan")


def parse_region_csv(raw: bytes | BinaryIO) -> ParsedRegion:
    """Validate an upload (CSV or XLSX) and return sector outputs (万元), attributes and flags.

    Parameters
    ----------
    raw : bytes or binary file object
        The uploaded file.

    Returns
    -------
    ParsedRegion
        With bilingual warnings for ignored columns, repeated rows, converted
        units and every interpretation made (partial names, approximate
        everyday words, decimal commas, fractions given for percentages).

    Raises
    ------
    UploadError
        Any problem, with a bilingual message naming the line, field and value.
    """
    frame = read_table(raw)
    warnings: list[str] = list(frame.attrs["notes"])
    if frame.attrs["extra_columns"]:
        warnings.append(_extra_columns_note(frame.attrs["extra_columns"]))
    delimiter = frame.attrs["delimiter"]
    resolved: dict[str, _Field] = {}
    outputs: dict[str, float] = {}
    attributes: dict[str, float] = {}
    flags: dict[str, bool] = {}
    first_line: dict[str, int] = {}
    repeated: dict[str, list[int]] = {}
    for rec in frame.itertuples(index=False):
        name, line = rec.field, int(rec.line)
        if not name:
            fail(f"第 {line} 行：field 为空", f"line {line}: field is empty")
        if name not in resolved:
            resolved[name] = _resolve_field(name, line)
            if resolved[name].note:
                warnings.append(resolved[name].note)
        key = resolved[name].key
        spec = EDITABLE_ATTRIBUTES.get(key)
        value, had_percent = _number(rec.value, line, name, spec is not None and spec.unit_zh == "%", delimiter,
                                     warnings)
        if key in FLAGS:
            if value not in (0, 1):
                fail(f"第 {line} 行 {clean(name, _NAME_LIMIT)} 只能为 0 或 1（给出 {value:g}）",
                     f"line {line} {clean(name, _NAME_LIMIT)} must be 0 or 1 (got {value:g})")
            target: dict = flags
            value = bool(value)
        elif spec is not None:
            target = attributes
            value = _attribute_value(key, value, rec.unit, line, name, had_percent, warnings)
        else:
            target = outputs
            value = _output_value(value, rec.unit, line, name, warnings)
        if key in target:
            if target[key] != value:
                label = clean(name, _NAME_LIMIT)
                label = label if name == key else f"{label} ({key})"
                fail(f"第 {line} 行：{label} 与第 {first_line[key]} 行重复且数值不同（{value:g} ≠ {target[key]:g}）",
                     f"line {line}: {label} repeats line {first_line[key]} with a different value "
                     f"({value:g} ≠ {target[key]:g})")
            repeated.setdefault(key, []).append(line)
            continue
        target[key] = value
        first_line[key] = line
    for key, lines in repeated.items():
        warnings.append(f"{key} 的重复行已忽略（第 {_listed(lines)} 行，与第 {first_line[key]} 行相同） / "
                        f"repeated rows of {key} ignored (lines {_listed(lines)}, same as line {first_line[key]})")
    _check_outputs(outputs, warnings)
    return ParsedRegion(pd.Series(outputs, dtype=float), attributes, flags, warnings)


def _rounded(value: float) -> str:
    """A template value without float noise: whole numbers from 100 up, else 4 significant digits."""
    number = float(value)
    if abs(number) >= 100:
        return str(int(round(number)))
    return f"{number:.4g}"


def template_csv(outputs: pd.Series, attributes: dict[str, float]) -> bytes:
    """A filled-in template (UTF-8 with BOM so Excel opens it) from a reference region.

    Columns ``field, 名称, name_en, value, unit``: the machine-readable field (H code or
    attribute key), its Chinese and English names (ignored on upload) and a rounded value.
    """
    industries = load_table("industries").set_index("industry")
    rows = [{"field": code, "名称": industries.at[code, "name_zh"], "name_en": industries.at[code, "name_en"],
             "value": _rounded(v), "unit": "万元"} for code, v in outputs.items()]
    rows += [{"field": k, "名称": EDITABLE_ATTRIBUTES[k].label_zh, "name_en": EDITABLE_ATTRIBUTES[k].label_en,
              "value": _rounded(v), "unit": EDITABLE_ATTRIBUTES[k].unit_zh}
             for k, v in attributes.items() if not pd.isna(v)]
    return pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")
