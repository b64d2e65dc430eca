"""CLI commands: train and evaluate the ranker."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import typer

from app.cli_common import fail as _fail
from app.cli_common import os_reason, shown
from app.cli_common import print_json as _print_json


def writable_folder(folder: Path) -> str | None:
    """Why files cannot be written in ``folder`` (created if missing), or ``None`` if they can.

    A real probe — a temporary file created and removed — so read-only mounts,
    permissions and a path running through a regular file are all caught.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".hostfit-write-test-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _writable_file(path: Path) -> str | None:
    """Why ``path`` cannot be (over)written, or ``None``."""
    reason = writable_folder(path.parent)
    if reason is None and path.exists() and (path.is_dir() or not os.access(path, os.W_OK)):
        reason = "it is a folder" if path.is_dir() else "permission denied"
    return reason


def train(
    out: str = typer.Option(None, "--out", help="Folder for the model files (default models/artifacts)."),
    quiet: bool = typer.Option(False, "--quiet", help="Only print the saved paths."),
) -> None:
    """Select the configuration by rolling validation, train on all transitions, calibrate and save."""
    from models.api import DataError, artifact_dir, train_and_save

    if out is not None and not out.strip():
        _fail("--out is empty: give the folder for the model files (omit --out for models/artifacts) / "
              "--out 为空，请给出模型文件夹")
    directory = artifact_dir() if out is None else Path(out)
    try:
        not_folder = directory.exists() and not directory.is_dir()
    except OSError as exc:  # e.g. ENAMETOOLONG: a 300-character folder name
        _fail(f"--out {shown(directory)} cannot be used: {os_reason(exc)} / 无法使用该输出路径")
    if not_folder:
        _fail(f"--out {shown(directory)} exists and is not a folder")
    reason = writable_folder(directory)
    if reason is not None:
        _fail(f"cannot write the model to {shown(directory)}: {reason} / 无法写入模型文件夹")
    start = time.perf_counter()
    try:
        model, metadata, path = train_and_save(directory)
    except DataError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write the model to {shown(directory)}: {exc}")
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
    """Rolling out-of-time backtest, blocked leave-region-out CV, the 2012→2017 test and the 2017→2022/2024
    recent wave: model vs baselines."""
    from models.api import METHODS, DataError, evaluation_outputs, recent_wave_lines, write_evaluation
    from models.api import evaluate as run_evaluation

    if card:  # check before the evaluation's work, not after it
        for target in evaluation_outputs():
            reason = _writable_file(target)
            if reason is not None:
                _fail(f"--card cannot write {target}: {reason} / 无法写入 {target.name}")
    try:
        result = run_evaluation()
    except DataError as exc:
        _fail(str(exc))
    if card:
        try:
            write_evaluation(result)
        except OSError as exc:
            _fail(f"--card cannot write the evaluation: {exc} / 无法写入评估结果")
    if as_json:
        _print_json(result)
        return
    for protocol, title in (("rolling", "rolling out-of-time " + ", ".join(result["protocols"]["rolling"])),
                            ("blocked_cv", "blocked leave-region-out CV"),
                            ("test", "single test " + result["protocols"]["test"])):
        target = result["primary_target"]
        block = result[protocol][target]["hosts"]
        typer.echo(f"{title}: {target} target (scale-free), central + western ({block['n_regions']} regions, "
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
    for year, fold in result["rolling_folds"].items():
        cells = []
        for target in (result["primary_target"], result["secondary_target"]):
            hosts, best = fold[target]["hosts"], result["fixed_baselines"][target]
            diff = hosts["paired"]["ndcg@5"]
            cells.append(f"{target}: model {hosts['methods']['model']['ndcg@5']['mean']:.3f} vs {best} "
                         f"{hosts['methods'][best]['ndcg@5']['mean']:.3f} [{diff['ci'][0]:+.3f},{diff['ci'][1]:+.3f}]")
        typer.echo(f"fold {year}-{int(year) + 5}: " + "; ".join(cells))
    queries = result["industry_queries"]["pooled"]
    typer.echo("industry queries (NDCG@5, pooled): " + ", ".join(
        f"{rule} {stats['mean']:.3f}" for rule, stats in queries["methods"].items()))
    default = result["default"]
    typer.echo(f"default orderings: region lists by {default['region_rule']}, sites by {default['sites_rule']} "
               f"({default['sites_rule_text']['en']})")
    for line in recent_wave_lines(result["recent_wave"]):
        typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add the model commands to ``app``."""
    app.command("train")(train)
    app.command("evaluate")(evaluate)
