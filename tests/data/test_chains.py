"""The chain catalogue: valid, covers every manufacturing group, words resolve, profile numbers carry unit + source."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.chains import (CANDIDATES, CATALOGUE_PATH, PROFILE_MEASURES, ChainCatalogueError, chain_profile, chains,
                         group_weights, parse_catalogue, resolve_chain, resolve_chains)


def _frame() -> pd.DataFrame:
    return pd.read_csv(CATALOGUE_PATH, dtype=str, keep_default_na=False)


def test_catalogue_is_valid_and_of_the_size_officials_name():
    rows = chains()
    assert 22 <= len(rows) <= 30
    assert len({r.chain for r in rows}) == len(rows)


def test_every_manufacturing_group_is_covered_by_a_chain():
    weights = group_weights()
    assert list(weights.columns) == list(CANDIDATES)
    assert (weights.gt(0).sum(axis=0) >= 1).all(), weights.columns[weights.gt(0).sum(axis=0) == 0].tolist()
    assert np.allclose(weights.sum(axis=1), 1.0)


def test_every_profile_number_has_a_unit_and_a_source():
    profile = chain_profile()
    assert set(profile["measure"]) == set(PROFILE_MEASURES)
    assert len(profile) == len(chains()) * len(PROFILE_MEASURES)
    assert profile["value"].notna().all() and (profile["value"] >= 0).all()
    assert profile["unit"].str.len().gt(0).all() and profile["source"].str.len().gt(0).all()
    assert profile["source"].str.contains("IO tables|CEADs").all()


def test_every_compiled_row_cites_the_classification():
    assert all("GB/T 4754-2017" in r.source for r in chains())


def test_profile_is_computed_from_the_io_tables_not_typed():
    """Electricity input of a one-group chain equals H22 → group over the group's output (2017 provincial sum)."""
    from data.loader import load_table

    panel, flows = load_table("io_panel"), load_table("io_matrix")
    output = panel.loc[(panel["year"] == 2017) & (panel["industry"] == "H14"), "gross_output"].sum()
    power = flows.loc[(flows["year"] == 2017) & (flows["from_industry"] == "H22") & (flows["to_industry"] == "H14"),
                      "value"].sum()
    profile = chain_profile().set_index(["chain", "measure"])["value"]
    assert profile[("steel", "electricity_input")] == pytest.approx(power / output)


@pytest.mark.parametrize("word, chain", [("锂电", "battery"), ("储能", "battery"), ("光伏", "pv"), ("芯片", "ic"),
                                         ("机器人", "robots"), ("新能源汽车", "nev"), ("solar", "pv"),
                                         ("Ｐｖ", "pv"), ("白酒", "liquor"), ("纺织", "textiles")])
def test_everyday_words_resolve_to_chains(word, chain):
    assert resolve_chain(word) == chain


def test_family_word_names_several_chains():
    assert resolve_chain("新能源") is None
    assert set(resolve_chains("新能源")) >= {"pv", "battery", "nev"}
    assert resolve_chains("火箭") == ()


@pytest.mark.parametrize("column, value, message", [
    ("groups", "H18:0.5", "sum to 1"), ("groups", "H29:1.0", "H06–H21"), ("power_need", "huge", "power_need"),
    ("raw_materials", "unobtainium", "unknown raw materials"), ("upstream", "nowhere", "unknown"),
    ("source", "a blog", "GB/T 4754"), ("groups", "H18", "CODE:NUMBER")])
def test_a_malformed_row_is_named(column, value, message):
    frame = _frame()
    frame.loc[0, column] = value
    with pytest.raises(ChainCatalogueError, match=message):
        parse_catalogue(frame)


def test_a_word_naming_two_chains_is_rejected():
    frame = _frame()
    frame.loc[1, "words_zh"] = frame.loc[1, "words_zh"] + "|光伏"
    with pytest.raises(ChainCatalogueError, match="names both"):
        parse_catalogue(frame)
