"""Scoring API: ranked industries for a region, ranked regions for an industry, and why.

A :class:`Scorer` wraps the trained booster and the curated inputs. Every method
takes an optional ``inputs`` (a what-if copy, see :meth:`FeatureInputs.copy`;
default the shipped inputs) and ``as_of`` (default ``inputs.latest_year``).

One scoring of (inputs, as-of) — features, scores, ranks and crowding for all
regions × candidate industries — is computed once and cached: always for the
shipped inputs, and for the last few what-if copies keyed by a content hash of
their tables (so re-explaining an unchanged scenario is free). SHAP values, the
costly part, are computed only for the rows a call needs and then kept, so a
what-if re-score of one region explains 24 rows, not 744.

Scores are LambdaRank raw scores: comparable only within one region's query.
:meth:`Scorer.sites` therefore ranks regions by a cross-region comparable
``site_score`` (see :data:`SITE_SCORE_NOTE`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from functools import lru_cache

import lightgbm as lgb
import numpy as np
import pandas as pd

from data import load_table
from data.resolve import UnknownNameError, resolve_industry, resolve_region
from features.build import build_features
from features.catalogue import PILLARS, catalogue
from features.inputs import FeatureInputs, load_inputs
from features.origin import shedding_regions
from models.artifacts import load_model
from models.crowding import border_neighbours, crowding, proximity_weights, structural_similarity
from models.explain import TreeContributions, pillar_column, shap_column

GREEN_FEATURE = "coal_grid_flag"
N_ORIGINS = 5
WHAT_IF_CACHE_SIZE = 4
SITE_SCORE_NOTE = (
    "site_score = how far the industry's score stands above the region's other candidate "
    "industries, in within-region standard deviations (z-score of the score among the region's "
    "candidates). Raw LambdaRank scores carry an arbitrary per-region offset, so they are not "
    "compared across regions; the z-score is scale-free and breaks the many ties of the "
    "within-region rank (region_rank). Ties of site_score are broken by region_rank, then adcode.")


@dataclass(frozen=True)
class Scored:
    """One scoring of (inputs, as-of).

    Attributes
    ----------
    features : DataFrame
        ``region, industry, year`` + model features (row order = ``table``).
    table : DataFrame
        ``region, industry, score, rank`` then the crowding columns of
        :func:`models.crowding.crowding`, ``green_flag`` and ``site_score``.
    contributions : DataFrame
        ``base_value, shap_*, pillar_*`` aligned with ``table``; SHAP is costly, so
        rows are filled on demand (NaN until then, see :meth:`Scorer.explained`).
    io_key : int
        Content hash of the IO panel (origins depend on nothing else).
    """

    features: pd.DataFrame
    table: pd.DataFrame
    contributions: pd.DataFrame
    io_key: int


class AsOfError(ValueError):
    """An as-of year outside the data."""


def _table_hash(table: pd.DataFrame) -> int:
    return int(pd.util.hash_pandas_object(table, index=False).to_numpy().sum())


def _fingerprint(inputs: FeatureInputs) -> int:
    """Content hash of every table of ``inputs``."""
    tables = [getattr(inputs, f.name) for f in fields(inputs) if f.init]
    return hash(tuple(inputs.memo(("content_hash", i), table, lambda table=table: _table_hash(table))
                      for i, table in enumerate(tables)))


def _latest_output(inputs: FeatureInputs, as_of: int) -> pd.DataFrame:
    """Region × sector gross output: each region's latest IO table ≤ ``as_of``."""
    panel = inputs.io_panel.loc[inputs.io_panel["year"] <= as_of]
    latest = panel.groupby("region")["year"].transform("max")
    panel = panel.loc[panel["year"] == latest]
    return panel.pivot(index="region", columns="industry", values="gross_output").reindex(
        columns=inputs.all_industries)


def _rank_within(table: pd.DataFrame, by: str, column: str) -> np.ndarray:
    """1-based rank of ``column`` (descending; ties by industry then region) within ``by``."""
    order = table.sort_values([by, column, "industry", "region"], ascending=[True, False, True, True],
                              kind="stable")
    ranks = order.groupby(by, sort=False).cumcount() + 1
    return ranks.reindex(table.index).to_numpy(dtype=int)


def _nan_to_none(value):
    return None if isinstance(value, float) and np.isnan(value) else value


