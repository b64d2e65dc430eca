"""hostfit benchmarks (``make bench``): pipeline, what-if latency, CLI and scaling.

Run as ``python -m tests.benchmarks.run``. Writes the results as JSON to
``tests/benchmarks/results/<UTC timestamp>.json`` and ``latest.json`` and prints a
table of every figure against its target.

Measured:

* pipeline: ``hostfit data build`` (into a temporary folder; skipped with a note
  when the raw sources are absent), ``hostfit train --out <tmp>`` and
  ``hostfit evaluate`` wall times, each in a fresh process;
* what-if: edit + re-score + SHAP explanation of one region, p50/p95 over
  distinct scenarios (no cache can help) and over one repeated scenario;
* CLI: ``hostfit recommend`` and ``hostfit sites`` wall times (median of 5);
* scaling: synthetic regions × industries scored and explained with a LightGBM
  ranker of the shipped model's size and parameters, in batches, each size in a
  fresh spawned process (time and peak resident memory).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from statistics import median

import lightgbm
import numpy as np

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
HOSTFIT = [sys.executable, "-m", "app.cli"]
SOURCES = Path(os.environ.get("HOSTFIT_SOURCES", REPO.parent / "shared" / "sources"))
WHAT_IF_RUNS = 60
CLI_RUNS = 5
SCALES = ((300, 100), (300, 500), (3000, 100), (3000, 500))
BATCH_ROWS = 100_000
THREADS = 2
TOP_EXPLAINED = 10
TARGETS = {
    "what_if_p95_ms": 50.0,
    "pipeline_s": 60.0,
    "scale_3000x500_s": 60.0,
    "scale_3000x500_peak_mb": 4096.0,
}


def _wall(command: list[str]) -> float:
    """Seconds a command takes in a fresh process (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000
    return {"runs": len(ms), "p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)),
            "max_ms": float(ms.max())}


def bench_pipeline() -> dict:
    """Wall times of data build (into a temporary folder), train and evaluate.

    Returns
    -------
    dict
        ``build_s`` (None with a ``build_note`` when the sources are absent),
        ``train_s``, ``evaluate_s`` and ``total_s``.
    """
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="hostfit-bench-") as tmp:
        if (SOURCES / "MANIFEST.tsv").exists():
            build = ("from pathlib import Path; from data.etl.build import build_all; "
                     f"build_all(Path({str(SOURCES)!r}), out_dir=Path({tmp!r}) / 'curated', progress=False)")
            out["build_s"] = _wall([sys.executable, "-c", build])
        else:
            out["build_s"] = None
            out["build_note"] = f"raw sources not found at {SOURCES}; build skipped (set HOSTFIT_SOURCES)"
        out["train_s"] = _wall([*HOSTFIT, "train", "--out", str(Path(tmp) / "model"), "--quiet"])
    out["evaluate_s"] = _wall([*HOSTFIT, "evaluate", "--json"])
    out["total_s"] = sum(v for k, v in out.items() if k.endswith("_s") and v is not None)
    return out


def bench_what_if(region: int = 510000) -> dict:
    """What-if edit + re-score + explanation of the region's best industry.

    Distinct scenarios change R&D intensity and one industry's output on every
    run, so the scorer's what-if cache never hits; the repeated figure re-runs
    one scenario (cache hits, as when a page is redrawn).
    """
    from features.scenario import apply_edits
    from models.scoring import load_scorer

    scorer = load_scorer()
    base = scorer.inputs
    year = base.latest_year
    scorer.recommend(region)

    def once(step: int) -> float:
        start = time.perf_counter()
        edited, _ = apply_edits(base, region, year, {"rd_intensity": 0.5 + 0.07 * step},
                                {"H19": 1e5 * (step + 1)})
        ranked = scorer.recommend(region, inputs=edited)
        scorer.explain(region, ranked["industry"].iloc[0], inputs=edited)
        return time.perf_counter() - start

    once(-1)
    distinct = [once(step) for step in range(WHAT_IF_RUNS)]
    repeated = [once(0) for _ in range(WHAT_IF_RUNS)]
    return {"distinct": _percentiles(distinct), "repeated": _percentiles(repeated), "region": region}


