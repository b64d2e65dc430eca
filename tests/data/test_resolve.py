"""Resolving what users type into catalogue codes."""

from __future__ import annotations

import pytest

from data.resolve import UnknownNameError, resolve_industry, resolve_region


@pytest.mark.parametrize("text", ["四川", "四川省", "Sichuan", "sichuan", "510000", 510000, " 川 "])
def test_resolve_region_variants(text):
    assert resolve_region(text) == 510000


@pytest.mark.parametrize("text", ["H19", "h19", "19", "通信设备、计算机和其他电子设备", "电子设备",
                                  "Communication equipment, computers & electronics"])
def test_resolve_industry_variants(text):
    assert resolve_industry(text) == "H19"


def test_unknown_region_suggests_close_matches():
    with pytest.raises(UnknownNameError) as err:
        resolve_region("Sichuann")
    assert str(err.value) == ("unknown region 'Sichuann' / 未找到地区: Sichuann; did you mean / 您是否要找 "
                              "(close matches / 相近): 四川省 Sichuan (510000)")


def test_ambiguous_industry_names_options():
    with pytest.raises(UnknownNameError) as err:
        resolve_industry("设备")
    message = str(err.value)
    assert "ambiguous" in message and "H16" in message and "H19" in message


def test_empty_name_is_rejected():
    with pytest.raises(UnknownNameError, match="empty region"):
        resolve_region("  ")


@pytest.mark.parametrize(("text", "code"), [("Ｈ19", "H19"), ("光伏", "H18"), ("新能源汽车", "H17"), ("芯片", "H19"),
                                            ("白酒", "H06"), ("钢铁产业", "H14"), ("machinery", "H16")])
def test_everyday_words_and_full_width_codes(text, code):
    assert resolve_industry(text) == code


@pytest.mark.parametrize("text", ["Sichuan Province", "５１００００", "SICHUAN  PROVINCE"])
def test_region_suffixes_and_full_width_digits(text):
    assert resolve_region(text) == 510000


def test_every_alias_points_to_a_known_sector_and_notes_are_bilingual():
    from data.aliases import INDUSTRY_ALIASES
    from data.resolve import industry_labels

    known = industry_labels()
    for word, alias in INDUSTRY_ALIASES.items():
        assert alias.code in known, word
        assert bool(alias.note_zh) == bool(alias.note_en), word
