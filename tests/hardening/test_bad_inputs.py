"""Bad-input matrix: every case asserts the exact message a user sees, never a traceback.

Covers names (resolver and CLI), uploaded region CSVs (encodings, delimiters,
columns, duplicates, numbers, units, sizes), what-if values outside their
plausible ranges (API and the what-if page), broken model files and missing or
altered curated tables. Broken files are always temporary copies.
"""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import pytest
from typer.testing import CliRunner

from app.cli import app
from app.upload import MAX_UPLOAD_BYTES, UploadError, parse_region_csv, template_csv
from data import DataError, load_table
from data.resolve import UnknownNameError, resolve_industry, resolve_region
from features.scenario import EDITABLE_ATTRIBUTES, apply_edits, attribute_value
from models.artifacts import META_FILE, MODEL_FILE, ArtifactError, data_hash, load_model
from tests.hardening.conftest import APP

runner = CliRunner()
SICHUAN = 510000
AMBIGUOUS_DEVICE = ("industry '设备' is ambiguous / 名称不唯一: H16 通用、专用设备 General & special-purpose machinery, "
                    "H17 交通运输设备 Transport equipment, H19 通信设备、计算机和其他电子设备 Communication equipment, "
                    "computers & electronics")
AMBIGUOUS_JIANG = ("region '江' is ambiguous / 名称不唯一: 黑龙江省 Heilongjiang (230000), 江苏省 Jiangsu (320000), "
                   "浙江省 Zhejiang (330000), 江西省 Jiangxi (360000)")
NO_REGION_HINT = ("no close matches; use a province name, short name or 6-digit code, e.g. 四川, Sichuan, 510000 / "
                  "无相近名称，请输入省名、简称或 6 位代码")
UNKNOWN_ATLANTIS = f"unknown region 'Atlantis' / 未找到地区: Atlantis; {NO_REGION_HINT}"
CANDIDATES = ", ".join(f"H{i:02d}" for i in range(6, 22))


def _cli(*args: str) -> tuple[int, str]:
    """Run the CLI in-process; return the exit code and stderr (it must not have crashed)."""
    result = runner.invoke(app, list(args))
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


# ---------------------------------------------------------------- names
@pytest.mark.parametrize(("resolve", "text", "message"), [
    (resolve_region, "Atlantis", UNKNOWN_ATLANTIS),
    (resolve_region, "江", AMBIGUOUS_JIANG),
    (resolve_region, "  ", "empty region name / 地区名称为空"),
    (resolve_industry, "设备", AMBIGUOUS_DEVICE),
    (resolve_industry, "zzz", "unknown industry 'zzz' / 未找到产业: zzz; no close matches; use a code H01–H38 or a "
                              "sector name, e.g. H19, 光伏 / 无相近名称，请输入 H01–H38 代码或产业名称"),
], ids=["region-unknown", "region-ambiguous", "region-empty", "industry-ambiguous", "industry-unknown"])
def test_resolver_names_the_problem(resolve, text, message):
    with pytest.raises(UnknownNameError) as caught:
        resolve(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("args", "message"), [
    (["recommend", "--region", "Atlantis"], UNKNOWN_ATLANTIS),
    (["recommend", "--region", "江"], AMBIGUOUS_JIANG),
    (["recommend", "--region", "990000"], f"unknown region '990000' / 未找到地区: 990000; {NO_REGION_HINT}"),
    (["recommend", "--region", "四川", "--as-of", "1800"],
     "as-of year 1800 is outside the data (1997–2024) / 基准年份超出数据范围"),
    (["recommend", "--region", "四川", "--top", "0"], "--top must be at least 1, got 0 / --top 至少为 1"),
    (["sites", "--industry", "设备"], AMBIGUOUS_DEVICE),
    (["sites", "--industry", "H01"],
     f"industry 'H01' (H01) is not a candidate for transfer (the manufacturing groups) / 非承接候选产业（仅制造业）; "
     f"candidates / 候选: {CANDIDATES}"),
    (["features", "show", "--region", "Atlantis"], UNKNOWN_ATLANTIS),
], ids=["recommend-unknown", "recommend-ambiguous", "recommend-no-such-code", "recommend-as-of", "recommend-top",
        "sites-ambiguous", "sites-not-candidate", "features-unknown"])
