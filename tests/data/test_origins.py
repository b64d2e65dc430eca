"""Origins of ``hostfit sites --from``: provinces, prefecture cities and the two delta clusters."""

from __future__ import annotations

import pytest

from data.origins import CLUSTERS, resolve_origin
from data.resolve import UnknownNameError


@pytest.mark.parametrize(("text", "code"), [("广东", 440000), ("Zhejiang", 330000), ("上海", 310000), ("440000", 440000)])
def test_provinces_are_origins(text, code):
    origin = resolve_origin(text)
    assert origin.kind == "province" and origin.code == code and origin.provinces == (code,)
    assert origin.lon is None  # the curated province centroid is used


@pytest.mark.parametrize(("text", "code", "province"), [("深圳", 440300, 440000), ("东莞", 441900, 440000),
                                                        ("苏州", 320500, 320000), ("Shenzhen", 440300, 440000)])
def test_cities_are_origins_in_their_province(text, code, province):
    origin = resolve_origin(text)
    assert origin.kind == "city" and origin.code == code and origin.provinces == (province,)
    assert 100 < origin.lon < 125 and 18 < origin.lat < 45


def test_the_pearl_river_delta_is_nine_guangdong_cities():
    origin = resolve_origin("珠三角")
    assert origin.kind == "cluster" and origin.provinces == (440000,)
    assert len(CLUSTERS["珠三角"]["cities"]) == 9
    assert 112.5 < origin.lon < 114.5 and 22.0 < origin.lat < 23.8  # inside the delta
    assert resolve_origin("PRD") == origin == resolve_origin("珠江三角洲")


def test_the_yangtze_river_delta_is_shanghai_jiangsu_zhejiang():
    origin = resolve_origin("长三角")
    assert origin.provinces == (310000, 320000, 330000)
    assert 118.5 < origin.lon < 122 and 29 < origin.lat < 33


def test_unknown_origin_names_the_accepted_forms():
    with pytest.raises(UnknownNameError, match="prefecture city or a cluster"):
        resolve_origin("Atlantis")