class Scorer:
    """Scores, explanations and crowding of candidate industries in every region.

    Parameters
    ----------
    booster : lightgbm.Booster
        The trained ranker.
    inputs : FeatureInputs
        The shipped curated inputs (default of every method).
    outlines : DataFrame, optional
        ``region, geojson`` province outlines for shared borders (default: the
        ``geo_outlines`` table).
    """

    def __init__(self, booster: lgb.Booster, inputs: FeatureInputs,
                 outlines: pd.DataFrame | None = None) -> None:
        self.explainer = TreeContributions(booster)
        self.features = self.explainer.features
        self.inputs = inputs
        outlines = load_table("geo_outlines") if outlines is None else outlines
        self.neighbours = border_neighbours(outlines)
        self._shipped: dict[int, Scored] = {}
        self._what_if: OrderedDict[tuple[int, int], Scored] = OrderedDict()
        self._origins: dict[tuple[int, int, str], list[int]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ core
    def _resolve(self, inputs: FeatureInputs | None, as_of: int | None) -> tuple[FeatureInputs, int]:
        inputs = self.inputs if inputs is None else inputs
        as_of = inputs.latest_year if as_of is None else int(as_of)
        first = min(inputs.io_years)
        if not first <= as_of <= inputs.latest_year:
            raise AsOfError(f"as-of year {as_of} is outside the data ({first}–{inputs.latest_year})")
        return inputs, as_of

    def scored(self, as_of: int | None = None, inputs: FeatureInputs | None = None) -> Scored:
        """The cached full scoring of (inputs, as-of); computed on first use."""
        inputs, as_of = self._resolve(inputs, as_of)
        if inputs is self.inputs:
            if as_of not in self._shipped:
                self._shipped[as_of] = self._score(inputs, as_of)
            return self._shipped[as_of]
        key = (_fingerprint(inputs), as_of)
        if key in self._what_if:
            self._what_if.move_to_end(key)
        else:
            self._what_if[key] = self._score(inputs, as_of)
            while len(self._what_if) > WHAT_IF_CACHE_SIZE:
                self._what_if.popitem(last=False)
        return self._what_if[key]

    def _score(self, inputs: FeatureInputs, as_of: int) -> Scored:
        features = build_features(inputs, as_of).sort_values(["region", "industry"]).reset_index(drop=True)
        table = features[["region", "industry"]].copy()
        table["score"] = self.explainer.booster.predict(features[self.features].to_numpy(dtype=float))
        table["rank"] = _rank_within(table, "region", "score")
        similarity = inputs.memo(("similarity", as_of), inputs.io_panel,
                                 lambda: structural_similarity(_latest_output(inputs, as_of)))
        proximity = inputs.memo(("proximity",), inputs.regions,
                                lambda: proximity_weights(inputs.regions, self.neighbours))
        crowd = crowding(table[["region", "industry", "rank"]], similarity, proximity)
        table = pd.concat([table, crowd.drop(columns=["region", "industry"])], axis=1)
        table["green_flag"] = features[GREEN_FEATURE].fillna(0).to_numpy() >= 1
        grouped = table.groupby("region")["score"]
        spread = grouped.transform("std").replace(0.0, np.nan)
        table["site_score"] = ((table["score"] - grouped.transform("mean")) / spread).fillna(0.0)
        columns = ["base_value", *[shap_column(f) for f in self.features], *[pillar_column(p) for p in PILLARS]]
        contributions = pd.DataFrame(np.nan, index=table.index, columns=columns)
        return Scored(features=features, table=table, contributions=contributions,
                      io_key=inputs.memo(("content_hash", "io_panel"), inputs.io_panel,
                                         lambda: _table_hash(inputs.io_panel)))

    def explained(self, scored: Scored, rows: np.ndarray) -> pd.DataFrame:
        """``scored.table`` rows selected by the boolean mask ``rows``, joined with their
        SHAP contributions (computed for the rows that lack them, then kept)."""
        rows = np.asarray(rows, dtype=bool)
        with self._lock:  # app sessions share the shipped scoring
            todo = rows & scored.contributions["base_value"].isna().to_numpy()
            if todo.any():
                frame = self.explainer.frame(scored.features.loc[todo])
                scored.contributions.loc[todo] = frame[scored.contributions.columns].to_numpy()
            contributions = scored.contributions.loc[rows].copy()
        return pd.concat([scored.table.loc[rows], contributions], axis=1)

    def origins(self, industry: str, as_of: int | None = None, inputs: FeatureInputs | None = None,
                ) -> list[int]:
        """Eastern provinces shedding ``industry`` (largest share drop first, at most
        :data:`N_ORIGINS`); cached per IO panel content, so a what-if that leaves the
        IO panel alone reuses the shipped answer."""
        inputs, as_of = self._resolve(inputs, as_of)
        return self._origins_of(self.scored(as_of, inputs), inputs, as_of, self.industry_code(industry, inputs))

    def _origins_of(self, scored: Scored, inputs: FeatureInputs, as_of: int, industry: str) -> list[int]:
        key = (scored.io_key, as_of, industry)
        if key not in self._origins:
            shed = shedding_regions(inputs, industry, as_of, top=N_ORIGINS)
            self._origins[key] = [int(r) for r in shed["region"]]
        return self._origins[key]

    def region_code(self, region: str | int, inputs: FeatureInputs | None = None) -> int:
        """Adcode of ``region`` (code, zh/en/short name); it must be a region of ``inputs``.

        Raises
        ------
        UnknownNameError
            With close matches, when nothing (or more than one region) matches.
        """
        inputs = self.inputs if inputs is None else inputs
        text = str(region).strip()
        if text.isdigit() and int(text) in inputs.region_codes:
            return int(text)
        code = resolve_region(text)
        if code not in inputs.region_codes:
            raise UnknownNameError(f"region {region!r} ({code}) has no data in these inputs")
        return code

    def industry_code(self, industry: str, inputs: FeatureInputs | None = None) -> str:
        """H code of a candidate ``industry`` (code or zh/en name).

        Raises
        ------
        UnknownNameError
            With close matches; also when the industry is not a candidate for transfer.
        """
        inputs = self.inputs if inputs is None else inputs
        code = resolve_industry(industry)
        if code not in inputs.candidates:
            names = ", ".join(inputs.candidates)
            raise UnknownNameError(f"industry {industry!r} ({code}) is not a candidate for transfer / "
                                   f"非承接候选产业; candidates / 候选: {names}")
        return code

    # ------------------------------------------------------------------ API
    def score_all(self, as_of: int | None = None, inputs: FeatureInputs | None = None) -> pd.DataFrame:
        """Every region × candidate industry: score, SHAP and pillar contributions, rank.

        Returns
        -------
        DataFrame
            ``region, industry, score, base_value``, ``shap_<feature>`` per model
            feature, ``pillar_<pillar>`` per pillar, ``rank`` within the region
            (1 = best). ``base_value + Σ pillar_* = score``.
        """
        scored = self.scored(as_of, inputs)
        table = self.explained(scored, np.ones(len(scored.table), dtype=bool))
        columns = ["region", "industry", "score", "base_value", *[shap_column(f) for f in self.features],
                   *[pillar_column(p) for p in PILLARS], "rank"]
        return table[columns].copy()

    def recommend(self, region: str | int, as_of: int | None = None, top: int | None = None,
                  inputs: FeatureInputs | None = None) -> pd.DataFrame:
        """Candidate industries for ``region``, best first.

        Returns
        -------
        DataFrame
            ``rank, industry, name_zh, name_en, score, base_value, pillar_*,
            crowding_level, crowding_count, crowding_similar, crowding_near,
            crowding_weighted, rivals, alternatives, green_flag, origins`` — one row
            per candidate (the first ``top`` if given). ``rivals``: adcodes of other
            regions with the industry in their own top 5; ``alternatives``: for a
            high-crowding industry, the region's best less-crowded industries;
            ``green_flag``: energy-intensive on a coal-heavy grid; ``origins``: eastern
            provinces shedding the industry.
        """
        inputs, as_of = self._resolve(inputs, as_of)
        code = self.region_code(region, inputs)
        scored = self.scored(as_of, inputs)
        chosen = scored.table["region"] == code
        if top is not None:
            chosen = chosen & (scored.table["rank"] <= top)
        rows = self.explained(scored, chosen.to_numpy()).sort_values("rank")
        names = inputs.industries.set_index("industry")
        out = rows[["rank", "industry"]].copy()
        out["name_zh"] = names.loc[out["industry"], "name_zh"].to_numpy()
        out["name_en"] = names.loc[out["industry"], "name_en"].to_numpy()
        keep = ["score", "base_value", *[pillar_column(p) for p in PILLARS], "crowding_level",
                "crowding_count", "crowding_similar", "crowding_near", "crowding_weighted", "rivals",
                "alternatives", "green_flag"]
        out = pd.concat([out, rows[keep]], axis=1)
        out["origins"] = [self._origins_of(scored, inputs, as_of, ind) for ind in out["industry"]]
        return out.reset_index(drop=True)

    def sites(self, industry: str, as_of: int | None = None, top: int | None = None,
              inputs: FeatureInputs | None = None) -> pd.DataFrame:
        """Regions for ``industry``, best first, by the cross-region ``site_score``.

        Returns
        -------
        DataFrame
            ``rank, region, name_zh, name_en, macro_region, site_score, region_rank,
            score, base_value, pillar_*`` and the crowding columns; ``rank`` runs
            1 … N over regions, ``region_rank`` is the industry's rank among the
            region's own candidates. See :data:`SITE_SCORE_NOTE`.
        """
        inputs, as_of = self._resolve(inputs, as_of)
        code = self.industry_code(industry, inputs)
        scored = self.scored(as_of, inputs)
        rows = scored.table.loc[scored.table["industry"] == code]
        rows = rows.sort_values(["site_score", "rank", "region"], ascending=[False, True, True], kind="stable")
        rows = rows.head(top) if top is not None else rows
        chosen = scored.table.index.isin(rows.index)
        rows = self.explained(scored, chosen).loc[rows.index].rename(columns={"rank": "region_rank"})
        rows.insert(0, "rank", np.arange(1, len(rows) + 1))
        regions = inputs.regions.set_index("region")
        out = rows[["rank", "region"]].copy()
        for column in ("name_zh", "name_en", "macro_region"):
            out[column] = regions.loc[out["region"], column].to_numpy()
        keep = ["site_score", "region_rank", "score", "base_value", *[pillar_column(p) for p in PILLARS],
                "crowding_level", "crowding_count", "crowding_similar", "crowding_near",
                "crowding_weighted", "rivals", "green_flag"]
        out = pd.concat([out, rows[keep]], axis=1)
        out.insert(1, "industry", code)
        return out.reset_index(drop=True)

    @staticmethod
    def _row(scored: Scored, region: int, industry: str) -> int:
        match = np.flatnonzero((scored.table["region"] == region).to_numpy()
                               & (scored.table["industry"] == industry).to_numpy())
        return int(match[0])

    def _explained_row(self, scored: Scored, i: int) -> pd.Series:
        rows = np.zeros(len(scored.table), dtype=bool)
        rows[i] = True
        return self.explained(scored, rows).iloc[0]

    def explain(self, region: str | int, industry: str, as_of: int | None = None,
                inputs: FeatureInputs | None = None) -> dict:
        """Why ``industry`` scores as it does in ``region``.

        Returns
        -------
        dict
            ``region, industry, as_of, rank, score, base_value``; ``features``: list
            of ``{feature, pillar, value, shap, label_zh, label_en, unit}`` sorted by
            |shap| (largest first; ``value`` None when missing); ``pillars``:
            ``{pillar: contribution}`` in display order. ``base_value + Σ shap = score``.
        """
        inputs, as_of = self._resolve(inputs, as_of)
        code, ind = self.region_code(region, inputs), self.industry_code(industry, inputs)
        scored = self.scored(as_of, inputs)
        i = self._row(scored, code, ind)
        row = self._explained_row(scored, i)
        specs = catalogue().set_index("name")
        items = [{"feature": f, "pillar": specs.at[f, "pillar"],
                  "value": _nan_to_none(float(scored.features.at[i, f])),
                  "shap": float(row[shap_column(f)]), "label_zh": specs.at[f, "label_zh"],
                  "label_en": specs.at[f, "label_en"], "unit": specs.at[f, "unit"]} for f in self.features]
        items.sort(key=lambda item: -abs(item["shap"]))
        return {"region": code, "industry": ind, "as_of": as_of, "rank": int(row["rank"]),
                "score": float(row["score"]), "base_value": float(row["base_value"]), "features": items,
                "pillars": {p: float(row[pillar_column(p)]) for p in PILLARS}}

    def compare(self, region: str | int, industry_a: str, industry_b: str, as_of: int | None = None,
                inputs: FeatureInputs | None = None) -> pd.DataFrame:
        """Why ``industry_a`` ranks above (or below) ``industry_b`` in ``region``.

        Returns
        -------
        DataFrame
            One row per pillar (``kind = "pillar"``, display order) then one per
            feature (``kind = "feature"``, largest |difference| first): ``kind, name,
            pillar, value_a, value_b, contribution_a, contribution_b, difference``
            (A − B). The base value cancels, so within each kind ``Σ difference =
            score_a − score_b``; ``attrs`` holds ``score_a``, ``score_b``, ``rank_a``, ``rank_b``.
        """
        inputs, as_of = self._resolve(inputs, as_of)
        code = self.region_code(region, inputs)
        a, b = self.industry_code(industry_a, inputs), self.industry_code(industry_b, inputs)
        scored = self.scored(as_of, inputs)
        ia, ib = self._row(scored, code, a), self._row(scored, code, b)
        row_a, row_b = self._explained_row(scored, ia), self._explained_row(scored, ib)
        pillars = self.explainer.pillars
        pillar_rows = pd.DataFrame({
            "kind": "pillar", "name": list(PILLARS), "pillar": list(PILLARS), "value_a": np.nan,
            "value_b": np.nan,
            "contribution_a": [float(row_a[pillar_column(p)]) for p in PILLARS],
            "contribution_b": [float(row_b[pillar_column(p)]) for p in PILLARS]})
        feature_rows = pd.DataFrame({
            "kind": "feature", "name": self.features, "pillar": [pillars[f] for f in self.features],
            "value_a": scored.features.loc[ia, self.features].to_numpy(dtype=float),
            "value_b": scored.features.loc[ib, self.features].to_numpy(dtype=float),
            "contribution_a": [float(row_a[shap_column(f)]) for f in self.features],
            "contribution_b": [float(row_b[shap_column(f)]) for f in self.features]})
        for part in (pillar_rows, feature_rows):
            part["difference"] = part["contribution_a"] - part["contribution_b"]
        feature_rows = feature_rows.iloc[np.argsort(-feature_rows["difference"].abs().to_numpy(),
                                                    kind="stable")]
        out = pd.concat([pillar_rows, feature_rows], ignore_index=True)
        out.attrs.update({"region": code, "industry_a": a, "industry_b": b, "as_of": as_of,
                          "score_a": float(row_a["score"]), "score_b": float(row_b["score"]),
                          "rank_a": int(row_a["rank"]), "rank_b": int(row_b["rank"])})
        return out

    def global_importance(self, as_of: int | None = None, inputs: FeatureInputs | None = None,
                          ) -> pd.DataFrame:
        """Mean |SHAP| over every region × candidate industry, per feature and per pillar.

        Returns
        -------
        DataFrame
            ``kind`` (``pillar`` rows first, then ``feature``), ``name, pillar,
            label_zh, label_en, mean_abs_shap``; largest first within each kind.
            A pillar's importance is the mean |sum of its features' SHAP values|.
        """
        table = self.score_all(as_of, inputs)
        specs = catalogue().set_index("name")
        pillar_rows = pd.DataFrame({
            "kind": "pillar", "name": list(PILLARS), "pillar": list(PILLARS),
            "label_zh": [PILLARS[p][0] for p in PILLARS], "label_en": [PILLARS[p][1] for p in PILLARS],
            "mean_abs_shap": [float(table[pillar_column(p)].abs().mean()) for p in PILLARS]})
        feature_rows = pd.DataFrame({
            "kind": "feature", "name": self.features,
            "pillar": [self.explainer.pillars[f] for f in self.features],
            "label_zh": specs.loc[self.features, "label_zh"].to_numpy(),
            "label_en": specs.loc[self.features, "label_en"].to_numpy(),
            "mean_abs_shap": [float(table[shap_column(f)].abs().mean()) for f in self.features]})
        parts = [p.sort_values("mean_abs_shap", ascending=False, kind="stable")
                 for p in (pillar_rows, feature_rows)]
        return pd.concat(parts, ignore_index=True)


@lru_cache(maxsize=1)
def load_scorer() -> Scorer:
    """The scorer of the saved model on the shipped inputs (cached per process).

    Raises
    ------
    models.artifacts.ArtifactError
        No saved model, or one that is corrupted or trained on other data.
    """
    ranker, _ = load_model()
    return Scorer(ranker.booster_, load_inputs())
