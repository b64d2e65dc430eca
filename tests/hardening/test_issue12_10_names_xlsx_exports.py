"""Issue 12, problem 10 (and issue 10 item 7's everyday words): names, XLSX, one size limit, exports.

Before: full-width ``Ｈ19`` was not normalised; ``Sichuan Province`` was
rejected with Shaanxi suggested first; a 10 KB name was echoed twice in full;
ANSI/RTL control characters were echoed raw; 汽车, 电池, 光伏, 芯片 … were not
recognised; XLSX uploads were refused (English MIME tooltip) and the widget
(2,000,000 bytes) and parser (2 MiB) limits differed; exports did not
neutralise ``= + - @`` prefixes.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from app.exports import csv_bytes, xlsx_bytes
from app.upload import MAX_UPLOAD_BYTES, UploadError, parse_region_csv
from data.resolve import UnknownNameError, resolve_industry, resolve_region


@pytest.mark.parametrize(("text", "code"), [("Ｈ19", "H19"), ("Ｈ１９", "H19"), ("ｈ１９", "H19"), ("Ｈ 19", "H19")])
def test_full_width_industry_codes_are_normalised(text, code):
    assert resolve_industry(text) == code


SUFFIXED = {
    "Sichuan Province": 510000, "sichuan province": 510000, "SICHUAN  PROVINCE": 510000, "四川 省": 510000,
    "Beijing Municipality": 110000, "Chongqing City": 500000, "Guangxi Zhuang Autonomous Region": 450000,
    "广西壮族自治区": 450000, "Xinjiang Uyghur Autonomous Region": 650000, "Ningxia Hui Autonomous Region": 640000,
    "Shanxi Province": 140000, "Shaanxi Province": 610000, "Hunan Province": 430000, "香港特别行政区": None,
}


def test_administrative_suffixes_are_stripped():
    for text, code in SUFFIXED.items():
        if code is None:  # not a region of the data, whatever the suffix
            with pytest.raises(UnknownNameError):
                resolve_region(text)
        else:
            assert resolve_region(text) == code, text


def test_near_miss_region_names_get_did_you_mean():
    with pytest.raises(UnknownNameError) as caught:
        resolve_region("Sichaun Province")
    assert str(caught.value).startswith("unknown region 'Sichaun Province' / 未找到地区: Sichaun Province; did you "
                                        "mean / 您是否要找 (close matches / 相近): 四川省 Sichuan (510000)")


def test_long_names_are_truncated_and_control_characters_escaped():
    with pytest.raises(UnknownNameError) as caught:
        resolve_region("x" * 10_000)
    message = str(caught.value)
    assert len(message) < 400 and message.count("x" * 60 + "…") == 2 and "x" * 61 not in message
    with pytest.raises(UnknownNameError) as caught:
        resolve_region("四川\x1b[31m\u202eevil")
    message = str(caught.value)
    assert "\x1b" not in message and "\u202e" not in message
    assert "'四川\\x1b[31m\\u202eevil'" in message


EVERYDAY = {
    "汽车": "H17", "新能源汽车": "H17", "电池": "H18", "锂电": "H18", "光伏": "H18", "芯片": "H19", "集成电路": "H19",
    "半导体": "H19", "手机": "H19", "电脑": "H19", "家电": "H18", "纺织服装": "H08", "服装": "H08", "白酒": "H06",
    "钢铁": "H14", "化工": "H12", "医药": "H12", "机械": "H16", "装备制造": "H16", "汽车产业": "H17",
    "光伏产业链": "H18", "solar": "H18", "batteries": "H18", "chips": "H19", "new energy vehicles": "H17",
}


def test_everyday_industry_words_map_to_manufacturing_sectors():
    resolved = {word: resolve_industry(word) for word in EVERYDAY}
    assert resolved == EVERYDAY
    assert all("H06" <= code <= "H21" for code in resolved.values())


def test_approximate_mappings_carry_a_note():
    from data.resolve import resolve_industry_with_note

    code, note = resolve_industry_with_note("光伏")
    assert code == "H18" and note.startswith("近似：光伏电池与组件属于电气机械和器材（H18）")
    assert "approximate: solar cells and modules are part of electrical machinery (H18)" in note
    code, note = resolve_industry_with_note("新能源汽车")
    assert code == "H17" and "batteries are electrical machinery (H18)" in note
    assert resolve_industry_with_note("H19") == ("H19", None)


def test_everyday_words_in_an_upload_are_accepted_with_the_note():
    parsed = parse_region_csv("field,value\n光伏,5000000\nＨ19,3000000\n".encode())
    assert parsed.outputs.to_dict() == {"H18": 5_000_000.0, "H19": 3_000_000.0}
    assert len(parsed.warnings) == 1 and parsed.warnings[0].startswith("第 2 行 '光伏'：近似：")


def test_a_10_kb_field_name_is_not_echoed_in_full():
    with pytest.raises(UploadError) as caught:
        parse_region_csv(("field,value\nH19,5000000\n" + "y" * 10_000 + ",1\n").encode())
    assert len(str(caught.value)) < 600 and "y" * 41 not in str(caught.value)


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_uploads_are_read_from_the_first_sheet():
    raw = _xlsx([["field", "value", "unit"], ["H19", 5_000_000, "万元"], ["电气机械和器材", 3_000_000.0, "万元"],
                 ["population", 3000, "10^4 persons"], ["coastal", True, None]])
    parsed = parse_region_csv(raw)
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0, "H18": 3_000_000.0}
    assert parsed.attributes == {"population": 3000.0} and parsed.flags == {"coastal": True}
    with pytest.raises(UploadError) as caught:
        parse_region_csv(_xlsx([["field", "value"], ["H19", -5]]))
    assert str(caught.value) == "第 2 行 H19：数值 -5 不能为负 / line 2 H19: value -5 must not be negative"
    with pytest.raises(UploadError) as caught:
        parse_region_csv(b"PK\x03\x04 not really a workbook")
    assert str(caught.value).startswith("XLSX 文件已损坏")


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_the_widget_and_the_parser_share_one_size_limit_and_accept_xlsx():
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from app.views.upload_panel import upload_panel

        upload_panel(510000)

    at = AppTest.from_function(script, default_timeout=180).run()
    assert not at.exception
    widget = at.get("file_uploader")[0].proto
    assert widget.max_upload_size_mb * 1_000_000 == MAX_UPLOAD_BYTES  # the browser counts 10^6 bytes per MB
    assert ".xlsx" in list(widget.type)


def test_exports_neutralise_formula_prefixes_but_keep_negative_numbers():
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                                   "plain", "-1.5"],
                          "score": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines()[1:] == ['"\'=HYPERLINK(""http://x"",""y"")",-1.5',
                                     "'+cmd|' /C calc'!A0,2.0", "'-2+3,-3.0", "'@SUM(A1),4.0", "plain,5.0",
                                     "-1.5,6.0"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1)",
                                    "plain", "-1.5"]
    assert [r[1] for r in rows] == [-1.5, 2, -3, 4, 5, 6]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
