"""ETL step: hand-compiled policy lists, each row keeping its source URL.

Multi-province rows (``京津冀(跨省)``, ``上海市;江苏省;浙江省``) are exploded
to one row per province with ``shared`` = True, so counts per province are
explicit about joint entries.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from data.etl.attributes_common import zh_regions
from data.etl.facts import REGIONS
from data.etl.sources import SourceError, check_columns, read_csv

CLUSTER_COUNTS = "policy/advanced_mfg_clusters_2022_counts_by_province.csv"
CLUSTER_NAMES = "policy/advanced_mfg_clusters_named_partial.csv"
HUBS = "policy/east_data_west_compute_hubs_clusters.csv"
#: The hubs were designated by the NDRC et al. release of 2022-02-17 (the source URL of every row).
HUBS_YEAR = 2022
NEW_AREAS = "policy/national_new_areas_19.csv"
ZONES = "policy/yangtze_transformation_demo_zones_2016.csv"
PRIORITIES = "policy/declared_priorities.csv"
INPUTS = (CLUSTER_COUNTS, CLUSTER_NAMES, HUBS, NEW_AREAS, ZONES, PRIORITIES)

#: Zones whose names carry no province or city name: located from the NDRC list.
ZONE_LOCATION = {"漕河泾新兴技术开发区": 310000}  # Caohejing, Xuhui district, Shanghai
_URL = re.compile(r"(https?://[^\s;,)]+)")


def _url(text: pd.Series) -> pd.Series:
    return text.str.extract(_URL, expand=False)


def _explode_codes(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    codes = frame[column].astype(str).str.split(";")
    out = frame.assign(region=codes, shared=codes.str.len() > 1).explode("region")
    return out.assign(region=out["region"].astype("int64"))


def _clusters(sources: Path) -> pd.DataFrame:
    counts = read_csv(sources, CLUSTER_COUNTS, dtype={"province_code": str})
    check_columns(counts, ["province", "province_code", "n_national_advanced_mfg_clusters", "source"],
                  CLUSTER_COUNTS)
    names = read_csv(sources, CLUSTER_NAMES)
    check_columns(names, ["cluster_name", "province", "source"], CLUSTER_NAMES)
    named = names.assign(region=zh_regions(names["province"], CLUSTER_NAMES))
    listed = named.groupby("region")["cluster_name"].agg("|".join)
    out = _explode_codes(counts, "province_code")
    return pd.DataFrame({
        "region": out["region"], "shared": out["shared"], "group": out["province"],
        "n_clusters": out["n_national_advanced_mfg_clusters"].astype("int64"),
        "named_clusters": out["region"].map(listed).where(~out["shared"]),
        "source_url": _url(out["source"]),
    }).sort_values(["region", "shared"], ignore_index=True)


def _hubs(sources: Path) -> pd.DataFrame:
    hubs = read_csv(sources, HUBS, dtype={"province_code": str})
    check_columns(hubs, ["hub_node", "dc_cluster", "province_code", "host_city_or_district",
                         "east_west_side", "source"], HUBS)
    out = _explode_codes(hubs, "province_code")
    return pd.DataFrame({
        "region": out["region"], "hub": out["hub_node"], "cluster": out["dc_cluster"],
        "host": out["host_city_or_district"], "side": out["east_west_side"], "shared": out["shared"],
        "year": HUBS_YEAR, "source_url": _url(out["source"]),
    }).sort_values(["region", "cluster"], ignore_index=True)


def _new_areas(sources: Path) -> pd.DataFrame:
    areas = read_csv(sources, NEW_AREAS)
    check_columns(areas, ["new_area", "province_code", "host_city", "established_or_approved", "source"],
                  NEW_AREAS)
    approved = areas["established_or_approved"].astype(str)
    national = approved.str.extract(r"national new area status (\d{4})", expand=False)
    year = national.fillna(approved.str[:4]).astype("int64")
    return pd.DataFrame({
        "region": areas["province_code"].astype("int64"), "new_area": areas["new_area"],
        "host_city": areas["host_city"], "year": year, "approval_note": approved,
        "source_url": _url(areas["source"]),
    }).sort_values(["region", "year"], ignore_index=True)


def _zone_region(name: str, places: dict[str, int]) -> int | None:
    if name in ZONE_LOCATION:
        return ZONE_LOCATION[name]
    for code, _full, short, _en, _macro in REGIONS:
        if name.startswith(short):
            return code
    hits = [(len(place), code) for place, code in places.items() if place in name]
    return max(hits)[1] if hits else None


def _places(sources: Path) -> dict[str, int]:
    """City and county names (suffix stripped, ≥2 chars) → province adcode."""
    codes = read_csv(sources, "geo/china_division_codes_2025.csv", dtype={"code": str})
    check_columns(codes, ["code", "name"], "geo/china_division_codes_2025.csv")
    local = codes.loc[~codes["code"].str.endswith("0000")]
    stems = local["name"].str.replace(r"(市|县|区|自治州|地区|盟)$", "", regex=True)
    keep = stems.str.len() >= 2
    return dict(zip(stems[keep], local.loc[keep, "code"].str[:2].astype(int) * 10000))


def _zones(sources: Path) -> pd.DataFrame:
    zones = read_csv(sources, ZONES)
    check_columns(zones, ["zone", "source"], ZONES)
    places = _places(sources)
    regions = zones["zone"].map(lambda z: _zone_region(z, places))
    if regions.isna().any():
        raise SourceError(f"source file malformed: {ZONES}: cannot locate {list(zones.loc[regions.isna(), 'zone'])}")
    return pd.DataFrame({"region": regions.astype("int64"), "zone": zones["zone"], "year": 2016,
                         "source_url": _url(zones["source"])}).sort_values(["region", "zone"],
                                                                            ignore_index=True)


def _priorities(sources: Path) -> pd.DataFrame:
    table = read_csv(sources, PRIORITIES)
    check_columns(table, ["province_zh", "plan", "industry_zh", "h_codes", "source_url", "evidence",
                          "confidence"], PRIORITIES)
    table = table.assign(industry=table["h_codes"].str.split(";")).explode("industry")
    return pd.DataFrame({
        "region": zh_regions(table["province_zh"], PRIORITIES), "plan": table["plan"],
        "industry_zh": table["industry_zh"], "industry": table["industry"].str.strip(),
        "confidence": table["confidence"], "source_url": table["source_url"],
        "source_title": table["source_title"], "quote": table["evidence"],
    }).sort_values(["region", "plan", "industry", "industry_zh"], ignore_index=True)


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build the five policy tables."""
    return {"policy_clusters": _clusters(sources), "policy_data_hubs": _hubs(sources),
            "policy_new_areas": _new_areas(sources), "policy_transfer_zones": _zones(sources),
            "policy_priorities": _priorities(sources)}
