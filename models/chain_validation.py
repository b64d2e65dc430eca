"""Candidate axis weights of the chain ranking, judged on the rolling IO transitions at group level.

The chain layer ranks chains, but outcomes exist only for the 16 IO groups. For each rolling test year
t (2002, 2007, 2012) the chain measures are built as of t (:func:`features.chains.chain_measures`), the
model component comes from the rolling out-of-time model of that fold (trained on transitions ending
≤ t, :func:`models.evaluation.rolling_scores`), each candidate weighting scores every region × chain,
and a group's score is the group-weight average of the scores of the chains that contain it. The group
lists are judged per region on the project's labels (xgain grades, NDCG@5, hosts) with
:func:`models.evaluation.per_region`. Crowding before 2018 has only its supply-excess part (declared
lists and the zone catalogue are not yet public; the model overlap needs the shipped ranking), so the
validation speaks to the fit/attractiveness balance more than to the crowding weight.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.chains import group_weights
from features.arrays import InputArrays
from features.chains import chain_measures
from models.chains import Strategy, _components, _ranked, chain_complexity
from models.evaluation import LABEL_KEEP, ROLLING_YEARS, per_region

STEP = 0.1
MIN_FIT = 0.2
MAX_CROWD = 0.3
BASE = ("model", "scale", "density", "persistence")


def candidate_weights(step: float = STEP, every_axis: bool = False) -> list[Strategy]:
    """Every (fit, attract, crowd) on a ``step`` grid summing to 1 with fit ≥ 0.2 and crowd ≤ 0.3
    (with ``every_axis``: attract and crowd ≥ ``step`` too, so that every axis counts)."""
    n = round(1 / step)
    low = 1 if every_axis else 0
    out = []
    for c in range(low, round(MAX_CROWD / step) + 1):
        for a in range(low, n + 1):
            f = n - a - c
            if f * step >= MIN_FIT - 1e-9:
                out.append(Strategy(f"w{f}{a}{c}", "", "", round(f * step, 2), round(a * step, 2), round(c * step, 2)))
    return out


def fold_measures(arrays: InputArrays, rolled: pd.DataFrame, year: int) -> pd.DataFrame:
    """Chain measures as of ``year`` with ``model_fit`` from the fold's out-of-time margins."""
    measures = chain_measures(arrays, year)
    weights = group_weights()
    margins = rolled.loc[rolled["year"] == year].pivot(index="region", columns="industry", values="model")
    margins = margins.reindex(index=measures["region"].unique(), columns=weights.columns)
    measures["model_fit"] = (margins.to_numpy() @ weights.to_numpy().T).ravel()
    measures["model_overlap"] = np.nan
    measures["complexity"] = chain_complexity(arrays, year, measures)
    return measures


def validate(arrays: InputArrays, rolled: pd.DataFrame, hosts: list[int],
             candidates: list[Strategy] | None = None, years: tuple[int, ...] = ROLLING_YEARS,
             target: str = "xgain") -> pd.DataFrame:
    """Mean NDCG@5 over ``hosts`` of every candidate weighting, per rolling year, on ``target``
    (``xgain`` or the scale-free ``share``, see :data:`models.labels.TARGETS`).

    Returns
    -------
    DataFrame
        ``candidate, fit, attract, crowd, year, ndcg@5`` plus rows for the fold's ``model`` and ``scale``.
    """
    candidates = candidate_weights() if candidates is None else candidates
    weights = group_weights()
    rows = []
    for year in years:
        measures = fold_measures(arrays, rolled, year)
        comps = _components(measures)
        labels = rolled.loc[rolled["year"] == year, [*LABEL_KEEP, *BASE]].copy()
        for cand in candidates:
            table = _ranked(measures, comps, cand)
            wide = table.pivot(index="region", columns="chain", values="score").reindex(columns=weights.index)
            mass = weights.sum(axis=0).to_numpy()
            group = pd.DataFrame(wide.to_numpy() @ weights.to_numpy() / mass, index=wide.index, columns=weights.columns)
            labels[cand.name] = group.stack().reindex(list(zip(labels["region"], labels["industry"]))).to_numpy()
        methods = (*BASE, *[c.name for c in candidates])
        table = per_region(labels, target, methods)
        table = table.loc[table["region"].isin(hosts)].groupby("method")["ndcg@5"].mean()
        spec = {c.name: c for c in candidates}
        for method, value in table.items():
            c = spec.get(method)
            rows.append({"candidate": method, "fit": c.fit if c else np.nan, "attract": c.attract if c else np.nan,
                         "crowd": c.crowd if c else np.nan, "year": int(year), "ndcg@5": float(value)})
    return pd.DataFrame(rows)


def nested_choice(result: pd.DataFrame) -> pd.DataFrame:
    """For each year after the first: the candidate best on the earlier years and its score on this year."""
    cands = result.loc[result["fit"].notna()]
    years = sorted(cands["year"].unique())
    out = []
    for year in years[1:]:
        past = cands.loc[cands["year"] < year].groupby("candidate")["ndcg@5"].mean()
        best = past.idxmax()
        now = cands.loc[cands["year"] == year].set_index("candidate")["ndcg@5"]
        out.append({"year": int(year), "chosen": best, "ndcg@5": float(now[best]),
                    "best_possible": float(now.max())})
    return pd.DataFrame(out)


def summary(arrays: InputArrays, rolled: pd.DataFrame, hosts: list[int]) -> dict:
    """Per target: mean NDCG@5 over the rolling years of the baselines, fit alone, the best candidate of the
    every-axis grid (the default's rule) and the nested (past folds only) choices."""
    out = {}
    for target in ("share", "xgain"):
        result = validate(arrays, rolled, hosts, candidate_weights(every_axis=False), target=target)
        every = {c.name for c in candidate_weights(every_axis=True)}
        means = result.groupby("candidate")["ndcg@5"].mean()
        per_year = result.pivot(index="candidate", columns="year", values="ndcg@5")
        best = means[sorted(every)].idxmax()
        out[target] = {"best_every_axis": best, "best_every_axis_weights": _weights_of(result, best),
                       "mean": {k: round(float(means[k]), 4) for k in (*BASE, "w1000", best)},
                       "per_year": {k: {int(y): round(float(v), 4) for y, v in per_year.loc[k].items()}
                                    for k in (*BASE, "w1000", best)},
                       "best_any": means.drop(list(BASE)).idxmax(),
                       "nested": nested_choice(result.loc[result["candidate"].isin(every | set(BASE))]).round(4)
                       .to_dict(orient="records")}
    return out


def _weights_of(result: pd.DataFrame, name: str) -> dict:
    row = result.loc[result["candidate"] == name].iloc[0]
    return {"fit": float(row["fit"]), "attract": float(row["attract"]), "crowd": float(row["crowd"])}


def main() -> None:
    """Print :func:`summary` for the committed data as JSON (``python -m models.chain_validation``)."""
    import json

    from features.build import arrays_of
    from features.inputs import load_inputs
    from models.evaluation import evaluation_hosts, rolling_scores
    from models.training import default_frame

    frame = default_frame()
    rolled, _ = rolling_scores(frame)
    print(json.dumps(summary(arrays_of(load_inputs()), rolled, evaluation_hosts(frame)), indent=1))


if __name__ == "__main__":
    main()
