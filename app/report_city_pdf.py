"""The one-page A4 city report as a PDF (fpdf2), Chinese by default.

Same layout as the province report (:mod:`app.report_pdf`) where it applies: title; date,
province board year and city data vintage; what the city score means (a presence-based
estimate, not output); the city's population and zones; one block per candidate industry
(rank, name, 0–100 city score, province score, crowding, nationwide declared count, the
evidence as sentences with units, less-crowded alternatives); the sources. The page is
built from the data of :func:`models.city_report.city_report` only.
"""

from __future__ import annotations

from app.report_pdf import LEVEL, MARGIN, _Report, cjk_font

TEXT = {
    "zh": {"title": "{name} · 承接产业转移候选产业", "meta": "hostfit 城市报告 · {date} · {province} · 省级适配分基准年份 {as_of}",
           "vintage": "城市数据：开发区 {zones} 年目录；深交所上市公司 {firms} 年名单；钢铁产能 {steel} 年；人口普查 {census} 年。"
                      "省级数据：产业结构为 {io} 年投入产出表，属性数据至 {attr} 年。",
           "score": "说明：{note}。省级适配分是经回测校准的概率（×100）；城市得分未经校准，只用于比较城市，可远高于或低于本省的适配分。",
           "badges": "本省适配分 {province:.0f} 分 · 拥挤度：{crowd}（{ratio}）· 全国 {count} 个开发区列为主导产业",
           "alternatives": "拥挤度高，较不拥挤的备选：{names}", "sep": "、"},
    "en": {"title": "{name} · candidate industries for the East→West transfer",
           "meta": "hostfit city report · {date} · {province} · province scores as of {as_of}",
           "vintage": "City data: development zones {zones} catalogue; SZSE listed firms {firms} list; steel capacity "
                      "{steel}; census {census}. Province data: industry structure from the {io} input-output "
                      "tables, attributes to {attr}.",
           "score": "City score (0–100): {note}. The province score is a backtest-calibrated probability (×100); "
                    "the city score is not calibrated, ranks cities and can lie far from its province's score.",
           "badges": "province score {province:.0f}/100 · crowding: {crowd} ({ratio}) · declared by {count} zones "
                     "nationwide",
           "alternatives": "crowding high; less crowded alternatives: {names}", "sep": ", "},
}


def _ratio(value: float | None, lang: str) -> str:
    if value is None:
        return "无同类开发区" if lang == "zh" else "no declaring peer zones"
    return f"{value:.2f}× 随机期望" if lang == "zh" else f"{value:.2f}× chance"


def _blocks(pdf: _Report, report: dict, lang: str) -> None:
    text, level = TEXT[lang], LEVEL[lang]
    width = pdf.w - 2 * MARGIN
    for row in report["rows"]:
        pdf.set_font("cjk", size=11.5)
        pdf.set_text_color(20, 20, 20)
        name = row[f"name_{lang}"]
        pdf.cell(width - 24, 6.0, f"{row['rank']}. {name}（{row['industry']}）" if lang == "zh"
                 else f"{row['rank']}. {name} ({row['industry']})")
        pdf.set_font("cjk", size=14)
        pdf.set_text_color(31, 119, 180)
        pdf.cell(24, 6.0, f"{row['score']:.0f}", align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.text_line(text["badges"].format(province=row["province_score"], crowd=level[row["crowding_level"]],
                                            ratio=_ratio(row["ratio"], lang), count=row["zones_nationwide"]),
                      8.0, (90, 90, 90), gap=0.4)
        for reason in row[f"reasons_{lang}"]:
            pdf.text_line(f"• {reason}", 8.0, (40, 40, 40), gap=0.0)
        if row["alternatives"]:
            alternatives = text["sep"].join(f"{a[f'name_{lang}']}（{a['industry']}）" if lang == "zh"
                                            else f"{a['name_en']} ({a['industry']})" for a in row["alternatives"])
            pdf.text_line(text["alternatives"].format(names=alternatives), 8.0, (150, 60, 0), gap=0.0)
        pdf.set_draw_color(210, 210, 210)
        pdf.line(MARGIN, pdf.get_y() + 1.0, pdf.w - MARGIN, pdf.get_y() + 1.0)
        pdf.ln(2.2)


def render_city_report(report: dict, lang: str = "zh") -> tuple[bytes, int]:
    """The PDF bytes of a :func:`models.city_report.city_report` and its page count."""
    lang = "en" if lang == "en" else "zh"
    text = TEXT[lang]
    pdf = _Report(cjk_font())
    pdf.set_title("hostfit city report")
    pdf.add_page()
    pdf.text_line(text["title"].format(name=report[f"name_{lang}"]), 16, (20, 20, 20), gap=0.5)
    pdf.text_line(text["meta"].format(date=report["date"], province=report[f"province_{lang}"],
                                      as_of=report["as_of"]), 8.5, (100, 100, 100), gap=0.2)
    vintage = report["vintage"]
    pdf.text_line(text["vintage"].format(zones=vintage["zones_year"], firms=vintage["firms_year"],
                                         steel=vintage["steel_year"],
                                         census="/".join(str(y) for y in vintage["census_years"]),
                                         io=vintage["province"]["io_year"],
                                         attr=vintage["province"]["attributes_year"]), 8.5, (100, 100, 100), gap=0.2)
    pdf.text_line(text["score"].format(note=report["note"][lang]), 8.5, (100, 100, 100), gap=0.2)
    pdf.text_line(report["facts_sentence"][lang], 8.5, (60, 60, 60), gap=2.5)
    _blocks(pdf, report, lang)
    pdf.text_line(report["sources"][lang], 7, (110, 110, 110), gap=0.0)
    return bytes(pdf.output()), pdf.page_no()


def city_report_pdf(report: dict, lang: str = "zh") -> bytes:
    """One A4 page: drops the last industries until the report fits on one page (at least three).

    Raises
    ------
    app.report_pdf.ReportError
        No CJK font is available.
    """
    rows = list(report["rows"])
    while True:
        data, pages = render_city_report({**report, "rows": rows}, lang)
        if pages == 1 or len(rows) <= 3:
            return data
        rows = rows[:-1]
