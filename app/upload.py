"""Bring-your-own region: parse and validate an uploaded CSV of one region.

The CSV has one row per item: ``field,value[,unit]``. ``field`` is an industry
(code H01–H38, zh or en name; value = gross output in 万元) or an editable
attribute (see ``features.scenario.EDITABLE_ATTRIBUTES``), or ``coastal`` /
``land_border`` (0/1). Every problem raises :class:`UploadError` with a
bilingual message naming the row, field and value.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import pandas as pd

from data.resolve import UnknownNameError, resolve_industry
from features.scenario import EDITABLE_ATTRIBUTES

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: China's total gross output of all sectors, 2017, rounded up (万元).
NATIONAL_TOTAL_OUTPUT = 2.5e10
FLAGS = ("coastal", "land_border")
_HEADER_ALIASES = {
    "field": ("field", "字段", "项目", "指标", "item", "name"),
    "value": ("value", "数值", "值", "取值", "amount"),
    "unit": ("unit", "单位"),
}


class UploadError(ValueError):
    """An uploaded file cannot be used; the message is bilingual (zh / en)."""


@dataclass
class ParsedRegion:
    """Validated content of an upload."""

    outputs: pd.Series
    attributes: dict[str, float]
    flags: dict[str, bool]
    warnings: list[str] = field(default_factory=list)


def _fail(zh: str, en: str) -> None:
    raise UploadError(f"{zh} / {en}")


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    _fail("无法识别文件编码（请使用 UTF-8 或 GBK）", "cannot decode the file (use UTF-8 or GBK)")
    return ""


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    counts = {d: sample.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _rename_headers(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    mapping, extra = {}, []
    for column in frame.columns:
        key = str(column).strip().lower()
        target = next((name for name, aliases in _HEADER_ALIASES.items() if key in aliases), None)
        if target and target not in mapping.values():
            mapping[column] = target
        else:
            extra.append(str(column))
    return frame.rename(columns=mapping), extra


def _number(text: object, row: int, name: str) -> float:
    raw = str(text).strip().replace(",", "").replace("，", "")
    if raw == "" or raw.lower() in ("nan", "na", "none", "null"):
        _fail(f"第 {row} 行 {name}：缺少数值", f"row {row} {name}: value is missing")
    try:
        value = float(raw)
    except ValueError:
        _fail(f"第 {row} 行 {name}：数值 {raw!r} 不是数字", f"row {row} {name}: value {raw!r} is not a number")
    if math.isnan(value):
        _fail(f"第 {row} 行 {name}：缺少数值", f"row {row} {name}: value is missing")
    if math.isinf(value):
        _fail(f"第 {row} 行 {name}：数值不能为无穷大", f"row {row} {name}: value must be finite")
    if value < 0:
        _fail(f"第 {row} 行 {name}：数值 {value:g} 不能为负", f"row {row} {name}: value {value:g} must not be negative")
    return value


def _attribute_key(name: str) -> str | None:
    key = name.strip()
    if key in EDITABLE_ATTRIBUTES or key in FLAGS:
        return key
    for attribute, spec in EDITABLE_ATTRIBUTES.items():
        if key in (spec.label_zh, spec.label_en) or key.lower() == spec.label_en.lower():
            return attribute
    return None


def read_table(raw: bytes) -> pd.DataFrame:
    """Decode and split an uploaded CSV into a frame with ``field, value, unit`` columns."""
    if len(raw) > MAX_UPLOAD_BYTES:
        _fail(f"文件过大（{len(raw) / 1e6:.1f} MB，上限 {MAX_UPLOAD_BYTES / 1e6:.0f} MB）",
              f"file too large ({len(raw) / 1e6:.1f} MB; limit {MAX_UPLOAD_BYTES / 1e6:.0f} MB)")
    text = _decode(raw).strip()
    if not text:
        _fail("文件为空", "the file is empty")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=_delimiter(text), dtype=str, skipinitialspace=True,
                            quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        _fail(f"无法解析 CSV：{exc}", f"cannot parse the CSV: {exc}")
    frame, extra = _rename_headers(frame)
    missing = [c for c in ("field", "value") if c not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns))
        _fail(f"缺少必需列 {missing}（现有列：{found}）", f"missing required column(s) {missing} (found: {found})")
    if frame.empty:
        _fail("文件没有数据行", "the file has no data rows")
    frame.attrs["extra_columns"] = extra
    return frame


def parse_region_csv(raw: bytes) -> ParsedRegion:
    """Validate an upload and return sector outputs (万元), attributes and flags."""
    frame = read_table(raw)
    warnings = []
    if frame.attrs["extra_columns"]:
        cols = ", ".join(frame.attrs["extra_columns"])
        warnings.append(f"已忽略多余的列：{cols} / extra columns ignored: {cols}")
    outputs: dict[str, float] = {}
    attributes: dict[str, float] = {}
    flags: dict[str, bool] = {}
    seen: dict[str, float] = {}
    for position, rec in enumerate(frame.itertuples(index=False), start=2):
        name = str(rec.field).strip() if pd.notna(rec.field) else ""
        if not name:
            _fail(f"第 {position} 行：field 为空", f"row {position}: field is empty")
        value = _number(rec.value, position, name)
        unit = str(getattr(rec, "unit", "") or "").strip() if "unit" in frame.columns else ""
        key = _attribute_key(name)
        if key is None:
            try:
                key = resolve_industry(name)
            except UnknownNameError as exc:
                _fail(f"第 {position} 行：无法识别的字段 {name!r}", f"row {position}: unknown field {name!r} ({exc})")
            if unit == "元":
                value /= 1e4
                warnings.append(f"第 {position} 行 {name}：单位为元，已换算为万元 / row {position} {name}: "
                                "unit 元 converted to 万元")
        if key in seen:
            if seen[key] != value:
                _fail(f"第 {position} 行：{name} 重复且数值不同", f"row {position}: {name} is duplicated with a "
                      "different value")
            warnings.append(f"第 {position} 行：重复的 {name} 已忽略 / row {position}: duplicate {name} ignored")
            continue
        seen[key] = value
        if key in FLAGS:
            if value not in (0, 1):
                _fail(f"第 {position} 行 {name} 只能为 0 或 1", f"row {position} {name} must be 0 or 1")
            flags[key] = bool(value)
        elif key in EDITABLE_ATTRIBUTES:
            attributes[key] = value
        else:
            outputs[key] = value
    if not outputs:
        _fail("没有任何产业产出行（需要产业代码或名称）", "no sector output rows (industry codes or names needed)")
    total = sum(outputs.values())
    if total > NATIONAL_TOTAL_OUTPUT:
        _fail(f"产出合计 {total:.3g} 超过全国总产出，数值似乎以元为单位；请除以 10000 换算为万元",
              f"total output {total:.3g} exceeds China's total; values look like 元 — divide by 10,000 to get 万元")
    if total == 0:
        _fail("产出合计为 0", "total sector output is zero")
    return ParsedRegion(pd.Series(outputs, dtype=float), attributes, flags, warnings)


def template_csv(outputs: pd.Series, attributes: dict[str, float]) -> bytes:
    """A filled-in template (UTF-8 with BOM so Excel opens it) from a reference region."""
    rows = [{"field": code, "value": round(float(v), 2), "unit": "万元"} for code, v in outputs.items()]
    rows += [{"field": k, "value": v, "unit": EDITABLE_ATTRIBUTES[k].unit} for k, v in attributes.items()
             if not pd.isna(v)]
    return pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")
