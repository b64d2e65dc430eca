"""CLI commands: train and evaluate the ranker."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer


def _fail(message: str, code: int = 2) -> None:
    from app.cli import _fail as fail

    fail(message, code)


def _print_json(obj) -> None:
    from app.cli import _print_json as print_json

    print_json(obj)


def train(
    out: Path = typer.Option(None, "--out", help="Folder for the model files (default models/artifacts)."),
    quiet: bool = typer.Option(False, "--quiet", help="Only print the saved paths."),
) -> None:
    """Select the configuration on validation transitions, train on all transitions and save."""
    from data import DataError
    from models.artifacts import ARTIFACT_DIR, save_model
    from models.training import TEST_YEAR, default_frame, select_variant, train_model

    if out is not None and out.exists() and not out.is_dir():
        _fail(f"--out {out} exists and is not a folder")
    start = time.perf_counter()
    try:
        frame = default_frame()
    except DataError as exc:
        _fail(str(exc))
    variant, validation = select_variant(frame)
    model = train_model(frame, variant)
    years = sorted(int(y) for y in frame["year"].unique())
    chosen = next(row for row in validation if row["selected"])
    metadata = {
        "variant": variant.name, "description": variant.description,
        "train_transitions": [f"{y}-{y + 5}" for y in years],
        "note": f"trained on every transition incl. {TEST_YEAR}-{TEST_YEAR + 5}; evaluation numbers come "
                "from the same configuration trained on transitions ending ≤ 2012 (`hostfit evaluate`)",
        "metrics": {"validation": chosen},
    }
    directory = ARTIFACT_DIR if out is None else out
    try:
        path = save_model(model, metadata, directory)
    except OSError as exc:
        _fail(f"cannot write the model to {directory}: {exc}")
    if not quiet:
        typer.echo(f"variant {variant.name}: validation NDCG@5 hosts {chosen['ndcg@5_hosts']:.3f}, "
                   f"all {chosen['ndcg@5_all']:.3f}")
        typer.echo(f"trained on {len(years)} transitions, {model.n_features_in_} features "
                   f"in {time.perf_counter() - start:.1f} s")
    typer.echo(f"saved {path.with_suffix('.txt')} and {path}")


def evaluate(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    card: bool = typer.Option(False, "--card", help="Also write models/MODEL_CARD.md and "
                                                    "models/artifacts/evaluation.json."),
) -> None:
    """Out-of-time 2012→2017 backtest and leave-region-out CV: model vs baselines with 90% CIs."""
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
    for split, title in (("test", f"test {result['test_transition']}"), ("cv", "leave-region-out CV")):
        for target in ("graded", "activation"):
            block = result[split][target]["hosts"]
            typer.echo(f"{title}, {target} target, central + western ({block['n_regions']} regions)")
            for method in METHODS:
                stats = block["methods"][method]
                cells = "  ".join(f"{m} {s['mean']:.3f} [{s['ci'][0]:.3f},{s['ci'][1]:.3f}]"
                                  for m, s in stats.items())
                typer.echo(f"  {method:<12} {cells}")
            diff = block["paired"]["ndcg@5"]
            typer.echo(f"  model − {block['best_baseline']}: NDCG@5 {diff['mean']:+.3f} "
                       f"[{diff['ci'][0]:+.3f},{diff['ci'][1]:+.3f}]")
    target = result["target"]
    verdict = "met" if target["met"] else "not met"
    typer.echo(f"target ({target['required_ratio']:.2f}× {target['best_baseline']}, paired CI > 0): {verdict} "
               f"(ratio {target['ratio']:.2f})")


def register(app: typer.Typer) -> None:
    """Add the model commands to ``app``."""
    app.command("train")(train)
    app.command("evaluate")(evaluate)
