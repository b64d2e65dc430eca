"""ETL step: census attributes (``attr_population``) aggregated from cities to provinces.

Population counts are summed over prefecture-level cities. Shares are
population-weighted over the cities that publish the needed fields, so a
city with missing fields (e.g. Xinjiang's directly administered county-level
cities, blank in the source) is left out of both numerator and denominator.

Pillars: population and urban share describe the market (``application``);
working-age and 65+ shares describe the labour pool (``cost``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.etl.attributes_common import finish_long
from data.etl.sources import check_columns, read_csv

CENSUS = "population/census_city_2010-2020_v1.csv"
INPUTS = (CENSUS,)
YEARS = (2010, 2020)


def _weighted_share(table: pd.DataFrame, share: pd.Series, weight: pd.Series) -> pd.Series:
    usable = share.notna() & weight.notna()
    numerator = (share * weight).where(usable).groupby(table["province_code"]).sum(min_count=1)
    return numerator / weight.where(usable).groupby(table["province_code"]).sum(min_count=1)


def _year(table: pd.DataFrame, year: int) -> pd.DataFrame:
    pop = table[f"popu_{year}"]
    urban = table[f"popu_urban_{year}"]
    working = 100 - table[f"age_0_14_{year}"] - table[f"age_65_{year}"]
    series = {
        ("census_population", "persons", "application"): pop.groupby(table["province_code"]).sum(min_count=1),
        ("urban_share", "%", "application"): 100 * _weighted_share(table, urban / pop, pop),
        ("working_age_share", "%", "cost"): _weighted_share(table, working, pop),
        ("aged_65_share", "%", "cost"): _weighted_share(table, table[f"age_65_{year}"], pop),
    }
    frames = [pd.DataFrame({"region": values.index, "year": year, "attribute": attr, "value": values.to_numpy(),
                            "unit": unit, "pillar": pillar})
              for (attr, unit, pillar), values in series.items()]
    return pd.concat(frames, ignore_index=True)


def build(sources: Path, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Build ``attr_population`` (2010 and 2020 census)."""
    columns = ["province_code"] + [f"{field}_{year}" for year in YEARS for field in
                                   ("popu", "popu_urban", "age_0_14", "age_65")]
    table = read_csv(sources, CENSUS, usecols=lambda c: c != "coord")
    check_columns(table, columns, CENSUS)
    frame = pd.concat([_year(table, year) for year in YEARS], ignore_index=True)
    return {"attr_population": finish_long(frame)}
