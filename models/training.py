"""Training-set assembly, configuration selection by rolling validation, and fitting.

A row = (region, candidate industry, t): features from ``build_features(inputs, t)``
(data ≤ t only), complexity terms of year t for the Atlas baseline, and the labels of
the transition ``t → t+5`` from :mod:`models.labels` (IO at t+5 only).

**Rolling validation.** A configuration is judged on transitions it has not seen:
to validate on the transition starting in year v, it is trained on the transitions
ending at or before v (starting before v) and scored on v. :func:`select_config`
averages this over the validation years it is given; the evaluation
(:mod:`models.evaluation`) calls it with only the years before each test
transition, so a test transition never tunes anything.

**Features.** A model uses only catalogue features observed in at least
:data:`MIN_COVERAGE` of its training rows (:func:`eligible_features`); a feature
that is missing in training is dead weight the app would still show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from features.build import build_panel
from features.catalogue import directions, feature_names
from features.inputs import FeatureInputs, io_wide, load_inputs
from models.calibration import fit_calibration
from models.complexity import complexity_frame
from models.labels import build_labels, transitions
from models.metrics import ndcg_at_k
from models.ranker import HostfitRanker
from models.rules import (EVALUATION_MACROS, industry_query_table, region_rule, region_rule_scores,  # noqa: F401
                          sites_rule)

KEYS = ["region", "industry", "year"]
QUERY = ["year", "region"]
#: Graded labels a configuration may train on (:mod:`models.labels`): the scale-free change of
#: the national share (primary) and the size-weighted xgain.
LABEL = "grade"
SHARE_LABEL = "grade_share"
#: The label configurations are selected and the bars judged on (scale-free: the change of the
#: host's national share in the industry, graded within the province), and its top-5 flag.
SELECTION_LABEL = SHARE_LABEL
SELECTION_TOP = "top_gainer_share"
MIN_COVERAGE = 0.5
#: Context-only features: shown to users, never model inputs (see their catalogue meaning).
CONTEXT_ONLY = ("product_share_trend",)

_CHAIN_MONOTONE = {"density": 1, "upstream_presence": 1, "downstream_presence": 1}
_PRIOR_MARKET = {"national_market": 1.0}
_PRIOR_MARKET_SCALE = {"national_market": 1.0, "log_output": 0.25}
_SMALL = {"n_estimators": 150, "learning_rate": 0.05, "num_leaves": 4, "min_child_samples": 30,
          "reg_lambda": 10.0, "colsample_bytree": 0.7}
_MEDIUM = {"n_estimators": 200, "learning_rate": 0.05, "num_leaves": 8, "min_child_samples": 20,
           "reg_lambda": 5.0, "colsample_bytree": 0.7}
_SHORT = {**_SMALL, "n_estimators": 60}


@dataclass(frozen=True)
class Config:
    """A candidate configuration: ranker parameters and the features it may use."""

    name: str
    description: str
    params: dict = field(default_factory=dict)
    features: tuple[str, ...] | None = None
    description_zh: str = ""
    label: str = LABEL

    def ranker(self, names: list[str] | None = None) -> HostfitRanker:
        """An unfitted :class:`HostfitRanker` with this configuration.

        With ``names`` (the features it will be fitted on), every feature with a known
        direction in the catalogue (:func:`features.catalogue.directions`) is constrained
        monotone in that direction, on top of the configuration's own constraints.
        """
        params = dict(self.params)
        if names is not None:
            monotone = {**{f: d for f, d in directions().items() if f in names}, **(params.get("monotone") or {})}
            params["monotone"] = {f: monotone[f] for f in names if f in monotone} or None
        return HostfitRanker(**params)


#: Candidates for rolling selection; the first is the default where no validation
#: transition exists (the earliest test transition).
CONFIGS: tuple[Config, ...] = (
    Config("small", "4 leaves, ≥30 rows per leaf, L2 10, 150 rounds, lr 0.05, 70% features per tree, "
           "5 seeds; score non-decreasing in density and chain presence",
           {**_SMALL, "monotone": _CHAIN_MONOTONE},
           description_zh="每棵树 4 个叶子、每叶至少 30 行、L2 正则 10、150 轮、学习率 0.05、每棵树随机用 70% 的指标、"
                          "5 个随机种子平均；适配分随关联密度和产业链配套单调不减"),
    Config("medium", "8 leaves, ≥20 rows per leaf, L2 5, 200 rounds, lr 0.05, 70% features per tree, 5 seeds",
           _MEDIUM, description_zh="每棵树 8 个叶子、每叶至少 20 行、L2 正则 5、200 轮、学习率 0.05、每棵树随机用 70% 的"
                                   "指标、5 个随机种子平均"),
    Config("market_prior_small", "the national-market rule (log national output of the industry) as a "
           "linear prior, refined by 'small' trees", {**_SMALL, "monotone": _CHAIN_MONOTONE,
                                                      "prior": _PRIOR_MARKET},
           description_zh="以全国产业规模规则（该产业全国总产出的对数）为线性先验，再用 small 配置的树修正"),
    Config("market_prior_short", "as market_prior_small with 60 rounds (trees stay closer to the rule)",
           {**_SHORT, "monotone": _CHAIN_MONOTONE, "prior": _PRIOR_MARKET},
           description_zh="同 market_prior_small，但只训练 60 轮（更贴近规则）"),
    Config("market_scale_prior_small", "national market + 0.25 × existing output (log) as the prior, "
           "refined by 'small' trees (a blend with the scale rule)",
           {**_SMALL, "monotone": _CHAIN_MONOTONE, "prior": _PRIOR_MARKET_SCALE},
           description_zh="以全国产业规模加 0.25 × 现有产出（对数）为先验，再用 small 配置的树修正（与规模规则的混合）"),
    Config("small_share", "as 'small', trained on the scale-free label (graded change of national share)",
           {**_SMALL, "monotone": _CHAIN_MONOTONE}, label=SHARE_LABEL,
           description_zh="同 small，但以无量纲标签（全国份额变化的省内分级）训练"),
    Config("medium_share", "as 'medium', trained on the scale-free label (graded change of national share)",
           _MEDIUM, label=SHARE_LABEL, description_zh="同 medium，但以无量纲标签（全国份额变化的省内分级）训练"),
)


def config_description(name: str, lang: str = "en") -> str:
    """The description of the configuration ``name`` in ``lang`` (empty if unknown)."""
    config = next((c for c in CONFIGS if c.name == name), None)
    if config is None:
        return ""
    return config.description_zh if lang == "zh" else config.description


@lru_cache(maxsize=1)
def _default_frame() -> pd.DataFrame:
    return assemble(load_inputs())


def default_frame() -> pd.DataFrame:
    """:func:`assemble` on the committed curated data (cached per process; a copy)."""
    return _default_frame().copy()


def assemble(inputs: FeatureInputs, pairs: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Features, complexity terms and labels of every transition, one row per (region, industry, t).

    Parameters
    ----------
    inputs : FeatureInputs
        Curated inputs.
    pairs : list of (t, t+5), optional
        Transitions (default: every consecutive IO benchmark pair).

    Returns
    -------
    DataFrame
        Sorted by ``year, region, industry`` (so rows of a query are contiguous), with
        ``macro_region`` and ``host`` of each region.
    """
    pairs = transitions(inputs) if pairs is None else pairs
    years = sorted({t for t, _ in pairs})
    features = build_panel(inputs, years)
    complexity = pd.concat([complexity_frame(io_wide(inputs, t), t) for t in years], ignore_index=True)
    labels = build_labels(inputs, pairs)
    frame = labels.merge(features, on=KEYS, how="left").merge(complexity, on=KEYS, how="left")
    frame = frame.merge(inputs.regions[["region", "macro_region", "host"]], on="region", how="left")
    return frame.sort_values(QUERY + ["industry"]).reset_index(drop=True)


