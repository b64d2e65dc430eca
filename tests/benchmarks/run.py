"""hostfit benchmarks (``make bench``): pipeline, what-if latency, CLI, scaling, SHAP and the whole path.

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
* help, industry view, uploads and before: ``hostfit --help``, the industry view's
  rerun, 2 MB adversarial uploads (parse time; another session's page load while
  three sessions upload) and an older commit's what-if/CLI figures
  (:mod:`tests.benchmarks.app_bench`);
* scaling: synthetic regions × industries scored and explained with a LightGBM
  ranker of the shipped model's size and parameters, in batches, each size in a
  fresh spawned process (time and peak resident memory);
* shap: the shipped model's SHAP by the precomputed tables (:mod:`models.treeshap`)
  against LightGBM's ``pred_contrib`` and ``predict`` (rows per second of one thread,
  and the largest difference from ``pred_contrib``);
* whole path: a synthetic 3,000 regions × 500 industries (:data:`WHOLE_SIZES`)
  taken through feature build (NumPy region × industry matrices through
  ``features.relatedness`` and ``features.chain_measures``), scoring with the shipped
  model, SHAP for every row and crowding, in a fresh spawned process.
  ``--before REV`` runs the path of commit ``REV`` too (SHAP by ``pred_contrib``,
  crowding by that commit's ``models/crowding.py``), for the before/after ratio.

Every timed step records wall and CPU seconds, garbage-collection time and count
(``gc.callbacks``), the 1-minute load average at its start and end, and the peak
resident memory so far. ``python -m tests.benchmarks.run --help`` lists the options
(``--only`` picks sections, ``--quick`` runs small sizes).
"""

from __future__ import annotations

import argparse
import gc
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
from types import ModuleType

import lightgbm
import numpy as np

from tests.benchmarks import app_bench

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
WHOLE_SIZES = ((3000, 500),)
QUICK_SCALES = ((300, 100),)
QUICK_WHOLE_SIZES = ((300, 100),)
#: Rivals kept per row in the whole-path crowding (``crowding_count`` stays the full count).
WHOLE_MAX_RIVALS = 10
SHAP_ROWS = 100_000
PRED_CONTRIB_ROWS = 5_000
#: Rows on which the tables are compared with ``pred_contrib``.
COMPARED_ROWS = 20_000
SECTIONS = ("pipeline", "what_if", "cli", "help", "industry_view", "uploads", "scaling", "shap", "whole_path",
            "before")
