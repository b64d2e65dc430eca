"""Tests of the IO sector concordance."""

from __future__ import annotations

import pytest

from data.etl.concordance import H_CODES, VINTAGES, concordance, sector_map, sector_table


def test_every_vintage_reaches_the_h_codes():
    table = concordance()
    assert set(table["industry"]) <= set(H_CODES)
    for year in VINTAGES:
        reached = set(sector_map(year).values())
        missing = {"H32", "H37"} if year == 1997 else set()
        assert reached == set(H_CODES) - missing


def test_sector_codes_are_consecutive():
    for year in VINTAGES:
        codes = [code for code, _name, _h in sector_table(year)]
        expected = 38 if year == 1997 else 42
        assert codes == [f"{n:02d}" for n in range(1, expected + 1)]


def test_only_1997_services_are_approximate():
    table = concordance()
    flagged = table[table["approximate"]]
    assert set(flagged["year"]) == {1997}
    assert set(flagged["industry"]) == {"H26", "H28", "H29", "H34", "H35", "H36"}
    assert flagged["note"].notna().all()
    assert table.loc[~table["approximate"], "note"].isna().all()


def test_unknown_vintage_raises():
    with pytest.raises(KeyError):
        sector_table(2020)
