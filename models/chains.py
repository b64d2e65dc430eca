"""Chains on two axes: 可行性 (fit), 吸引力 (attractiveness) and 拥挤度 (crowding), with strategies.

For a :class:`models.board.Board` (one scoring of inputs × as-of year) :class:`ChainBoard`
ranks the chains of :mod:`data.chains` for every region.

Components
    Every measure of :data:`features.chains.MEASURES`, plus ``model_fit`` (the shipped model's
    0–100 score of the chain's IO groups, group-weighted) and ``model_overlap`` (how many
    structurally similar, nearby regions have the chain in their own top 5), is turned into a
    0–100 component: its percentile among all region × chain rows where it applies, flipped
    for measures whose higher values are worse (a cost). 50 = the median row.
Axes
    ``axis = 50 + Σ w_j (c_j − 50)`` with the axis's weights (:data:`AXIS_WEIGHTS`, summing to 1;
    the factor-match measures that apply to the chain share one weight). A missing component adds
    no points (it is not imputed; the axis simply rests on less evidence and stays nearer 50).
Score
    ``score = a·fit + b·attract + c·(100 − crowd)`` with the strategy's weights
    (:data:`STRATEGIES`). 前瞻 (forward) lists chains the region is not yet specialised in
    (chain RCA < 1) first. The default 均衡 weights are the best of a weight grid on the
    rolling IO transitions at group level (:mod:`models.chain_validation`, :data:`VALIDATION`);
    the 稳妥 and 前瞻 weights are named alternatives, not validated.
Reasons
    The points of a component in the score are ``weight × (c_j − 50)``, so their sign is the
    sign of ``direction × (value − median)``: a higher cost can only lower a score.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

import numpy as np
import pandas as pd

from data.chains import chains
from features.chains import MEASURES, Measure, chain_measures
from models.board import latest_output, rank_within
from models.complexity import product_complexity
from models.crowding import crowding
from features.relatedness import presence, rca

#: Components inside each axis and their weights; ``factor`` measures share the weight of ``factor``.
FACTORS = ("power_match", "power_per_capita", "raw_material_lq", "labour_cost", "market_size", "port_access")
AXIS_WEIGHTS: dict[str, dict[str, float]] = {
    "fit": {"model_fit": 0.3, "chain_rca": 0.15, "group_density": 0.15, "chain_completeness": 0.15, "factor": 0.25},
    "attract": {"national_wave": 0.4, "east_shed": 0.2, "value_added_rate": 0.1, "complexity": 0.1, "green_fit": 0.2},
    "crowd": {"declared_share": 0.35, "supply_excess": 0.35, "zone_share": 0.1, "model_overlap": 0.2},
}
EXTRA_MEASURES = {
    "model_fit": Measure("model_fit", "fit", +1, "模型组别得分", "Model score of its IO groups", "分（0–100）",
                         "points (0–100)", "models/artifacts (shipped model), chain = weighted mean of its groups",
                         within_chain=True),
    "complexity": Measure("complexity", "attract", +1, "产业复杂度", "Product complexity", "标准分",
                          "z-score", "io_panel (latest IO year ≤ t), Hidalgo–Hausmann eigenvector method "
                          "(models/complexity.py), chain = weighted mean of its groups"),
    "model_overlap": Measure("model_overlap", "crowd", +1, "相似地区也排在前五", "Similar regions with it in their top 5",
                             "加权个数", "weighted count", "this ranking (均衡) of every region, structural similarity "
                             "× proximity weights (models/crowding.py)"),
}
ALL_MEASURES: dict[str, Measure] = {**MEASURES, **EXTRA_MEASURES}
CHAIN_MEASURES = ALL_MEASURES  # the name the app and CLI see (models.api)


@dataclass(frozen=True)
class Strategy:
    """Weights of the three axes in a ranked list (crowding enters as 100 − crowd)."""

    name: str
    label_zh: str
    label_en: str
    fit: float
    attract: float
    crowd: float
    new_first: bool = False


STRATEGIES: dict[str, Strategy] = {
    # chosen by models/chain_validation.py (see VALIDATION below)
    "balanced": Strategy("balanced", "均衡", "Balanced", 0.8, 0.1, 0.1),
    "steady": Strategy("steady", "稳妥", "Steady (build on what is there)", 0.9, 0.05, 0.05),
    # not validated; crowding weighs 0.2 because with 0.15 batteries entered 16 of the 18 hosts' top 5 —
    # the 一哄而上 this strategy must not advise (0.5/0.3/0.2: no chain in more than 7 lists)
    "forward": Strategy("forward", "前瞻", "Forward (new chains, strong fit, high attractiveness)", 0.5, 0.3, 0.2,
                        new_first=True),
}
DEFAULT_STRATEGY = "balanced"
#: How the default weights were chosen (``python -m models.chain_validation``; numbers of the committed data).
VALIDATION = {
    "protocol": "rolling IO transitions 2002→07, 2007→12, 2012→17 at group level (chain scores → groups), "
                "out-of-time model per fold, 18 central/western hosts, mean NDCG@5 on the scale-free share-change "
                "grades (issue 18 item 3); grid step 0.1, fit ≥ 0.2, crowd ≤ 0.3, every axis ≥ 0.1",
    "chosen": {"fit": 0.8, "attract": 0.1, "crowd": 0.1},
    "ndcg@5_share": {"chosen": 0.441, "fit_only": 0.446, "model": 0.405, "density": 0.412, "scale": 0.347},
    "ndcg@5_share_by_year": {"chosen": {2002: 0.455, 2007: 0.422, 2012: 0.447},
                             "model": {2002: 0.399, 2007: 0.438, 2012: 0.377}},
    "ndcg@5_xgain": {"chosen": 0.463, "fit_only": 0.466, "model": 0.493, "scale": 0.461},
}
STRATEGY_NOTE = {
    "zh": "默认「均衡」权重（可行性 0.8、吸引力 0.1、低拥挤 0.1）按 2002–2017 三期历史回测在产业组层面选出"
          "（份额变化目标前 5 名排序质量 0.441，单用模型 0.405，关联密度 0.412）；2017→2022 近期检验中按产品份额变化也"
          "优于现有产出（见「模型与数据」页）。「稳妥」「前瞻」权重未经验证。",
    "en": "The default 'balanced' weights (fit 0.8, attractiveness 0.1, low crowding 0.1) were chosen on the three "
          "past periods 2002–2017 at group level (share-change top-5 ranking quality 0.441; the model alone 0.405, "
          "relatedness density 0.412); in the 2017→2022 recent-wave check they also beat existing output on product "
          "share changes (see the Model & data page). The 'steady' and 'forward' weights are not validated.",
}
#: Crowding levels on the 0–100 crowding axis.
CROWD_THRESHOLDS = (45.0, 60.0)
TOP_K = 5
HOST_MACRO = ("Central", "West")
N_REASONS = 3


def strategy_key(text: str | None) -> str:
    """Strategy id of ``text`` (id, zh or en label); ``None`` → the default.

    Raises
    ------
    ValueError
        An unknown strategy (the message lists the known ones).
    """
    if text is None:
        return DEFAULT_STRATEGY
    for key, strategy in STRATEGIES.items():
        if str(text).strip().lower() in (key, strategy.label_zh, strategy.label_en.split(" ")[0].lower()):
            return key
    known = ", ".join(f"{s.label_zh}/{k}" for k, s in STRATEGIES.items())
    raise ValueError(f"unknown strategy {text!r}; use one of {known} / 未知策略")


def percentile_score(values: np.ndarray, direction: int) -> np.ndarray:
    """0–100 component of a measure: (average rank − ½) / n × 100 among non-missing values
    (exactly 50 at the median value, so its sign is that of value − median), flipped (100 − ·)
    when ``direction`` is −1; NaN stays NaN."""
    values = np.asarray(values, dtype=float)
    have = ~np.isnan(values)
    out = np.full(values.shape, np.nan)
    if have.any():
        ranks = pd.Series(values[have]).rank(method="average").to_numpy()
        out[have] = (ranks - 0.5) / have.sum() * 100
        out[have & (values == np.median(values[have]))] = 50.0  # the median row adds nothing, either way
    return out if direction > 0 else 100 - out


def _axis(components: pd.DataFrame, axis: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Axis value (0–100) and the points each component adds to it (``w_j (c_j − 50)``; the axis
    weights sum to 1). A missing component adds no points: thin evidence keeps an axis near 50
    instead of letting one component speak for all. The factor-match weight is shared among the
    factors that apply to the chain."""
    points: dict[str, np.ndarray] = {}
    for name, weight in AXIS_WEIGHTS[axis].items():
        if name == "factor":
            have = components[list(FACTORS)].notna().to_numpy()
            count = np.maximum(have.sum(axis=1), 1)
            for factor in FACTORS:
                points[factor] = weight / count * (np.nan_to_num(components[factor].to_numpy(), nan=50.0) - 50)
        else:
            points[name] = weight * (np.nan_to_num(components[name].to_numpy(), nan=50.0) - 50)
    return 50 + sum(points.values()), points