def eligible_features(frame: pd.DataFrame, candidates: tuple[str, ...] | None = None) -> list[str]:
    """Catalogue features (or ``candidates``) with a value in ≥ :data:`MIN_COVERAGE` of ``frame``'s rows,
    context-only features excluded, in catalogue order."""
    names = feature_names() if candidates is None else list(candidates)
    coverage = frame[names].notna().mean()
    return [n for n in names if coverage[n] >= MIN_COVERAGE and n not in CONTEXT_ONLY]


def query_sizes(frame: pd.DataFrame) -> np.ndarray:
    """Sizes of the contiguous (year, region) queries of a frame sorted by query."""
    keys = frame["year"].astype(np.int64) * 1_000_000 + frame["region"].astype(np.int64)
    change = np.flatnonzero(np.diff(keys.to_numpy())) + 1
    return np.diff(np.concatenate([[0], change, [len(frame)]]))


def fit_ranker(frame: pd.DataFrame, config: Config) -> HostfitRanker:
    """Fit a ranker of ``config`` on ``frame``'s rows and the configuration's label.

    Queries whose labels are all zero carry no ranking signal and are dropped.
    Features: those of the configuration that are eligible in these rows; prior
    features are always kept.
    """
    frame = frame.sort_values(QUERY + ["industry"])
    frame = frame.loc[frame.groupby(QUERY)[config.label].transform("max") > 0]
    names = eligible_features(frame, config.features)
    prior = list((config.params.get("prior") or {}))
    names += [p for p in prior if p not in names]
    ranker = config.ranker(names)
    return ranker.fit(frame[names], frame[config.label].to_numpy(), group=query_sizes(frame))