def test_cli_rejects_bad_names_with_exit_2(args, message):
    code, stderr = _cli(*args)
    assert code == 2
    assert stderr == f"error: {message}\n"


def test_cli_train_refuses_a_file_as_output_folder(tmp_path):
    target = tmp_path / "model.txt"
    target.write_text("not a folder")
    code, stderr = _cli("train", "--out", str(target))
    assert code == 2
    assert stderr == f"error: --out {target} exists and is not a folder\n"


# ---------------------------------------------------------------- uploads: accepted
GOOD_ROWS = "field,value,unit\nH19,5000000,万元\n电气机械和器材,3000000,万元\npopulation,3000,10^4 persons\n"
GOOD = {"H19": 5_000_000.0, "H18": 3_000_000.0}


@pytest.mark.parametrize("raw", [
    GOOD_ROWS.encode("gbk"),
    GOOD_ROWS.encode("utf-8-sig"),
    GOOD_ROWS.encode("utf-16"),
    GOOD_ROWS.replace(",", "\t").encode("utf-16"),
    GOOD_ROWS.encode("utf-16-le"),
    GOOD_ROWS.replace(",", ";").encode(),
    GOOD_ROWS.replace(",", "\t").encode(),
    GOOD_ROWS.replace("field,value,unit", "字段,数值,单位").encode("gb18030"),
    GOOD_ROWS.replace("\n", "\r\n").encode(),
], ids=["gbk", "utf8-bom", "utf16", "utf16-tab-excel", "utf16-no-bom", "semicolon", "tab", "zh-headers",
        "crlf"])
def test_upload_accepts_common_encodings_and_delimiters(raw):
    parsed = parse_region_csv(raw)
    assert parsed.outputs.to_dict() == GOOD
    assert parsed.attributes == {"population": 3000.0}
    assert parsed.warnings == []


def test_upload_accepts_a_file_object():
    parsed = parse_region_csv(io.BytesIO(GOOD_ROWS.encode()))
    assert parsed.outputs.to_dict() == GOOD


def test_upload_warns_about_extra_columns():
    parsed = parse_region_csv(b"field,value,comment,source\nH19,5000000,big,NBS\n")
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
    assert parsed.warnings == ["已忽略多余的列：comment, source / extra columns ignored: comment, source"]


def test_upload_warns_about_repeated_rows_with_the_same_value():
    parsed = parse_region_csv("field,value\nH19,5000000\nH19,5000000\n\n通信设备,5000000\n".encode())
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
    label = "H19 通信设备、计算机和其他电子设备 Communication equipment, computers & electronics"
    assert parsed.warnings == [f"第 5 行 '通信设备'：按部分名称匹配为 {label} / line 5 '通信设备': read as {label} "
                               "(partial name match)",
                               "H19 的重复行已忽略（第 3, 5 行，与第 2 行相同） / "
                               "repeated rows of H19 ignored (lines 3, 5, same as line 2)"]


def test_upload_converts_an_explicit_yuan_unit():
    parsed = parse_region_csv("field,value,unit\nH19,50000000000,元\n".encode())
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
    assert parsed.warnings == ["第 2 行 H19：单位 元 已换算为万元 / line 2 H19: unit 元 converted to 10^4 yuan"]


def test_short_gbk_file_that_is_also_valid_utf8_reads_as_gbk():
    raw = "field,value,unit\nH19,50000000000,元\n".encode("gbk")  # GBK 元 is UTF-8 Ԫ
    raw.decode("utf-8")
    parsed = parse_region_csv(raw)
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
    assert parsed.warnings == ["文件按 GBK（GB18030）读取：按 UTF-8 读取会出现字符 'Ԫ' / the file was read as GBK "
                               "(GB18030): read as UTF-8 it would contain 'Ԫ'",
                               "第 2 行 H19：单位 元 已换算为万元 / line 2 H19: unit 元 converted to 10^4 yuan"]


