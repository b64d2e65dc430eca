"""The upload template: labelled in both languages, rounded, and read back unchanged (app/upload.py)."""

from __future__ import annotations

import io

import pandas as pd

from app.upload import parse_region_csv, template_csv


def _template() -> tuple[bytes, pd.DataFrame]:
    raw = template_csv(pd.Series({"H06": 1234567.891, "H19": 12.3456}),
                       {"population": 8341.123456, "rd_intensity": 1.5432, "generation_hydro": 950.0})
    return raw, pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)


def test_template_names_every_field_in_chinese_and_english_with_units():
    _, table = _template()
    assert list(table.columns) == ["field", "名称", "name_en", "value", "unit"]
    row = table.set_index("field")
    assert row.at["H06", "名称"] == "食品和烟草" and "tobacco" in row.at["H06", "name_en"]
    assert row.at["population", "名称"] == "常住人口" and row.at["population", "unit"] == "万人"
    assert row.at["generation_hydro", "unit"] == "亿千瓦时"


def test_template_values_carry_no_float_noise():
    _, table = _template()
    assert table.set_index("field")["value"].to_dict() == {
        "H06": "1234568", "H19": "12.35", "population": "8341", "rd_intensity": "1.543", "generation_hydro": "950"}


def test_template_reads_back_without_warnings_and_accepts_english_units():
    raw, _ = _template()
    parsed = parse_region_csv(raw)
    assert parsed.warnings == []
    assert parsed.outputs.to_dict() == {"H06": 1234568.0, "H19": 12.35}
    assert parsed.attributes["population"] == 8341.0
    english = "field,value,unit\nH06,100,万元\npopulation,8341,10^4 persons\n".encode()
    assert parse_region_csv(english).attributes == {"population": 8341.0}