def mean_region_ndcg(frame: pd.DataFrame, scores: np.ndarray, k: int = 5, label: str = SELECTION_LABEL) -> float:
    """NDCG@k on ``label`` of ``scores`` per query of the :data:`EVALUATION_MACROS` regions,
    averaged per region, then over regions."""
    scored = frame.assign(_score=np.asarray(scores, dtype=float))
    scored = scored.loc[scored["macro_region"].isin(EVALUATION_MACROS)]
    per_query = [(region, ndcg_at_k(q[label].to_numpy(), q["_score"].to_numpy(), k))
                 for (_, region), q in scored.groupby(QUERY)]
    table = pd.DataFrame(per_query, columns=["region", "ndcg"]).dropna()
    return float(table.groupby("region")["ndcg"].mean().mean())


def rolling_predictions(frame: pd.DataFrame, config: Config, years: list[int]) -> pd.DataFrame:
    """Rows of the transitions starting in ``years``, each scored by a ``config`` model trained
    on the transitions that end at or before its start: ``prediction`` (the margin) and
    ``centred`` (margin − that model's base value, for calibration)."""
    parts = []
    for year in years:
        model = fit_ranker(frame.loc[frame["year"] < year], config)
        held = frame.loc[frame["year"] == year]
        prediction = model.predict(held)
        parts.append(held.assign(prediction=prediction, centred=prediction - model.base_value))
    return pd.concat(parts)


@dataclass
class Selection:
    """Outcome of :func:`select_config`.

    Attributes
    ----------
    config : Config
        The chosen configuration.
    record : list of dict
        Per configuration: ``config, description, ndcg@5`` (None without validation), ``selected``.
    held : DataFrame or None
        The chosen configuration's rolling-validation predictions (None without validation).
    """

    config: Config
    record: list[dict]
    held: pd.DataFrame | None


def select_config(frame: pd.DataFrame, validation_years: list[int],
                  configs: tuple[Config, ...] = CONFIGS) -> Selection:
    """The configuration with the best rolling-validation NDCG@5.

    With no validation year (nothing to validate on), the first configuration is
    the default. The score is NDCG@5 on the scale-free grade (:data:`SELECTION_LABEL`)
    averaged over the validation transitions' queries of central and western
    provinces (per region, then over regions): the hosts the product and its bars
    are about.
    """
    if not validation_years:
        return Selection(configs[0], [{"config": c.name, "description": c.description, "ndcg@5": None,
                                       "selected": i == 0} for i, c in enumerate(configs)], None)
    record, held_by_config = [], []
    for config in configs:
        held = rolling_predictions(frame, config, validation_years)
        held_by_config.append(held)
        record.append({"config": config.name, "description": config.description,
                       "ndcg@5": mean_region_ndcg(held, held["prediction"].to_numpy())})
    best = max(range(len(configs)), key=lambda i: record[i]["ndcg@5"])
    for i, row in enumerate(record):
        row["selected"] = i == best
    return Selection(configs[best], record, held_by_config[best])