def bench_cli() -> dict:
    """Median wall times (fresh process each) of ``recommend`` and ``sites``."""
    commands = {"recommend": ["recommend", "--region", "四川", "--json"],
                "sites": ["sites", "--industry", "H19", "--json"]}
    out = {}
    for name, args in commands.items():
        runs = [_wall([*HOSTFIT, *args]) for _ in range(CLI_RUNS)]
        out[name] = {"runs": CLI_RUNS, "median_s": median(runs), "max_s": max(runs)}
    return out


def _synthetic_rows(rng: np.random.Generator, rows: int, n_features: int) -> np.ndarray:
    """Feature rows like the real ones: skewed, some missing values."""
    X = rng.lognormal(0.0, 1.0, size=(rows, n_features)).astype(np.float32)
    X[rng.random(size=X.shape) < 0.05] = np.nan
    return X


def scale_worker(n_regions: int, n_industries: int, params: dict, n_features: int) -> dict:
    """Score and explain ``n_regions × n_industries`` synthetic rows (runs in a spawned process).

    A ranker with the shipped model's parameters is trained on 300 × 100 rows
    (timed separately), then every row is scored and explained (Tree SHAP via
    LightGBM's ``pred_contrib``, identical to ``shap.TreeExplainer``) in batches of
    :data:`BATCH_ROWS` with :data:`THREADS` threads; SHAP values are kept as
    float32 and summed into six pillars; candidates are ranked within each region.

    Returns
    -------
    dict
        Row count, train/score/explain/rank seconds, ``total_s`` (score + explain +
        rank), seconds to score all and explain only the top
        :data:`TOP_EXPLAINED` per region, and ``peak_mb`` (peak resident memory).
    """
    import pandas as pd

    from models.ranker import HostfitRanker

    rng = np.random.default_rng(n_regions * 1000 + n_industries)
    names = [f"f{i:02d}" for i in range(n_features)]
    train_regions, train_industries = 300, 100
    X_train = _synthetic_rows(rng, train_regions * train_industries, n_features)
    signal = np.nan_to_num(np.log(X_train[:, :4])).sum(axis=1) + rng.normal(0, 1, len(X_train))
    y = np.digitize(signal, np.quantile(signal, [0.5, 0.75, 0.9, 0.97]))
    start = time.perf_counter()
    model = HostfitRanker(**{**params, "num_threads": THREADS}).fit(
        pd.DataFrame(X_train, columns=names), y, group=np.full(train_regions, train_industries))
    train_s = time.perf_counter() - start
    booster = model.booster_
    pillars = np.zeros((n_features, 6), dtype=np.float32)
    pillars[np.arange(n_features), np.arange(n_features) % 6] = 1.0

    rows = n_regions * n_industries
    scores = np.empty(rows)
    shap_values = np.empty((rows, n_features), dtype=np.float32)
    pillar_values = np.empty((rows, 6), dtype=np.float32)
    score_s = explain_s = 0.0
    for first in range(0, rows, BATCH_ROWS):
        batch = _synthetic_rows(rng, min(BATCH_ROWS, rows - first), n_features)
        stop = first + len(batch)
        start = time.perf_counter()
        scores[first:stop] = booster.predict(batch, num_threads=THREADS)
        score_s += time.perf_counter() - start
        start = time.perf_counter()
        contributions = booster.predict(batch, pred_contrib=True, num_threads=THREADS)[:, :-1]
        shap_values[first:stop] = contributions
        pillar_values[first:stop] = contributions @ pillars
        explain_s += time.perf_counter() - start
    start = time.perf_counter()
    by_region = scores.reshape(n_regions, n_industries)
    order = np.argsort(-by_region, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, n_industries + 1)[None, :], axis=1)
    rank_s = time.perf_counter() - start
    top_rows = (order[:, :TOP_EXPLAINED] + np.arange(n_regions)[:, None] * n_industries).ravel()
    start = time.perf_counter()
    booster.predict(_synthetic_rows(rng, len(top_rows), n_features), pred_contrib=True, num_threads=THREADS)
    top_explain_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"regions": n_regions, "industries": n_industries, "rows": rows, "features": n_features,
            "trees": booster.num_trees(), "threads": THREADS, "batch_rows": BATCH_ROWS,
            "train_s": train_s, "score_s": score_s, "explain_s": explain_s, "rank_s": rank_s,
            "total_s": score_s + explain_s + rank_s,
            "score_all_explain_top_s": score_s + rank_s + top_explain_s,
            "peak_mb": peak_mb, "shap_mb": shap_values.nbytes / 2**20}


