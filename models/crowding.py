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

**At scale.** Every count is a matrix product of the region × region weights with
the region × industry top-k membership, and the rival lists are ordered per industry
(:func:`ranked_rivals`) rather than per row, so 3,000 regions × 500 industries take
seconds. ``max_rivals`` keeps only the heaviest rivals in the lists when thousands
of regions would make them large; the counts never change.

Shared borders come from the simplified province outlines: two regions are
neighbours when some outline vertex of one lies within
:data:`BORDER_TOLERANCE_DEG` degrees (≈ 5 km) of a vertex of the other. On the
committed outlines this finds the 68 land-border pairs (Hainan, an island, has
no neighbour).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager

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
    regions, row = np.unique(scores["region"].to_numpy(), return_inverse=True)
    industries, col = np.unique(scores["industry"].to_numpy(dtype=object), return_inverse=True)
    if len(set(zip(row.tolist(), col.tolist()))) < len(scores):
        raise ValueError("scores has repeated (region, industry) rows")
    ranks = np.full((len(regions), len(industries)), np.nan)
    ranks[row, col] = scores["rank"].to_numpy(dtype=float)
    return pd.DataFrame(ranks <= k, index=pd.Index(regions, name="region"),
                        columns=pd.Index(industries.tolist(), name="industry"))


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
    row = pd.Index(regions).get_indexer(rows["region"])
    col = pd.Index(industries).get_indexer(rows["industry"])
    known = (row >= 0) & (col >= 0)
    values = np.zeros((len(regions), len(industries)), dtype=bool)
    values[row[known], col[known]] = True
    return pd.DataFrame(values, index=pd.Index(regions, name="region"), columns=pd.Index(industries, name="industry"))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small lists.

    Lists of ints hold no reference cycles, but with the collector on, creating a
    million of them costs more in collections (≈ 0.5 µs per list on CPython 3.11)
    than the lists themselves. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def ranked_rivals(rows: np.ndarray, cols: np.ndarray, chasing: np.ndarray, weight: np.ndarray,
                  codes: np.ndarray, limit: int | None = None) -> list[list[int]]:
    """Per (region, industry) row: the other regions chasing the industry, heaviest first.

    Vectorised per industry: the chasing regions of an industry are found once, and
    every row of that industry orders them by one stable sort of its weights.

    Parameters
    ----------
    rows : array of int
        Region position of each row in ``codes``; −1 for a region outside them (no
        weights, nobody excluded).
    cols : array of int
        Industry column of each row in ``chasing``.
    chasing : ndarray of bool, shape (regions, industries)
        Which regions chase (have in their top-k, or declare) which industry.
    weight : ndarray, shape (regions, regions)
        Weight of rival ``b`` for region ``a`` (``weight[a, b]``).
    codes : array of int
        Region codes (ties in weight are ordered by code).
    limit : int, optional
        Keep only the ``limit`` heaviest rivals of each row (default: all).

    Returns
    -------
    list of list of int
        One list per row, in row order.
    """
    rows, cols = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
    code_objects = np.empty(len(codes), dtype=object)
    code_objects[:] = [int(c) for c in codes]  # shared int objects: lists hold references only
    by_code = np.argsort(np.asarray(codes), kind="stable")
    out: list = [None] * len(rows)
    order = np.argsort(cols, kind="stable")
    with _gc_paused():
        for group in np.split(order, np.flatnonzero(np.diff(cols[order])) + 1):
            if not len(group):
                continue
            members = by_code[chasing[by_code, cols[group[0]]]]
            if not len(members):
                continue
            who = rows[group]
            w = np.where(who[:, None] >= 0, weight[np.ix_(np.maximum(who, 0), members)], 0.0)
            is_self = members[None, :] == who[:, None]
            ranked = np.argsort(np.where(is_self, np.inf, -w), axis=1, kind="stable")  # self sorts last
            width = len(members) if limit is None else min(limit, len(members))
            lists = code_objects[members][ranked[:, :width]].tolist()
            if width == len(members):
                for r in np.flatnonzero(is_self.any(axis=1)).tolist():
                    lists[r].pop()
            for position, rivals in zip(group.tolist(), lists):
                out[position] = rivals
        for position in [p for p, rivals in enumerate(out) if rivals is None]:
            out[position] = []
    return out


