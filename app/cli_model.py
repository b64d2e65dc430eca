"""CLI commands: train and evaluate the ranker."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from app.cli_common import fail as _fail
from app.cli_common import print_json as _print_json


def train(
    out: Path = typer.Option(None, "--out", help="Folder for the model files (default models/artifacts)."),
    quiet: bool = typer.Option(False, "--quiet", help="Only print the saved paths."),
) -> None:
    """Select the configuration by rolling validation, train on all transitions, calibrate and save."""
    from data import DataError
    from models.artifacts import ARTIFACT_DIR, save_model
    from models.training import default_frame, train_shipped

    if out is not None and out.exists() and not out.is_dir():
        _fail(f"--out {out} exists and is not a folder")
    start = time.perf_counter()
    try:
        frame = default_frame()
    except DataError as exc:
        _fail(str(exc))
    model, metadata = train_shipped(frame)
    directory = ARTIFACT_DIR if out is None else out
    try:
        path = save_model(model, metadata, directory)
    except OSError as exc:
        _fail(f"cannot write the model to {directory}: {exc}")
    if not quiet:
        chosen = next(row for row in metadata["selection"]["record"] if row["selected"])
        typer.echo(f"configuration {chosen['config']}: rolling-validation NDCG@5 (central + western) "
                   f"{chosen['ndcg@5']:.3f}")
        typer.echo(f"trained on {len(metadata['train_transitions'])} transitions, {model.n_features_in_} features, "
                   f"{model.n_seeds} seeds in {time.perf_counter() - start:.1f} s")
    typer.echo(f"saved {path.with_suffix('.txt')} and {path}")


def evaluate(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    card: bool = typer.Option(False, "--card", help="Also write models/MODEL_CARD.md and "
                                                    "models/artifacts/evaluation.json."),
) -> None:
    """Rolling out-of-time backtest, blocked leave-region-out CV and the 2012→2017 test: model vs baselines."""
    from data import DataError
    from models.evaluation import METHODS, evaluate as run_evaluation
    from models.model_card import write_card
    from models.reporting import EVALUATION_PATH

    try:
        result = run_evaluation()
    except DataError as exc:
        _fail(str(exc))
    if card:
        EVALUATION_PATH.write_text(
            json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        write_card(result)
    if as_json:
        _print_json(result)
        return
    for protocol, title in (("rolling", "rolling out-of-time " + ", ".join(result["protocols"]["rolling"])),
                            ("blocked_cv", "blocked leave-region-out CV"),
                            ("test", "single test " + result["protocols"]["test"])):
        block = result[protocol]["xgain"]["hosts"]
        typer.echo(f"{title}: xgain target, central + western ({block['n_regions']} regions, "
                   f"{block['n_queries']} queries)")
        for method in METHODS:
            stats = block["methods"][method]
            cells = "  ".join(f"{m} {s['mean']:.3f} [{s['ci'][0]:.3f},{s['ci'][1]:.3f}]" for m, s in stats.items())
            typer.echo(f"  {method:<20} {cells}")
        diff = block["paired"]["ndcg@5"]
        typer.echo(f"  model − {block['best_baseline']}: NDCG@5 {diff['mean']:+.3f} "
                   f"[{diff['ci'][0]:+.3f},{diff['ci'][1]:+.3f}]")
    targets = result["targets"]
    for name in ("rolling", "blocked_cv", "test"):
        check = targets[name]
        typer.echo(f"bar {name}: model {check['model']:.3f} vs {check['best_baseline']} {check['baseline']:.3f} "
                   f"(ratio {check['ratio']:.2f}, paired CI [{check['paired_ci'][0]:+.3f},"
                   f"{check['paired_ci'][1]:+.3f}]) — {'met' if check['met'] else 'not met'}")


def register(app: typer.Typer) -> None:
    """Add the model commands to ``app``."""
    app.command("train")(train)
    app.command("evaluate")(evaluate)
