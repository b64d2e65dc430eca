"""Crowding (同质化竞争): how many other regions chase the same industry.

For each (region, industry) as of a year, given every region's ranking of the
candidate industries:

* ``crowding_count`` — the number of OTHER regions that have the industry in their
  own top-``k`` (``k`` = 5 by default);
* ``crowding_similar`` — the same count, each rival weighted by the structural
  similarity of the two regions: the cosine of their sector gross-output share
  vectors (产业结构相似系数; all 38 sectors of the IO panel);
* ``crowding_near`` — each rival weighted by proximity: 1 for a region sharing a
  land border, 0.5 for another region of the same macro-region, 0.25 otherwise
  (:data:`PROXIMITY_WEIGHTS`);
* ``crowding_weighted`` — each rival weighted by similarity × proximity: the
  effective number of structurally similar, nearby rivals;
* ``crowding_ratio`` — ``crowding_weighted`` over what chance would give: if every
  region drew its top ``k`` of the ``n`` candidates at random, region r would face
  ``k/n · Σ_j weight_rj`` (≈ 3 on the 2017 structures with k = 5, n = 16). Levels
  use this ratio (:data:`LEVEL_THRESHOLDS`): ``low`` below chance (< 1), ``high`` at
  twice chance or more (≥ 2), ``medium`` in between. For a high-crowding industry,
  the alternatives are the region's best-ranked industries that are not
  high-crowding (:data:`N_ALTERNATIVES` of them).

**Declared priorities (一哄而上).** Beside this model-based overlap, what provinces
*declare*: an industry listed as a priority in a province's 14th/15th Five-Year-Plan
documents, a national advanced-manufacturing cluster or the MIIT 2018 catalogue of
industries to receive (``policy_priorities``; the catalogue's "exit" rows are not
priorities). ``declared_count`` is the number of other provinces declaring the
industry; ``declared_weighted`` the same weighted by similarity × proximity;
``declared_share`` the share of the region's similarity-and-proximity-weighted
neighbourhood that declares it, in 0–1 (:data:`DECLARED_THRESHOLDS`: low below 1/3,
high from 2/3 — "most regions like yours declare it"; ``declared_level``);
``declared_rivals`` lists them, the most similar-and-near first; ``declared_own``
says whether the region itself declares it. Coverage of the policy lists is partial
(see the table's source notes).

Shared borders come from the simplified province outlines: two regions are
neighbours when some outline vertex of one lies within
:data:`BORDER_TOLERANCE_DEG` degrees (≈ 5 km) of a vertex of the other. On the
committed outlines this finds the 68 land-border pairs (Hainan, an island, has
no neighbour).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

DEFAULT_K = 5
PROXIMITY_WEIGHTS = {"border": 1.0, "macro_region": 0.5, "other": 0.25}
#: Ratio to chance below the first value → low; at or above the second → high.
LEVEL_THRESHOLDS = (1.0, 2.0)
LEVELS = ("low", "medium", "high")
N_ALTERNATIVES = 3
BORDER_TOLERANCE_DEG = 0.05
CROWDING_COLUMNS = ["region", "industry", "crowding_count", "crowding_similar", "crowding_near",
                    "crowding_weighted", "crowding_ratio", "crowding_level", "rivals", "alternatives"]
DECLARED_COLUMNS = ["declared_own", "declared_count", "declared_weighted", "declared_share", "declared_level",
                    "declared_rivals"]
#: ``declared_share`` below the first value → low; at or above the second → high.
DECLARED_THRESHOLDS = (1 / 3, 2 / 3)
#: Plans of ``policy_priorities`` that are not a province's own priority.
NOT_PRIORITY_PLANS = ("MIIT_2018_catalogue_exit",)


def structural_similarity(output: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity of the regions' sector output-share vectors.

    Parameters
    ----------
    output : DataFrame
        Region × sector gross output (missing = 0). Shares and levels give the same
        cosine, so the raw output is used directly.

    Returns
    -------
    DataFrame
        Region × region similarity in [0, 1] (1 on the diagonal); 0 for a region
        with no output.
    """
    values = output.fillna(0.0).to_numpy(dtype=float)
    norms = np.linalg.norm(values, axis=1, keepdims=True)
    unit = np.divide(values, norms, out=np.zeros_like(values), where=norms > 0)
    return pd.DataFrame(unit @ unit.T, index=output.index, columns=output.index)


def outline_points(geojson: str) -> np.ndarray:
    """All ring vertices (lon, lat) of a GeoJSON Polygon or MultiPolygon string."""
    shape = json.loads(geojson)
    polygons = [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]
    return np.vstack([np.asarray(ring, dtype=float)[:, :2] for polygon in polygons for ring in polygon])


