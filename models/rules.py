"""Which ordering the product ships, chosen by rolling validation: for region lists and for sites.

Two questions are answered by the same rolling out-of-time predictions the
configuration was selected on (:func:`models.training.select_config`):

* **Region lists** (rank a province's industries): the shipped model competes with the
  predeclared single-column rules of :data:`REGION_RULES` on NDCG@5 of the scale-free
  label (graded change of national share) over the central and western provinces.
  The model is the default unless one of those rules scores higher; then the rule
  orders the lists (:func:`region_rule`).
* **Industry queries** (rank the host provinces for one industry — the sites view):
  query = one industry in one transition, items = the central and western provinces,
  relevance = the host's change of national share in the industry, graded within the
  query (0 for ≤ 0, quartiles 1–4 of the gains; within one industry xgain orders hosts
  the same way). The rule of :data:`SITES_RULES` with the highest mean NDCG@5 over the
  validation queries orders the sites view (:func:`sites_rule`); ties go to the earlier,
  simpler rule.

Both choices are fixed before any test transition is looked at: the evaluation repeats
them nested, on the transitions before each test transition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.labels import graded_relevance
from models.metrics import ndcg_at_k

EVALUATION_MACROS = ("Central", "West")
MODEL = "model"
#: Single-column rules that may replace the model in region lists: name → feature column.
REGION_RULES = {"density": "density", "scale": "log_output", "persistence": "rca",
                "national_size": "national_market", "momentum": "share_change_prev"}
#: Orderings of the sites view, simplest first (ties go to the first): name → (zh, en) description.
SITES_RULES: dict[str, tuple[str, str]] = {
    "scale": ("按现有产出排序（该省该产业的总产出）", "existing output (the province's gross output of the industry)"),
    "model": ("按模型适配分排序", "the model's fit score"),
    "density": ("按关联产业密度排序", "relatedness density"),
    "blend": ("现有产出与适配分的排位平均", "the mean of the within-industry ranks of existing output and fit score"),
}
SCALE_COLUMN = "log_output"


def _pct(frame: pd.DataFrame, values: np.ndarray, by: list[str]) -> np.ndarray:
    """Percentile rank of ``values`` within groups ``by`` of ``frame`` (NaN lowest)."""
    series = pd.Series(np.nan_to_num(np.asarray(values, dtype=float), nan=-np.inf), index=frame.index)
    return series.groupby([frame[c] for c in by]).rank(method="average", pct=True).to_numpy()


def sites_rule_scores(frame: pd.DataFrame, prediction: np.ndarray, by: list[str]) -> pd.DataFrame:
    """One column per :data:`SITES_RULES` rule for the rows of ``frame`` (higher = better).

    Parameters
    ----------
    frame : DataFrame
        Rows with ``log_output`` and ``density``.
    prediction : ndarray
        The model's margin (or fit score) of each row.
    by : list of str
        Columns of one industry query (the blend ranks within them).
    """
    prediction = np.asarray(prediction, dtype=float)
    scale = frame[SCALE_COLUMN].to_numpy(dtype=float)
    return pd.DataFrame({
        "scale": scale, "model": prediction, "density": frame["density"].to_numpy(dtype=float),
        "blend": _pct(frame, prediction, by) + _pct(frame, scale, by)}, index=frame.index)


def industry_query_table(held: pd.DataFrame, prediction_column: str = "prediction") -> pd.DataFrame:
    """NDCG@5 of every sites rule on every industry query of ``held``.

    Parameters
    ----------
    held : DataFrame
        Rolling out-of-time rows (``year, region, industry, macro_region, share_change``,
        features, and the model's ``prediction_column``).

    Returns
    -------
    DataFrame
        ``year, industry, rule, ndcg@5`` (queries whose hosts all lost share are dropped).
    """
    hosts = held.loc[held["macro_region"].isin(EVALUATION_MACROS)]
    by = ["year", "industry"]
    scores = sites_rule_scores(hosts, hosts[prediction_column].to_numpy(), by)
    relevance = hosts.groupby(by)["share_change"].transform(lambda s: graded_relevance(s.to_numpy()))
    records = []
    for (year, industry), query in hosts.groupby(by, sort=True):
        grade = relevance.loc[query.index].to_numpy()
        if not (grade > 0).any():
            continue
        for rule in SITES_RULES:
            records.append({"year": int(year), "industry": industry, "rule": rule,
                            "ndcg@5": ndcg_at_k(grade, scores.loc[query.index, rule].to_numpy(), 5)})
    return pd.DataFrame.from_records(records, columns=["year", "industry", "rule", "ndcg@5"])


def sites_rule(table: pd.DataFrame) -> str:
    """The rule with the highest mean NDCG@5 in an :func:`industry_query_table` (ties: the earlier)."""
    means = table.groupby("rule")["ndcg@5"].mean()
    return max(SITES_RULES, key=lambda rule: (round(float(means.get(rule, -np.inf)), 12),
                                              -list(SITES_RULES).index(rule)))


def region_rule_scores(held: pd.DataFrame, prediction_column: str = "prediction") -> dict[str, np.ndarray]:
    """Scores of the model and every :data:`REGION_RULES` rule for the rows of ``held``."""
    out = {MODEL: held[prediction_column].to_numpy(dtype=float)}
    out.update({name: held[column].to_numpy(dtype=float) for name, column in REGION_RULES.items()})
    return out


def region_rule(validation: dict[str, float]) -> str:
    """The model unless a rule has a strictly higher validation NDCG@5 (then the best rule)."""
    best = max(validation, key=lambda name: (validation[name], name == MODEL))
    return best if validation[best] > validation[MODEL] else MODEL
