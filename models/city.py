"""City layer: rank the 16 manufacturing candidates for a prefecture city, and cities for an industry.

There is no city × sector output panel to learn from, so nothing here is fitted. The city
score starts from the province's calibrated 0–100 fit score of the industry
(:meth:`models.board.Board.industry_scores`) and moves it on the odds scale by the city's
evidence index ``E`` (:mod:`models.city_evidence`, 0–1) against the national reference
``E_ref`` (the mean of ``E`` over all 337 cities × 16 candidates, same weights)::

    city score = 100 · σ( logit(province score / 100) + 3 · (E − E_ref) )

so a city with nationally average evidence keeps its province's score, each +0.1 of
evidence multiplies the odds by e^0.3 ≈ 1.35, and the score stays strictly between 0 and
100. These are presence-based estimates (zones, listed firms, steel, population), not
output: :data:`CITY_NOTE` says so in every answer. Declared crowding (一哄而上) comes
from :mod:`models.city_crowding`.

Only the board's public methods are used (``industry_scores``, ``vintage``) and
``board.arrays.regions_table`` / ``board.arrays.industries_table``.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from data import load_table
from models.board import Board
from models.city_crowding import city_crowding, less_crowded_alternatives, national_counts
from models.city_evidence import (COMPONENTS, components, evidence_index, great_circle_km, raw_measures,
                                  steel_year)

SLOPE = 3.0  # logits per unit of the evidence index
_EPS = 1e-4

CITY_NOTE = {
    "en": ("city scores are presence-based estimates, not output: the province's 0–100 fit "
           "score is raised where the city's existing base (development zones declaring the industry 2018, listed "
           "manufacturing firms 2025 list, steel capacity, census population 2010/2020, and the distance to the "
           "origin province when one is given) is above the national average and lowered where it is below, "
           "staying within 0–100; no city output data exist to check them"),
    "zh": ("城市得分是根据本市已有基础（存在证据）的估计，并非产出：以所在省的 0–100 适配分为起点，本市已有基础（2018 年开发区主导产业、"
           "2025 年上市制造业企业、钢铁产能、2010/2020 年人口普查，给定迁出省时还有与其距离）高于全国平均则上调、低于则下调，"
           "分数始终在 0–100 之间；目前没有城市产出数据可供检验"),
}


@dataclass(frozen=True, eq=False)  # hashed by identity (cache key)
class CityData:
    """The curated city tables the layer reads.

    Attributes
    ----------
    cities, zones, presence : DataFrame
        ``cities``, ``city_zones`` and ``city_presence``.
    provinces : DataFrame
        ``geo_regions`` (province centroids, for the distance to an origin province).
    """

    cities: pd.DataFrame
    zones: pd.DataFrame
    presence: pd.DataFrame
    provinces: pd.DataFrame


@lru_cache(maxsize=1)
def load_city_data() -> CityData:
    """The shipped city tables (cached per process)."""
    return CityData(load_table("cities"), load_table("city_zones"), load_table("city_presence"),
                    load_table("geo_regions"))


def city_score(province_score: np.ndarray | float, evidence: np.ndarray | float, reference: float,
               slope: float = SLOPE) -> np.ndarray:
    """``100 · σ(logit(province_score / 100) + slope · (evidence − reference))``, in (0, 100).

    Parameters
    ----------
    province_score : array-like
        The province's 0–100 fit score of the industry.
    evidence : array-like
        The city's evidence index (0–1).
    reference : float
        The evidence index that leaves the province score unchanged.
    slope : float
        Logits per unit of evidence.
    """
    p = np.clip(np.asarray(province_score, dtype=float) / 100.0, _EPS, 1 - _EPS)
    z = np.log(p / (1 - p)) + slope * (np.asarray(evidence, dtype=float) - reference)
    return 100.0 / (1.0 + np.exp(-z))


def origin_distances(data: CityData, origin: int) -> np.ndarray:
    """km from every city centroid (rows of ``data.cities``) to the origin province's centroid."""
    geo = data.provinces.set_index("region")
    if int(origin) not in geo.index:
        return np.full(len(data.cities), np.nan)
    here = geo.loc[int(origin)]
    return great_circle_km(here["centroid_lon"], here["centroid_lat"], data.cities["centroid_lon"].to_numpy(),
                           data.cities["centroid_lat"].to_numpy())


@lru_cache(maxsize=4)
def _crowding(data: CityData, candidates: tuple[str, ...]) -> pd.DataFrame:
    return city_crowding(data.cities, data.zones, data.presence, list(candidates))


@lru_cache(maxsize=4)
def _raw(data: CityData, candidates: tuple[str, ...]) -> pd.DataFrame:
    return raw_measures(data.cities, data.presence, list(candidates))