def border_neighbours(outlines: pd.DataFrame, tolerance: float = BORDER_TOLERANCE_DEG) -> pd.DataFrame:
    """Which regions share a land border, from their outlines.

    Parameters
    ----------
    outlines : DataFrame
        ``region, geojson`` (Polygon or MultiPolygon strings, lon/lat degrees).
    tolerance : float
        Largest vertex-to-vertex gap, in degrees, still counted as touching.

    Returns
    -------
    DataFrame
        Symmetric boolean region × region matrix, False on the diagonal.
    """
    codes = [int(c) for c in outlines["region"]]
    points = [outline_points(g) for g in outlines["geojson"]]
    trees = [cKDTree(p) for p in points]
    touch = np.zeros((len(codes), len(codes)), dtype=bool)
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            distance, _ = trees[j].query(points[i], k=1, distance_upper_bound=tolerance)
            touch[i, j] = touch[j, i] = bool(np.isfinite(distance).any())
    return pd.DataFrame(touch, index=codes, columns=codes)


def proximity_weights(regions: pd.DataFrame, neighbours: pd.DataFrame) -> pd.DataFrame:
    """Region × region proximity weight (:data:`PROXIMITY_WEIGHTS`), 0 on the diagonal.

    Parameters
    ----------
    regions : DataFrame
        ``region, macro_region``.
    neighbours : DataFrame
        Boolean region × region border matrix (regions absent from it have no border).
    """
    codes = [int(c) for c in regions["region"]]
    macro = regions["macro_region"].to_numpy()
    border = neighbours.reindex(index=codes, columns=codes, fill_value=False).to_numpy(dtype=bool)
    weights = np.where(macro[:, None] == macro[None, :], PROXIMITY_WEIGHTS["macro_region"],
                       PROXIMITY_WEIGHTS["other"])
    weights = np.where(border, PROXIMITY_WEIGHTS["border"], weights)
    np.fill_diagonal(weights, 0.0)
    return pd.DataFrame(weights, index=codes, columns=codes)


def top_k_membership(scores: pd.DataFrame, k: int = DEFAULT_K) -> pd.DataFrame:
    """Region × industry boolean: the industry is in the region's own top-``k``.

    Parameters
    ----------
    scores : DataFrame
        ``region, industry, rank`` (1 = best within the region).
    """
    wide = scores.pivot(index="region", columns="industry", values="rank")
    return wide.le(k)


def declared_matrix(priorities: pd.DataFrame, regions: list[int], industries: list[str]) -> pd.DataFrame:
    """Region × industry boolean: the province declares the industry a priority.

    Parameters
    ----------
    priorities : DataFrame
        ``region, plan, industry`` rows (the ``policy_priorities`` table).
    regions, industries : list
        Index and columns of the result.
    """
    rows = priorities.loc[~priorities["plan"].isin(NOT_PRIORITY_PLANS), ["region", "industry"]]
    rows = rows.loc[rows["region"].isin(regions) & rows["industry"].isin(industries)].drop_duplicates()
    out = pd.DataFrame(False, index=pd.Index(regions, name="region"), columns=pd.Index(industries, name="industry"))
    for region, industry in rows.itertuples(index=False):
        out.at[region, industry] = True
    return out


def _ordered_rivals(chasing: np.ndarray, weights: np.ndarray, codes: np.ndarray) -> list[int]:
    """Codes of the ``chasing`` positions, largest weight first, ties by code."""
    order = np.lexsort((codes[chasing], -weights[chasing]))
    return [int(c) for c in codes[chasing][order]]


def declared_overlap(table: pd.DataFrame, declared: pd.DataFrame, similarity: pd.DataFrame,
                     proximity: pd.DataFrame, thresholds: tuple[float, float] = DECLARED_THRESHOLDS) -> pd.DataFrame:
    """Declared-priority overlap of every (region, industry) row of ``table``.

    Returns
    -------
    DataFrame
        :data:`DECLARED_COLUMNS`, aligned with ``table``.
    """
    regions = [int(r) for r in declared.index]
    sim = similarity.reindex(index=regions, columns=regions).fillna(0.0).to_numpy(dtype=float, copy=True)
    near = proximity.reindex(index=regions, columns=regions).fillna(0.0).to_numpy(dtype=float, copy=True)
    weight = sim * near
    np.fill_diagonal(weight, 0.0)
    m = declared.to_numpy(dtype=float)
    others = 1.0 - np.eye(len(regions))
    count, weighted = others @ m, weight @ m
    neighbourhood = weight.sum(axis=1)
    position = {r: i for i, r in enumerate(regions)}
    column = {ind: j for j, ind in enumerate(declared.columns)}
    rows = np.array([position.get(int(r), -1) for r in table["region"]])
    cols = np.array([column[i] for i in table["industry"]])
    known = rows >= 0
    out = pd.DataFrame(index=table.index)
    out["declared_own"] = np.where(known, m[np.maximum(rows, 0), cols] > 0, False)
    out["declared_count"] = np.where(known, count[np.maximum(rows, 0), cols], m[:, cols].sum(axis=0)).astype(int)
    out["declared_weighted"] = np.where(known, weighted[np.maximum(rows, 0), cols], 0.0)
    total = np.where(known, neighbourhood[np.maximum(rows, 0)], np.nan)
    out["declared_share"] = _ratio(out["declared_weighted"].to_numpy(), total)
    out["declared_level"] = crowding_level(out["declared_share"].to_numpy(), thresholds)
    codes = np.asarray(regions)
    out["declared_rivals"] = [
        _ordered_rivals(np.flatnonzero((m[:, j] > 0) & (others[i] > 0 if i >= 0 else True)),
                        weight[i] if i >= 0 else np.zeros(len(regions)), codes)
        for i, j in zip(rows, cols)]
    return out[DECLARED_COLUMNS]


