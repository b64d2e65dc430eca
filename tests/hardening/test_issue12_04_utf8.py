"""Issue 12, problem 4: valid UTF-8 is read as UTF-8.

One ``é ² ± × µ ï`` or a no-break space anywhere (even in an ignored comment
column) made the decoder prefer GB18030 and report ``unknown unit '涓囧厓'``.
Strict UTF-8 is now tried first; GB18030 only when UTF-8 fails.
"""

from __future__ import annotations

import pytest

from app.upload import parse_region_csv

ROWS = "field,value,unit,comment\nH19,5000000,万元,{note}\n"


@pytest.mark.parametrize("note", ["é", "²", "±", "×", "µ", "ï", "a\u00a0b", "Café é ² ± × µ ï"],
                         ids=["e-acute", "superscript-2", "plus-minus", "times", "micro", "i-diaeresis", "nbsp",
                              "all"])
def test_utf8_with_latin1_characters_is_not_read_as_gb18030(note):
    parsed = parse_region_csv(ROWS.format(note=note).encode("utf-8"))
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
    assert parsed.warnings == ["已忽略多余的列：comment / extra columns ignored: comment"]


def test_nbsp_inside_a_unit_is_read_as_utf8():
    parsed = parse_region_csv("field,value,unit\nH19,5000000,\u00a0万元\u00a0\n".encode("utf-8"))
    assert parsed.outputs.to_dict() == {"H19": 5_000_000.0}
