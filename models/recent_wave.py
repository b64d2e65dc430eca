"""Recent-wave validation: rankings as of 2017 against provincial product output 2017→2022 and 2017→2024.

The IO tables end in 2017, so the rolling backtest never sees the wave of 2018–2024.
Official province × product series do: NBS annual output (December of the monthly
year-to-date series, via CREA's Wind exports; curated in ``attr_energy``) of cement,
plate glass, crude steel, steel products, pig iron, ten non-ferrous metals, aluminium
and copper materials, chemical fibres and motor vehicles, and high-tech manufacturing
main business revenue (S&T yearbook, ``attr_research``) standing in for electronics.
Each item belongs to the IO group that makes it (:data:`ITEMS`, as in
``national_products`` and :data:`features.wave.PROVINCIAL_PRODUCTS`).

**Outcome.** The change of a province's national share of an item (pp; national = the
sum of the provinces publishing it that year) from the start year to the window's end.
A province without a value in either year has no outcome (missing, never imputed); an
item without the end year in the sources is absent from that window.

**Queries.** *Region*: each central/western host ranks its items; *item*: each item
ranks the hosts. Relevance is graded within the query (0 for a change ≤ 0, quartiles
of the positive changes, :func:`models.labels.graded_relevance`); queries with fewer
than two items or no positive change are dropped.

**Methods** (all data ≤ 2017): the model (its score of the item's IO group from
``build_features(inputs, 2017)``), existing output (the group's 2017 gross output:
the items' own units differ), product share (in item queries the same order as the
item's own output), density, share gap, national size (region queries only: it is
the same for every host) and random. NDCG ties are averaged (the expectation over
random orders of tied items: several items share an IO group), so ``random`` — every
item tied — is the exact expectation, not a draw.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from features.build import build_features
from features.inputs import FeatureInputs, load_inputs
from models.evaluation import N_BOOT, SEED, evaluation_hosts, paired_difference
from models.labels import graded_relevance
from models.metrics import ndcg_at_k, summarise
from models.ranker import HostfitRanker
from models.training import Config, default_frame, fit_ranker

AS_OF = 2017
ENDS = (2022, 2024)
METRICS = ("ndcg@5", "ndcg@3")
QUERY_TYPES = ("region", "item")
METHODS = ("model", "chains", "existing_output", "product_share", "density", "share_gap", "national_size",
           "random")
BASELINES = METHODS[1:]
#: Methods that are constant across hosts: meaningless (equal to random) in item queries.
REGION_ONLY = ("national_size",)
DESCRIPTIONS = {
    "model": "the shipped ranker's score of the item's IO group for the province, features as of 2017",
    "chains": "the default (balanced) chain score as of 2017 of the chain the item belongs to (ITEM_CHAINS): "
              "fit, attractiveness and low crowding combined as the region view ranks chains",
    "existing_output": "the province's 2017 gross output of the item's IO group (2017 IO table; the items' "
                       "own units differ, so a region query cannot compare them)",
    "product_share": "the province's national share of the item at the baseline year (in item queries the "
                     "same order as the province's output of the item)",
    "density": "relatedness density of the item's IO group for the province in 2017",
    "share_gap": "the province's national share of the IO group (2017 IO) minus its share of the item "
                 "(pp): positive = the item lags the province's weight in its industry",
    "national_size": "national gross output of the item's IO group in 2017 (the same for every province; "
                     "region queries only)",
    "random": "exact expected NDCG of a uniformly random order (every item tied)",
}
DESCRIPTIONS_ZH = {
    "model": "发布模型对该产品所属投入产出门类的评分（2017 年指标）",
    "chains": "该产品所属产业链在 2017 年的默认（均衡）综合分：可行性、吸引力与低拥挤度的组合，与地区视图的产业链排序相同",
    "existing_output": "2017 年该省所属投入产出门类的总产出（2017 年投入产出表；各产品单位不同，无法在省内直接比较产量）",
    "product_share": "基准年该省该产品的全国份额（在产品内排序中与按该省该产品产量排序相同）",
    "density": "2017 年该省所属门类的关联密度",
    "share_gap": "该省所属门类全国份额（2017 年投入产出表）减该产品全国份额（百分点）：为正表示该产品落后于该省在本行业的分量",
    "national_size": "2017 年所属门类全国总产出（各省相同，只用于省内排序）",
    "random": "随机排序的 NDCG 精确期望值（所有产品并列）",
}
MIN_ITEMS = 2


class Item(NamedTuple):
    """One province × year series used as an outcome, and the IO group making it."""

    key: str
    attribute: str  # attribute in the curated attribute tables
    industry: str  # H code
    unit: str  # unit of the curated attribute
    name_zh: str
    name_en: str
    start: int = AS_OF  # outcome start year (the first year ≥ AS_OF the source publishes)


ITEMS: tuple[Item, ...] = (
    Item("cement", "output_cement", "H13", "10^4 t", "水泥", "Cement"),
    Item("plain_glass", "output_plain_glass", "H13", "weighted cases", "平板玻璃", "Plate glass"),
    Item("crude_steel", "output_crude_steel", "H14", "10^4 t", "粗钢", "Crude steel"),
    Item("steel_products", "output_steel_products", "H14", "10^4 t", "钢材", "Steel products"),
    Item("pig_iron", "output_pig_iron", "H14", "10^4 t", "生铁", "Pig iron"),
    Item("nonferrous_metals", "output_nonferrous_metals", "H14", "10^4 t", "十种有色金属",
         "Ten non-ferrous metals"),
    Item("aluminium_materials", "output_aluminium_materials", "H14", "10^4 t", "铝材", "Aluminium materials"),
    Item("copper_materials", "output_copper_materials", "H14", "10^4 t", "铜材", "Copper materials"),
    Item("chemical_fibres", "output_chemical_fibres", "H12", "10^4 t", "化学纤维", "Chemical fibres"),
    Item("motor_vehicles", "output_motor_vehicles", "H17", "units", "汽车", "Motor vehicles"),
    # No 2017 edition in the source and a break in coverage between 2016 and 2018: outcomes start in 2018.
    Item("hightech_revenue", "hightech_revenue", "H19", "亿元", "高技术产业主营业务收入（代表电子）",
         "High-tech manufacturing revenue (for electronics)", start=2018),
)
#: The chain of :mod:`data.chains` each item belongs to (chemical fibres feed the textile chain; motor
#: vehicles are the vehicle-assembly chain; high-tech revenue stands in for electronic terminals).
ITEM_CHAINS = {"cement": "building_materials", "plain_glass": "building_materials", "crude_steel": "steel",
               "steel_products": "steel", "pig_iron": "steel", "nonferrous_metals": "nonferrous",
               "aluminium_materials": "nonferrous", "copper_materials": "nonferrous", "chemical_fibres": "textiles",
               "motor_vehicles": "nev", "hightech_revenue": "terminals"}
SOURCE = ("NBS monthly output of industrial products by province (December of the year-to-date series), "
          "as re-exported by CREA (energyandcleanair/china_co2); high-tech manufacturing main business "
          "revenue: China Statistical Yearbook on Science and Technology (NBS/MOST), via the techme package")


def window(end: int) -> str:
    """Window label ``"2017-<end>"``."""
    return f"{AS_OF}-{end}"


def product_panel(attributes: pd.DataFrame, items: tuple[Item, ...] = ITEMS) -> pd.DataFrame:
    """Long ``item, industry, region, year, value`` of every series of ``items`` (positive values only:
    the Wind exports write 0.00 for "not published").

    Raises
    ------
    ValueError
        An item's attribute is absent or in another unit than :data:`ITEMS` states.
    """
    parts = []
    for item in items:
        rows = attributes.loc[attributes["attribute"] == item.attribute]
        if rows.empty:
            raise ValueError(f"recent wave: attribute {item.attribute!r} is absent from the curated data")
        units = set(rows["unit"])
        if units != {item.unit}:
            raise ValueError(f"recent wave: {item.attribute} unit {units}, expected {item.unit!r}")
        rows = rows.loc[rows["value"] > 0]
        parts.append(pd.DataFrame({"item": item.key, "industry": item.industry, "region": rows["region"].astype(int),
                                   "year": rows["year"].astype(int), "value": rows["value"].astype(float)}))
    return pd.concat(parts, ignore_index=True)


def shares(panel: pd.DataFrame) -> pd.DataFrame:
    """Wide national shares (%): index ``(item, region)``, one column per year (NaN where unpublished)."""
    total = panel.groupby(["item", "year"])["value"].transform("sum")
    frame = panel.assign(share=panel["value"] / total * 100)
    return frame.pivot_table(index=["item", "region"], columns="year", values="share", aggfunc="first")


def outcomes(panel: pd.DataFrame, end: int, regions: list[int], items: tuple[Item, ...] = ITEMS) -> pd.DataFrame:
    """``item, industry, region, start_year, end_year, share_start, share_end, change`` for ``regions``.

    Items without data for their start year or ``end`` are left out; a region without a
    value in either year has ``change`` NaN.
    """
    wide = shares(panel)
    parts = []
    for item in items:
        if item.key not in wide.index.get_level_values("item"):
            continue
        rows = wide.loc[item.key].reindex(regions)
        if item.start not in rows.columns or end not in rows.columns or rows[end].isna().all():
            continue
        parts.append(pd.DataFrame({"item": item.key, "industry": item.industry, "region": regions,
                                   "start_year": item.start, "end_year": end,
                                   "share_start": rows[item.start].to_numpy(), "share_end": rows[end].to_numpy()}))
    frame = pd.concat(parts, ignore_index=True)
    frame["change"] = frame["share_end"] - frame["share_start"]
    return frame


def baseline_year(panel: pd.DataFrame, item: str) -> int:
    """The latest year ≤ :data:`AS_OF` in which ``item`` is published (what a 2017 analyst saw)."""
    years = panel.loc[(panel["item"] == item) & (panel["year"] <= AS_OF), "year"]
    return int(years.max())


def method_scores(panel: pd.DataFrame, features: pd.DataFrame, model: HostfitRanker,
                  regions: list[int], items: tuple[Item, ...] = ITEMS,
                  chain_scores: pd.Series | None = None) -> pd.DataFrame:
    """Per ``(item, region)`` of ``regions``: every method's score, from data ≤ :data:`AS_OF` only.

    Parameters
    ----------
    panel : DataFrame
        :func:`product_panel` output; only years ≤ each item's baseline year are read.
    features : DataFrame
        ``build_features(inputs, AS_OF)``.
    model : HostfitRanker
        The ranker to evaluate.
    regions : list of int
        Hosts.
    items : tuple of Item
        The items (default :data:`ITEMS`).
    chain_scores : Series, optional
        Chain score as of 2017 indexed by ``(chain, region)``; without it the ``chains`` column is
        missing (NaN) and the method is not evaluated.
    """
    group = features.set_index(["region", "industry"])
    group = group.assign(model=model.predict(features))
    wide = shares(panel)
    parts = []
    for item in items:
        year = baseline_year(panel, item.key)
        keys = pd.MultiIndex.from_product([regions, [item.industry]])
        rows = group.reindex(keys)
        share = wide.loc[item.key, year].reindex(regions).to_numpy()
        parts.append(pd.DataFrame({
            "item": item.key, "industry": item.industry, "region": regions, "baseline_year": year,
            "model": rows["model"].to_numpy(), "group_output": rows["log_output"].to_numpy(),
            "product_share": share, "density": rows["density"].to_numpy(),
            "share_gap": rows["national_share"].to_numpy() - share,
            "national_size": rows["national_market"].to_numpy(),
            "chains": (np.full(len(regions), np.nan) if chain_scores is None else chain_scores.reindex(
                pd.MultiIndex.from_product([[ITEM_CHAINS[item.key]], regions])).to_numpy(dtype=float))}))
    return pd.concat(parts, ignore_index=True)


def _score_column(method: str) -> str | None:
    return {"random": None, "existing_output": "group_output"}.get(method, method)


def methods_for(query_type: str) -> tuple[str, ...]:
    """The methods evaluated on ``query_type`` queries."""
    return tuple(m for m in METHODS if query_type == "region" or m not in REGION_ONLY)


def query_table(scored: pd.DataFrame, query_type: str) -> tuple[pd.DataFrame, dict]:
    """NDCG per query and method (tie-averaged), and counts of kept/dropped queries.

    Parameters
    ----------
    scored : DataFrame
        :func:`outcomes` merged with :func:`method_scores`.
    query_type : {"region", "item"}
        Region queries rank items within a host; item queries rank hosts within an item.
    """
    key = "region" if query_type == "region" else "item"
    records, counts = [], {"kept": 0, "too_small": 0, "no_positive": 0}
    for unit, query in scored.groupby(key, sort=True):
        query = query.loc[query["change"].notna()]
        if len(query) < MIN_ITEMS:
            counts["too_small"] += 1
            continue
        grade = graded_relevance(query["change"].to_numpy())
        if not (grade > 0).any():
            counts["no_positive"] += 1
            continue
        counts["kept"] += 1
        for method in methods_for(query_type):
            column = _score_column(method)
            scores = np.zeros(len(query)) if column is None else query[column].to_numpy(dtype=float)
            if np.isnan(scores).all():
                continue  # a method without scores (the chains when no chain board was given)
            records.append({"unit": unit, "method": method, "n_items": len(query),
                            **{m: ndcg_at_k(grade, scores, int(m.split("@")[1]), ties="average") for m in METRICS}})
    return pd.DataFrame.from_records(records, columns=["unit", "method", "n_items", *METRICS]), counts


def summary(table: pd.DataFrame, query_type: str) -> dict:
    """Means with 90% bootstrap CIs over query units, paired differences model − each baseline, and every
    method − existing output (``versus_existing_output``: how the shipped defaults fare against it)."""
    units = sorted(table["unit"].unique().tolist())
    methods = {m: {metric: summarise(part[metric].to_numpy(), n_boot=N_BOOT, seed=SEED) for metric in METRICS}
               for m, part in table.groupby("method", sort=False)}
    baselines = [b for b in methods_for(query_type) if b != "model" and b in methods]
    paired = {b: paired_difference(table, units, "model", b, unit="unit", metrics=METRICS) for b in baselines}
    scored = [b for b in baselines if b != "random"]
    best = max(scored, key=lambda b: methods[b]["ndcg@5"]["mean"]) if scored else "random"
    versus = {m: paired_difference(table, units, m, "existing_output", unit="unit", metrics=METRICS)
              for m in methods if m not in ("existing_output", "random") and "existing_output" in methods}
    return {"methods": methods, "paired": paired, "best_baseline": best, "versus_existing_output": versus}


def evaluate_recent_wave(inputs: FeatureInputs, model: HostfitRanker, model_info: dict,
                         chain_scores: pd.Series | None = None, defaults: dict | None = None) -> dict:
    """The recent-wave block of ``hostfit evaluate --json``.

    Parameters
    ----------
    inputs : FeatureInputs
        Curated inputs (features use years ≤ :data:`AS_OF`; outcomes read later years).
    model : HostfitRanker
        The ranker trained on transitions ending ≤ :data:`AS_OF`.
    model_info : dict
        Which model that is: ``config``, ``train_transitions`` (shown in the card).
    chain_scores : Series, optional
        Default chain scores as of 2017 by ``(chain, region)`` (the ``chains`` method).
    defaults : dict, optional
        The recent-wave method standing for what the product ships by default per query type
        (``{"region": ..., "item": ...}``), reported beside the model.
    """
    hosts = evaluation_hosts(inputs.regions)
    panel = product_panel(inputs.attributes)
    features = build_features(inputs, AS_OF)
    scores = method_scores(panel, features, model, hosts, chain_scores=chain_scores)
    results, coverage = {}, {}
    for end in ENDS:
        scored = outcomes(panel, end, hosts).merge(scores, on=["item", "industry", "region"], how="left")
        block = {}
        for query_type in QUERY_TYPES:
            table, counts = query_table(scored, query_type)
            block[query_type] = {"queries": counts, **summary(table, query_type),
                                 "per_query": table.round(4).to_dict(orient="records")}
        results[window(end)] = block
        for key, part in scored.groupby("item"):
            coverage.setdefault(key, {})[window(end)] = [int(part["start_year"].iloc[0]), end,
                                                      int(part["change"].notna().sum())]
    return {
        "as_of": AS_OF, "windows": [window(e) for e in ENDS], "hosts": hosts, "metrics": list(METRICS),
        "model": model_info, "source": SOURCE, "methods": list(METHODS), "item_chains": ITEM_CHAINS,
        "defaults": defaults or {},
        "descriptions": DESCRIPTIONS, "region_only": list(REGION_ONLY),
        "items": [{"item": i.key, "industry": i.industry, "attribute": i.attribute, "unit": i.unit,
                   "name_zh": i.name_zh, "name_en": i.name_en, "baseline_year": baseline_year(panel, i.key),
                   "windows": {w: {"start": v[0], "end": v[1], "hosts_with_outcome": v[2]}
                               for w, v in coverage.get(i.key, {}).items()}} for i in ITEMS],
        "results": results,
        "settings": {"bootstrap_resamples": N_BOOT, "ci_level": 0.90, "seed": SEED, "ties": "averaged",
                     "min_items": MIN_ITEMS},
    }


def shipped_recent_wave(config: Config, frame: pd.DataFrame | None = None,
                        inputs: FeatureInputs | None = None) -> dict:
    """:func:`evaluate_recent_wave` of ``config`` (the shipped configuration) refitted in memory on
    every IO transition of ``frame`` (default: the committed data) — the shipped training set.

    Raises
    ------
    ValueError
        A training transition ends after :data:`AS_OF` (the model would have seen the outcome period).
    """
    frame = default_frame() if frame is None else frame
    last = int(frame["year_end"].max())
    if last > AS_OF:
        raise ValueError(f"recent wave: a training transition ends in {last}, after the as-of year {AS_OF}")
    info = {"config": config.name, "train_transitions": [f"{y}-{y + 5}" for y in sorted(frame["year"].unique())],
            "last_transition_end": last}
    chain_scores, defaults = shipped_chain_scores()
    return evaluate_recent_wave(load_inputs() if inputs is None else inputs, fit_ranker(frame, config), info,
                                chain_scores=chain_scores, defaults=defaults)


#: The recent-wave method standing for each shipped ordering rule (the sites rule "scale" orders hosts by
#: their existing output of the IO group).
RULE_METHODS = {"model": "model", "density": "density", "scale": "existing_output", "national_size": "national_size"}


def shipped_chain_scores() -> tuple[pd.Series, dict]:
    """The shipped scorer's default chain scores as of :data:`AS_OF` by ``(chain, region)`` (its model was
    trained on transitions ending ≤ 2017), and the recent-wave methods standing for its default orderings:
    ``region`` (the 16-group region lists), ``item`` (the sites view) and ``chains`` (the chain lists)."""
    from models.chains import ChainBoard
    from models.scoring import load_scorer

    board = load_scorer().board(AS_OF)
    table = ChainBoard(board).table()
    scores = table.set_index(["chain", "region"])["score"].astype(float)
    defaults = {"region": RULE_METHODS.get(board.region_rule, board.region_rule),
                "item": RULE_METHODS.get(board.sites_rule, board.sites_rule), "chains": "chains"}
    return scores, defaults