def _shap_matches_pred_contrib(booster, n_features: int) -> bool:
    """The scaling benchmark's SHAP path (pred_contrib) equals the app's (shap.TreeExplainer)."""
    import shap

    X = _synthetic_rows(np.random.default_rng(7), 500, n_features).astype(float)
    ours = booster.predict(X, pred_contrib=True)[:, :-1]
    theirs = np.asarray(shap.TreeExplainer(booster).shap_values(X))
    return bool(np.allclose(ours, theirs, atol=1e-6))


def bench_scaling() -> dict:
    """Every size of :data:`SCALES` in a fresh spawned process (so peak memory is its own)."""
    from models.artifacts import load_model

    ranker, meta = load_model()
    params = {k: v for k, v in meta["params"].items() if k != "monotone"}
    n_features = len(meta["features"])
    out = {"model": {"features": n_features, "trees": ranker.booster_.num_trees(),
                     "num_leaves": params.get("num_leaves")},
           "shap_equals_pred_contrib": _shap_matches_pred_contrib(ranker.booster_, n_features), "sizes": []}
    context = multiprocessing.get_context("spawn")
    for n_regions, n_industries in SCALES:
        with context.Pool(1) as pool:
            out["sizes"].append(pool.apply(scale_worker, (n_regions, n_industries, params, n_features)))
    return out


def _targets(results: dict) -> list[dict]:
    largest = next(s for s in results["scaling"]["sizes"] if (s["regions"], s["industries"]) == (3000, 500))
    measured = {
        "what_if_p95_ms": results["what_if"]["distinct"]["p95_ms"],
        "pipeline_s": results["pipeline"]["total_s"],
        "scale_3000x500_s": largest["total_s"],
        "scale_3000x500_peak_mb": largest["peak_mb"],
    }
    rows = []
    for name, target in TARGETS.items():
        rows.append({"name": name, "target": target, "measured": measured[name],
                     "ratio": measured[name] / target, "met": measured[name] <= target})
    if results["pipeline"]["build_s"] is None:
        rows[1]["note"] = "build skipped (no raw sources): total covers train + evaluate only"
    return rows


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _print_table(results: dict) -> None:
    what_if = results["what_if"]
    pipeline = results["pipeline"]
    build = "skipped" if pipeline["build_s"] is None else f"{pipeline['build_s']:.1f} s"
    print(f"pipeline: build {build}, train {pipeline['train_s']:.1f} s, evaluate {pipeline['evaluate_s']:.1f} s")
    for kind in ("distinct", "repeated"):
        stats = what_if[kind]
        print(f"what-if ({kind} scenarios, n={stats['runs']}): p50 {stats['p50_ms']:.1f} ms, "
              f"p95 {stats['p95_ms']:.1f} ms")
    for name, stats in results["cli"].items():
        print(f"cli {name}: median {stats['median_s']:.2f} s (n={stats['runs']})")
    for size in results["scaling"]["sizes"]:
        print(f"scale {size['regions']}×{size['industries']} ({size['rows']:,} rows): score {size['score_s']:.1f} s, "
              f"explain {size['explain_s']:.1f} s, total {size['total_s']:.1f} s, "
              f"score all + explain top {TOP_EXPLAINED} {size['score_all_explain_top_s']:.1f} s, "
              f"peak {size['peak_mb']:.0f} MB")
    print(f"{'target':<24} {'limit':>9} {'measured':>10} {'ratio':>6}  met")
    for row in results["targets"]:
        print(f"{row['name']:<24} {row['target']:>9.1f} {row['measured']:>10.1f} {row['ratio']:>6.2f}  "
              f"{'yes' if row['met'] else 'NO'}")


def main() -> None:
    """Run every benchmark, save the JSON and print the table."""
    started = datetime.now(timezone.utc)
    results = {
        "started": started.isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "pipeline": bench_pipeline(),
        "what_if": bench_what_if(),
        "cli": bench_cli(),
        "scaling": bench_scaling(),
    }
    results["machine"]["lightgbm"] = lightgbm.__version__
    results["targets"] = _targets(results)
    results["seconds"] = (datetime.now(timezone.utc) - started).total_seconds()
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, ensure_ascii=False, indent=1) + "\n"
    (RESULTS / f"{started:%Y%m%dT%H%M%SZ}.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    _print_table(results)


if __name__ == "__main__":
    main()
