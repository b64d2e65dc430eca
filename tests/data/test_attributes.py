"""Tests of the province attribute, geography, policy and CO2 ETL steps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from data.etl import co2, energy, geo, macro, policy, population, research
from data.etl.attributes_common import english_region
from data.etl.sources import SourceError
from data.registry import all_specs

REFERENCE = "ceads_co2/provinces/reference/derived_ceads_prov_co2_47sectors_1997_2019_long.csv"


@pytest.fixture(scope="module")
def tables(sources_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table of the attribute steps, built once and validated."""
    built: dict[str, pd.DataFrame] = {}
    for step in (research, energy, macro, population, co2, geo, policy):
        built.update(step.build(sources_dir, built))
    specs = all_specs()
    return {name: specs[name].schema.validate(frame) for name, frame in built.items()}


def test_every_declared_table_is_built(tables):
    declared = {name for name, spec in all_specs().items() if spec.step.startswith(
        tuple(f"data.etl.{m}:" for m in ("research", "energy", "macro", "population", "co2", "geo", "policy")))}
    assert declared == set(tables)


def test_research_coverage(tables):
    frame = tables["attr_research"]
    spending = frame[frame["attribute"] == "rd_spending"]
    assert spending["region"].nunique() == 31
    assert set(range(2010, 2024)) <= set(spending["year"])
    assert len(spending) == 31 * 14  # OCR-misspelt names repaired, none lost
    universities = frame[frame["attribute"] == "universities"]
    assert universities["value"].sum() == 2756
    assert {"state_key_labs", "patents_granted", "patents_applied", "rd_intensity",
            "rd_personnel"} <= set(frame["attribute"])


def test_geo_and_policy_counts(tables):
    assert len(tables["geo_regions"]) == 31
    assert tables["geo_outlines"]["geojson"].str.len().sum() < 600_000
    xinjiang = tables["geo_regions"].set_index("region").loc[650000]
    assert xinjiang["land_border"] and "KAZ" in xinjiang["border_countries"]
    assert len(tables["policy_new_areas"]) == 19
    clusters = tables["policy_clusters"]
    assert clusters.drop_duplicates("group")["n_clusters"].sum() == 45


def test_co2_coverage_and_totals(tables):
    sectors = tables["co2_sectors"]
    assert sectors["region"].nunique() == 30
    assert (sectors["year"].min(), sectors["year"].max()) == (1997, 2019)
    green = tables["attr_green"]
    total = green[green["attribute"] == "co2_total"].set_index(["region", "year"])["value"]
    mapped = sectors.groupby(["region", "year"])["co2"].sum()
    assert (mapped <= total.loc[mapped.index] + 1e-9).all()


def test_co2_agrees_with_reference(sources_dir):
    ours = co2.read_ceads(sources_dir)
    reference = pd.read_csv(sources_dir / REFERENCE)
    reference["region"] = reference["province"].map(english_region)
    both = ours.merge(reference, left_on=["region", "year", "ceads_row"],
                      right_on=["region", "year", "row_index"])
    assert len(both) == len(reference) == len(ours)
    scale = both["co2_scope1_total_mt"].abs().clip(lower=1e-3)
    assert ((both["co2"] - both["co2_scope1_total_mt"]).abs() / scale).max() < 1e-3


def _value(frame: pd.DataFrame, attribute: str, region: int, year: int) -> float:
    row = frame[(frame["attribute"] == attribute) & (frame["region"] == region) & (frame["year"] == year)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def test_spot_values(tables):
    macro_frame = tables["attr_macro"]
    assert _value(macro_frame, "gdp", 110000, 2023) == pytest.approx(47353.7)  # 分省年度数据2023.csv
    assert _value(macro_frame, "gdp", 650000, 2019) == pytest.approx(14024.9)
    assert _value(macro_frame, "population", 440000, 2023) == pytest.approx(12706)
    energy_frame = tables["attr_energy"]
    # Guangdong 2019 consumption: 66,960,000 (10^4 kWh) YTD December = 6,696 亿kWh
    assert _value(energy_frame, "electricity_consumption", 440000, 2019) == pytest.approx(6696)
    census = tables["attr_population"]
    assert _value(census, "census_population", 110000, 2020) == pytest.approx(21893095)


def test_missing_source_names_file(sources_dir, tmp_path):
    shutil.copytree(sources_dir / "research", tmp_path / "research")
    (tmp_path / "research" / "RDIntense.csv").unlink()
    with pytest.raises(SourceError, match="RDIntense.csv"):
        research.build(tmp_path, {})


def test_malformed_csv_names_file_and_column(sources_dir, tmp_path):
    (tmp_path / "population").mkdir()
    (tmp_path / "population" / "census_city_2010-2020_v1.csv").write_text(
        "city,province_code,popu_2020\n北京市,110000,1\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"census_city_2010-2020_v1\.csv.*popu_2010"):
        population.build(tmp_path, {})
