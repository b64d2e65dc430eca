"""One scoring of (inputs, as-of year): the only object views and the CLI ask.

A :class:`Board` holds the feature rows of every region × candidate industry as of a
year, their 0–100 fit scores and ranks, the structural-similarity and proximity
matrices, top-K membership, model-based and declared crowding, and — filled on
demand, since they cost the most — the score-point contributions. It answers every
question the app and the CLI ask: :meth:`recommend`, :meth:`sites`,
:meth:`explain`, :meth:`compare`, :meth:`importance`, :meth:`crowding`,
:meth:`shedding`, :meth:`rank_changes`, :meth:`vintage`, :meth:`digital_track`
and :meth:`resource_base`. Boards are made and cached by
:class:`models.scoring.Scorer`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from features.arrays import InputArrays
from features.build import FeaturePanel, feature_panel
from features.catalogue import PILLARS, catalogue
from features.context import YearContext
from features.origin import shedding_lists, shedding_regions
from features.relatedness import rca
from features.resource import clean_power_share, power_per_gdp
from data.origins import Origin
from models.crowding import (CROWDING_COLUMNS, DEFAULT_K, crowding, declared_matrix, declared_overlap,
                             structural_similarity, top_k_membership)
from models.explain import Explainer, pillar_column, points_column
from models.rules import MODEL, REGION_RULES, SITES_RULES

GREEN_FEATURE = "coal_grid_flag"
SCALE_FEATURE = "log_output"
N_ORIGINS = 5
EARTH_RADIUS_KM = 6371.0
DIGITAL_CODE = "H29"
RESOURCE_SECTORS = ("H02", "H03", "H04", "H05", "H22", "H23", "H24")
CROWDING_SHOWN = ["crowding_level", "crowding_count", "crowding_weighted", "crowding_ratio", "rivals"]
DECLARED_SHOWN = ["declared_own", "declared_count", "declared_share", "declared_level", "declared_rivals"]
#: Weight of nearness to the origin in the sites order from an origin (the rest: the sites rule's
#: within-industry percentile rank). A stated rule, not a validated one: no origin → host flow data.
ORIGIN_DISTANCE_WEIGHT = 1 / 3


class AsOfError(ValueError):
    """An as-of year outside the data."""


def rank_within(table: pd.DataFrame, by: str, column: str) -> np.ndarray:
    """1-based rank of ``column`` (descending, NaN last; ties by industry then region) within ``by``."""
    values = table[column].to_numpy(dtype=float)
    keys = (table["region"].to_numpy(), pd.factorize(table["industry"], sort=True)[0],
            np.where(np.isnan(values), np.inf, -values), pd.factorize(table[by], sort=True)[0])
    order = np.lexsort(keys)  # last key first: group, value, industry, region
    group = keys[3][order]
    starts = np.r_[0, np.flatnonzero(np.diff(group)) + 1]
    position = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    ranks = np.empty(len(order), dtype=int)
    ranks[order] = position + 1
    return ranks


def latest_output(arrays: InputArrays, as_of: int) -> pd.DataFrame:
    """Region × sector gross output (万元) of each region's latest IO table ≤ ``as_of``
    (regions with no table by then are left out)."""
    out = np.full((len(arrays.regions), len(arrays.industries)), np.nan)
    for year in sorted(y for y in arrays.io_years if y <= as_of):
        now = arrays.output(year)
        rows = ~np.isnan(now).all(axis=1)
        out[rows] = now[rows]
    frame = pd.DataFrame(out, index=arrays.regions, columns=arrays.industries)
    return frame.loc[~np.isnan(out).all(axis=1)]


def great_circle_km(lon1: float, lat1: float, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Haversine distance in km from one point to many."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


_TEXT_FIELDS = ("label_zh", "label_en", "unit_zh", "unit_en")


@lru_cache(maxsize=1)
def _specs() -> dict[str, dict]:
    """Feature → its catalogue entry (pillar, labels, units), in catalogue order."""
    return {row["name"]: row for row in catalogue().to_dict("records")}


def _none_if_nan(value: float) -> float | None:
    value = float(value)
    return None if np.isnan(value) else value


@dataclass(frozen=True)
class CrowdingView:
    """Top-K membership, similarity and the crowding table derived from exactly them."""

    k: int
    membership: pd.DataFrame  # region × industry, bool
    similarity: pd.DataFrame  # region × region
    table: pd.DataFrame  # region, industry, rank + crowding columns


class Board:
    """Scores, ranks, crowding and explanations of every region × candidate industry.

    Parameters
    ----------
    inputs : FeatureInputs
        Curated (or edited) inputs.
    as_of : int
        As-of year: only data of years ≤ ``as_of`` is used.
    explainer : Explainer
        The fitted model and its calibration.
    proximity : DataFrame
        Region × region proximity weights (:func:`models.crowding.proximity_weights`).
    region_rule : str
        What orders a region's industries: ``"model"`` (the fit score) or a rule of
        :data:`models.rules.REGION_RULES` that beat it in rolling validation.
    sites_rule : str
        What orders the regions of an industry (:data:`models.rules.SITES_RULES`), chosen on
        rolling industry queries.
    """

    def __init__(self, arrays: InputArrays, as_of: int, explainer: Explainer, proximity: pd.DataFrame,
                 region_rule: str = MODEL, sites_rule: str = MODEL) -> None:
        if region_rule != MODEL and region_rule not in REGION_RULES:
            raise ValueError(f"unknown region rule {region_rule!r}")
        if sites_rule not in SITES_RULES:
            raise ValueError(f"unknown sites rule {sites_rule!r}")
        self.region_rule, self.sites_rule = region_rule, sites_rule
        self.arrays = arrays
        self.as_of = int(as_of)
        self.explainer = explainer
        self.proximity = proximity
        self.panel: FeaturePanel = feature_panel(arrays, self.as_of)
        self.matrix = self.panel.rows(explainer.features)
        n_regions, n_industries = len(arrays.regions), len(arrays.candidates)
        self._points = np.full((n_regions * n_industries, len(explainer.columns)), np.nan)
        if explainer.has_tables:  # SHAP tables: every row's points for less than one predict call
            margin, self._points = explainer.margin_points(self.matrix)
        else:
            margin = explainer.margin(self.matrix)
        scale = np.nan_to_num(self.panel.column(SCALE_FEATURE).ravel(), nan=-np.inf)
        order = margin if region_rule == MODEL else self.panel.column(REGION_RULES[region_rule]).ravel()
        keys = pd.DataFrame({"region": np.repeat(arrays.regions, n_industries),
                             "industry": np.tile(arrays.candidates, n_regions), "margin": margin, "_scale": scale,
                             "_order": order})
        table = pd.DataFrame({  # built at once: column inserts into a str-labelled frame are slow
            "region": keys["region"], "industry": keys["industry"], "margin": margin, "score": explainer.score(margin),
            "rank": rank_within(keys, "region", "_order"), "scale_rank": rank_within(keys, "region", "_scale")})
        self._scale = scale
        self.similarity = structural_similarity(latest_output(arrays, self.as_of))
        self.declared = pd.DataFrame(arrays.declared, index=pd.Index(arrays.regions, name="region"),
                                     columns=pd.Index(arrays.candidates, name="industry"))
        crowd = crowding(table[["region", "industry", "rank"]], self.similarity, proximity)
        declared = declared_overlap(table, self.declared, self.similarity, proximity)
        table = pd.concat([table, crowd[[c for c in CROWDING_COLUMNS if c not in ("region", "industry")]], declared],
                          axis=1)
        table["green_flag"] = np.nan_to_num(self.panel.column(GREEN_FEATURE).ravel(), nan=0.0) >= 1
        self.table = table
        self._origins: dict[str, list[int]] = {}
        self._lock = threading.Lock()

    @property
    def inputs(self) -> InputArrays:
        """The arrays the board was computed from (catalogue tables: ``regions_table``, ``industries_table``)."""
        return self.arrays

    @cached_property
    def features(self) -> pd.DataFrame:
        """Every catalogue feature of every row, as a tidy frame aligned with :attr:`table`."""
        return self.panel.frame()

    # ------------------------------------------------------------------ helpers
    def _values(self, index: int, names: list[str]) -> np.ndarray:
        """Feature values of table row ``index`` (region-major order, as :attr:`table`)."""
        flat = self.panel.values.reshape(-1, len(self.panel.names))[index]
        return flat[[self.panel.names.index(n) for n in names]]

    def _rows(self, region: int | None = None, industry: str | None = None) -> np.ndarray:
        mask = np.ones(len(self.table), dtype=bool)
        if region is not None:
            mask &= (self.table["region"] == int(region)).to_numpy()
        if industry is not None:
            mask &= (self.table["industry"] == industry).to_numpy()
        return mask

    def explained(self, mask: np.ndarray) -> pd.DataFrame:
        """Table rows selected by the boolean ``mask`` joined with their score points
        (computed for the rows that lack them, then kept)."""
        mask = np.asarray(mask, dtype=bool)
        with self._lock:  # app sessions share boards
            todo = mask & np.isnan(self._points[:, 0])
            if todo.any():
                self._points[todo] = self.explainer.points(self.matrix[todo])
            points = self._points[mask].copy()
        rows = self.table.loc[mask]
        keep = [i for i, name in enumerate(self.explainer.columns) if name != "score"]  # the table has the score
        return pd.concat([rows, pd.DataFrame(points[:, keep], index=rows.index,
                                             columns=[self.explainer.columns[i] for i in keep])], axis=1)

    def _names(self, kind: str) -> pd.DataFrame:
        return (self.arrays.regions_table.set_index("region") if kind == "region"
                else self.arrays.industries_table.set_index("industry"))

    def origins(self, industry: str) -> list[int]:
        """Eastern provinces shedding ``industry`` (largest share drop first, at most :data:`N_ORIGINS`)."""
        if not self._origins:
            self._origins = shedding_lists(self.arrays, self.as_of, N_ORIGINS)
        return self._origins.get(industry, [])

    # ------------------------------------------------------------------ questions
    def recommend(self, region: int, top: int | None = None) -> pd.DataFrame:
        """Candidate industries of ``region``, best first.

        Returns
        -------
        DataFrame
            ``rank, industry, name_zh, name_en, score, base_score, pillar_*`` (score
            points), ``scale_rank`` (rank by existing output), the crowding and
            declared-priority columns, ``green_flag`` and ``origins`` (eastern
            provinces shedding the industry); the first ``top`` rows if given.
        """
        mask = self._rows(region=region)
        if top is not None:
            mask &= (self.table["rank"] <= top).to_numpy()
        rows = self.explained(mask).sort_values("rank")
        names = self._names("industry")
        at = names.index.get_indexer(rows["industry"])
        if (at < 0).any():
            raise KeyError(f"industries without names: {sorted(set(rows['industry'][at < 0]))}")
        keep = ["score", "base_score", *[pillar_column(p) for p in PILLARS], "scale_rank", *CROWDING_SHOWN,
                "alternatives", *DECLARED_SHOWN, "green_flag"]
        columns = {"rank": rows["rank"].to_numpy(), "industry": rows["industry"].to_numpy(),
                   "name_zh": names["name_zh"].to_numpy()[at], "name_en": names["name_en"].to_numpy()[at],
                   **{name: rows[name].to_numpy() for name in keep},
                   "origins": [self.origins(industry) for industry in rows["industry"]]}
        return pd.DataFrame(columns)

    def sites(self, industry: str, top: int | None = None, hosts_only: bool = True,
              origin: int | Origin | None = None) -> pd.DataFrame:
        """Regions for ``industry``, best first by the board's :attr:`sites_rule`.

        Parameters
        ----------
        industry : str
            H code of a candidate industry.
        top : int, optional
            Keep the first ``top`` regions.
        hosts_only : bool
            Only host regions (central, western, north-eastern provinces).
        origin : int or Origin, optional
            Where the industry would move from (a province adcode, or a
            :class:`data.origins.Origin`: province, city or cluster). Its provinces are
            left out, ``distance_km`` (origin point to each centroid) is added, and the
            order becomes ``(1 − w) · pct(rule) + w · pct(nearness)`` with
            w = :data:`ORIGIN_DISTANCE_WEIGHT`: the within-list percentile ranks of the
            sites rule and of closeness to the origin.

        Returns
        -------
        DataFrame
            ``rank, industry, region, name_zh, name_en, macro_region, score, region_rank,
            base_score, pillar_*``, the crowding, declared and green columns, ``rule_rank``
            (rank by the sites rule alone) (+ ``distance_km``); ``attrs["sites_rule"]``.
        """
        origin = self.as_origin(origin)
        mask = self._rows(industry=industry)
        if hosts_only:
            mask &= self.table["region"].isin(self.arrays.hosts).to_numpy()
        if origin is not None:
            mask &= ~self.table["region"].isin(origin.provinces).to_numpy()
        rows = self.table.loc[mask]
        key = self._sites_key(mask, rows)
        ordered = rows.assign(_key=key, _rule=key).sort_values(["_rule", "score", "region"],
                                                               ascending=[False, False, True], kind="stable")
        rule_rank = pd.Series(np.arange(1, len(rows) + 1), index=ordered.index)
        km = None
        if origin is not None:
            km = self.distances(origin).reindex(rows["region"]).to_numpy()
            near = pd.Series(-np.nan_to_num(km, nan=np.inf), index=rows.index).rank(pct=True)
            fit = pd.Series(key, index=rows.index).rank(pct=True)
            w = ORIGIN_DISTANCE_WEIGHT
            ordered = rows.assign(_key=((1 - w) * fit + w * near).to_numpy(), _rule=key).sort_values(
                ["_key", "_rule", "region"], ascending=[False, False, True], kind="stable")
        rows = ordered.head(top) if top is not None else ordered
        chosen = self.table.index.isin(rows.index)
        explained = self.explained(chosen).loc[rows.index].rename(columns={"rank": "region_rank"})
        regions = self._names("region")
        out = explained[["region"]].copy()
        out.insert(0, "rank", np.arange(1, len(rows) + 1))
        out.insert(1, "industry", industry)
        for column in ("name_zh", "name_en", "macro_region"):
            out[column] = regions.loc[out["region"], column].to_numpy()
        keep = ["score", "region_rank", "base_score", *[pillar_column(p) for p in PILLARS], *CROWDING_SHOWN,
                *DECLARED_SHOWN, "green_flag"]
        out = pd.concat([out, explained[keep]], axis=1)
        out["rule_rank"] = rule_rank.loc[rows.index].to_numpy()
        if origin is not None:
            out["distance_km"] = self.distances(origin).reindex(out["region"]).to_numpy()
        out = out.reset_index(drop=True)
        out.attrs["sites_rule"] = self.sites_rule
        return out

    def as_origin(self, origin: int | Origin | None) -> Origin | None:
        """``origin`` as an :class:`Origin` (a bare adcode is a province)."""
        if origin is None or isinstance(origin, Origin):
            return origin
        code = int(origin)
        names = self._names("region")
        zh, en = (str(names.loc[code, c]) for c in ("name_zh", "name_en")) if code in names.index else ("", "")
        return Origin("province", code, zh, en, (code,))

    def _sites_key(self, mask: np.ndarray, rows: pd.DataFrame) -> np.ndarray:
        """The sites rule's value of the table rows selected by ``mask`` (higher = better)."""
        score = rows["score"].to_numpy(dtype=float)
        scale = self._scale[mask]
        if self.sites_rule == "model":
            return score
        if self.sites_rule == "scale":
            return scale
        if self.sites_rule == "density":
            return np.nan_to_num(self.panel.column("density").ravel()[mask], nan=-np.inf)
        return (pd.Series(score).rank(pct=True) + pd.Series(scale).rank(pct=True)).to_numpy()

    def industry_scores(self, industry: str) -> pd.Series:
        """Region → fit score (0–100) of ``industry`` in every region (for maps)."""
        rows = self.table.loc[self._rows(industry=industry)]
        return pd.Series(rows["score"].to_numpy(), index=rows["region"].to_numpy(), name="score")

    def distances(self, origin: int | Origin) -> pd.Series:
        """Great-circle distance (km) between the origin's point (a province's centroid, or an
        :class:`Origin`'s own point) and every region's centroid."""
        arrays = self.arrays
        index = pd.Index(arrays.regions, name="region")
        origin = self.as_origin(origin)
        if origin.lon is not None:
            lon, lat = origin.lon, origin.lat
        elif origin.code in arrays.position:
            i = arrays.position[origin.code]
            lon, lat = arrays.lon[i], arrays.lat[i]
        else:
            return pd.Series(np.nan, index=index)
        km = great_circle_km(lon, lat, arrays.lon, arrays.lat)
        return pd.Series(km, index=index).round(0)

    def origin_trend(self, industry: str, origin: int | Origin) -> dict:
        """The origin's own trend in ``industry`` over the last IO period (a city or cluster: its
        provinces together — the IO tables are provincial).

        Returns
        -------
        dict
            ``region`` (the province's adcode; None for a city or cluster), ``provinces``,
            ``industry, year_before, year_now, share_before, share_now, change``
            (national share, %, and its change in percentage points) and ``shed``
            (万元 of output given up beyond its proportional share; 0 when it gained).
        """
        arrays = self.arrays
        origin = self.as_origin(origin)
        now_year = arrays.io_year_as_of(self.as_of)
        before_year = arrays.previous_io_year(now_year)
        out = {"region": origin.code if origin.kind == "province" else None, "provinces": list(origin.provinces),
               "industry": industry, "year_before": before_year, "year_now": now_year,
               "share_before": None, "share_now": None, "change": None, "shed": None}
        rows = [arrays.position[p] for p in origin.provinces if p in arrays.position]
        if before_year is None or len(rows) != len(origin.provinces):
            return out
        j = arrays.column[industry]
        now, before = arrays.output(now_year)[:, j], arrays.output(before_year)[:, j]
        both = ~np.isnan(now) & ~np.isnan(before)
        if not both[rows].all():
            return out
        share_now = float(now[rows].sum() / now[both].sum() * 100)
        share_before = float(before[rows].sum() / before[both].sum() * 100)
        shed = max(0.0, -(share_now - share_before) / 100 * float(now[both].sum()))
        out.update(share_before=share_before, share_now=share_now, change=share_now - share_before, shed=shed)
        return out

    def explain(self, region: int, industry: str) -> dict:
        """Why ``industry`` scores as it does in ``region``.

        Returns
        -------
        dict
            ``region, industry, as_of, rank, scale_rank, score, base_score``;
            ``features``: ``{feature, pillar, value, points, label_zh, label_en, unit_zh, unit_en}``
            sorted by |points| (largest first; ``value`` None when missing);
            ``pillars``: ``{pillar: points}`` in display order; ``context``: values of
            catalogue features the model does not use (shown, not scored).
            ``base_score + Σ points = score``.
        """
        mask = self._rows(region=region, industry=industry)
        if not mask.any():
            raise KeyError(f"no row for region {region} and industry {industry}")
        row = self.explained(mask).iloc[0]
        index = int(np.flatnonzero(mask)[0])
        specs = _specs()
        used = self.explainer.features
        values = self._values(index, used)
        items = [{"feature": f, "pillar": specs[f]["pillar"], "value": _none_if_nan(value),
                  "points": float(row[points_column(f)]), **{k: specs[f][k] for k in _TEXT_FIELDS}}
                 for f, value in zip(used, values)]
        items.sort(key=lambda item: -abs(item["points"]))
        others = [f for f in specs if f not in set(used)]
        context = {f: _none_if_nan(v) for f, v in zip(others, self._values(index, others))}
        return {"region": int(region), "industry": industry, "as_of": self.as_of, "rank": int(row["rank"]),
                "scale_rank": int(row["scale_rank"]), "score": float(row["score"]),
                "base_score": float(row["base_score"]), "features": items,
                "pillars": {p: float(row[pillar_column(p)]) for p in PILLARS}, "context": context}

    def compare(self, region: int, industry_a: str, industry_b: str) -> pd.DataFrame:
        """Why ``industry_a`` ranks above (or below) ``industry_b`` in ``region``.

        Returns
        -------
        DataFrame
            One row per pillar (``kind = "pillar"``) then one per feature (``kind =
            "feature"``, largest |difference| first): ``kind, name, pillar, value_a,
            value_b, points_a, points_b, difference`` (A − B, score points). Within each
            kind ``Σ difference = score_a − score_b``; ``attrs`` holds the scores and ranks.
        """
        rows = []
        for industry in (industry_a, industry_b):
            mask = self._rows(region=region, industry=industry)
            rows.append((int(np.flatnonzero(mask)[0]), self.explained(mask).iloc[0]))
        (ia, row_a), (ib, row_b) = rows
        features = self.explainer.features
        pillar_rows = pd.DataFrame({
            "kind": "pillar", "name": list(PILLARS), "pillar": list(PILLARS), "value_a": np.nan, "value_b": np.nan,
            "points_a": [float(row_a[pillar_column(p)]) for p in PILLARS],
            "points_b": [float(row_b[pillar_column(p)]) for p in PILLARS]})
        feature_rows = pd.DataFrame({
            "kind": "feature", "name": features, "pillar": [self.explainer.pillars[f] for f in features],
            "value_a": self._values(ia, features), "value_b": self._values(ib, features),
            "points_a": [float(row_a[points_column(f)]) for f in features],
            "points_b": [float(row_b[points_column(f)]) for f in features]})
        for part in (pillar_rows, feature_rows):
            part["difference"] = part["points_a"] - part["points_b"]
        feature_rows = feature_rows.iloc[np.argsort(-feature_rows["difference"].abs().to_numpy(), kind="stable")]
        out = pd.concat([pillar_rows, feature_rows], ignore_index=True)
        out.attrs.update({"region": int(region), "industry_a": industry_a, "industry_b": industry_b,
                          "as_of": self.as_of, "score_a": float(row_a["score"]), "score_b": float(row_b["score"]),
                          "rank_a": int(row_a["rank"]), "rank_b": int(row_b["rank"])})
        return out

    def importance(self) -> pd.DataFrame:
        """Mean |score points| over every region × candidate industry, per pillar then per feature.

        Returns
        -------
        DataFrame
            ``kind, name, pillar, label_zh, label_en, mean_abs_points``; largest first within
            each kind. Pillars without a model feature are left out.
        """
        table = self.explained(np.ones(len(self.table), dtype=bool))
        specs = catalogue().set_index("name")
        pillars = self.explainer.used_pillars()
        pillar_rows = pd.DataFrame({
            "kind": "pillar", "name": pillars, "pillar": pillars,
            "label_zh": [PILLARS[p][0] for p in pillars], "label_en": [PILLARS[p][1] for p in pillars],
            "mean_abs_points": [float(table[pillar_column(p)].abs().mean()) for p in pillars]})
        features = self.explainer.features
        feature_rows = pd.DataFrame({
            "kind": "feature", "name": features, "pillar": [self.explainer.pillars[f] for f in features],
            "label_zh": specs.loc[features, "label_zh"].to_numpy(), "label_en": specs.loc[features, "label_en"].to_numpy(),
            "mean_abs_points": [float(table[points_column(f)].abs().mean()) for f in features]})
        parts = [p.sort_values("mean_abs_points", ascending=False, kind="stable") for p in (pillar_rows, feature_rows)]
        return pd.concat(parts, ignore_index=True)

    def crowding(self, k: int = DEFAULT_K) -> CrowdingView:
        """Top-``k`` membership, the similarity matrix and the crowding table computed from
        exactly them (``k`` = :data:`~models.crowding.DEFAULT_K` gives the levels shown everywhere)."""
        ranks = self.table[["region", "industry", "rank"]]
        if k == DEFAULT_K:
            table = self.table[["region", "industry", "rank", "crowding_count", "crowding_weighted",
                                "crowding_ratio", "crowding_level", "rivals", "alternatives"]]
        else:
            table = crowding(ranks, self.similarity, self.proximity, k=k)
        return CrowdingView(k=k, membership=top_k_membership(ranks, k), similarity=self.similarity, table=table)

    def shedding(self, industry: str) -> pd.DataFrame:
        """Eastern provinces shedding ``industry``: ``region, share_before, share_now, change`` (pp)."""
        return shedding_regions(self.arrays, industry, self.as_of, top=N_ORIGINS)

    def rank_changes(self, base: "Board", region: int) -> pd.DataFrame:
        """This board's ranking of ``region`` against ``base``'s (e.g. a what-if against the shipped).

        Returns
        -------
        DataFrame
            ``industry, rank_base, rank, rank_change`` (positive = moved up),
            ``score_base, score, score_change``; by this board's rank.
        """
        mine = self.table.loc[self._rows(region=region), ["industry", "rank", "score"]]
        theirs = base.table.loc[base._rows(region=region), ["industry", "rank", "score"]]
        merged = theirs.merge(mine, on="industry", suffixes=("_base", ""))
        merged["rank_change"] = merged["rank_base"] - merged["rank"]
        merged["score_change"] = merged["score"] - merged["score_base"]
        columns = ["industry", "rank_base", "rank", "rank_change", "score_base", "score", "score_change"]
        return merged.sort_values("rank")[columns].reset_index(drop=True)

    def vintage(self) -> dict:
        """Which data the scores rest on.

        Returns
        -------
        dict
            ``as_of``; ``io_year`` (industry structure); ``attributes_year`` (latest
            year of any attribute ≤ as-of); ``products_year`` (national product output);
            ``brought_forward``: industries whose national product wave reaches past the
            IO year; ``on_io_only``: the other candidates.
        """
        arrays = self.arrays
        io_year = arrays.io_year_as_of(self.as_of)
        attr_years = [int(y) for y in arrays.attr_years if y <= self.as_of]
        products = arrays.products.loc[arrays.products["year"] <= self.as_of]
        products_year = int(products["year"].max()) if len(products) else None
        later = set(products.loc[products["year"] > (io_year or 0), "industry"])
        forward = [i for i in arrays.candidates if i in later]
        return {"as_of": self.as_of, "io_year": io_year, "attributes_year": max(attr_years) if attr_years else None,
                "products_year": products_year, "brought_forward": forward,
                "on_io_only": [i for i in arrays.candidates if i not in forward]}

    def digital_track(self, region: int) -> dict:
        """Indicators of the digital track (information services H29, data centres), not ranked.

        Returns
        -------
        dict
            ``hub`` (hosts a 东数西算 national computing hub node), ``hub_names``,
            ``clean_power_share`` (%), ``power_per_gdp`` (kWh per 元 of GDP),
            ``h29_rca`` and ``h29_national_share`` (%) at the latest IO year, ``io_year``.
        """
        arrays, year = self.arrays, self.as_of
        i = arrays.position[int(region)]
        hubs = arrays.hubs_table
        mine = hubs.loc[(hubs["region"] == region) & (hubs["year"] <= year)] if len(hubs) else hubs
        ctx = YearContext(arrays, year)
        output = arrays.output(ctx.io_year)
        has_output = output is not None and not np.isnan(output[i]).all()
        j = arrays.column[DIGITAL_CODE]
        lq = rca(output)[i, j] if has_output else None
        share = output[i, j] / np.nansum(output[:, j]) * 100 if has_output else None
        return {"region": int(region), "hub": bool(arrays.hub_year[i] <= year),
                "hub_names": sorted(set(mine["hub"].dropna().astype(str))) if len(mine) else [],
                "clean_power_share": _none_if_nan(clean_power_share(ctx)[i, 0]),
                "power_per_gdp": _none_if_nan(power_per_gdp(ctx)[i, 0]),
                "h29_rca": _none_if_nan(lq) if lq is not None else None,
                "h29_national_share": _none_if_nan(share) if share is not None else None,
                "io_year": ctx.io_year}

    def resource_base(self, region: int) -> pd.DataFrame:
        """Context, not ranked: the region's location quotient and national share in mining and
        utilities (H02–H05, H22–H24) at the latest IO year, and generation mix indicators.

        Returns
        -------
        DataFrame
            ``industry, name_zh, name_en, rca, national_share`` (%).
        """
        arrays = self.arrays
        output = arrays.output(arrays.io_year_as_of(self.as_of))
        names = self._names("industry")
        i = arrays.position[int(region)]
        if output is None or np.isnan(output[i]).all():
            return pd.DataFrame(columns=["industry", "name_zh", "name_en", "rca", "national_share"])
        columns = [arrays.column[c] for c in RESOURCE_SECTORS]
        lq = rca(output)[i, columns]
        share = output[i, columns] / np.nansum(output[:, columns], axis=0) * 100
        return pd.DataFrame({"industry": list(RESOURCE_SECTORS),
                             "name_zh": names.loc[list(RESOURCE_SECTORS), "name_zh"].to_numpy(),
                             "name_en": names.loc[list(RESOURCE_SECTORS), "name_en"].to_numpy(),
                             "rca": lq.astype(float), "national_share": share.astype(float)})

    def attribute(self, name: str) -> pd.Series:
        """Per region, the latest value of attribute ``name`` ≤ the as-of year."""
        return pd.Series(self.arrays.attr(name, self.as_of), index=pd.Index(self.arrays.regions, name="region"))