def test_upload_warns_when_output_looks_like_yi_yuan():
    parsed = parse_region_csv(b"field,value\nH19,500\n")
    assert parsed.warnings == ["产出合计仅 500 万元，对一个地区而言很小；请确认单位是万元而不是亿元 / total output is only "
                               "500 (10^4 yuan), small for a region; check the unit is 10^4 yuan, not 100 million "
                               "yuan"]


def test_template_round_trips():
    from models.scoring import load_scorer

    arrays = load_scorer().arrays
    year = arrays.latest_year
    outputs = pd.Series(arrays.output(max(arrays.io_years))[arrays.position[SICHUAN]], index=arrays.industries)
    attributes = {k: attribute_value(arrays, SICHUAN, k, year) for k in EDITABLE_ATTRIBUTES}
    parsed = parse_region_csv(template_csv(outputs, attributes))
    assert parsed.warnings == []
    assert list(parsed.outputs.index) == list(outputs.index)
    assert (parsed.outputs - outputs).abs().max() <= 0.5  # whole 万元
    known = {k: v for k, v in attributes.items() if not math.isnan(v)}
    assert parsed.attributes.keys() == known.keys()
    for key, value in known.items():  # whole numbers from 100 up, 4 significant digits below
        assert parsed.attributes[key] == pytest.approx(value, rel=5e-4, abs=0.5), key