def declared_overlap(table: pd.DataFrame, declared: pd.DataFrame, similarity: pd.DataFrame,
                     proximity: pd.DataFrame, thresholds: tuple[float, float] = DECLARED_THRESHOLDS,
                     max_rivals: int | None = None) -> pd.DataFrame:
    """Declared-priority overlap of every (region, industry) row of ``table``.

    Parameters
    ----------
    max_rivals : int, optional
        Keep only this many of the heaviest ``declared_rivals`` per row (default: all;
        ``declared_count`` is always the full count).

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
    count = m.sum(axis=0)[None, :] - m  # every other region: (1 − I) @ m
    weighted = weight @ m
    neighbourhood = weight.sum(axis=1)
    rows = pd.Index(regions).get_indexer(table["region"].astype(int))
    cols = pd.Index(declared.columns).get_indexer(table["industry"])
    if (cols < 0).any():
        raise KeyError(f"industries not in the declared matrix: {sorted(set(table['industry'][cols < 0]))}")
    known = rows >= 0
    at = np.maximum(rows, 0)
    share_weighted = np.where(known, weighted[at, cols], 0.0)
    share = _ratio(share_weighted, np.where(known, neighbourhood[at], np.nan))
    columns = {
        "declared_own": np.where(known, m[at, cols] > 0, False),
        "declared_count": np.where(known, count[at, cols], m[:, cols].sum(axis=0)).astype(int),
        "declared_weighted": share_weighted,
        "declared_share": share,
        "declared_level": crowding_level(share, thresholds),
        "declared_rivals": ranked_rivals(rows, cols, m > 0, weight, np.asarray(regions), max_rivals),
    }
    return pd.DataFrame(columns, index=table.index)[DECLARED_COLUMNS]


def _ratio(weighted: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(expected) > 0, np.asarray(weighted) / np.asarray(expected), 0.0)


def crowding_level(ratio: np.ndarray, thresholds: tuple[float, float] = LEVEL_THRESHOLDS) -> np.ndarray:
    """:data:`LEVELS` from a ratio (to chance, or a share): below ``thresholds[0]`` low, at or
    above ``thresholds[1]`` high, medium in between."""
    return np.asarray(LEVELS, dtype=object)[np.digitize(np.asarray(ratio, dtype=float), thresholds)]


def _alternatives(table: pd.DataFrame, n: int) -> list[list[str]]:
    """Per row: empty unless high; else the region's ``n`` best-ranked non-high industries."""
    high = (table["crowding_level"] == "high").to_numpy()
    regions = table["region"].to_numpy()
    if not high.any():
        return [[] for _ in range(len(table))]
    calm = np.flatnonzero(~high)
    calm = calm[np.lexsort((table["rank"].to_numpy()[calm], regions[calm]))]  # by region, then rank (stable)
    group = regions[calm]
    starts = np.r_[0, np.flatnonzero(group[1:] != group[:-1]) + 1]
    position = np.arange(len(calm)) - np.repeat(starts, np.diff(np.r_[starts, len(calm)]))
    kept = calm[position < n]
    best: dict = {}
    for region, industry in zip(regions[kept].tolist(), table["industry"].to_numpy(dtype=object)[kept].tolist()):
        best.setdefault(region, []).append(industry)
    with _gc_paused():
        return [list(best.get(region, [])) if is_high else []
                for region, is_high in zip(regions.tolist(), high.tolist())]


def crowding(scores: pd.DataFrame, similarity: pd.DataFrame, proximity: pd.DataFrame,
             k: int = DEFAULT_K, thresholds: tuple[float, float] = LEVEL_THRESHOLDS,
             n_alternatives: int = N_ALTERNATIVES, max_rivals: int | None = None) -> pd.DataFrame:
    """Crowding of every (region, industry) of a scores frame.

    The counts are matrix products of the region × region weights with the region ×
    industry top-``k`` membership; the rival lists are ordered per industry
    (:func:`ranked_rivals`), with no per-row loop over regions.

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
        Level cut-offs on ``crowding_ratio`` (see :func:`crowding_level`).
    n_alternatives : int
        Alternatives listed for a high-crowding industry.
    max_rivals : int, optional
        Keep only this many of the heaviest rivals in ``rivals`` (default: all of them).
        At thousands of regions the full lists dominate memory; ``crowding_count`` is
        always the full count.

    Returns
    -------
    DataFrame
        :data:`CROWDING_COLUMNS`, one row per row of ``scores`` (same order).
        ``rivals`` lists the other regions with the industry in their top-``k``,
        the most similar-and-near first (ties by region code; only the
        ``max_rivals`` heaviest when given); ``alternatives`` is empty unless the
        level is high.
    """
    member = top_k_membership(scores, k)
    regions = list(member.index)
    sim = similarity.reindex(index=regions, columns=regions).fillna(0.0).to_numpy(dtype=float, copy=True)
    near = proximity.reindex(index=regions, columns=regions).fillna(0.0).to_numpy(dtype=float, copy=True)
    np.fill_diagonal(sim, 0.0)
    np.fill_diagonal(near, 0.0)
    weight = sim * near
    m = member.to_numpy(dtype=float)
    rows = pd.Index(regions).get_indexer(scores["region"])
    cols = pd.Index(member.columns).get_indexer(scores["industry"])
    columns = {name: scores[name].to_numpy() for name in ("region", "industry", "rank")}
    columns["crowding_count"] = (m.sum(axis=0)[cols] - m[rows, cols]).round().astype(int)  # (1 − I) @ m
    for name, matrix in (("crowding_similar", sim), ("crowding_near", near), ("crowding_weighted", weight)):
        columns[name] = (matrix @ m)[rows, cols]
    chance = weight.sum(axis=1) * k / m.shape[1]
    columns["crowding_ratio"] = _ratio(columns["crowding_weighted"], chance[rows])
    columns["crowding_level"] = crowding_level(columns["crowding_ratio"], thresholds)
    columns["rivals"] = ranked_rivals(rows, cols, m > 0, weight, np.asarray(regions), max_rivals)
    table = pd.DataFrame(columns, index=scores.index)  # one frame, not a column insert per measure
    table["alternatives"] = _alternatives(table, n_alternatives)
    return table[CROWDING_COLUMNS]