def crowd_level(values: np.ndarray, thresholds: tuple[float, float] = CROWD_THRESHOLDS) -> np.ndarray:
    """``low`` / ``medium`` / ``high`` of the crowding axis (thresholds inclusive)."""
    values = np.asarray(values, dtype=float)
    return np.where(values >= thresholds[1], "high", np.where(values >= thresholds[0], "medium", "low"))


@dataclass(frozen=True)
class ChainReason:
    """One reason: a component, its raw value, the median it is compared to and its score points."""

    measure: str
    value: float
    median: float
    points: float

    @property
    def spec(self) -> Measure:
        """The measure's label, unit and direction."""
        return ALL_MEASURES[self.measure]

    @property
    def effective_direction(self) -> int:
        """Direction in the ranked score (crowding measures count against it)."""
        return -self.spec.direction if self.spec.axis == "crowd" else self.spec.direction

    def text(self, lang: str = "zh") -> str:
        """One plain sentence with the value, its unit, the median and the points."""
        s = self.spec
        value, median = _fmt(self.value), _fmt(self.median)
        if lang == "zh":
            verb = "推高" if self.points > 0 else "拉低"
            side = "高于" if self.value > self.median else "低于"
            scope = "各地区该链" if s.within_chain else ""
            return f"{s.label_zh}为 {value} {s.unit_zh}，{side}{scope}中位数 {median}（{verb} {abs(self.points):.1f} 分）"
        verb = "raises" if self.points > 0 else "lowers"
        side = "above" if self.value > self.median else "below"
        scope = " of regions for this chain" if s.within_chain else ""
        return f"{s.label_en} {value} {s.unit_en}, {side} the median{scope} {median} ({verb} the score by " \
               f"{abs(self.points):.1f} points)"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def mean_pairwise_jaccard(sets: list[set]) -> float:
    """Mean Jaccard similarity over all pairs of sets."""
    pairs = [len(a & b) / len(a | b) for a, b in combinations(sets, 2) if a | b]
    return float(np.mean(pairs)) if pairs else float("nan")


