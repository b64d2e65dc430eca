"""The feature catalogue is bilingual: zh and en label, unit and meaning for every feature,
with no Chinese in the English fields and no English words in the Chinese units."""

from __future__ import annotations

import re

import pytest

from features import relative
from features.catalogue import FeatureSpec, catalogue

TEXT_FIELDS = ("label_zh", "label_en", "unit_zh", "unit_en", "meaning_zh", "meaning_en")
EN_FIELDS = ("label_en", "unit_en", "meaning_en")
#: Symbols allowed in a Chinese unit although they are written in Latin letters.
UNIT_ZH_SYMBOLS = ("GDP", "CO2")

#: CJK ideographs (incl. extension A and compatibility), CJK punctuation, fullwidth forms.
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SYMBOL = re.compile("|".join(re.escape(s) for s in UNIT_ZH_SYMBOLS))


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK ideograph, CJK punctuation or a fullwidth form."""
    return _CJK.search(text) is not None


def stray_letters(unit_zh: str) -> str:
    """ASCII letters left in a Chinese unit once the whitelisted symbols are removed."""
    return "".join(re.findall("[A-Za-z]", _SYMBOL.sub("", unit_zh)))


@pytest.fixture(scope="module")
def table():
    return catalogue()


def test_catalogue_has_the_bilingual_columns_and_no_mixed_ones(table):
    assert list(table.columns) == ["name", "pillar", *TEXT_FIELDS, "source", "direction", "neutral"]
    assert {"unit", "meaning"}.isdisjoint(table.columns)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_text_field_is_filled(table, field):
    blank = table.loc[table[field].str.strip().str.len() == 0, "name"].tolist()
    assert not blank, f"{field} empty for {blank}"


def test_names_are_unique(table):
    assert table["name"].is_unique


@pytest.mark.parametrize("field", EN_FIELDS)
def test_english_fields_have_no_chinese(table, field):
    leaks = {r.name: getattr(r, field) for r in table.itertuples(index=False) if has_cjk(getattr(r, field))}
    assert not leaks, f"CJK in {field}: {leaks}"


def test_chinese_units_have_no_english_words(table):
    leaks = {r.name: r.unit_zh for r in table.itertuples(index=False) if stray_letters(r.unit_zh)}
    assert not leaks, f"ASCII letters in unit_zh (allowed only: {UNIT_ZH_SYMBOLS}): {leaks}"


@pytest.mark.parametrize("field", ("label_zh", "meaning_zh"))
def test_chinese_labels_and_meanings_are_written_in_chinese(table, field):
    missing = [r.name for r in table.itertuples(index=False) if not has_cjk(getattr(r, field))]
    assert not missing, f"{field} without Chinese: {missing}"


def test_the_two_languages_differ(table):
    same = [r.name for r in table.itertuples(index=False)
            if r.label_zh == r.label_en or r.meaning_zh == r.meaning_en]
    assert not same, same


def test_a_rank_feature_is_generated_for_every_base(table):
    specs = table.set_index("name")
    assert len(relative.FEATURES) == len(relative.BASES)
    for base, name in zip(relative.BASES, relative.FEATURES):
        assert name == base + relative.SUFFIX
        assert name in specs.index, name
        rank, source = specs.loc[name], specs.loc[base]
        assert rank["pillar"] == source["pillar"]
        assert rank["label_zh"] == f"区内排位：{source['label_zh']}"
        assert rank["label_en"] == f"{source['label_en']}, rank within region"
        assert (rank["unit_zh"], rank["unit_en"]) == ("百分位 0–1", "percentile 0–1")
        assert source["label_zh"] in rank["meaning_zh"] and source["label_en"] in rank["meaning_en"]
    ranks = {n for n in specs.index if n.endswith(relative.SUFFIX)}
    assert ranks == set(relative.FEATURES)


@pytest.mark.parametrize(("text", "expected"), [
    ("log 万元", True), ("kWh per 元", True), ("0/1（是/否）", True), ("ratio (0–3)", False),
    ("log of 10⁴ yuan", False), ("t CO2 per 10⁴ yuan", False), ("share 0–1", False)])
def test_cjk_detector(text, expected):
    assert has_cjk(text) is expected


@pytest.mark.parametrize(("unit", "expected"), [
    ("ratio", "ratio"), ("log 万元", "log"), ("t CO2/万元", "t"), ("占 GDP 的 %", ""), ("吨CO2/万元", ""),
    ("万元（对数）", ""), ("份额 0–1", "")])
def test_stray_letter_detector(unit, expected):
    assert stray_letters(unit) == expected


def test_the_rules_catch_an_old_style_spec():
    old = FeatureSpec("x", "cost", label_zh="成本", label_en="Cost", unit_zh="log 万元", unit_en="kWh per 元",
                      meaning_zh="Labour cost", meaning_en="Labour cost", source="s")
    assert stray_letters(old.unit_zh) and has_cjk(old.unit_en) and not has_cjk(old.meaning_zh)
