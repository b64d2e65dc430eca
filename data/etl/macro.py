"""ETL step: province macro attributes (``attr_macro``) from NBS.

GDP and sector value added come from the NBS 分省年度数据 exports for
2019–2023 (revised after the fifth economic census); other years come from the
NBS regional GDP series re-exported by Wind/CREA (``energy/Regional_GDP_complete.csv``,
Q4 year-to-date = annual), which are of an earlier vintage, so 2018→2019 may
show a revision step.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.etl.attributes_common import (finish_long, read_nbs_export, read_wind, series_region,
                                        year_end, zh_regions)
from data.etl.sources import SourceError, check_columns, read_csv, read_excel
from data.etl.facts import region_code

GDP_YEARS = {2019: "macro/分省年度数据.2019csv.csv", 2020: "macro/分省年度数据2020.csv",
             2021: "macro/分省年度数据2021.csv", 2022: "macro/分省年度数据.2022csv.csv",
             2023: "macro/分省年度数据2023.csv"}
GDP_COLUMNS = {"地区生产总值 (亿元)": "gdp", "第一产业增加值 (亿元)": "va_primary",
               "第二产业增加值 (亿元)": "va_secondary", "第三产业增加值 (亿元)": "va_tertiary",
               "工业增加值 (亿元)": "va_industry"}
WIND_GDP = "energy/Regional_GDP_complete.csv"
WIND_PATTERNS = {"gdp": r": GDP: YTD$", "va_primary": r": GDP: Primary Industry: YTD$",
                 "va_secondary": r": GDP: Secondary Industry: YTD$",
                 "va_tertiary": r": GDP: Tertiary Industry: YTD$"}
# file, attribute, unit, pillar (year-column NBS exports)
BY_YEAR = (("macro/社会消费品总额.csv", "retail_sales", "亿元", "application"),
           ("macro/分省年度数据城镇就业人员.csv", "urban_unit_employment", "10^4 persons", "cost"),
           ("macro/分省年度数据地方财政数据.csv", "local_fiscal_revenue", "亿元", "application"),
           ("macro/居民消费价格指数分省.csv", "cpi", "previous year = 100", "cost"))
TRADE = (("macro/A060101.csv", "trade_by_trader_location"),
         ("macro/A060201.csv", "trade_by_domestic_destination_source"))
POPULATION = "energy/population_by_province_2013_2023.xlsx"
INPUTS = (*GDP_YEARS.values(), WIND_GDP, *(b[0] for b in BY_YEAR), *(t[0] for t in TRADE), POPULATION)
PILLAR = {"gdp": "application", "va_primary": "application", "va_secondary": "industrial_base",
          "va_tertiary": "application", "va_industry": "industrial_base",
          "secondary_share": "industrial_base"}


def _nbs_gdp(sources: Path) -> pd.DataFrame:
    frames = []
    for year, relpath in GDP_YEARS.items():
        table = read_nbs_export(sources, relpath)
        check_columns(table, ["地区", *GDP_COLUMNS], relpath)
        long = table.melt(id_vars="地区", value_vars=list(GDP_COLUMNS), var_name="column")
        frames.append(pd.DataFrame({
            "region": zh_regions(long["地区"], relpath), "year": year,
            "attribute": long["column"].map(GDP_COLUMNS), "value": pd.to_numeric(long["value"])}))
    return pd.concat(frames, ignore_index=True)


def _wind_gdp(sources: Path) -> pd.DataFrame:
    annual = year_end(read_wind(sources, WIND_GDP))
    annual = annual.assign(region=series_region(annual["name"]))
    frames = []
    for attribute, pattern in WIND_PATTERNS.items():
        hits = annual.loc[annual["name"].str.contains(pattern) & annual["region"].notna()]
        if hits.empty:
            raise SourceError(f"source file malformed: {WIND_GDP}: no series matching {pattern!r}")
        frames.append(hits[["region", "year", "value"]].assign(attribute=attribute))
    return pd.concat(frames, ignore_index=True)


def _consistent(wind: pd.DataFrame, nbs: pd.DataFrame) -> pd.DataFrame:
    """Drop Wind series whose median ratio to NBS over the overlap years is off by >20%.

    Wind's Xinjiang primary-industry series is about three times the NBS value
    in 2019–2023 (apparently a different series under that label); this
    removes it. Ordinary vintage revisions (a few %) pass.
    """
    both = wind.merge(nbs, on=["region", "year", "attribute"], suffixes=("", "_nbs"))
    ratio = (both["value"] / both["value_nbs"]).groupby([both["region"], both["attribute"]]).median()
    bad = set(ratio.index[(ratio < 0.8) | (ratio > 1.25)])
    keep = [key not in bad for key in zip(wind["region"], wind["attribute"])]
    return wind.loc[keep]


def _gdp(sources: Path) -> pd.DataFrame:
    nbs = _nbs_gdp(sources)
    wind = _consistent(_wind_gdp(sources), nbs)
    wind = wind.loc[~wind["year"].isin(GDP_YEARS)]
    frame = pd.concat([nbs, wind], ignore_index=True)
    wide = frame.pivot_table(index=["region", "year"], columns="attribute", values="value")
    share = (100 * wide["va_secondary"] / wide["gdp"]).dropna().rename("value").reset_index()
    frame = pd.concat([frame, share.assign(attribute="secondary_share")], ignore_index=True)
    frame["unit"] = frame["attribute"].map(lambda a: "%" if a == "secondary_share" else "亿元")
    frame["pillar"] = frame["attribute"].map(PILLAR)
    return frame


def _by_year(sources: Path, relpath: str, attribute: str, unit: str, pillar: str) -> pd.DataFrame:
    table = read_nbs_export(sources, relpath)
    check_columns(table, ["地区"], relpath)
    long = table.melt(id_vars="地区", var_name="column", value_name="text")
    long["year"] = pd.to_numeric(long["column"].str.extract(r"^(\d{4})年$")[0], errors="coerce")
    if long["year"].isna().all():
        raise SourceError(f"source file malformed: {relpath}: no year columns like '2023年'")
    long = long.dropna(subset=["year"])
    return pd.DataFrame({"region": zh_regions(long["地区"], relpath), "year": long["year"],
                         "attribute": attribute, "value": pd.to_numeric(long["text"], errors="coerce"),
                         "unit": unit, "pillar": pillar})


def _trade(sources: Path, relpath: str, attribute: str) -> pd.DataFrame:
    table = read_csv(sources, relpath)
    check_columns(table, ["region_code", "year", "value"], relpath)
    return pd.DataFrame({"region": table["region_code"], "year": table["year"], "attribute": attribute,
                         "value": table["value"], "unit": "10^3 USD", "pillar": "application"})


def _population(sources: Path) -> pd.DataFrame:
    table = read_excel(sources, POPULATION)
    check_columns(table, ["Region"], POPULATION)
    # The sheet repeats the same block (header row "Region" included) four times.
    table = table.loc[table["Region"] != "Region"].drop_duplicates()
    if table["Region"].duplicated().any():
        raise SourceError(f"source file malformed: {POPULATION}: repeated blocks disagree")
    long = table.melt(id_vars="Region", var_name="year", value_name="value")
    codes = long["Region"].map(region_code)
    if codes.isna().any():
        raise SourceError(f"source file malformed: {POPULATION}: unknown region(s) "
                          f"{sorted(set(long.loc[codes.isna(), 'Region']))}")
    return pd.DataFrame({"region": codes, "year": long["year"].astype(int), "attribute": "population",
                         "value": pd.to_numeric(long["value"]), "unit": "10^4 persons",
                         "pillar": "application"})


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``attr_macro`` (GDP and sectors, retail, trade, population, employment, CPI)."""
    parts = [_gdp(sources), _population(sources)]
    parts += [_by_year(sources, *spec) for spec in BY_YEAR]
    parts += [_trade(sources, *spec) for spec in TRADE]
    return {"attr_macro": finish_long(pd.concat(parts, ignore_index=True))}
