"""Issue 12, problem 6: numbers, names, percentages, line ends and encodings are never misread silently.

Before: ``H19;1234,5`` → 12345; ``"1,2,3"`` → 123; ``retail,5000`` → wholesale &
retail (H26) output by substring match; ``rd_intensity,0.025`` taken as
0.025 %; old-Mac CR-only files failed with Python's "universal-newline mode"
message; UTF-32 was misread as UTF-16 with a misleading message.
"""

from __future__ import annotations

import pytest

from app.upload import UploadError, parse_region_csv

SMALL = ("产出合计仅 {total} 万元，对一个地区而言很小；请确认单位是万元而不是亿元 / total output is only {total} (10^4 yuan), "
         "small for a region; check the unit is 10^4 yuan, not 100 million yuan")


def _error(raw: bytes) -> str:
    with pytest.raises(UploadError) as caught:
        parse_region_csv(raw)
    return str(caught.value)


def test_decimal_comma_is_read_as_a_decimal_with_a_warning():
    parsed = parse_region_csv(b"field;value\nH19;1234,5\n")
    assert parsed.outputs.to_dict() == {"H19": 1234.5}
    assert parsed.warnings == [
        "第 2 行 H19：数值 '1234,5' 按小数逗号读作 1234.5 / line 2 H19: value '1234,5' read as 1234.5 (decimal comma)",
        SMALL.format(total="1,234")]


def test_ambiguous_comma_in_a_semicolon_file_is_refused():
    assert _error(b"field;value\nH19;5,000\n") == (
        "第 2 行 H19：数值 '5,000' 不明确（千位分隔还是小数逗号？）；请写不带分隔符的数字，小数用点 / line 2 H19: value '5,000' "
        "is ambiguous (thousands separator or decimal comma?); write the number without separators, with a decimal "
        "point")


def test_thousands_separators_only_in_valid_groups():
    parsed = parse_region_csv(b'field,value\nH19,"5,000,000"\nH18,"1,234.5"\n')
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0, "H18": 1234.5}
    assert _error(b'field,value\nH19,"1,2,3"\n') == (
        "第 2 行 H19：数值 '1,2,3' 的千位分隔符位置不对（应每三位一组，如 1,234,567） / line 2 H19: value '1,2,3' has "
        "misplaced thousands separators (groups of three digits, e.g. 1,234,567)")


def test_retail_is_not_silently_wholesale_and_retail_output():
    assert _error(b"field,value\nH19,5000000\nretail,5000\n") == (
        "第 3 行：字段 'retail' 不明确：可能是产业 H26（部分名称匹配）或属性 retail_sales（社会消费品零售总额，亿元）；请写 H26 或属性名 / "
        "line 3: field 'retail' is ambiguous: industry H26 (partial name match) or attribute retail_sales "
        "(Retail sales, 100 million yuan); write H26 or the attribute name")


def test_a_partial_industry_name_is_accepted_with_a_warning_naming_the_interpretation():
    parsed = parse_region_csv(b"field,value\nH19,5000000\nwholesale,5000\n")
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0, "H26": 5000.0}
    assert parsed.warnings == ["第 3 行 'wholesale'：按部分名称匹配为 H26 批发和零售 Wholesale & retail / line 3 'wholesale': "
                               "read as H26 批发和零售 Wholesale & retail (partial name match)"]


def test_percentage_given_as_a_fraction_gets_a_warning():
    parsed = parse_region_csv(b"field,value\nH19,5000000\nrd_intensity,0.025\n")
    assert parsed.attributes == {"rd_intensity": 0.025}
    assert parsed.warnings == [
        "第 3 行 rd_intensity = 0.025 %：看起来像是以小数表示的比例（0.025 = 2.5 %）；如果是这样请填 2.5 / line 3 "
        "rd_intensity = 0.025 %: this looks like a fraction (0.025 = 2.5 %); if so, write 2.5"]
    assert parse_region_csv(b"field,value\nH19,5000000\nrd_intensity,2.5\n").warnings == []
    assert _error(b"field,value\nH19,5000000\nsecondary_share,0.35\n").endswith(
        "is outside the plausible range [5, 70] %; this looks like a fraction (0.35 = 35 %); if so, write 35")


def test_old_mac_cr_only_line_ends_are_read():
    parsed = parse_region_csv(b"field,value,unit\rH19,5000000,\xe4\xb8\x87\xe5\x85\x83\rH18,3000000,\r")
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0, "H18": 3_000_000.0}


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_read(encoding):
    parsed = parse_region_csv("field,value,unit\nH19,5000000,万元\n".encode(encoding))
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
