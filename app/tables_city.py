"""User-facing tables of the city layer: localised headers with units, one place for screen and downloads."""

from __future__ import annotations

import pandas as pd

from app.i18n import industry_name, region_name, t
from app.tables import level_text


def alternatives_text(codes: list[str], lang: str) -> str:
    """Less-crowded alternatives as "H17 交通运输设备；H13 …" (names may contain "、" themselves)."""
    return ("；" if lang == "zh" else "; ").join(f"{c} {industry_name(c, lang)}" for c in codes)


def crowding_cell(crowding: dict, lang: str) -> str:
    """Level symbol and text with the ratio to chance, e.g. "◐ 中 (1.99×)"."""
    ratio = t("no_ratio", lang) if crowding["ratio"] is None else f"{crowding['ratio']:.2f}×"
    return f"{level_text(crowding['level'], lang)} ({ratio})"


def city_table(items: list[dict], lang: str) -> pd.DataFrame:
    """The ranked candidates of a city (``city_recommend_answer(...)["industries"]``)."""
    return pd.DataFrame({
        t("rank", lang): [i["rank"] for i in items],
        t("industry", lang): [f"{i['industry']} {industry_name(i['industry'], lang)}" for i in items],
        t("city_score", lang): [round(i["score"]) for i in items],
        t("province_score", lang): [round(i["province_score"]) for i in items],
        t("evidence_index", lang): [round(i["evidence"], 2) for i in items],
        t("city_zones", lang): [i["zones_declaring"] for i in items],
        t("listed_firms", lang): [i["listed_firms"] for i in items],
        t("city_crowding", lang): [crowding_cell(i["crowding"], lang) for i in items],
        t("zones_nationwide", lang): [i["zones_nationwide"] for i in items],
        t("alternatives", lang): [alternatives_text(i["crowding"]["alternatives"], lang) for i in items],
    })


def city_sites_table(items: list[dict], lang: str) -> pd.DataFrame:
    """The ranked cities for an industry (``city_sites_answer(...)["cities"]``); names from ``name_en`` in
    English; with an origin province, the distance to it in km."""
    name = "name_zh" if lang == "zh" else "name_en"
    table = pd.DataFrame({
        t("rank", lang): [i["rank"] for i in items],
        t("city", lang): [i[name] for i in items],
        t("province", lang): [region_name(i["province"], lang) for i in items],
        t("city_score", lang): [round(i["score"]) for i in items],
        t("province_score", lang): [round(i["province_score"]) for i in items],
        t("evidence_index", lang): [round(i["evidence"], 2) for i in items],
        t("city_zones", lang): [i["zones_declaring"] for i in items],
        t("listed_firms", lang): [i["listed_firms"] for i in items],
        t("city_crowding", lang): [crowding_cell(i["crowding"], lang) for i in items],
        t("population_2020", lang): [round(i["population_2020"] / 1e4, 1) for i in items],
    })
    if items and "distance_km" in items[0]:  # with an origin province
        table[t("distance_km", lang)] = [i["distance_km"] for i in items]
    return table