class CityBoard:
    """City scores of every prefecture city × candidate industry on one province board.

    Parameters
    ----------
    board : Board
        The province board (its 0–100 scores and vintage).
    data : CityData, optional
        City tables (default: the shipped ones).
    origin : int, optional
        Adcode of the province the industry would move from; adds the distance component.

    Attributes
    ----------
    table : DataFrame
        ``city, province, industry``, the raw evidence, the components, ``evidence``,
        ``province_score``, ``score``, ``rank`` (within the city), ``distance_km`` and the
        crowding columns of :func:`models.city_crowding.city_crowding` plus
        ``alternatives``.
    reference : float
        ``E_ref``: the national mean evidence index.
    """

    def __init__(self, board: Board, data: CityData | None = None, origin: int | None = None) -> None:
        self.board = board
        self.data = load_city_data() if data is None else data
        self.origin = None if origin is None else int(origin)
        industries = board.arrays.industries_table
        self.candidates = tuple(industries.loc[industries["candidate"].astype(bool), "industry"])
        raw = _raw(self.data, self.candidates).copy()
        km = None
        if self.origin is not None:
            per_city = pd.Series(origin_distances(self.data, self.origin), index=self.data.cities["city"].astype(int))
            km = per_city.reindex(raw["city"]).to_numpy()
        raw["distance_km"] = km if km is not None else np.nan
        parts = components(raw, km)
        raw = pd.concat([raw, parts.add_prefix("c_")], axis=1)
        raw["evidence"] = evidence_index(parts, with_origin=self.origin is not None)
        self.reference = float(raw["evidence"].mean())
        province = pd.concat({i: board.industry_scores(i) for i in self.candidates}, names=["industry", "province"])
        keys = pd.MultiIndex.from_arrays([raw["industry"], raw["province"]])
        raw["province_score"] = province.reindex(keys).to_numpy()
        raw["score"] = city_score(raw["province_score"], raw["evidence"], self.reference)
        order = raw.sort_values(["city", "score", "industry"], ascending=[True, False, True], kind="stable")
        raw["rank"] = (order.groupby("city").cumcount() + 1).reindex(raw.index).astype(int)
        crowd = _crowding(self.data, self.candidates)
        table = raw.merge(crowd, on=["city", "industry"], how="left", validate="one_to_one")
        table["alternatives"] = less_crowded_alternatives(table)
        self.table = table
        self.nationwide = national_counts(self.data.zones, list(self.candidates))

    def cities_of(self, province: int) -> list[int]:
        """Adcodes of the prefecture cities of ``province``."""
        cities = self.data.cities
        return [int(c) for c in cities.loc[cities["province"] == int(province), "city"]]

    def recommend(self, city: int, top: int | None = None) -> pd.DataFrame:
        """Candidates of ``city``, best city score first (``top`` keeps the first rows)."""
        rows = self.table.loc[self.table["city"] == int(city)].sort_values("rank")
        if rows.empty:
            raise KeyError(f"no prefecture city {city}")
        return (rows.head(top) if top is not None else rows).reset_index(drop=True)

    def sites(self, industry: str, province: int | None = None, top: int | None = None,
              hosts_only: bool = True) -> pd.DataFrame:
        """Cities for ``industry``, best city score first, with ``site_rank``.

        Parameters
        ----------
        industry : str
            H code of a candidate.
        province : int, optional
            Only the cities of this province; otherwise all cities (of the host provinces when
            ``hosts_only``), leaving out the origin province's cities when an origin is set.
        top : int, optional
            Keep the first ``top`` cities.
        hosts_only : bool
            Without ``province``: only cities of host provinces.
        """
        rows = self.table.loc[self.table["industry"] == industry]
        if province is not None:
            rows = rows.loc[rows["province"] == int(province)]
        else:
            if hosts_only:
                hosts = self.board.arrays.regions_table.loc[self.board.arrays.regions_table["host"].astype(bool), "region"]
                rows = rows.loc[rows["province"].isin(hosts.astype(int))]
            if self.origin is not None:
                rows = rows.loc[rows["province"] != self.origin]
        rows = rows.sort_values(["score", "city"], ascending=[False, True], kind="stable")
        rows = rows.head(top) if top is not None else rows
        rows = rows.reset_index(drop=True)
        rows.insert(0, "site_rank", np.arange(1, len(rows) + 1))
        return rows

    def vintage(self) -> dict:
        """The data behind city scores.

        Returns
        -------
        dict
            ``zones_year`` (2018 catalogue), ``firms_list`` / ``firms_year`` (SZSE list of
            December 2025; Shenwan industries of 2024-03), ``steel_year``, ``census_years``,
            ``roster_year`` (prefecture roster), and ``province``: the province board's
            :meth:`~models.board.Board.vintage`.
        """
        zones_years = self.data.presence.loc[self.data.presence["measure"] == "zones_declaring", "period"]
        return {"zones_year": int(zones_years.astype(int).max()) if len(zones_years) else None,
                "firms_year": 2025, "firms_list": "SZSE A-share list 2025-12; Shenwan level-1 industries 2024-03",
                "steel_year": steel_year(self.data.presence), "census_years": [2010, 2020], "roster_year": 2024,
                "province": self.board.vintage()}


_BOARDS: "weakref.WeakKeyDictionary[Board, dict]" = weakref.WeakKeyDictionary()
_BOARDS_LOCK = threading.Lock()


def city_board(board: Board, origin: int | None = None) -> CityBoard:
    """The cached :class:`CityBoard` of ``board`` (and ``origin``) on the shipped city tables."""
    key = None if origin is None else int(origin)
    with _BOARDS_LOCK:
        cached = _BOARDS.get(board, {}).get(key)
    if cached is None:
        cached = CityBoard(board, origin=key)
        with _BOARDS_LOCK:
            cached = _BOARDS.setdefault(board, {}).setdefault(key, cached)
    return cached


__all__ = ["CITY_NOTE", "COMPONENTS", "SLOPE", "CityBoard", "CityData", "city_board", "city_score",
           "load_city_data", "origin_distances"]