class ChainBoard:
    """Fit, attractiveness, crowding, strategy scores and reasons of every region × chain.

    Parameters
    ----------
    board : Board
        One scoring of inputs × as-of year (the chains reuse its group scores and feature panel).
    """

    def __init__(self, board) -> None:
        self.board = board
        self.as_of = board.as_of
        measures = chain_measures(board.arrays, board.as_of, board.panel)
        weights = _weights(measures["chain"].unique(), board.arrays.candidates)
        scores = board.table.pivot(index="region", columns="industry", values="score").reindex(
            index=measures["region"].unique(), columns=weights.columns)
        measures["model_fit"] = (scores.to_numpy() @ weights.to_numpy().T).ravel()
        measures["complexity"] = chain_complexity(board.arrays, board.as_of, measures)
        self.measures = measures
        self.similarity, self.proximity = board.similarity, board.proximity
        first = self._combine(measures.assign(model_overlap=np.nan), DEFAULT_STRATEGY)
        member = first[["region", "chain", "rank"]].rename(columns={"chain": "industry"})
        crowd = crowding(member, self.similarity, self.proximity, k=TOP_K)
        self.measures = measures.assign(model_overlap=crowd["crowding_weighted"].to_numpy(),
                                        overlap_rivals=crowd["rivals"].to_numpy())

    @cached_property
    def components(self) -> pd.DataFrame:
        """0–100 component of every measure, aligned with :attr:`measures`."""
        return _components(self.measures)

    @cached_property
    def medians(self) -> pd.DataFrame:
        """Per row, the median each measure is compared to (over all rows where it applies, or over
        the regions of the same chain for ``within_chain`` measures): the reasons' reference."""
        out = {}
        for name, spec in ALL_MEASURES.items():
            column = self.measures[name]
            if spec.within_chain:
                out[name] = column.groupby(self.measures["chain"]).transform("median")
            else:
                out[name] = pd.Series(float(column.median()) if column.notna().any() else np.nan, index=column.index)
        return pd.DataFrame(out)

    def _combine(self, measures: pd.DataFrame, strategy: str) -> pd.DataFrame:
        return _ranked(measures, _components(measures), STRATEGIES[strategy])

    def table(self, strategy: str | None = None) -> pd.DataFrame:
        """Every region × chain: axes, crowding level, the strategy score and rank within the region,
        and the points every component adds to the score (``pts_<measure>``)."""
        return _ranked(self.measures, self.components, STRATEGIES[strategy_key(strategy)])

    def recommend(self, region: int, strategy: str | None = None, top: int | None = None) -> pd.DataFrame:
        """The region's chains ranked by the strategy, with groups, axes, crowding and reasons
        (the index stays that of :attr:`measures`)."""
        table = self.table(strategy)
        rows = table.loc[table["region"] == int(region)].sort_values("rank")
        if top is not None:
            rows = rows.head(top)
        return rows.assign(reasons=[self.reasons(r) for _, r in rows.iterrows()])

    def sites(self, chain: str, strategy: str | None = None, hosts_only: bool = True,
              top: int | None = None) -> pd.DataFrame:
        """Regions ranked by their fit for ``chain`` (ties by the strategy score)."""
        table = self.table(strategy)
        rows = table.loc[table["chain"] == chain]
        if hosts_only:
            rows = rows.loc[rows["region"].isin(self.board.arrays.hosts)]
        rows = rows.sort_values(["fit", "score", "region"], ascending=[False, False, True])
        rows.insert(0, "site_rank", np.arange(1, len(rows) + 1))
        return rows.head(top) if top is not None else rows

    def reasons(self, row: pd.Series, n: int = N_REASONS) -> list[ChainReason]:
        """Up to ``n`` reasons: the components adding most to the row's score first, then (when fewer
        than ``n`` add anything) those taking most away."""
        items = [ChainReason(name, float(self.measures.at[row.name, name]), float(self.medians.at[row.name, name]),
                             float(row[f"pts_{name}"]))
                 for name in ALL_MEASURES if not np.isnan(self.measures.at[row.name, name])
                 and abs(row[f"pts_{name}"]) > 1e-9]
        ups = sorted((r for r in items if r.points > 0), key=lambda r: (-r.points, r.measure))
        downs = sorted((r for r in items if r.points < 0), key=lambda r: (r.points, r.measure))
        return (ups + downs)[:n]

    def central_western_hosts(self) -> list[int]:
        """The host regions of the central and western macro-regions (the issue's 18)."""
        table = self.board.arrays.regions_table
        keep = table["host"].astype(bool) & table["macro_region"].isin(HOST_MACRO)
        return sorted(int(r) for r in table.loc[keep, "region"])

    def top_sets(self, regions: list[int], strategy: str | None = None, k: int = TOP_K) -> dict[int, set[str]]:
        """Region → its top-``k`` chains under the strategy."""
        table = self.table(strategy)
        top = table.loc[table["region"].isin(regions) & (table["rank"] <= k)]
        return {int(r): set(g["chain"]) for r, g in top.groupby("region")}

    def diversity(self, regions: list[int] | None = None, strategy: str | None = None, k: int = TOP_K) -> dict:
        """Mean pairwise Jaccard of the regions' top-``k`` sets and how often each chain appears."""
        regions = self.central_western_hosts() if regions is None else regions
        sets = self.top_sets(regions, strategy, k)
        counts = pd.Series([c for s in sets.values() for c in s]).value_counts()
        return {"regions": len(sets), "k": k, "mean_jaccard": mean_pairwise_jaccard(list(sets.values())),
                "max_count": int(counts.max()) if len(counts) else 0,
                "counts": {str(c): int(n) for c, n in counts.items()}}


