"""The one-page A4 region report as a PDF (fpdf2), Chinese by default.

Layout, top to bottom: title; date, as-of year and data vintage; what the score means;
one block per recommended industry (rank, name, 0–100 score, rank by existing output,
crowding and declared priorities, three reasons); a stacked bar chart of the pillar
points; the backtest caveat in one sentence; the sources. Text is set in an embedded
CJK font (:func:`cjk_font`); the page is built from the data of
:func:`models.report.region_report` only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from fpdf import FPDF

from app.figures import PILLAR_COLOURS
from app.pdf_wrap import wrap_lines

#: Places a CJK font is often found, tried after ``$HOSTFIT_CJK_FONT`` and before ``fc-match``.
FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)
MARGIN = 12.0
LEVEL = {"zh": {"low": "低", "medium": "中", "high": "高"}, "en": {"low": "low", "medium": "medium", "high": "high"}}
TEXT = {
    "zh": {"title": "{name} · 承接产业转移候选产业", "meta": "hostfit 报告 · {date} · 基准年份 {as_of}",
           "vintage": "数据口径：产业结构为 {io} 年投入产出表；属性数据至 {attr} 年；全国产品产量至 {prod} 年。",
           "score": "适配分（0–100）：未来五年该产业进入本省“超比例增长”前五名的估计概率，所有省份×产业平均为 {base:.0f} 分。",
           "badges": "按现有产出第 {scale} 名 · 同质化：{crowd} · {declared} 个省份宣布为重点（重叠：{dlevel}）",
           "green": " · 高耗能落煤电", "chart": "各类因素对适配分的贡献（分）", "points": "分",
           "down": "← 拉低", "up": "推高 →"},
    "en": {"title": "{name} · candidate industries for the East→West transfer", "meta": "hostfit report · {date} · as of {as_of}",
           "vintage": "Data vintage: industry structure from the {io} input-output tables; attributes to {attr}; "
                      "national product output to {prod}.",
           "score": "Fit score (0–100): the estimated probability that the industry is among the province's five "
                    "largest above-proportional gains over the next five years; the average is {base:.0f}.",
           "badges": "rank by existing output {scale} · crowding: {crowd} · declared by {declared} provinces "
                     "(overlap: {dlevel})",
           "green": " · energy-intensive on a coal grid", "chart": "Contribution of each factor group to the fit score (points)",
           "points": "pts", "down": "← lowers", "up": "raises →"},
}


class ReportError(RuntimeError):
    """The report cannot be made (no CJK font found); the message is bilingual."""


def cjk_font() -> tuple[Path, int]:
    """A font file with Chinese glyphs and its index in a collection.

    Raises
    ------
    ReportError
        None found (set ``HOSTFIT_CJK_FONT`` or install Noto Sans CJK, e.g. Debian ``fonts-noto-cjk``).
    """
    override = os.environ.get("HOSTFIT_CJK_FONT")
    if override and Path(override).is_file():
        return Path(override), int(os.environ.get("HOSTFIT_CJK_FONT_INDEX", "0"))
    for path, index in FONT_CANDIDATES:
        if Path(path).is_file():
            return Path(path), index
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", "Noto Sans CJK SC:lang=zh-cn"],
                               capture_output=True, text=True, check=False, timeout=10).stdout
        path, _, index = found.rpartition(":")
        if path and Path(path).is_file() and path.lower().endswith((".ttc", ".ttf", ".otf")):
            return Path(path), int(index or 0)
    raise ReportError("no font with Chinese characters found: install Noto Sans CJK (Debian: apt-get install "
                      "fonts-noto-cjk) or set HOSTFIT_CJK_FONT / 未找到中文字体：请安装思源黑体（fonts-noto-cjk）"
                      "或设置 HOSTFIT_CJK_FONT")


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


class _Report(FPDF):
    def __init__(self, font: tuple[Path, int]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.add_font("cjk", fname=str(font[0]), collection_font_number=font[1])
        self.set_title("hostfit region report")
        self.set_creator("hostfit")

    def text_line(self, text: str, size: float, colour: tuple[int, int, int] = (34, 34, 34), gap: float = 1.0) -> None:
        self.set_font("cjk", size=size)
        self.set_text_color(*colour)
        width = self.w - self.l_margin - self.r_margin
        for line in wrap_lines(text, self.get_string_width, width - 2 * self.c_margin):
            self.cell(width, size * 0.45, line, new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(gap)


def _blocks(pdf: _Report, report: dict, lang: str) -> None:
    text, level = TEXT[lang], LEVEL[lang]
    width = pdf.w - 2 * MARGIN
    for row in report["rows"]:
        top = pdf.get_y()
        pdf.set_font("cjk", size=11.5)
        pdf.set_text_color(20, 20, 20)
        name = row["name_zh"] if lang == "zh" else row["name_en"]
        pdf.cell(width - 24, 6.0, f"{row['rank']}. {name}（{row['industry']}）" if lang == "zh"
                 else f"{row['rank']}. {name} ({row['industry']})")
        pdf.set_font("cjk", size=14)
        pdf.set_text_color(31, 119, 180)
        pdf.cell(24, 6.0, f"{row['score']:.0f}", align="R", new_x="LMARGIN", new_y="NEXT")
        badges = text["badges"].format(scale=row["scale_rank"], crowd=level[row["crowding_level"]],
                                       declared=row["declared_count"], dlevel=level[row["declared_level"]])
        pdf.text_line(badges + (text["green"] if row["green_flag"] else ""), 8.0, (90, 90, 90), gap=0.4)
        for reason in row[f"reasons_{lang}"]:
            pdf.text_line(f"• {reason}", 8.2, (40, 40, 40), gap=0.0)
        pdf.set_draw_color(210, 210, 210)
        pdf.line(MARGIN, pdf.get_y() + 1.0, pdf.w - MARGIN, pdf.get_y() + 1.0)
        pdf.ln(2.2)
        assert pdf.get_y() > top


def _fitted(pdf: _Report, text: str, width: float) -> str:
    """``text`` shortened with an ellipsis (at a word end in English) to fit ``width`` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    cut = text.rstrip(" ,&")
    if " " in cut and cut.isascii():
        cut = cut[: cut.rfind(" ")].rstrip(" ,&")
    return cut + "…"