def nested_predictions(frame: pd.DataFrame, years: list[int], configs: tuple[Config, ...] = CONFIGS
                       ) -> tuple[pd.DataFrame, dict[int, Selection]]:
    """The whole procedure out of time: each transition starting in ``years`` is scored by the
    configuration chosen (:func:`select_config`) on the transitions before it — the first
    configuration where none exists — trained on the transitions ending at or before its start.

    Returns
    -------
    (held, choices)
        The scored rows (``prediction`` = margin, ``centred`` = margin − base value) and
        ``{year: Selection}``.
    """
    parts, choices = [], {}
    for year in years:
        train = frame.loc[frame["year"] < year]
        choice = select_config(train, validation_years(train), configs)
        model = fit_ranker(train, choice.config)
        held = frame.loc[frame["year"] == year]
        prediction = model.predict(held)
        parts.append(held.assign(prediction=prediction, centred=prediction - model.base_value))
        choices[int(year)] = choice
    return pd.concat(parts), choices


def validation_years(frame: pd.DataFrame, before: int | None = None) -> list[int]:
    """Transition start years that can be validated on (a training transition before them
    exists), restricted to those before ``before`` if given."""
    years = sorted(int(y) for y in frame["year"].unique())
    return [y for y in years[1:] if before is None or y < before]


def train_model(frame: pd.DataFrame, config: Config, last_year: int | None = None) -> HostfitRanker:
    """Train ``config`` on the transitions starting at or before ``last_year`` (default all)."""
    if last_year is not None:
        frame = frame.loc[frame["year"] <= last_year]
    return fit_ranker(frame, config)


def train_shipped(frame: pd.DataFrame) -> tuple[HostfitRanker, dict]:
    """The model that scores "now": configuration chosen by rolling validation on every
    transition, trained on all of them, calibrated on the chosen configuration's rolling
    out-of-time predictions. Whether the model or a simple rule orders the lists is decided
    on the nested out-of-time predictions of the whole procedure (:func:`nested_predictions`),
    so the model is not favoured by having been the best of several configurations.

    Returns
    -------
    (ranker, metadata)
        ``metadata`` holds the configuration, the selection record, the training
        transitions, the calibration ``{a, b}``, the orderings chosen on the same
        rolling predictions (:func:`shipped_rules`) and each model feature's coverage in
        the training rows.
    """
    years = validation_years(frame)
    choice = select_config(frame, years)
    model = fit_ranker(frame, choice.config)
    a, b = fit_calibration(choice.held["centred"].to_numpy(), choice.held[SELECTION_TOP].to_numpy())
    rules = shipped_rules(nested_predictions(frame, years)[0])
    used = list(model.feature_names_in_)
    starts = sorted(int(y) for y in frame["year"].unique())
    metadata = {
        "config": choice.config.name, "description": choice.config.description,
        "train_transitions": [f"{y}-{y + 5}" for y in starts],
        "selection": {"validation_years": years, "record": choice.record},
        "label": choice.config.label, **rules,
        "calibration": {"a": a, "b": b, "target": SELECTION_TOP,
                        "source": f"rolling out-of-time predictions of {choice.config.name} on "
                                  + ", ".join(f"{y}-{y + 5}" for y in years)},
        "coverage": {f: round(float(frame[f].notna().mean()), 4) for f in used},
    }
    return model, metadata


def shipped_rules(held: pd.DataFrame) -> dict:
    """The orderings the product ships, chosen on rolling out-of-time predictions ``held``
    (:func:`nested_predictions` for the shipped model).

    Returns
    -------
    dict
        ``region_rule`` (``"model"`` or a :data:`models.rules.REGION_RULES` rule) with
        ``region_validation`` (NDCG@5 on the scale-free label, central + western
        provinces, per candidate), and ``sites_rule`` with ``sites_validation`` (mean
        industry-query NDCG@5 per :data:`models.rules.SITES_RULES` rule).
    """
    region = {name: round(mean_region_ndcg(held, scores), 6) for name, scores in region_rule_scores(held).items()}
    table = industry_query_table(held)
    sites = {rule: round(float(v), 6) for rule, v in table.groupby("rule", sort=False)["ndcg@5"].mean().items()}
    return {"region_rule": region_rule(region), "region_validation": region,
            "sites_rule": sites_rule(table), "sites_validation": sites}
