"""City evidence index: how much a prefecture city already shows of an industry, on 0–1.

No public city × sector output exists, so the city layer rests on *presence*: the
development zones that declare an industry as leading (2018 catalogue), SZSE-listed
manufacturing firms by listing cohort (2025 list), crude-steel capacity (H14, GEM),
census population 2010/2020 and, when an origin province is given, the distance to it.
Each signal becomes a bounded component in [0, 1] by a stated transform; the evidence
index is their weighted mean (weights sum to 1). Nothing here is fitted.

=================  =====================================================  ==========
component          transform (x = raw value)                               weight
=================  =====================================================  ==========
zones              x / (x + 2.5), x = zones declaring it, weighted          0.35
                   (national 2, provincial 1, × √(area / median area))
firms              x / (x + 2), x = listed firms, all cohorts; for H14       0.25
                   the larger of that and s / (s + 4,000 kt/yr),
                   s = crude-steel capacity in the latest year
momentum           x / (x + 1), x = firms listed 2018 or later              0.15
population         x / (x + 3.2 million), x = 2020 census population       0.15
growth             clip(0.5 + g / 0.4, 0, 1), g = 2020 / 2010 population    0.10
                   − 1 (−20 % → 0, 0 → 0.5, +20 % → 1; no 2010 value: 0.5)
distance (origin)  1 / (1 + d / 1,000 km), d = km from the city centroid    0.15, the
                   to the origin province's centroid                       others × 0.85
=================  =====================================================  ==========

The half-saturation constants sit near the medians of the data: 2.5 weighted zones
(median over city × industry pairs with a declaring zone 2.54), 2 firms (upper quartile of
pairs with a firm 3, median 1), 4,000 kt/yr (median city steel capacity 2025: 4,001),
3.2 million persons (median prefecture population 2020: 3.21 million).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0
STEEL_INDUSTRY = "H14"
RECENT_COHORT = "listed_2018_on"

#: Half-saturation constants: a raw value equal to the constant gives a component of 0.5.
K_ZONES = 2.5  # weighted zones
K_FIRMS = 2.0  # listed firms
K_RECENT = 1.0  # firms listed 2018 or later
K_STEEL = 4000.0  # kt/yr crude-steel capacity
K_POPULATION = 3.2e6  # persons
GROWTH_SPAN = 0.2  # population growth 2010→2020 (fraction) that moves the component from 0.5 to 1
K_DISTANCE = 1000.0  # km

#: Weights of the evidence index without an origin province (sum 1).
WEIGHTS = {"zones": 0.35, "firms": 0.25, "momentum": 0.15, "population": 0.15, "growth": 0.10}
#: Weight of the distance component when an origin province is given (the others × (1 − it)).
DISTANCE_WEIGHT = 0.15
COMPONENTS = (*WEIGHTS, "distance")

UNITS = {"zones_declaring": "zones", "zones_weighted": "weighted zones (national 2, provincial 1, × √(area/median))",
         "listed_firms": "firms", "listed_recent": "firms listed 2018 or later", "steel_capacity": "kt/yr",
         "population_2020": "persons", "population_growth": "% change 2010→2020", "distance_km": "km",
         "evidence": "index 0–1", "components": "0–1 each"}


def saturate(value: np.ndarray | float, half: float) -> np.ndarray:
    """``x / (x + half)`` for ``x ≥ 0`` (0 → 0, ``half`` → 0.5, → 1 as ``x`` grows); NaN counts as 0."""
    value = np.nan_to_num(np.asarray(value, dtype=float), nan=0.0)
    return np.clip(value, 0.0, None) / (np.clip(value, 0.0, None) + half)


def growth_component(population_2010: np.ndarray, population_2020: np.ndarray) -> np.ndarray:
    """``clip(0.5 + g / (2 · GROWTH_SPAN), 0, 1)`` with ``g`` the 2010→2020 growth (fraction); 0.5 if unknown."""
    before = np.asarray(population_2010, dtype=float)
    after = np.asarray(population_2020, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = after / before - 1.0
    out = np.clip(0.5 + growth / (2 * GROWTH_SPAN), 0.0, 1.0)
    return np.where(np.isfinite(growth), out, 0.5)


def distance_component(km: np.ndarray) -> np.ndarray:
    """``1 / (1 + km / K_DISTANCE)``: 1 at the origin, 0.5 at 1,000 km."""
    return 1.0 / (1.0 + np.asarray(km, dtype=float) / K_DISTANCE)


def weights(with_origin: bool) -> dict[str, float]:
    """Component weights of the evidence index (sum 1), with or without the distance component."""
    if not with_origin:
        return {**WEIGHTS, "distance": 0.0}
    return {**{k: w * (1.0 - DISTANCE_WEIGHT) for k, w in WEIGHTS.items()}, "distance": DISTANCE_WEIGHT}


def great_circle_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Haversine distance in km (broadcasting)."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def steel_year(presence: pd.DataFrame) -> int | None:
    """Latest year of the crude-steel capacity rows (None without any)."""
    years = presence.loc[presence["measure"] == "steel_capacity", "period"]
    return int(years.astype(int).max()) if len(years) else None


def raw_measures(cities: pd.DataFrame, presence: pd.DataFrame, candidates: list[str]) -> pd.DataFrame:
    """One row per city × candidate with the raw evidence (zeros where ``city_presence`` has no row).

    Returns
    -------
    DataFrame
        ``city, province, industry, zones_declaring, zones_weighted, listed_firms,
        listed_recent, steel_capacity, population_2010, population_2020``.
    """
    grid = pd.MultiIndex.from_product([cities["city"].astype(int), list(candidates)], names=["city", "industry"])
    year = steel_year(presence)

    def pick(measure: str, period: str | None = None) -> pd.Series:
        rows = presence.loc[presence["measure"] == measure]
        if period is not None:
            rows = rows.loc[rows["period"] == period]
        summed = rows.groupby(["city", "industry"])["value"].sum()
        return summed.reindex(grid, fill_value=0.0)

    out = pd.DataFrame({
        "zones_declaring": pick("zones_declaring"), "zones_weighted": pick("zones_weighted"),
        "listed_firms": pick("listed_firms"), "listed_recent": pick("listed_firms", RECENT_COHORT),
        "steel_capacity": pick("steel_capacity", str(year)) if year is not None else 0.0,
    }, index=grid).reset_index()
    info = cities.set_index("city")[["province", "population_2010", "population_2020"]]
    out = out.join(info, on="city")
    return out[["city", "province", "industry", "zones_declaring", "zones_weighted", "listed_firms",
                "listed_recent", "steel_capacity", "population_2010", "population_2020"]]


def components(raw: pd.DataFrame, distance_km: np.ndarray | None = None) -> pd.DataFrame:
    """The 0–1 components of :data:`COMPONENTS` for the rows of :func:`raw_measures`.

    ``distance`` is NaN when ``distance_km`` is None (no origin province).
    """
    firms = saturate(raw["listed_firms"], K_FIRMS)
    steel = np.where(raw["industry"].to_numpy() == STEEL_INDUSTRY, saturate(raw["steel_capacity"], K_STEEL), 0.0)
    return pd.DataFrame({
        "zones": saturate(raw["zones_weighted"], K_ZONES),
        "firms": np.maximum(firms, steel),
        "momentum": saturate(raw["listed_recent"], K_RECENT),
        "population": saturate(raw["population_2020"], K_POPULATION),
        "growth": growth_component(raw["population_2010"], raw["population_2020"]),
        "distance": distance_component(distance_km) if distance_km is not None else np.nan,
    }, index=raw.index)


def evidence_index(parts: pd.DataFrame, with_origin: bool) -> np.ndarray:
    """Weighted mean of the components (:func:`weights`); in [0, 1]."""
    w = weights(with_origin)
    total = sum(w[k] * (parts[k].to_numpy() if w[k] else 0.0) for k in COMPONENTS)
    return np.clip(np.asarray(total, dtype=float), 0.0, 1.0)