# ---------------------------------------------------------------- uploads: rejected
FIELD_HINT = "field,value[,unit]"
REJECTED = {
    "empty": (b"", "文件为空 / the file is empty"),
    "blank-lines": (b" \n\n\t\n", "文件为空 / the file is empty"),
    "header-only": (b"field,value,unit\n", "文件没有数据行（只有表头） / the file has no data rows (only a header)"),
    "single-column-garbage": (
        b"hello world\nlorem ipsum\n",
        "只找到一列（'hello world'）：需要 field,value[,unit] 两到三列，以逗号、分号或制表符分隔，第一行为表头 / found a single "
        "column ('hello world'): expected the columns field,value[,unit] separated by commas, semicolons or tabs, "
        "with a header line first"),
    "missing-value-column": (
        b"field,amount2\nH19,1\n",
        f"缺少必需列 value（第 1 行表头为：field, amount2；需要 {FIELD_HINT}） / missing required column(s) value "
        f"(header on line 1: field, amount2; expected {FIELD_HINT})"),
    "no-header": (
        b"H19,5000000\nH18,3000000\n",
        f"缺少必需列 field, value（第 1 行表头为：H19, 5000000；需要 {FIELD_HINT}） / missing required column(s) "
        f"field, value (header on line 1: H19, 5000000; expected {FIELD_HINT})"),
    "row-longer-than-header": (
        b"field,value\nH19,5,000,000\n",
        "第 2 行有 4 个单元格，但表头只有 2 列 / line 2 has 4 cells but the header has 2 columns"),
    "duplicate-different": (
        "field,value\nH19,5000000\n通信设备,6000000\n".encode(),
        "第 3 行：通信设备 (H19) 与第 2 行重复且数值不同（6e+06 ≠ 5e+06） / line 3: 通信设备 (H19) repeats line 2 with "
        "a different value (6e+06 ≠ 5e+06)"),
    "negative": (b"field,value\nH19,-5\n", "第 2 行 H19：数值 -5 不能为负 / line 2 H19: value -5 must not be negative"),
    "nan": (b"field,value\nH19,NaN\n", "第 2 行 H19：缺少数值 / line 2 H19: value is missing"),
    "empty-value": (b"field,value\nH19,\n", "第 2 行 H19：缺少数值 / line 2 H19: value is missing"),
    "inf": (b"field,value\nH19,inf\n", "第 2 行 H19：数值 'inf' 不是有限数 / line 2 H19: value 'inf' must be finite"),
    "overflow": (b"field,value\nH19,1e400\n",
                 "第 2 行 H19：数值 '1e400' 不是有限数 / line 2 H19: value '1e400' must be finite"),
    "text": (b"field,value\nH19,lots\n", "第 2 行 H19：数值 'lots' 不是数字 / line 2 H19: value 'lots' is not a number"),
    "empty-field": (b"field,value\n,5\n", "第 2 行：field 为空 / line 2: field is empty"),
    "yuan-not-wanyuan": (
        b"field,value\nH19,50000000000\nH18,30000000000\n",
        "产出合计 80,000,000,000 万元超过全国总产出（约 25,000,000,000 万元），数值似乎以元为单位；请除以 10000 换算为万元，"
        "或在 unit 列写明 元 / total output 80,000,000,000 (10^4 yuan) exceeds China's total (about 25,000,000,000); "
        "the values look like yuan — divide by 10,000, or put yuan in the unit column"),
    "unclosed-quote": (
        b'field,value\n"H19,1\n' + b"x" * 140_000 + b"\n",
        "第 2 行无法解析：单元格超过 131,072 个字符（可能有未闭合的引号） / line 2 cannot be parsed: a cell is longer than "
        "131,072 characters (an unclosed quote?)"),
    "unknown-output-unit": (
        "field,value,unit\nH19,5,吨\n".encode(),
        "第 2 行 H19：无法识别的单位 '吨'（产出请用 万元、10^4 yuan、元、yuan、亿元、100 million yuan） / line 2 H19: "
        "unknown unit '吨' (use 10^4 yuan, yuan or 100 million yuan for output)"),
    "attribute-wrong-unit": (
        "field,value,unit\nH19,5000000,万元\ngdp,640000000,万元\n".encode(),
        "第 3 行 gdp：单位 '万元' 与所需单位 '亿元' 不符 / line 3 gdp: unit '万元' differs from the required unit '100 million yuan'"),
    "attribute-off-by-1e4": (
        b"field,value\nH19,5000000\ngdp,640000000\n",
        "第 3 行 gdp = 640,000,000 超出合理范围 [10, 250,000] 亿元，似乎大了 10⁴ 倍，请检查单位 / line 3 gdp = 640,000,000 is "
        "outside the plausible range [10, 250,000] 100 million yuan; it looks 10⁴ times too large — check the unit"),
    "attribute-out-of-range": (
        b"field,value\nH19,5000000\nrd_intensity,45\n",
        "第 3 行 rd_intensity = 45 超出合理范围 [0, 10] % / line 3 rd_intensity = 45 is outside the plausible range "
        "[0, 10] %"),
    "flag-not-binary": (b"field,value\nH19,5000000\ncoastal,2\n",
                        "第 3 行 coastal 只能为 0 或 1（给出 2） / line 3 coastal must be 0 or 1 (got 2)"),
    "unknown-field": (
        b"field,value\nH19,5000000\npopulaton,3000\n",
        "第 3 行：无法识别字段 'populaton' / line 3: field 'populaton' not recognised; did you mean / 您是否要找: "
        "population (attribute / 属性)"),
    "ambiguous-field": (
        "field,value\n设备,5000000\n".encode(),
        f"第 2 行：无法识别字段 '设备' / line 2: field '设备' not recognised — {AMBIGUOUS_DEVICE}"),
    "attributes-only": (b"field,value\npopulation,3000\n",
                        "没有任何产业产出行（需要产业代码或名称，例如 H19 或 通信设备） / no sector output rows "
                        "(industry codes or names needed, e.g. H19)"),
    "all-zero": (b"field,value\nH19,0\nH18,0\n", "产出合计为 0 / total sector output is zero"),
    "binary": (bytes(range(256)) * 4,
               "这不是文本文件（含有二进制内容）；请上传 CSV 文本文件或 XLSX 工作簿 / this is not a text file (binary "
               "content); upload a CSV text file or an XLSX workbook"),
    "undecodable": (b"field,value\n\xff\xfe\xfd,1\n\x81",
                    "无法识别文件编码（请使用 UTF-8 或 GBK） / cannot decode the file (use UTF-8 or GBK)"),
    "broken-bom": (b"\xef\xbb\xbffield,value\n\xff,1\n",
                   "文件开头标明了 Unicode 编码，但内容无法按该编码解码 / the file starts with a Unicode byte-order mark but "
                   "its content cannot be decoded with it"),
    "too-large-bytes": (b"field,value\n" + b"H19,1\n" * (MAX_UPLOAD_BYTES // 6),
                        "文件过大（2,000,010 字节，上限 2,000,000 字节 = 2 MB） / file too large (2,000,010 bytes; "
                        "limit 2,000,000 bytes = 2 MB)"),
}


@pytest.mark.parametrize(("raw", "message"), list(REJECTED.values()), ids=list(REJECTED))
def test_upload_rejects_bad_files_with_a_bilingual_message(raw, message):
    with pytest.raises(UploadError) as caught:
        parse_region_csv(raw)
    assert str(caught.value) == message


class _CountingFile(io.FileIO):
    """A file that counts the bytes read from it."""

    bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_200_mb_file_is_rejected_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no 200 MB are written or allocated
    with _CountingFile(path) as handle, pytest.raises(UploadError) as caught:
        parse_region_csv(handle)
    assert str(caught.value) == ("文件过大（209,715,200 字节，上限 2,000,000 字节 = 2 MB） / file too large "
                                 "(209,715,200 bytes; limit 2,000,000 bytes = 2 MB)")
    assert handle.bytes_read == 0


class _EndlessStream(io.RawIOBase):
    """A non-seekable stream of zeros (like a pipe) that counts what is read."""

    bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = bytes(len(buffer))
        self.bytes_read += len(buffer)
        return len(buffer)


def test_unseekable_stream_is_read_only_up_to_the_limit():
    stream = _EndlessStream()
    with pytest.raises(UploadError) as caught:
        parse_region_csv(io.BufferedReader(stream))
    assert str(caught.value) == ("文件过大（超过上限 2,000,000 字节 = 2 MB） / file too large (over the "
                                 "2,000,000-byte = 2 MB limit)")
    assert stream.bytes_read <= 2 * MAX_UPLOAD_BYTES


# ---------------------------------------------------------------- what-if ranges
@pytest.fixture(scope="module")
def base():
    from models.scoring import load_scorer

    return load_scorer().arrays


@pytest.mark.parametrize(("attribute", "value", "used", "zh", "en"), [
    ("rd_intensity", 50.0, 10.0, "研发强度 = 50 超出合理范围 [0, 10] %，已按 10 计算",
     "R&D intensity = 50 is outside the plausible range [0, 10] %; 10 was used"),
    ("population", -3.0, 10.0, "常住人口 = -3 超出合理范围 [10, 20,000] 万人，已按 10 计算",
     "Population = -3 is outside the plausible range [10, 20,000] 10^4 persons; 10 was used"),
    ("gdp", math.inf, 250000.0, "地区生产总值 = inf 超出合理范围 [10, 250,000] 亿元，已按 250,000 计算",
     "GDP = inf is outside the plausible range [10, 250,000] 100 million yuan; 250,000 was used"),
    ("secondary_share", math.nan, 5.0, "第二产业比重 = nan 超出合理范围 [5, 70] %，已按 5 计算",
     "Secondary-sector share = nan is outside the plausible range [5, 70] %; 5 was used"),
], ids=["too-high", "negative", "inf", "nan"])
def test_what_if_attribute_is_clamped_with_a_warning(base, attribute, value, used, zh, en):
    year = base.latest_year
    before = attribute_value(base, SICHUAN, attribute, year)
    edited, warnings = apply_edits(base, SICHUAN, year, {attribute: value})
    assert [w.message("zh") for w in warnings] == [zh]
    assert [w.message("en") for w in warnings] == [en]
    assert attribute_value(edited, SICHUAN, attribute, year) == used
    assert attribute_value(base, SICHUAN, attribute, year) == pytest.approx(before, nan_ok=True)


def _sichuan_output(arrays, industry: str) -> float:
    year = arrays.io_year_as_of(arrays.latest_year)
    return float(arrays.output(year)[arrays.position[SICHUAN], arrays.column[industry]])


def test_what_if_removing_more_output_than_exists_is_clamped_at_zero(base):
    current = _sichuan_output(base, "H18")
    edited, warnings = apply_edits(base, SICHUAN, base.latest_year, extra_outputs={"H18": -1e9})
    assert [w.message("en") for w in warnings] == [
        f"H18 = {current - 1e9:,.0f} is outside the plausible range [0, 10,000,000,000] 10^4 yuan; 0 was used"]
    assert _sichuan_output(edited, "H18") == 0.0
    assert _sichuan_output(base, "H18") == current


def test_what_if_page_shows_the_clamping_warning(base, fresh_streamlit_caches):
    from streamlit.testing.v1 import AppTest

    current = _sichuan_output(base, "H18")
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("page_scripts/whatif.py").run()
    assert not at.exception
    before = [w.value for w in at.warning]
    at.number_input(key="wi_add_value").set_value(-1e9)
    at.button(key="wi_add_button").click().run()
    assert not at.exception
    added = [w.value for w in at.warning if w.value not in before]
    assert added == [f"H18 = {current - 1e9:,.0f} 超出合理范围 [0, 10,000,000,000] 万元，已按 0 计算"]


# ---------------------------------------------------------------- model files
def test_corrupted_model_file_names_the_expected_data_hash(artifacts_copy):
    model = artifacts_copy / MODEL_FILE
    model.write_text(model.read_text().replace("Tree=1\n", "Tree=7\n", 1))
    expected = data_hash()
    with pytest.raises(ArtifactError) as caught:
        load_model(artifacts_copy)
    assert str(caught.value) == (f"model file {model} is corrupted (sha256 differs from the metadata); run "
                                 f"`hostfit train` to retrain on the current data (data hash {expected})")


def test_cli_reports_a_corrupted_model_without_traceback(artifacts_copy):
    model = artifacts_copy / MODEL_FILE
    model.write_bytes(model.read_bytes()[: len(model.read_bytes()) // 2])
    code, stderr = _cli("recommend", "--region", "四川")
    assert code == 2
    assert stderr == (f"error: model file {model} is corrupted (sha256 differs from the metadata); run "
                      f"`hostfit train` to retrain on the current data (data hash {data_hash()}) / "
                      "模型不可用，请先运行 hostfit train\n")


def test_model_trained_on_other_data_names_both_hashes(artifacts_copy):
    meta = json.loads((artifacts_copy / META_FILE).read_text())
    meta["data_hash"] = "0" * 64
    (artifacts_copy / META_FILE).write_text(json.dumps(meta))
    code, stderr = _cli("sites", "--industry", "H19")
    assert code == 2
    assert stderr == (f"error: model at {artifacts_copy} was trained on data {'0' * 64}, but the curated data "
                      f"hash is {data_hash()}; retrain with `hostfit train` / 模型不可用，请先运行 hostfit train\n")


def test_missing_model_metadata_names_the_expected_hash(artifacts_copy):
    (artifacts_copy / META_FILE).unlink()
    with pytest.raises(ArtifactError) as caught:
        load_model(artifacts_copy)
    assert str(caught.value) == (f"no saved model at {artifacts_copy / META_FILE}; run `hostfit train`; expected a "
                                 f"model trained on data hash {data_hash()}")


def test_garbled_model_metadata_is_reported(artifacts_copy):
    (artifacts_copy / META_FILE).write_text("[1, 2]")
    with pytest.raises(ArtifactError) as caught:
        load_model(artifacts_copy)
    assert str(caught.value) == (f"model metadata {artifacts_copy / META_FILE} is corrupted (not a JSON object); run "
                                 f"`hostfit train`; expected a model trained on data hash {data_hash()}")


def test_rebuilt_data_invalidates_the_model(curated_copy, artifacts_copy):
    manifest_path = curated_copy / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["attr_macro"]["sha256"] = "1" * 64
    manifest_path.write_text(json.dumps(manifest))
    trained_on = json.loads((artifacts_copy / META_FILE).read_text())["data_hash"]
    code, stderr = _cli("recommend", "--region", "四川")
    assert code == 2
    assert stderr == (f"error: model at {artifacts_copy} was trained on data {trained_on}, but the curated data "
                      f"hash is {data_hash(manifest)}; retrain with `hostfit train` / 模型不可用，请先运行 hostfit train\n")


# ---------------------------------------------------------------- curated tables
def _missing(folder, name: str, fmt: str = "csv") -> str:
    return (f"curated table {name!r} is missing ({folder / f'{name}.{fmt}'}); "
            "rebuild it with `hostfit data build`")


def test_missing_table_is_named_by_the_loader(curated_copy):
    (curated_copy / "regions.csv").unlink()
    with pytest.raises(DataError) as caught:
        load_table("regions")
    assert str(caught.value) == _missing(curated_copy, "regions")


@pytest.mark.parametrize("args", [["recommend", "--region", "四川"], ["sites", "--industry", "H19"]],
                         ids=["recommend", "sites"])
def test_cli_scoring_with_a_missing_table_fails_cleanly(curated_copy, args):
    (curated_copy / "io_panel.csv").unlink()
    code, stderr = _cli(*args)
    assert code == 2
    assert stderr == f"error: {_missing(curated_copy, 'io_panel')} / 数据表不可用，请运行 hostfit data check 查看\n"


@pytest.mark.parametrize("args", [["features", "show", "--region", "四川"], ["features", "catalogue"], ["train"]],
                         ids=["features-show", "features-catalogue", "train"])
def test_cli_feature_and_train_commands_with_a_missing_table_fail_cleanly(curated_copy, args):
    (curated_copy / "attr_macro.csv").unlink()
    code, stderr = _cli(*args)
    assert code == 2
    assert stderr == f"error: {_missing(curated_copy, 'attr_macro')}\n"


def _check_lines(name: str) -> list[str]:
    result = runner.invoke(app, ["data", "check"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    flagged = [i for i, line in enumerate(lines) if line.lstrip().startswith("[") and "[      ok]" not in line]
    assert [lines[i].split("]")[1].split()[0] for i in flagged] == [name]
    return lines[flagged[0]:flagged[0] + 2]


def test_data_check_names_a_missing_table(curated_copy):
    (curated_copy / "geo_regions.csv").unlink()
    status, detail = _check_lines("geo_regions")
    assert status.startswith("  [ missing] geo_regions")
    assert detail.strip() == _missing(curated_copy, "geo_regions")


def test_data_check_names_an_altered_table(curated_copy):
    path = curated_copy / "attr_macro.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # one observation silently dropped
    status, detail = _check_lines("attr_macro")
    assert status.startswith("  [modified] attr_macro")
    assert detail.strip() == "attr_macro.csv differs from the build manifest; rebuild with `hostfit data build`"


def test_invalid_table_is_named_by_loader_and_check(curated_copy):
    path = curated_copy / "industries.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("H19,", "X19,", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_table("industries")
    assert str(caught.value).splitlines()[0] == (f"curated table 'industries' at {path} fails validation; "
                                                 "rebuild it with `hostfit data build`:")
    status, _ = _check_lines("industries")
    assert status.startswith("  [ invalid] industries")


def test_unreadable_parquet_table_is_named(curated_copy):
    path = curated_copy / "io_matrix.parquet"
    path.write_bytes(b"this is not parquet")
    with pytest.raises(DataError) as caught:
        load_table("io_matrix")
    assert str(caught.value).startswith(f"curated table 'io_matrix' at {path} cannot be read: ")
    status, _ = _check_lines("io_matrix")
    assert status.startswith("  [ invalid] io_matrix")