def _chart(pdf: _Report, report: dict, lang: str) -> None:
    """Stacked horizontal bars of pillar points, one bar per industry, with a legend."""
    pdf.text_line(TEXT[lang]["chart"], 8.5, (60, 60, 60), gap=0.5)
    rows, pillars = report["rows"], report["pillars"]
    label_w, bar_h, gap = 40.0, 4.6, 1.6
    plot_w = pdf.w - 2 * MARGIN - label_w - 4
    spans = [(sum(min(v, 0) for v in r["points"].values()), sum(max(v, 0) for v in r["points"].values()))
             for r in rows]
    low, high = min(s[0] for s in spans), max(s[1] for s in spans)
    scale = plot_w / max(high - low, 1e-9)
    zero = MARGIN + label_w + (0 - low) * scale
    y = pdf.get_y()
    pdf.set_font("cjk", size=7)
    for row in rows:
        pdf.set_text_color(40, 40, 40)
        pdf.set_xy(MARGIN, y)
        name = row["name_zh"] if lang == "zh" else row["name_en"]
        pdf.cell(label_w - 1, bar_h, _fitted(pdf, name, label_w - 2), align="R")
        left, right = zero, zero
        for item in pillars:
            value = row["points"][item["pillar"]]
            pdf.set_fill_color(*_hex(PILLAR_COLOURS[item["pillar"]]))
            if value >= 0:
                pdf.rect(right, y, value * scale, bar_h, style="F")
                right += value * scale
            else:
                left += value * scale
                pdf.rect(left, y, -value * scale, bar_h, style="F")
        y += bar_h + gap
    pdf.set_draw_color(120, 120, 120)
    pdf.line(zero, pdf.get_y(), zero, y)
    pdf.set_text_color(110, 110, 110)
    down = TEXT[lang]["down"]
    pdf.set_xy(zero - 1 - pdf.get_string_width(down) - 2, y)
    pdf.cell(pdf.get_string_width(down) + 2, 3.5, down, align="R")
    pdf.set_xy(zero + 1, y)
    pdf.cell(pdf.get_string_width(TEXT[lang]["up"]) + 2, 3.5, TEXT[lang]["up"])
    y += 4.0
    pdf.set_xy(MARGIN, y + 0.5)
    x, line_y = MARGIN, y + 0.5
    for item in pillars:
        label = item["zh"] if lang == "zh" else item["en"]
        width = pdf.get_string_width(label) + 4
        if x + 3.2 + width > pdf.w - MARGIN:  # wrap the legend
            x, line_y = MARGIN, line_y + 4.5
        pdf.set_fill_color(*_hex(PILLAR_COLOURS[item["pillar"]]))
        pdf.rect(x, line_y + 0.8, 2.6, 2.6, style="F")
        pdf.set_xy(x + 3.2, line_y)
        pdf.set_text_color(60, 60, 60)
        pdf.cell(width, 4, label)
        x += 3.2 + width
    pdf.set_xy(MARGIN, line_y + 6)


def render_report(report: dict, lang: str = "zh") -> tuple[bytes, int]:
    """The PDF bytes of a :func:`models.report.region_report` and its page count."""
    text = TEXT["en" if lang == "en" else "zh"]
    lang = "en" if lang == "en" else "zh"
    pdf = _Report(cjk_font())
    pdf.add_page()
    name = report["name_zh"] if lang == "zh" else report["name_en"]
    pdf.text_line(text["title"].format(name=name), 16, (20, 20, 20), gap=0.5)
    pdf.text_line(text["meta"].format(date=report["date"], as_of=report["as_of"]), 8.5, (100, 100, 100), gap=0.2)
    vintage = report["vintage"]
    pdf.text_line(text["vintage"].format(io=vintage["io_year"], attr=vintage["attributes_year"],
                                         prod=vintage["products_year"]), 8.5, (100, 100, 100), gap=0.2)
    pdf.text_line(text["score"].format(base=report["base_score"]), 8.5, (100, 100, 100), gap=2.5)
    _blocks(pdf, report, lang)
    _chart(pdf, report, lang)
    pdf.text_line(report["caveat"][lang], 8, (150, 60, 0), gap=1.0)
    pdf.text_line(report["sources"][lang], 7, (110, 110, 110), gap=0.0)
    return bytes(pdf.output()), pdf.page_no()


def region_report_pdf(report: dict, lang: str = "zh") -> bytes:
    """One A4 page: drops the last industries until the report fits on one page (at least three)."""
    rows = list(report["rows"])
    while True:
        data, pages = render_report({**report, "rows": rows}, lang)
        if pages == 1 or len(rows) <= 3:
            return data
        rows = rows[:-1]