def _ratio(weighted: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(expected) > 0, np.asarray(weighted) / np.asarray(expected), 0.0)


def crowding_level(ratio: np.ndarray, thresholds: tuple[float, float] = LEVEL_THRESHOLDS) -> np.ndarray:
    """:data:`LEVELS` from a ratio (to chance, or a share): below ``thresholds[0]`` low, at or
    above ``thresholds[1]`` high, medium in between."""
    return np.asarray(LEVELS, dtype=object)[np.digitize(np.asarray(ratio, dtype=float), thresholds)]


def _alternatives(table: pd.DataFrame, n: int) -> list[list[str]]:
    """Per row: empty unless high; else the region's ``n`` best-ranked non-high industries."""
    calm = table.loc[table["crowding_level"] != "high"].sort_values(["region", "rank"], kind="stable")
    best = {region: part["industry"].head(n).tolist() for region, part in calm.groupby("region", sort=False)}
    return [list(best.get(region, [])) if level == "high" else []
            for region, level in zip(table["region"], table["crowding_level"])]


def crowding(scores: pd.DataFrame, similarity: pd.DataFrame, proximity: pd.DataFrame,
             k: int = DEFAULT_K, thresholds: tuple[float, float] = LEVEL_THRESHOLDS,
             n_alternatives: int = N_ALTERNATIVES) -> pd.DataFrame:
    """Crowding of every (region, industry) of a scores frame.

    Parameters
    ----------
    scores : DataFrame
        ``region, industry, rank`` for every region × candidate industry (1 = best).
    similarity : DataFrame
        Region × region structural similarity (:func:`structural_similarity`);
        regions missing from it get similarity 0 (they count only in ``crowding_count``).
    proximity : DataFrame
        Region × region proximity weight (:func:`proximity_weights`); missing = 0.
    k : int
        Size of each region's own shortlist.
    thresholds : (float, float)
        Level cut-offs on ``crowding_weighted`` (see :func:`crowding_level`).
    n_alternatives : int
        Alternatives listed for a high-crowding industry.

    Returns
    -------
    DataFrame
        :data:`CROWDING_COLUMNS`, one row per row of ``scores`` (same order).
        ``rivals`` lists the other regions with the industry in their top-``k``,
        the most similar-and-near first; ``alternatives`` is empty unless the level is high.
    """
    member = top_k_membership(scores, k)
    regions = list(member.index)
    sim = similarity.reindex(index=regions, columns=regions).fillna(0.0).to_numpy(dtype=float, copy=True)
    near = proximity.reindex(index=regions, columns=regions).fillna(0.0).to_numpy(dtype=float, copy=True)
    np.fill_diagonal(sim, 0.0)
    np.fill_diagonal(near, 0.0)
    others = 1.0 - np.eye(len(regions))
    weight = sim * near
    m = member.to_numpy(dtype=float)
    wide = {
        "crowding_count": others @ m,
        "crowding_similar": sim @ m,
        "crowding_near": near @ m,
        "crowding_weighted": weight @ m,
    }
    position = {r: i for i, r in enumerate(regions)}
    column = {ind: j for j, ind in enumerate(member.columns)}
    rows = [position[r] for r in scores["region"]]
    cols = [column[i] for i in scores["industry"]]
    table = scores[["region", "industry", "rank"]].copy()
    for name, matrix in wide.items():
        table[name] = matrix[rows, cols]
    table["crowding_count"] = table["crowding_count"].round().astype(int)
    chance = weight.sum(axis=1) * k / m.shape[1]
    table["crowding_ratio"] = _ratio(table["crowding_weighted"].to_numpy(), chance[rows])
    table["crowding_level"] = crowding_level(table["crowding_ratio"].to_numpy(), thresholds)
    codes = np.asarray(regions)
    table["rivals"] = [_ordered_rivals(np.flatnonzero((m[:, j] > 0) & (others[i] > 0)), weight[i], codes)
                       for i, j in zip(rows, cols)]
    table["alternatives"] = _alternatives(table, n_alternatives)
    return table[CROWDING_COLUMNS]
