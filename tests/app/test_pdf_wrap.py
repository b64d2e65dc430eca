"""Line breaking of the PDF reports (app/pdf_wrap.py)."""

from __future__ import annotations

from app.pdf_wrap import wrap_lines


def _width(text: str) -> float:
    """Chinese characters count 2, everything else 1 (like a CJK font at a fixed size)."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def test_a_number_stays_with_the_chinese_word_after_it():
    text = "按城市证据（2018 年开发区主导产业、2025 年上市制造业企业、钢铁产能、2010/2020 年人口普查，给定迁出省时还有距离）调整"
    for width in range(30, 90):
        lines = wrap_lines(text, _width, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(_width(line) <= width for line in lines)
        for before, after in zip(lines, lines[1:]):
            assert not (before[-1].isdigit() and "\u4e00" <= after[0] <= "\u9fff"), (width, before, after)
            assert after[0] not in "，、；：。）", (width, after)


def test_a_break_after_punctuation_is_preferred_near_the_line_end():
    lines = wrap_lines("城市证据包括钢铁产能、2010/2020 年人口普查", _width, 26)
    assert lines == ["城市证据包括钢铁产能、", "2010/2020 年人口普查"]  # not "…2010/2020 年人" + "口普查"


def test_english_breaks_at_spaces_and_overlong_words_by_character():
    assert wrap_lines("census population 2010/2020", len, 18) == ["census population", "2010/2020"]
    assert wrap_lines("x" * 25, len, 10) == ["x" * 10, "x" * 10, "x" * 5]
