"""CLI commands: train and evaluate the ranker."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import typer


def _fail(message: str, code: int = 2) -> None:
    from app.cli import _fail as fail

    fail(message, code)


def _print_json(obj) -> None:
    from app.cli import _print_json as print_json

    print_json(obj)


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
    """Select the configuration on validation transitions, train on all transitions and save."""
    from data import DataError
    from models.artifacts import ARTIFACT_DIR, save_model
    from models.training import TEST_YEAR, default_frame, select_variant, train_model

    if out is not None and not out.strip():
        _fail("--out is empty: give the folder for the model files (omit --out for models/artifacts) / "
              "--out 为空，请给出模型文件夹")
    directory = ARTIFACT_DIR if out is None else Path(out)
    if directory.exists() and not directory.is_dir():
        _fail(f"--out {directory} exists and is not a folder")
    reason = writable_folder(directory)
    if reason is not None:
        _fail(f"cannot write the model to {directory}: {reason} / 无法写入模型文件夹")
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
    from models import model_card, reporting
    from models.evaluation import METHODS, evaluate as run_evaluation

    if card:  # check before the evaluation's work, not after it
        for target in (reporting.EVALUATION_PATH, model_card.CARD_PATH):
            reason = _writable_file(target)
            if reason is not None:
                _fail(f"--card cannot write {target}: {reason} / 无法写入 {target.name}")
    try:
        result = run_evaluation()
    except DataError as exc:
        _fail(str(exc))
    if card:
        try:
            _replace_text(reporting.EVALUATION_PATH, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
            model_card.write_card(result, model_card.CARD_PATH)
        except OSError as exc:
            _fail(f"--card cannot write the evaluation: {exc} / 无法写入评估结果")
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


def _replace_text(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then ``os.replace`` it into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def register(app: typer.Typer) -> None:
    """Add the model commands to ``app``."""
    app.command("train")(train)
    app.command("evaluate")(evaluate)
