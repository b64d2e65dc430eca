"""The content of the one-page city report and the evidence sentences the app shows.

:func:`city_report` gathers, for one prefecture city, the top candidates of
:func:`models.city_answers.city_recommend_answer` (the same numbers ``hostfit recommend
--city`` prints) with the evidence behind each city score written out as sentences with
units (zh and en): declared zones, listed firms, steel capacity, the move
from the province score, peer crowding and the nationwide count. Rendering (PDF) is the
app's (:mod:`app.report_city_pdf`); the content is plain data, tested without a PDF.
"""

from __future__ import annotations

from datetime import date

from models.board import Board
from models.city_answers import city_recommend_answer

SOURCES = {
    "zh": ("数据来源：民政部行政区划（FIERsity 对照表，CC BY 4.0）；《中国开发区审核公告目录》（2018 年第 4 号，"
           "国家发改委等六部门）；深交所上市公司名单（申万行业）；Global Energy Monitor 钢铁厂数据（CC BY 4.0）；"
           "第六、七次人口普查；省级适配分见 hostfit 省级报告的数据来源。"),
    "en": ("Sources: MCA division records (FIERsity crosswalk, CC BY 4.0); China Development Zone Catalogue (2018 "
           "No. 4, NDRC and five other ministries); SZSE listed companies (Shenwan industries); Global Energy "
           "Monitor steel plants (CC BY 4.0); 2010 and 2020 censuses; province fit scores as in the hostfit "
           "province report."),
}


def city_facts_sentence(facts: dict) -> dict[str, str]:
    """Population and zones of the city in one sentence with units (zh and en)."""
    population, growth = facts["population_2020"], facts["population_growth_pct"]
    small = population < 100_000  # e.g. Sansha: 2,333 persons
    zh_people = f"{population:,} 人" if small else f"{population / 1e4:,.0f} 万人"
    en_people = f"{population:,} persons" if small else f"{population / 1e6:.2f} million"
    return {"zh": (f"2020 年常住人口 {zh_people}"
                   + ("" if growth is None else f"（较 2010 年 {growth:+.1f}%）")
                   + f"；开发区 {facts['zones']} 个，其中 {facts['zones_declaring_manufacturing']} 个以制造业为主导产业"
                   "（2018 年目录）"),
            "en": (f"population {en_people} (2020 census"
                   + ("" if growth is None else f", {growth:+.1f}% since 2010")
                   + f"); {facts['zones']} development zones, {facts['zones_declaring_manufacturing']} declaring a "
                   "manufacturing group (2018 catalogue)")}


