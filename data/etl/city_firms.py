"""Listed manufacturing firms per city and industry (part of ``city_presence``).

Sources: the Shenzhen Stock Exchange A-share company list (December 2025;
registered province and city, listing date, CSRC industry section; the registered
address locates firms whose city field reads 省直辖县级行政区划) joined on
the stock code with the Shenwan level-1 industry of each stock (2014 Shenwan
classification, snapshot of 2024-03-18). Shanghai- and Beijing-listed firms are
not in the SZSE list, and delisted firms are absent, so counts are a presence
proxy for SZSE-listed survivors, not a census.

A firm is counted when the exchange classes it in CSRC section C (制造业) and its
Shenwan industry maps to H codes through :data:`SHENWAN_TO_H`. Requiring
section C keeps out the software houses of Shenwan 计算机, the operators of
通信 and the service arms of other industries, so 计算机 and 通信 map to
electronics (H19) and 农林牧渔 to food (H06: feed, food processing). Shenwan
industries without a manufacturing counterpart map to nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.etl.city_gazetteer import Gazetteer, province_code
from data.etl.sources import SourceError, check_columns, read_csv, read_excel

FIRMS = "city/szse_a_share_list_2025-12.xlsx"
SHENWAN = "city/stock_industry_shenwan_2024-03.csv"
INPUTS = (FIRMS, SHENWAN)

#: Shenwan level-1 industry (2014 classification) → H codes, for CSRC section C firms only.
SHENWAN_TO_H: dict[str, tuple[str, ...]] = {
    "食品饮料": ("H06",),
    "农林牧渔": ("H06",),        # section C members are feed and food processors
    "纺织服装": ("H07", "H08"),  # 纺织制造 (H07) and 服装家纺 (H08) are not told apart
    "轻工制造": ("H09", "H10"),  # 家用轻工 (furniture H09), 造纸 and 包装印刷 (H10)
    "化工": ("H12",),
    "医药生物": ("H12",),        # medical devices (H16) are a minority of the group
    "建筑材料": ("H13",),
    "钢铁": ("H14",),
    "有色金属": ("H14",),
    "机械设备": ("H16",),
    "汽车": ("H17",),
    "国防军工": ("H17",),        # aerospace, ground weapons, shipbuilding
    "电气设备": ("H18",),
    "家用电器": ("H18",),
    "电子": ("H19",),
    "计算机": ("H19",),          # section C members make hardware
    "通信": ("H19",),            # section C members make equipment
}

#: Shenwan level-1 industries with no manufacturing counterpart.
_NOT_MANUFACTURING = {"银行", "非银金融", "房地产", "建筑装饰", "公用事业", "交通运输", "传媒", "商业贸易",
                      "休闲服务", "综合", "采掘"}

#: Listing cohorts (label, first year, last year).
COHORTS = (("listed_to_2012", 0, 2012), ("listed_2013_2017", 2013, 2017), ("listed_2018_on", 2018, 9999))


def _cohort(year: int) -> str:
    for label, first, last in COHORTS:
        if first <= year <= last:
            return label
    raise ValueError(year)


def read_firms(sources: Path, gazetteer: Gazetteer) -> pd.DataFrame:
    """One row per SZSE-listed firm: code, city, location status, cohort, CSRC section, Shenwan, H codes."""
    firms = read_excel(sources, FIRMS, dtype=str)
    firms.columns = [str(c).replace(" ", "").replace("\u3000", "") for c in firms.columns]
    check_columns(firms, ["A股代码", "A股上市日期", "省份", "城市", "注册地址", "所属行业"], FIRMS)
    shenwan = read_csv(sources, SHENWAN, dtype=str)
    check_columns(shenwan, ["code", "industry"], SHENWAN)
    shenwan = shenwan.loc[shenwan["code"].str.startswith("sz.")]
    industry = dict(zip(shenwan["code"].str[3:], shenwan["industry"]))
    unknown = set(shenwan["industry"].dropna()) - set(SHENWAN_TO_H) - _NOT_MANUFACTURING
    if unknown:
        raise SourceError(f"{SHENWAN}: Shenwan industries without a concordance entry: {sorted(unknown)}")

    rows = []
    for code, listed, province_name, city_name, address, csrc in firms[
            ["A股代码", "A股上市日期", "省份", "城市", "注册地址", "所属行业"]].itertuples(index=False):
        code = str(code).strip().zfill(6)
        province = province_code(str(province_name).strip())
        if province is None:
            raise SourceError(f"{FIRMS}: unknown province {province_name!r} for stock {code}")
        location = gazetteer.locate(str(city_name), province)
        if location.status == "unlocated":  # 省直辖县级行政区划: the registered address names the place
            location = gazetteer.locate_address(str(address), province)
        year = pd.to_datetime(listed, errors="coerce").year
        if pd.isna(year):
            raise SourceError(f"{FIRMS}: listing date {listed!r} of stock {code} is not a date")
        section = str(csrc).strip()[:1]
        sw = industry.get(code)
        codes = SHENWAN_TO_H.get(sw, ()) if section == "C" else ()
        rows.append({"code": code, "province": province, "city": location.city, "locate_status": location.status,
                     "cohort": _cohort(int(year)), "csrc_section": section, "shenwan": sw,
                     "industries": codes})
    return pd.DataFrame(rows)


def firm_rows(firms: pd.DataFrame) -> pd.DataFrame:
    """Tidy presence rows: ``city, industry, measure='listed_firms', period=<cohort>, value, unit``."""
    counted = firms.loc[firms["city"].notna() & firms["industries"].map(len).gt(0)]
    exploded = counted.explode("industries").rename(columns={"industries": "industry"})
    table = exploded.groupby(["city", "industry", "cohort"]).size().rename("value").reset_index()
    return pd.DataFrame({"city": table["city"].astype("int64"), "industry": table["industry"],
                         "measure": "listed_firms", "period": table["cohort"],
                         "value": table["value"].astype(float), "unit": "firms"})
