"""`hostfit data check` reports the coverage of the prefecture-city layer."""

from __future__ import annotations

from data.check import check_all, format_city_coverage


def test_city_coverage_block():
    summary = check_all()
    cov = summary["city_coverage"]
    assert summary["tables"]["city_presence"]["status"] == "ok"
    assert cov["cities"] == 337
    assert cov["zones"] == 2543
    assert cov["zones_located"] + sum(cov["zones_not_located"].values()) == cov["zones"]
    assert 300 <= cov["with_zone"] <= 337
    assert cov["with_manufacturing_zone"] <= cov["with_zone"]
    assert 150 <= cov["with_listed_firm"] <= 337
    assert 100 <= cov["with_steel_capacity"] <= 200 and cov["steel_year"] == 2025


def test_city_coverage_line():
    line = format_city_coverage(check_all())
    assert line.startswith("city layer: 337 cities; with ≥1 zone ")
    assert "steel capacity (2025)" in line and "\n" not in line
    assert format_city_coverage({}) == "city layer: not available"