def evidence_sentences(item: dict, reference: float, steel_year: int | None) -> dict[str, list[str]]:
    """The evidence behind one city score as sentences with units.

    Parameters
    ----------
    item : dict
        One entry of ``city_recommend_answer(...)["industries"]``.
    reference : float
        The national mean evidence index (``method["reference"]``).
    steel_year : int, optional
        Year of the steel capacity (H14 only).

    Returns
    -------
    dict
        ``{"zh": [...], "en": [...]}``, same order: score move, zones, firms, (steel),
        peer crowding, nationwide count.
    """
    zh_name, en_name = item["industry_zh"], item["industry_en"]
    zones, weighted = item["zones_declaring"], item["zones_weighted"] or 0.0
    firms, recent = item["listed_firms"], item["listed_recent"]
    zh = [f"本省适配分 {item['province_score']:.0f} 分（本省 16 个候选产业中第 {item['province_rank']} 名），本市已有基础 "
          f"{item['evidence']:.2f}（0–1，全国平均 {reference:.2f}），城市得分 {item['score']:.0f} 分"]
    en = [f"province fit score {item['province_score']:.0f}/100 (rank {item['province_rank']} of 16 in the province); "
          f"the city's existing base {item['evidence']:.2f} (0–1, national mean {reference:.2f}) → city score "
          f"{item['score']:.0f}/100"]
    if zones:
        zh.append(f"本市 {zones} 个开发区把{zh_name}列为主导产业（2018 年目录，按级别和面积加权 {weighted:.1f} 个）")
        en.append(f"{zones} development zone{'s' if zones != 1 else ''} in the city declare{'s' if zones == 1 else ''} "
                  f"it a leading industry (2018 catalogue; {weighted:.1f} weighted by level and area)")
    else:
        zh.append(f"本市没有开发区把{zh_name}列为主导产业（2018 年目录）")
        en.append("no development zone in the city declares it a leading industry (2018 catalogue)")
    if firms:
        zh.append(f"深交所上市的该行业制造业企业 {firms} 家，其中 {recent} 家 2018 年及以后上市（2025 年名单）")
        en.append(f"{firms} SZSE-listed firm{'s' if firms != 1 else ''} in the group, {recent} listed 2018 or later "
                  f"(2025 list)")
    else:
        zh.append("没有深交所上市的该行业制造业企业（2025 年名单）")
        en.append("no SZSE-listed firm in the group (2025 list)")
    if item.get("steel_capacity") is not None:
        year = f"{steel_year} 年，" if steel_year else ""
        zh.append(f"粗钢产能 {item['steel_capacity']:,.0f} 千吨/年（{year}Global Energy Monitor）")
        en.append(f"crude-steel capacity {item['steel_capacity']:,.0f} kt/yr "
                  f"({f'{steel_year}, ' if steel_year else ''}Global Energy Monitor)")
    zh.append(item["crowding"]["sentence"]["zh"])
    en.append(item["crowding"]["sentence"]["en"])
    zh.append(item["nationwide_sentence"]["zh"])
    en.append(item["nationwide_sentence"]["en"])
    return {"zh": zh, "en": en}


def city_report(board: Board, city: int, top: int = 6) -> dict:
    """Everything the one-page report of prefecture city ``city`` shows (JSON-ready, zh and en).

    Parameters
    ----------
    board : Board
        The province board the city scores start from (the latest: city evidence is 2018–2025).
    city : int
        Adcode of the prefecture city.
    top : int
        Number of candidate industries.

    Returns
    -------
    dict
        ``city, name_zh, name_en, province_zh, province_en, as_of, date, vintage, reference,
        note, facts, facts_sentence`` and ``rows`` (per industry: ``rank, industry, name_zh, name_en, score,
        province_score, crowding_level, ratio, zones_nationwide, alternatives`` (``industry,
        name_zh, name_en``) and
        ``reasons_zh, reasons_en``), ``sources`` (zh/en).
    """
    answer = city_recommend_answer(board, city, top=top)
    reference = float(answer["method"]["reference"])
    steel = answer["vintage"]["steel_year"]
    names = board.arrays.industries_table.set_index("industry")
    rows = []
    for item in answer["industries"]:
        sentences = evidence_sentences(item, reference, steel)
        rows.append({"rank": item["rank"], "industry": item["industry"], "name_zh": item["industry_zh"],
                     "name_en": item["industry_en"], "score": item["score"], "province_score": item["province_score"],
                     "crowding_level": item["crowding"]["level"], "ratio": item["crowding"]["ratio"],
                     "zones_nationwide": item["zones_nationwide"], "alternatives": [{"industry": code, "name_zh": str(names.at[code, "name_zh"]),
                                       "name_en": str(names.at[code, "name_en"])}
                                      for code in item["crowding"]["alternatives"]],
                     "reasons_zh": sentences["zh"], "reasons_en": sentences["en"]})
    return {"city": answer["city"], "name_zh": answer["name_zh"], "name_en": answer["name_en"],
            "province_zh": answer["province_zh"], "province_en": answer["province_en"], "as_of": answer["as_of"],
            "date": date.today().isoformat(), "vintage": answer["vintage"], "reference": reference,
            "note": answer["note"], "facts": answer["facts"],
            "facts_sentence": city_facts_sentence(answer["facts"]), "rows": rows, "sources": SOURCES}