TARGETS = {
    "what_if_p95_ms": 50.0,
    "pipeline_s": 60.0,
    "scale_3000x500_s": 60.0,
    "scale_3000x500_peak_mb": 4096.0,
    "whole_3000x500_s": 60.0,
    "whole_3000x500_peak_mb": 4096.0,
    "help_s": 0.3,
    "recommend_s": 1.0,
    "industry_rerun_median_s": 1.0,
    "upload_parse_max_s": 1.0,
    "upload_page_load_slowdown": 0.2,
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


class _GcClock:
    """Seconds and number of garbage collections, from ``gc.callbacks``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.collections += 1


_GC = _GcClock()


class Probe:
    """Wall, CPU and GC time, load average and peak memory of a ``with`` block.

    After the block, :attr:`figures` holds ``wall_s, cpu_s, gc_s, gc_collections,
    load_1m_start, load_1m_end, peak_rss_mb`` (the process's peak so far).
    """

    def __init__(self) -> None:
        if _GC not in gc.callbacks:
            gc.callbacks.append(_GC)
        self.figures: dict = {}

    def __enter__(self) -> "Probe":
        self._gc = (_GC.seconds, _GC.collections)
        self._load = os.getloadavg()[0]
        self._cpu = time.process_time()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.figures = {
            "wall_s": time.perf_counter() - self._wall, "cpu_s": time.process_time() - self._cpu,
            "gc_s": _GC.seconds - self._gc[0], "gc_collections": _GC.collections - self._gc[1],
            "load_1m_start": self._load, "load_1m_end": os.getloadavg()[0],
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


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
    one scenario (cache hits, as when a page is redrawn). The loaded scorer is
    frozen out of the garbage collector's way, as in the app.
    """
    from features.scenario import apply_edits
    from models.scoring import load_scorer

    scorer = load_scorer()
    base = scorer.inputs
    year = base.latest_year
    scorer.board(year).recommend(region)
    gc.collect()
    gc.freeze()  # as the app does once the scorer is loaded (app/state.py)

    def once(step: int) -> float:
        start = time.perf_counter()
        edited, _ = apply_edits(base, region, year, {"rd_intensity": 0.5 + 0.07 * step},
                                {"H19": 1e5 * (step + 1)})
        board = scorer.board(year, edited)
        ranked = board.recommend(region)
        board.explain(region, ranked["industry"].iloc[0])
        return time.perf_counter() - start

    once(-1)
    distinct = [once(step) for step in range(WHAT_IF_RUNS)]
    repeated = [once(0) for _ in range(WHAT_IF_RUNS)]
    gc.unfreeze()
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
    (timed separately), then every row is scored (LightGBM ``predict``) and explained
    (Tree SHAP by the precomputed tables of :mod:`models.treeshap`) in batches of
    :data:`BATCH_ROWS` with :data:`THREADS` threads; SHAP values are kept as float32
    and summed into six pillars; candidates are ranked within each region.

    Returns
    -------
    dict
        Row count, train/score/explain/rank seconds, ``total_s`` (score + explain +
        rank), seconds to score all and explain only the top
        :data:`TOP_EXPLAINED` per region, ``peak_mb`` (peak resident memory) and
        ``tables_vs_pred_contrib_max_abs`` on the first 2,000 rows.
    """
    import pandas as pd

    from models.ranker import HostfitRanker
    from models.treeshap import TreeShapTables

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
    start = time.perf_counter()
    tables = TreeShapTables.from_booster(booster)
    tables_s = time.perf_counter() - start
    pillars = np.zeros((n_features, 6), dtype=np.float32)
    pillars[np.arange(n_features), np.arange(n_features) % 6] = 1.0

    rows = n_regions * n_industries
    scores = np.empty(rows)
    shap_values = np.empty((rows, n_features), dtype=np.float32)
    pillar_values = np.empty((rows, 6), dtype=np.float32)
    score_s = explain_s = 0.0
    check = None
    for first in range(0, rows, BATCH_ROWS):
        batch = _synthetic_rows(rng, min(BATCH_ROWS, rows - first), n_features)
        stop = first + len(batch)
        start = time.perf_counter()
        scores[first:stop] = booster.predict(batch, num_threads=THREADS)
        score_s += time.perf_counter() - start
        start = time.perf_counter()
        contributions = tables.shap_values(batch, n_threads=THREADS)[:, :-1]
        shap_values[first:stop] = contributions
        pillar_values[first:stop] = contributions @ pillars
        explain_s += time.perf_counter() - start
        if check is None:
            sample = batch[:2000].astype(float)
            check = float(np.abs(tables.shap_values(sample) - booster.predict(sample, pred_contrib=True)).max())
    start = time.perf_counter()
    by_region = scores.reshape(n_regions, n_industries)
    order = np.argsort(-by_region, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, n_industries + 1)[None, :], axis=1)
    rank_s = time.perf_counter() - start
    top_rows = (order[:, :TOP_EXPLAINED] + np.arange(n_regions)[:, None] * n_industries).ravel()
    start = time.perf_counter()
    tables.shap_values(_synthetic_rows(rng, len(top_rows), n_features), n_threads=THREADS)
    top_explain_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"regions": n_regions, "industries": n_industries, "rows": rows, "features": n_features,
            "trees": booster.num_trees(), "threads": THREADS, "batch_rows": BATCH_ROWS, "shap": "tables",
            "train_s": train_s, "tables_s": tables_s, "score_s": score_s, "explain_s": explain_s,
            "rank_s": rank_s, "total_s": score_s + explain_s + rank_s,
            "score_all_explain_top_s": score_s + rank_s + top_explain_s,
            "peak_mb": peak_mb, "shap_mb": shap_values.nbytes / 2**20, "tables_vs_pred_contrib_max_abs": check}


def bench_scaling(scales: tuple[tuple[int, int], ...] = SCALES) -> dict:
    """Every size of ``scales`` in a fresh spawned process (so peak memory is its own)."""
    from models.artifacts import load_model

    ranker, meta = load_model()
    params = {k: v for k, v in meta["params"].items() if k != "monotone"}
    n_features = len(meta["features"])
    out = {"model": {"features": n_features, "trees": ranker.booster_.num_trees(),
                     "num_leaves": params.get("num_leaves")}, "sizes": []}
    context = multiprocessing.get_context("spawn")
    for n_regions, n_industries in scales:
        with context.Pool(1) as pool:
            out["sizes"].append(pool.apply(scale_worker, (n_regions, n_industries, params, n_features)))
    return out


# ------------------------------------------------------------------ SHAP tables vs pred_contrib

def _rows_per_second(function, rows: int) -> dict:
    """Run ``function`` once (after a warm-up on the same input) and time it."""
    function()
    with Probe() as probe:
        function()
    figures = probe.figures
    return {**figures, "rows": rows, "rows_per_s": rows / figures["wall_s"],
            "rows_per_cpu_s": rows / figures["cpu_s"] if figures["cpu_s"] > 0 else None}


def bench_shap(rows: int = SHAP_ROWS) -> dict:
    """The shipped model: SHAP by tables vs ``pred_contrib`` vs ``predict``, one thread each.

    Rows are the real training-frame features tiled to ``rows``, with 10% of the values
    set missing. ``pred_contrib`` is timed on :data:`PRED_CONTRIB_ROWS` of them and
    compared with the tables on :data:`COMPARED_ROWS`.
    """
    from models.artifacts import load_model
    from models.training import default_frame
    from models.treeshap import TreeShapTables

    ranker, _ = load_model()
    booster = ranker.booster_
    real = default_frame()[list(ranker.feature_names_in_)].to_numpy(dtype=float)
    rng = np.random.default_rng(0)
    X = real[rng.integers(len(real), size=rows)]
    X[rng.random(X.shape) < 0.1] = np.nan
    with Probe() as build:
        tables = TreeShapTables.from_booster(booster)
    few, compared = X[:PRED_CONTRIB_ROWS], X[:COMPARED_ROWS]
    diff = float(np.abs(tables.shap_values(compared) - booster.predict(compared, pred_contrib=True)).max())
    out = {
        "trees": booster.num_trees(), "features": booster.num_feature(), "tables": tables.n_tables,
        "lookups_per_row": tables.n_lookups, "fallback_trees": sum(n for _, n in tables.fallback_runs),
        "build": build.figures, "max_abs_diff_vs_pred_contrib": diff, "rows_compared": len(compared),
        "tables_1_thread": _rows_per_second(lambda: tables.shap_values(X), rows),
        "tables_2_threads": _rows_per_second(lambda: tables.shap_values(X, n_threads=THREADS), rows),
        "pred_contrib_1_thread": _rows_per_second(lambda: booster.predict(few, pred_contrib=True, num_threads=1),
                                                  len(few)),
        "predict_1_thread": _rows_per_second(lambda: booster.predict(X, num_threads=1), rows),
    }
    out["speedup_vs_pred_contrib"] = out["tables_1_thread"]["rows_per_s"] / out["pred_contrib_1_thread"]["rows_per_s"]
    out["speed_vs_predict"] = out["tables_1_thread"]["rows_per_s"] / out["predict_1_thread"]["rows_per_s"]
    return out


# ------------------------------------------------------------------ the whole path at scale

def synthetic_inputs(n_regions: int, n_industries: int, seed: int = 0) -> dict:
    """Raw inputs of a synthetic country: outputs, IO flows, attributes, regions on a grid.

    Returns
    -------
    dict
        ``codes`` (region codes), ``industries`` (names), ``output`` and ``output_prev``
        (region × industry gross output, t and t − 5, skewed and sparse), ``flows``
        (industry × industry intermediate use), ``region`` (region × attribute),
        ``industry`` (industry × attribute), ``neighbours`` (region × region, grid
        borders) and ``macro`` (macro-region label per region).
    """
    rng = np.random.default_rng(seed)
    codes = np.arange(100_000, 100_000 + n_regions)
    industries = np.array([f"I{j:03d}" for j in range(n_industries)], dtype=object)
    size = rng.lognormal(0.0, 1.0, n_regions)
    scale = rng.lognormal(0.0, 1.5, n_industries)
    present = rng.random((n_regions, n_industries)) < 0.6
    output_prev = size[:, None] * scale[None, :] * rng.lognormal(0.0, 1.0, (n_regions, n_industries)) * present
    output = output_prev * rng.lognormal(0.1, 0.3, (n_regions, n_industries))
    flows = rng.lognormal(0.0, 1.0, (n_industries, n_industries)) * (rng.random((n_industries, n_industries)) < 0.1)
    side = int(np.ceil(np.sqrt(n_regions)))
    x, y = np.arange(n_regions) % side, np.arange(n_regions) // side
    neighbours = (np.abs(x[:, None] - x[None, :]) + np.abs(y[:, None] - y[None, :])) == 1
    macro = (x * 3 // side) * 3 + (y * 3 // side)
    return {"codes": codes, "industries": industries, "output": output, "output_prev": output_prev, "flows": flows,
            "region": rng.lognormal(0.0, 0.5, (n_regions, 16)), "industry": rng.lognormal(0.0, 0.5, (n_industries, 8)),
            "flags": rng.random((n_regions, 4)) < 0.2, "neighbours": neighbours, "macro": macro.astype(str)}


def synthetic_features(raw: dict, names: list[str]) -> np.ndarray:
    """Feature rows (region-major, industry-minor) in the order of ``names``, built with NumPy.

    The industrial-base and chain features go through the project's own functions
    (``rca``, ``presence``, ``proximity``, ``density``, ``upstream_presence``,
    ``downstream_presence``); demand shares from the IO coefficients; the
    ``*_rank_in_region`` columns are within-region percentile ranks; region- and
    industry-level attributes are broadcast, interactions are their products.

    Returns
    -------
    ndarray, shape (regions · industries, len(names)), Fortran order
    """
    import pandas as pd

    from features.chain_measures import downstream_presence, upstream_presence
    from features.relatedness import density, presence, proximity, rca

    codes, industries = raw["codes"], raw["industries"]
    n_regions, n_industries = len(codes), len(industries)
    output = pd.DataFrame(raw["output"], index=codes, columns=industries)
    flows = pd.DataFrame(raw["flows"], index=industries, columns=industries)
    rca_now, rca_prev = rca(output), rca(pd.DataFrame(raw["output_prev"], index=codes, columns=industries))
    present = presence(rca_now)
    phi = proximity(present)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = raw["output"] / raw["output"].sum(axis=0) * 100
        share_prev = raw["output_prev"] / raw["output_prev"].sum(axis=0) * 100
        coefficients = raw["flows"] / raw["output"].sum(axis=0)[None, :]
        demand = raw["output"] @ coefficients.T  # local intermediate use of each product
        demand_share = demand / demand.sum(axis=0) * 100
        net_import = (demand - raw["output"]) / demand
    region, industry, flags = raw["region"], raw["industry"], raw["flags"].astype(float)

    def by_region(values: np.ndarray) -> np.ndarray:
        return np.broadcast_to(values[:, None], (n_regions, n_industries))

    def by_industry(values: np.ndarray) -> np.ndarray:
        return np.broadcast_to(values[None, :], (n_regions, n_industries))

    labour = region[:, 9:10] * industry[None, :, 5]
    matrices = {
        "mining_lq": by_region(region[:, 0]), "agri_lq": by_region(region[:, 1]),
        "power_per_gdp": by_region(region[:, 2]), "clean_power_share": by_region(region[:, 3]),
        "resource_match": region[:, 0:1] * industry[None, :, 0], "energy_match": region[:, 2:3] * industry[None, :, 1],
        "rca": rca_now.to_numpy(), "national_share": share, "log_output": np.log1p(raw["output"]),
        "density": density(present, phi).to_numpy(), "secondary_share": by_region(region[:, 4]),
        "research_services_lq": by_region(region[:, 5]), "tech_inflow_share": by_region(region[:, 6]),
        "tech_match": region[:, 5:6] * industry[None, :, 2], "demand_share": demand_share,
        "net_import_need": net_import, "log_gdp": by_region(np.log(region[:, 7])),
        "coastal": by_region(flags[:, 0]), "land_border": by_region(flags[:, 1]), "new_areas": by_region(flags[:, 2]),
        "national_market": by_industry(np.log1p(raw["output"].sum(axis=0))),
        "upstream_presence": upstream_presence(present, flows).to_numpy(),
        "downstream_presence": downstream_presence(present, flows).to_numpy(),
        "upstream_depth": upstream_presence(rca_now.fillna(0).clip(upper=3.0), flows).to_numpy(),
        "co2_intensity": region[:, 8:9] * industry[None, :, 3], "green_match": region[:, 3:4] / industry[None, :, 3],
        "coal_grid_flag": by_region(flags[:, 3]), "labour_cost_ratio": labour,
        "region_labour_share": by_region(region[:, 10]), "east_share": by_industry(industry[:, 4]),
        "east_share_trend": by_industry(industry[:, 6] - 1), "east_shed": by_industry(industry[:, 7]),
        "cost_vs_east": by_region(region[:, 11]), "east_cost_gap": by_region(region[:, 12] - 1),
        "exit_x_cost": region[:, 11:12] * (industry[None, :, 6] - 1),
        "exit_x_growth": region[:, 13:14] * (industry[None, :, 6] - 1),
        "share_gap": share - by_region(region[:, 14]), "share_change_prev": share - share_prev,
        "rca_change_prev": (rca_now - rca_prev).to_numpy(), "national_growth": by_industry(industry[:, 7] - 1),
        "national_wave": by_industry(industry[:, 0] - 1),
    }
    for name in names:
        if name.endswith("_rank_in_region"):
            base = matrices[name.removesuffix("_rank_in_region")]
            matrices[name] = pd.DataFrame(base).rank(axis=1, pct=True).to_numpy()
    missing = [n for n in names if n not in matrices]
    if missing:
        raise KeyError(f"no synthetic recipe for features {missing}")
    X = np.empty((n_regions * n_industries, len(names)), order="F")
    for j, name in enumerate(names):
        values = np.asarray(matrices[name], dtype=float).reshape(-1)
        X[:, j] = np.where(np.isfinite(values), values, np.nan)
    return X


def _module_at(revision: str, path: str, name: str) -> ModuleType:
    """Import ``path`` as it was at git ``revision`` (for the before figure)."""
    source = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=REPO, check=True, capture_output=True,
                            text=True).stdout
    module = ModuleType(name)
    module.__file__ = f"{revision}:{path}"
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def whole_path_worker(n_regions: int, n_industries: int, before: str | None = None) -> dict:
    """Features, scores, SHAP for every row and crowding of a synthetic country (spawned process).

    The shipped model scores (LightGBM ``predict``, :data:`THREADS` threads) and
    explains (SHAP tables, :data:`THREADS` threads; ``pred_contrib`` with ``before``)
    every row in batches of :data:`BATCH_ROWS`; SHAP values are kept as float32.
    Crowding (:func:`models.crowding.crowding`, keeping :data:`WHOLE_MAX_RIVALS` rivals
    per row) includes the similarity and proximity matrices. The loaded model, tables
    and raw inputs are frozen out of the garbage collector's way (``gc.freeze``).

    Parameters
    ----------
    before : str, optional
        A git revision: explain with ``pred_contrib`` and crowd with that revision's
        ``models/crowding.py`` (all rival lists) instead.

    Returns
    -------
    dict
        Per step (``load``, ``inputs``, ``features``, ``score``, ``shap``, ``crowding``)
        the :class:`Probe` figures; ``total`` (features + score + SHAP + crowding) with
        its wall, CPU and GC seconds, load average and peak memory.
    """
    import pandas as pd

    from models.artifacts import load_model
    from models.crowding import crowding, proximity_weights, structural_similarity
    from models.explain import contributions
    from models.treeshap import TreeShapTables

    steps: dict[str, dict] = {}
    with Probe() as probe:
        ranker, _ = load_model()
        ranker.num_threads = THREADS
        tables = None if before else TreeShapTables.from_booster(ranker.booster_)
        old = _module_at(before, "models/crowding.py", "crowding_before") if before else None
    steps["load"] = probe.figures
    with Probe() as probe:
        raw = synthetic_inputs(n_regions, n_industries)
    steps["inputs"] = probe.figures
    gc.collect()
    gc.freeze()
    names = list(ranker.feature_names_in_)
    rows = n_regions * n_industries

    with Probe() as probe:
        X = synthetic_features(raw, names)
    steps["features"] = probe.figures

    margins = np.empty(rows)
    with Probe() as probe:
        for first in range(0, rows, BATCH_ROWS):
            batch = pd.DataFrame(X[first:first + BATCH_ROWS], columns=names, copy=False)
            margins[first:first + len(batch)] = ranker.predict(batch)
    steps["score"] = probe.figures

    shap_values = np.empty((rows, len(names)), dtype=np.float32)
    base = np.empty(rows)
    with Probe() as probe:
        for first in range(0, rows, BATCH_ROWS):
            batch = pd.DataFrame(X[first:first + BATCH_ROWS], columns=names, copy=False)
            if tables is None:
                contrib = ranker.predict_contrib(batch)
            else:
                contrib = contributions(ranker, batch, tables, n_threads=THREADS)
            shap_values[first:first + len(batch)] = contrib[:, :-1]
            base[first:first + len(batch)] = contrib[:, -1]
    steps["shap"] = probe.figures
    sample = np.random.default_rng(1).integers(rows, size=min(rows, 2000))
    additivity = float(np.abs(shap_values[sample].astype(float).sum(axis=1) + base[sample] - margins[sample]).max())
    exact = (X[sample], ranker.booster_.predict(X[sample], pred_contrib=True))

    with Probe() as probe:
        by_region = margins.reshape(n_regions, n_industries)
        order = np.argsort(-by_region, axis=1, kind="stable")
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(1, n_industries + 1)[None, :], axis=1)
        scores = pd.DataFrame({"region": np.repeat(raw["codes"], n_industries),
                               "industry": np.tile(raw["industries"], n_regions), "rank": ranks.ravel()})
        output = pd.DataFrame(raw["output"], index=raw["codes"], columns=raw["industries"])
        regions = pd.DataFrame({"region": raw["codes"], "macro_region": raw["macro"]})
        neighbours = pd.DataFrame(raw["neighbours"], index=raw["codes"], columns=raw["codes"])
        module = old if old is not None else None
        if module is None:
            similarity = structural_similarity(output)
            proximity = proximity_weights(regions, neighbours)
            crowd = crowding(scores, similarity, proximity, max_rivals=WHOLE_MAX_RIVALS)
        else:
            similarity = module.structural_similarity(output)
            proximity = module.proximity_weights(regions, neighbours)
            crowd = module.crowding(scores, similarity, proximity)
    steps["crowding"] = probe.figures
    result = {"regions": n_regions, "industries": n_industries, "rows": rows, "features": len(names),
              "trees": ranker.booster_.num_trees(), "threads": THREADS, "batch_rows": BATCH_ROWS,
              "path": f"before ({before}): SHAP by pred_contrib, crowding of {before}" if before
              else "after: SHAP tables, vectorised crowding",
              "max_rivals": None if before else WHOLE_MAX_RIVALS, "steps": steps,
              "shap_mb": shap_values.nbytes / 2**20, "additivity_max_abs": additivity,
              "mean_crowding_count": float(crowd["crowding_count"].mean()),
              "mean_rivals_listed": float(crowd["rivals"].map(len).mean())}
    if tables is not None:
        result["tables_vs_pred_contrib_max_abs"] = float(np.abs(tables.shap_values(exact[0]) - exact[1]).max())
    timed = [steps[k] for k in ("features", "score", "shap", "crowding")]
    result["total"] = {
        "wall_s": sum(t["wall_s"] for t in timed), "cpu_s": sum(t["cpu_s"] for t in timed),
        "gc_s": sum(t["gc_s"] for t in timed), "gc_collections": sum(t["gc_collections"] for t in timed),
        "load_1m_start": timed[0]["load_1m_start"], "load_1m_end": timed[-1]["load_1m_end"],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return result


def bench_whole_path(sizes: tuple[tuple[int, int], ...] = WHOLE_SIZES, before: str | None = None) -> dict:
    """:func:`whole_path_worker` for every size in a fresh spawned process; with ``before``, the old
    path too (same sizes, same machine, right after) and the before/after ratios."""
    context = multiprocessing.get_context("spawn")
    out: dict = {"sizes": []}
    for n_regions, n_industries in sizes:
        with context.Pool(1) as pool:
            after = pool.apply(whole_path_worker, (n_regions, n_industries))
        entry = {"after": after}
        if before:
            with context.Pool(1) as pool:
                entry["before"] = pool.apply(whole_path_worker, (n_regions, n_industries, before))
            entry["ratio_before_over_after"] = {
                key: entry["before"]["total"][key] / after["total"][key]
                for key in ("wall_s", "cpu_s", "peak_rss_mb") if after["total"][key] > 0}
        out["sizes"].append(entry)
    return out


def _find(sizes: list[dict], n_regions: int, n_industries: int) -> dict | None:
    return next((s for s in sizes if (s["regions"], s["industries"]) == (n_regions, n_industries)), None)


def _targets(results: dict) -> list[dict]:
    """Every target whose section ran, with its measured value, ratio and whether it is met."""
    measured: dict[str, float] = {}
    notes: dict[str, str] = {}
    if "what_if" in results:
        measured["what_if_p95_ms"] = results["what_if"]["distinct"]["p95_ms"]
    if "cli" in results:
        measured["recommend_s"] = results["cli"]["recommend"]["median_s"]
    if "help" in results:
        measured["help_s"] = results["help"]["median_s"]
    if "industry_view" in results:
        measured["industry_rerun_median_s"] = results["industry_view"]["median_ms"] / 1000
    if "uploads" in results:
        measured["upload_parse_max_s"] = results["uploads"]["parse"]["max_s"]
        if "slowdown" in results["uploads"]["concurrent"]:
            measured["upload_page_load_slowdown"] = results["uploads"]["concurrent"]["slowdown"]
    if "pipeline" in results:
        measured["pipeline_s"] = results["pipeline"]["total_s"]
        if results["pipeline"]["build_s"] is None:
            notes["pipeline_s"] = "build skipped (no raw sources): total covers train + evaluate only"
    largest = _find(results.get("scaling", {}).get("sizes", []), 3000, 500)
    if largest:
        measured["scale_3000x500_s"] = largest["total_s"]
        measured["scale_3000x500_peak_mb"] = largest["peak_mb"]
    whole = _find([e["after"] for e in results.get("whole_path", {}).get("sizes", [])], 3000, 500)
    if whole:
        measured["whole_3000x500_s"] = whole["total"]["wall_s"]
        measured["whole_3000x500_peak_mb"] = whole["total"]["peak_rss_mb"]
    rows = []
    for name, target in TARGETS.items():
        if name in measured:
            row = {"name": name, "target": target, "measured": measured[name],
                   "ratio": measured[name] / target, "met": measured[name] <= target}
            if name in notes:
                row["note"] = notes[name]
            rows.append(row)
    return rows


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _figures(step: dict) -> str:
    return (f"{step['wall_s']:.1f} s (CPU {step['cpu_s']:.1f} s, GC {step['gc_s']:.2f} s, "
            f"load {step['load_1m_start']:.1f}→{step['load_1m_end']:.1f}, peak {step['peak_rss_mb']:.0f} MB)")


def _print_table(results: dict) -> None:
    if "pipeline" in results:
        pipeline = results["pipeline"]
        build = "skipped" if pipeline["build_s"] is None else f"{pipeline['build_s']:.1f} s"
        print(f"pipeline: build {build}, train {pipeline['train_s']:.1f} s, evaluate {pipeline['evaluate_s']:.1f} s")
    if "what_if" in results:
        for kind in ("distinct", "repeated"):
            stats = results["what_if"][kind]
            print(f"what-if ({kind} scenarios, n={stats['runs']}): p50 {stats['p50_ms']:.1f} ms, "
                  f"p95 {stats['p95_ms']:.1f} ms")
    for name, stats in results.get("cli", {}).items():
        print(f"cli {name}: median {stats['median_s']:.2f} s (n={stats['runs']})")
    if "help" in results:
        print(f"cli --help: median {results['help']['median_s']:.2f} s (n={results['help']['runs']})")
    if "industry_view" in results:
        view = results["industry_view"]
        print(f"industry view rerun (n={view['runs']}): median {view['median_ms']:.0f} ms, p95 {view['p95_ms']:.0f} ms")
    if "uploads" in results:
        parse = results["uploads"]["parse"]
        print("upload parse (2 MB): " + ", ".join(f"{k} {v['seconds'] * 1000:.0f} ms" for k, v in parse.items()
                                                  if isinstance(v, dict)))
        concurrent = results["uploads"]["concurrent"]
        if "slowdown" in concurrent:
            print(f"page load alone {concurrent['alone_s']:.2f} s, with {concurrent['uploaders']} sessions uploading "
                  f"2 MB ({concurrent['uploads_during']} uploads) {concurrent['with_uploads_s']:.2f} s "
                  f"({concurrent['slowdown']:+.0%})")
        else:
            print(f"concurrent uploads: {concurrent.get('skipped')}")
    if results.get("before_ratios"):
        print(f"before ({results['before']['revision']}) / after: "
              + ", ".join(f"{k} ×{v:.1f}" for k, v in results["before_ratios"].items()))
    for size in results.get("scaling", {}).get("sizes", []):
        print(f"scale {size['regions']}×{size['industries']} ({size['rows']:,} rows): score {size['score_s']:.1f} s, "
              f"explain {size['explain_s']:.1f} s, total {size['total_s']:.1f} s, "
              f"score all + explain top {TOP_EXPLAINED} {size['score_all_explain_top_s']:.1f} s, "
              f"peak {size['peak_mb']:.0f} MB")
    if "shap" in results:
        shap = results["shap"]
        print(f"shap tables ({shap['trees']} trees, {shap['lookups_per_row']} lookups/row): "
              f"{shap['tables_1_thread']['rows_per_s']:,.0f} rows/s (1 thread), "
              f"{shap['tables_2_threads']['rows_per_s']:,.0f} (2 threads); pred_contrib "
              f"{shap['pred_contrib_1_thread']['rows_per_s']:,.0f}; "
              f"predict {shap['predict_1_thread']['rows_per_s']:,.0f}; "
              f"×{shap['speedup_vs_pred_contrib']:.1f} vs pred_contrib, max |diff| "
              f"{shap['max_abs_diff_vs_pred_contrib']:.1e}")
    for entry in results.get("whole_path", {}).get("sizes", []):
        for kind in ("before", "after"):
            if kind in entry:
                run = entry[kind]
                print(f"whole path {kind} {run['regions']}×{run['industries']} ({run['rows']:,} rows): "
                      f"{_figures(run['total'])}")
                for step in ("features", "score", "shap", "crowding"):
                    print(f"    {step:<9} {_figures(run['steps'][step])}")
        if "ratio_before_over_after" in entry:
            ratio = entry["ratio_before_over_after"]
            print("    before/after: " + ", ".join(f"{k} ×{v:.1f}" for k, v in ratio.items()))
    if results.get("targets"):
        print(f"{'target':<24} {'limit':>9} {'measured':>10} {'ratio':>6}  met")
        for row in results["targets"]:
            print(f"{row['name']:<24} {row['target']:>9.1f} {row['measured']:>10.1f} {row['ratio']:>6.2f}  "
                  f"{'yes' if row['met'] else 'NO'}")


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all of {', '.join(SECTIONS)})")
    parser.add_argument("--quick", action="store_true",
                        help=f"small sizes only: scaling {QUICK_SCALES}, whole path {QUICK_WHOLE_SIZES}")
    parser.add_argument("--before", metavar="REV", default=None,
                        help="also run the whole path as of git revision REV (pred_contrib SHAP and REV's crowding), "
                             "and (section 'before') REV's what-if, recommend and --help in a temporary worktree, "
                             "for the before/after ratios (slow: minutes at 3,000 × 500)")
    parser.add_argument("--no-save", action="store_true", help="print only; write no JSON")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the chosen benchmarks, save the JSON and print the table.

    A run of every section writes ``results/<timestamp>.json`` and ``latest.json``; a
    partial or quick run writes ``results/<timestamp>-<sections>.json`` only.
    """
    args = _arguments(argv)
    started = datetime.now(timezone.utc)
    results: dict = {
        "started": started.isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "lightgbm": lightgbm.__version__, "load_1m_at_start": os.getloadavg()[0]},
        "sections": args.sections, "quick": args.quick,
    }
    runners = {
        "pipeline": bench_pipeline,
        "what_if": bench_what_if,
        "cli": bench_cli,
        "scaling": lambda: bench_scaling(QUICK_SCALES if args.quick else SCALES),
        "shap": lambda: bench_shap(2000 if args.quick else SHAP_ROWS),
        "whole_path": lambda: bench_whole_path(QUICK_WHOLE_SIZES if args.quick else WHOLE_SIZES, args.before),
        "help": app_bench.bench_help,
        "industry_view": app_bench.bench_industry_view,
        "uploads": app_bench.bench_uploads,
        "before": lambda: app_bench.bench_before(args.before) if args.before else {"skipped": "no --before REV"},
    }
    main_module = sys.modules["__main__"]
    for section in SECTIONS:
        if section in args.sections:
            print(f"[bench] {section} …", file=sys.stderr, flush=True)
            try:
                results[section] = runners[section]()
            except Exception as error:  # one broken section must not lose the others' figures
                results[section] = {"error": f"{type(error).__name__}: {error}"}
                print(f"[bench] {section} failed: {results[section]['error']}", file=sys.stderr, flush=True)
            # Streamlit's AppTest installs its script as ``__main__`` and leaves it there;
            # spawn pools pickle the workers of this module by ``__main__.<name>``.
            sys.modules["__main__"] = main_module
    results["before_ratios"] = app_bench.before_ratios(results)
    results["targets"] = _targets(results)
    results["seconds"] = (datetime.now(timezone.utc) - started).total_seconds()
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results, ensure_ascii=False, indent=1) + "\n"
        complete = (set(args.sections) == set(SECTIONS) and not args.quick
                    and not any("error" in results[s] for s in args.sections))
        suffix = "" if complete else "-" + "-".join(args.sections) + ("-quick" if args.quick else "")
        (RESULTS / f"{started:%Y%m%dT%H%M%SZ}{suffix}.json").write_text(text, encoding="utf-8")
        if complete:
            (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    _print_table(results)


if __name__ == "__main__":
    main()