def chain_complexity(arrays, year: int, measures: pd.DataFrame) -> np.ndarray:
    """Group-weighted product complexity (PCI of the 38 sectors at the latest IO year ≤ ``year``) of
    every row's chain, aligned with ``measures``."""
    output = latest_output(arrays, year)
    pci = product_complexity(presence(rca(output.fillna(0.0))))
    weights = _weights(measures["chain"].unique(), arrays.candidates)
    by_chain = pd.Series(weights.to_numpy() @ pci.reindex(weights.columns).to_numpy(), index=weights.index)
    return measures["chain"].map(by_chain).to_numpy(dtype=float)


def _components(measures: pd.DataFrame) -> pd.DataFrame:
    """0–100 component of every measure (see :func:`percentile_score`), per chain when ``within_chain``."""
    out = {}
    for name, spec in ALL_MEASURES.items():
        if spec.within_chain:
            out[name] = measures.groupby("chain")[name].transform(
                lambda col, d=spec.direction: pd.Series(percentile_score(col.to_numpy(), d), index=col.index))
        else:
            out[name] = pd.Series(percentile_score(measures[name].to_numpy(), spec.direction), index=measures.index)
    return pd.DataFrame(out)


def _weights(chain_ids, candidates) -> pd.DataFrame:
    from data.chains import group_weights

    return group_weights().reindex(index=list(chain_ids), columns=list(candidates)).fillna(0.0)


