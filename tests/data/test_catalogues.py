"""Region and industry catalogues."""

from __future__ import annotations

import pytest

from data import load_table
from data.etl.facts import CANDIDATE_CODES, region_code


def test_regions_catalogue_has_31_with_macro_regions():
    regions = load_table("regions")
    assert len(regions) == 31
    assert regions["region"].is_unique
    counts = regions["macro_region"].value_counts().to_dict()
    assert counts == {"East": 10, "West": 12, "Central": 6, "Northeast": 3}
    sichuan = regions.set_index("region").loc[510000]
    assert (sichuan["name_zh"], sichuan["short_zh"], sichuan["name_en"]) == ("四川省", "四川", "Sichuan")


def test_industries_catalogue_and_candidates():
    industries = load_table("industries")
    assert list(industries["industry"]) == [f"H{i:02d}" for i in range(1, 39)]
    candidates = set(industries.loc[industries["candidate"], "industry"])
    assert candidates == set(CANDIDATE_CODES)
    assert candidates == {f"H{i:02d}" for i in range(6, 22)}
    tracks = industries.set_index("industry")["track"]
    assert tracks["H29"] == "digital" and tracks["H02"] == "resource" and tracks["H22"] == "network"
    assert (tracks[sorted(candidates)] == "transfer").all()


def test_regions_host_flag():
    regions = load_table("regions").set_index("region")
    assert regions["host"].sum() == 21
    assert not regions.loc[440000, "host"] and regions.loc[510000, "host"] and regions.loc[210000, "host"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("四川", 510000), ("四川省", 510000), ("23四川", 510000), ("四川97", 510000),
     ("26-西藏", 540000), ("Inner Mongolia", 150000), ("内蒙古自治区", 150000),
     ("陕西", 610000), ("山西", 140000), ("河南等六省", None), ("中国", None)],
)
def test_region_code_parses_source_spellings(text, code):
    assert region_code(text) == code
