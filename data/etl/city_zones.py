"""ETL step: development zones of the 2018 national catalogue (``city_zones``, ``city_zone_phrases``).

Source: 《中国开发区审核公告目录》(2018年版), announcement 2018 No. 4 of NDRC, MOST,
MLR, MOHURD, MOFCOM and GAC; 2,543 zones. Each zone is located to its
prefecture-level city by name only (the 城市/区县 column, then the zone name;
see :mod:`data.etl.city_gazetteer`); zones that cannot be located keep an empty
``city`` and say why in ``locate_status``. Leading industries are mapped to
H06–H21 by :mod:`data.etl.city_concordance`.

Quirks of the source handled here:

* 序号 restarts in every section and the file is not in 序号 order, so the key is
  the zone code. Code ``S377018`` is printed for two zones (淄川 and 临淄
  economic development zones); both rows are kept and the second gets
  ``zone_id`` ``S377018#2``.
* Two customs zones carry two approval dates (``2000.04/2002.12``); the first is
  the approval year and month, the later one is kept in ``approval_later``.
* The first character of the code (G/S) must agree with 批准级别 (国务院/省政府) and
  its next two digits with the province; a mismatch stops the build.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from data.etl.city_concordance import classify, split_phrases
from data.etl.city_gazetteer import load_gazetteer, province_code
from data.etl.sources import SourceError, check_columns, read_csv

ZONES = "city/devzones_2018.tsv"
INPUTS = (ZONES, "geo/china_division_codes_2025.csv", "geo/cpca_adcodes_lonlat.csv")

COLUMNS = ["序号", "代码", "开发区名称", "省份", "城市/区县", "批准级别", "开发区类型", "批准时间",
           "核准面积_公顷", "主导产业"]

LEVELS = {"国务院": ("G", "national"), "省政府": ("S", "provincial")}

ZONE_TYPES = {
    "经济技术开发区": "economic_technological",
    "高新技术产业开发区": "high_tech",
    "海关特殊监管区域": "customs_special_supervision",
    "边境/跨境经济合作区": "border_economic_cooperation",
    "其他类型开发区": "other",
    "经济开发区": "economic_development",
    "工业园区": "industrial_park",
}


def read_zones(sources: Path) -> pd.DataFrame:
    """The catalogue as published (all columns as text), with checks on its codes."""
    table = read_csv(sources, ZONES, sep="\t", dtype=str, keep_default_na=False)
    check_columns(table, COLUMNS, ZONES)
    bad = ~table["代码"].str.fullmatch(r"[GS]\d{6}")
    if bad.any():
        raise SourceError(f"{ZONES}: malformed zone codes {table.loc[bad, '代码'].tolist()[:5]}")
    unknown = set(table["批准级别"]) - set(LEVELS) | set(table["开发区类型"]) - set(ZONE_TYPES)
    if unknown:
        raise SourceError(f"{ZONES}: unknown approving level or zone type {sorted(unknown)}")
    letters = table["批准级别"].map(lambda v: LEVELS[v][0])
    if not letters.eq(table["代码"].str[0]).all():
        raise SourceError(f"{ZONES}: code letter (G/S) disagrees with 批准级别")
    provinces = table["省份"].map(province_code)
    if provinces.isna().any():
        raise SourceError(f"{ZONES}: unknown province(s) {sorted(table.loc[provinces.isna(), '省份'].unique())}")
    if not (table["代码"].str[1:3].astype(int) * 10000).eq(provinces).all():
        raise SourceError(f"{ZONES}: code digits 2–3 disagree with the province column")
    return table


def _zone_ids(codes: pd.Series) -> pd.Series:
    rank = codes.groupby(codes).cumcount() + 1
    return codes.where(rank.eq(1), codes + "#" + rank.astype(str))


def _dates(text: pd.Series) -> pd.DataFrame:
    parts = text.str.split("/", expand=True)
    first = parts[0].str.extract(r"^(?P<year>\d{4})\.(?P<month>\d{2})$")
    if first.isna().any().any():
        raise SourceError(f"{ZONES}: malformed 批准时间 {text[first['year'].isna()].tolist()[:5]}")
    later = parts[1] if parts.shape[1] > 1 else pd.Series(None, index=text.index)
    return pd.DataFrame({"approval_year": first["year"].astype("int64"),
                         "approval_month": first["month"].astype("int64"),
                         "approval_later": later.where(later.notna(), None)})


def build_zones(sources: Path, cities: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``city_zones`` and ``city_zone_phrases`` (see module docstring)."""
    table = read_zones(sources)
    gazetteer = load_gazetteer(sources, dict(zip(cities["city"], cities["name_zh"])))
    rows = []
    phrase_counts: Counter[str] = Counter()
    for name, province_name, place, industries in table[["开发区名称", "省份", "城市/区县", "主导产业"]].itertuples(
            index=False):
        province = province_code(province_name)
        location = gazetteer.locate(place, province)
        if location.status == "unlocated":
            location = gazetteer.locate(name, province)
        phrases = split_phrases(industries)
        phrase_counts.update(phrases)
        codes = sorted({c for p in phrases for c in classify(p).codes})
        rows.append({
            "province": province, "city": location.city, "county": location.county,
            "locate_status": location.status, "locate_match": location.matched or None,
            "industries": "|".join(codes) or None,
        })
    located = pd.DataFrame(rows)
    area = pd.to_numeric(table["核准面积_公顷"], errors="coerce")
    if area.isna().any() or (area <= 0).any():
        raise SourceError(f"{ZONES}: 核准面积_公顷 must be a positive number")
    zones = pd.concat([
        pd.DataFrame({
            "zone_id": _zone_ids(table["代码"]),
            "code": table["代码"],
            "name_zh": table["开发区名称"],
            "level": table["批准级别"].map(lambda v: LEVELS[v][1]),
            "zone_type": table["开发区类型"].map(ZONE_TYPES),
            "zone_type_zh": table["开发区类型"],
        }),
        _dates(table["批准时间"]),
        pd.DataFrame({"area_ha": area.astype(float), "place_text": table["城市/区县"]}),
        located,
        pd.DataFrame({"industries_text": table["主导产业"]}),
    ], axis=1)
    for column in ("city", "county"):
        zones[column] = zones[column].astype("Int64")
    phrases = pd.DataFrame([
        {"phrase": phrase, "occurrences": count, "category": result.category,
         "industries": "|".join(result.codes) or None, "keywords": "|".join(result.keywords) or None}
        for phrase, count in phrase_counts.items() for result in [classify(phrase)]
    ]).sort_values(["occurrences", "phrase"], ascending=[False, True], ignore_index=True)
    return zones, phrases


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``city_zones`` and ``city_zone_phrases`` (needs ``cities``)."""
    zones, phrases = build_zones(sources, built["cities"])
    return {"city_zones": zones, "city_zone_phrases": phrases}