def _ranked(measures: pd.DataFrame, comps: pd.DataFrame, strategy: Strategy) -> pd.DataFrame:
    out = measures[["region", "chain"]].copy()
    out["groups"] = out["chain"].map({row.chain: row.groups for row in chains()})
    axis_weight = {"fit": strategy.fit, "attract": strategy.attract, "crowd": -strategy.crowd}
    points: dict[str, np.ndarray] = {}
    for axis in ("fit", "attract", "crowd"):
        value, parts = _axis(comps, axis)
        out[axis] = value
        for name, part in parts.items():
            points[f"pts_{name}"] = axis_weight[axis] * part
    out["crowd_level"] = crowd_level(out["crowd"].to_numpy())
    out["score"] = (strategy.fit * np.nan_to_num(out["fit"], nan=50) + strategy.attract
                    * np.nan_to_num(out["attract"], nan=50) + strategy.crowd * (100 - np.nan_to_num(out["crowd"],
                                                                                              nan=50)))
    out["chain_rca"] = measures["chain_rca"].to_numpy()
    out["declared_own"] = measures["declared_own"].to_numpy() > 0
    if "overlap_rivals" in measures:
        out["rivals"] = measures["overlap_rivals"].to_numpy()
    key = out["score"] - np.where(strategy.new_first & (out["chain_rca"] >= 1), 1000.0, 0.0)
    out["rank"] = rank_within(pd.DataFrame({"region": out["region"], "industry": out["chain"], "key": key}),
                              "region", "key")
    return pd.concat([out, pd.DataFrame(points, index=out.index)], axis=1)
