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


def test_unknown_region_lists_close_matches():
    with pytest.raises(UnknownNameError) as err:
        resolve_region("Sichuann")
    assert "Sichuan" in str(err.value) and "close matches" in str(err.value)


def test_ambiguous_industry_names_options():
    with pytest.raises(UnknownNameError) as err:
        resolve_industry("设备")
    message = str(err.value)
    assert "ambiguous" in message and "H16" in message and "H19" in message


def test_empty_name_is_rejected():
    with pytest.raises(UnknownNameError, match="empty region"):
        resolve_region("  ")
