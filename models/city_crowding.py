"""Declared crowding (一哄而上) at the city level, measured on the 2018 zone catalogue.

For each industry: how many development zones nationwide declare it a leading industry
(all 2,543 zones of the catalogue, located or not), and for each city how many zones in
its *peer cities* do.

* **Peer cities** of a city: its neighbours — other prefecture cities whose centroid is
  within :data:`NEIGHBOUR_KM` (300 km) — together with its :data:`N_SIMILAR` (10)
  structurally most similar cities nationwide, similarity being the cosine of the cities'
  zone-declaration vectors (weighted zones declaring each of H06–H21; only positive
  similarities count, so a city without a declaring zone has no similar cities).
* **Peer share**: of the zones in peer cities that declare at least one H06–H21 group,
  the share that declares the industry.
* **Chance**: if each declaring zone had drawn its number of groups uniformly at random
  from the 16 candidates, a zone would declare a given group with probability
  h̄ / 16, h̄ the mean number of groups per declaring zone nationwide (2.85 → 17.8 %).
* **Level** of the ratio peer share / chance: low < 1 ≤ medium < 2 ≤ high — the
  thresholds of the province-level crowding ratio. A city with no declaring zone among
  its peers is low (ratio None).

The nationwide count gives the sentence officials quote:
"全国 N 个开发区把X列为主导产业" / "N development zones nationwide declare X a leading industry".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.city_evidence import great_circle_km

NEIGHBOUR_KM = 300.0
N_SIMILAR = 10
LOW_BELOW = 1.0
HIGH_FROM = 2.0
LEVELS = ("low", "medium", "high")
N_ALTERNATIVES = 3
LEVEL_ZH = {"low": "低", "medium": "中", "high": "高"}


def declaring_zones(zones: pd.DataFrame, candidates: list[str]) -> pd.DataFrame:
    """Zone × candidate booleans for the zones declaring at least one candidate, with ``city``
    (adcode or missing) as a column; index ``zone_id``."""
    codes = zones["industries"].fillna("").str.split("|")
    flags = pd.DataFrame({i: codes.map(lambda c, i=i: i in c) for i in candidates})
    flags.index = zones["zone_id"].to_numpy()
    flags["city"] = zones["city"].to_numpy()
    return flags.loc[flags[list(candidates)].any(axis=1)]


def national_counts(zones: pd.DataFrame, candidates: list[str]) -> pd.Series:
    """Industry → number of zones nationwide declaring it (every zone of the catalogue)."""
    flags = declaring_zones(zones, candidates)
    return flags[list(candidates)].sum().astype(int).rename("zones_nationwide")


def chance_share(zones: pd.DataFrame, candidates: list[str]) -> float:
    """Probability that a declaring zone names a given group if groups were drawn at random:
    mean number of groups per declaring zone / number of candidates."""
    flags = declaring_zones(zones, candidates)[list(candidates)]
    return float(flags.sum(axis=1).mean() / len(candidates))


def declaration_vectors(presence: pd.DataFrame, cities: pd.Series, candidates: list[str]) -> pd.DataFrame:
    """City × candidate weighted zones declaring it (0 where none)."""
    rows = presence.loc[presence["measure"] == "zones_weighted"]
    wide = rows.pivot_table(index="city", columns="industry", values="value", aggfunc="sum")
    return wide.reindex(index=cities.astype(int).to_numpy(), columns=list(candidates)).fillna(0.0)


def cosine_similarity(vectors: pd.DataFrame) -> pd.DataFrame:
    """Row × row cosine similarity; rows of zeros are similar to nothing (0)."""
    x = vectors.to_numpy(dtype=float)
    norms = np.linalg.norm(x, axis=1)
    safe = np.where(norms > 0, norms, 1.0)
    unit = x / safe[:, None]
    sim = unit @ unit.T
    sim[norms == 0, :] = 0.0
    sim[:, norms == 0] = 0.0
    return pd.DataFrame(sim, index=vectors.index, columns=vectors.index)


def peer_matrix(cities: pd.DataFrame, similarity: pd.DataFrame, km: float = NEIGHBOUR_KM,
                n_similar: int = N_SIMILAR) -> tuple[np.ndarray, np.ndarray]:
    """Boolean city × city matrices ``(neighbours, similar)`` in the row order of ``cities``
    (the diagonal is False).

    Neighbours: centroid distance ≤ ``km``; similar: the ``n_similar`` most similar cities
    with a positive similarity (ties by adcode).
    """
    codes = cities["city"].astype(int).to_numpy()
    lon, lat = cities["centroid_lon"].to_numpy(), cities["centroid_lat"].to_numpy()
    dist = great_circle_km(lon[:, None], lat[:, None], lon[None, :], lat[None, :])
    near = dist <= km
    np.fill_diagonal(near, False)
    sim = similarity.reindex(index=codes, columns=codes).fillna(0.0).to_numpy().copy()
    np.fill_diagonal(sim, 0.0)
    order = np.lexsort((np.broadcast_to(codes, sim.shape), -sim), axis=1)[:, :n_similar]
    similar = np.zeros_like(near)
    rows = np.repeat(np.arange(len(codes)), order.shape[1])
    similar[rows, order.ravel()] = True
    similar &= sim > 0
    return near, similar


def crowding_level(ratio: float | None) -> str:
    """low < 1 ≤ medium < 2 ≤ high (ratio of the peer share to chance); None → low."""
    if ratio is None or not np.isfinite(ratio) or ratio < LOW_BELOW:
        return "low"
    return "medium" if ratio < HIGH_FROM else "high"


def city_crowding(cities: pd.DataFrame, zones: pd.DataFrame, presence: pd.DataFrame,
                  candidates: list[str]) -> pd.DataFrame:
    """Declared crowding of every city × candidate.

    Returns
    -------
    DataFrame
        ``city, industry, own_zones`` (zones of the city declaring it),
        ``peer_cities`` (number), ``peer_zones`` (declaring zones in peer cities),
        ``peer_declaring`` (of them, declaring the industry), ``peer_share`` (%),
        ``national_share`` (% of declaring zones nationwide), ``chance`` (%), ``ratio``
        (peer share / chance; NaN without peer zones), ``crowding_level``, and
        ``peers`` (the peer adcodes, neighbours first).
    """
    candidates = list(candidates)
    flags = declaring_zones(zones, candidates)
    located = flags.loc[flags["city"].notna()].copy()
    located["city"] = located["city"].astype(int)
    codes = cities["city"].astype(int).to_numpy()
    per_city = located.groupby("city")[candidates].sum().reindex(codes, fill_value=0).to_numpy(dtype=float)
    n_per_city = located.groupby("city").size().reindex(codes, fill_value=0).to_numpy(dtype=float)
    similarity = cosine_similarity(declaration_vectors(presence, pd.Series(codes), candidates))
    near, similar = peer_matrix(cities, similarity)
    peers = near | similar
    chance = chance_share(zones, candidates)
    national = (flags[candidates].sum() / len(flags)).to_numpy(dtype=float)
    total = peers.astype(float) @ n_per_city  # declaring zones in peer cities
    declaring = peers.astype(float) @ per_city  # of them, declaring each industry
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total[:, None] > 0, declaring / total[:, None], np.nan)
    ratio = share / chance
    lists = [[int(c) for c in codes[near[i]]] + [int(c) for c in codes[similar[i] & ~near[i]]]
             for i in range(len(codes))]
    n_ind = len(candidates)
    out = pd.DataFrame({
        "city": np.repeat(codes, n_ind), "industry": np.tile(candidates, len(codes)),
        "own_zones": per_city.ravel().astype(int), "peer_cities": np.repeat(peers.sum(axis=1), n_ind),
        "peer_zones": np.repeat(total, n_ind).astype(int), "peer_declaring": declaring.ravel().astype(int),
        "peer_share": share.ravel() * 100, "national_share": np.tile(national, len(codes)) * 100,
        "chance": chance * 100, "ratio": ratio.ravel()})
    out["crowding_level"] = [crowding_level(None if np.isnan(r) else r) for r in out["ratio"]]
    out["peers"] = [lists[i] for i in np.repeat(np.arange(len(codes)), n_ind)]
    return out


def less_crowded_alternatives(table: pd.DataFrame, n: int = N_ALTERNATIVES) -> pd.Series:
    """For each row rated ``high``: the same city's best-scoring candidates that are not
    ``high`` (at most ``n`` H codes); ``[]`` for other rows.

    ``table`` needs ``city, industry, score, crowding_level``.
    """
    out = pd.Series([[] for _ in range(len(table))], index=table.index, dtype=object)
    for _, group in table.groupby("city", sort=False):
        calm = group.loc[group["crowding_level"] != "high"].sort_values(["score", "industry"],
                                                                         ascending=[False, True], kind="stable")
        options = calm["industry"].head(n).tolist()
        for index in group.index[group["crowding_level"] == "high"]:
            out.at[index] = list(options)
    return out


def nationwide_sentence(count: int, name_zh: str, name_en: str) -> dict[str, str]:
    """The quotable sentence: 全国 N 个开发区把X列为主导产业 / N development zones nationwide declare X …"""
    return {"zh": f"全国 {count} 个开发区把{name_zh}列为主导产业（2018 年开发区目录）",
            "en": f"{count} development zones nationwide declare {name_en} a leading industry (2018 zone catalogue)"}


def peer_sentence(row: dict, name_zh: str, name_en: str) -> dict[str, str]:
    """Peer-zone sentence of one crowding row, with the level and its threshold."""
    ratio = row["ratio"]
    ratio_en = "n/a" if ratio is None or not np.isfinite(ratio) else f"{ratio:.2f}×"
    return {
        "zh": (f"{row['peer_cities']} 个邻近（≤{NEIGHBOUR_KM:.0f} 公里）或结构相似城市的 {row['peer_zones']} 个开发区中，"
               f"{row['peer_declaring']} 个把{name_zh}列为主导产业，为随机期望的 {ratio_en}，拥挤度"
               f"{LEVEL_ZH[row['crowding_level']]}（<1 低，1–2 中，≥2 高）"),
        "en": (f"{row['peer_declaring']} of {row['peer_zones']} zones in {row['peer_cities']} neighbouring "
               f"(≤ {NEIGHBOUR_KM:.0f} km) or structurally similar cities declare {name_en}: {ratio_en} chance, "
               f"crowding {row['crowding_level']} (low < 1 ≤ medium < 2 ≤ high)"),
    }
