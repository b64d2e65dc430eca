"""The ``hostfit`` command line (Typer)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import typer

from app.cli_common import fail as _fail
from app.cli_common import print_json as _print_json
from models.api import DEFAULT_SOURCES

# Plain (click) help: the rich formatter of this Typer/Click pair labels flags "<bool>" as if they took a value.
PLAIN_HELP = {"rich_markup_mode": None, "no_args_is_help": True}
app = typer.Typer(help="hostfit: which industries fit a host region, which regions fit an industry, and why.",
                  add_completion=False, **PLAIN_HELP)
data_app = typer.Typer(help="Build and check the curated data tables.", **PLAIN_HELP)
app.add_typer(data_app, name="data")
features_app = typer.Typer(help="Inspect the feature catalogue and feature values.", **PLAIN_HELP)
app.add_typer(features_app, name="features")


@data_app.command("build")
def data_build(
    sources: Path = typer.Option(DEFAULT_SOURCES, "--sources", help="Raw sources directory."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Rebuild all curated tables from the raw official sources (all or nothing)."""
    from models.api import BuildInterrupted, SourceError, build_data

    start = time.perf_counter()
    try:
        manifest = build_data(sources, progress=not quiet)
    except SourceError as exc:
        _fail(str(exc))
    except BuildInterrupted as exc:
        if exc.committed:
            _fail(f"{exc.name} received after the new tables were committed; the build is complete / "
                  "收到中断信号时新数据表已写入，构建已完成", 128 + exc.signum)
        _fail(f"build interrupted by {exc.name}; nothing was written, the committed tables are untouched / "
              "构建被中断，未写入任何文件，已有数据表保持不变", 128 + exc.signum)
    for name, entry in manifest["tables"].items():
        typer.echo(f"  {name:<24} {entry['rows']:>8} rows  {entry['file']}")
    typer.echo(f"built {len(manifest['tables'])} tables in {time.perf_counter() - start:.1f} s")


@data_app.command("check")
def data_check(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Validate every curated table and print coverage."""
    from models.api import data_summary, format_city_coverage

    summary = data_summary()
    if as_json:
        _print_json(summary)
    else:
        typer.echo(f"regions {summary['regions']}, industries {summary['industries']}, "
                   f"IO years {summary['io_years']}, IO rows {summary['io_rows']}")
        if summary["manifest"]["status"] != "ok":
            typer.echo(f"  [ invalid] MANIFEST.json: {summary['manifest']['error'][:300]}")
        for name, entry in summary["tables"].items():
            typer.echo(f"  [{entry['status']:>8}] {name:<24} {entry['rows']:>8} rows  — {entry['source'][:70]}")
            if entry["status"] != "ok":
                typer.echo(f"             {entry.get('error', '')[:300]}")
        for pillar, attrs in summary["pillars"].items():
            names = ", ".join(f"{a['attribute']} {a['first_year']}–{a['last_year']}" for a in attrs[:8])
            more = f" (+{len(attrs) - 8} more)" if len(attrs) > 8 else ""
            typer.echo(f"  {pillar:<16} {len(attrs):>3} attributes: {names}{more}")
        typer.echo(format_city_coverage(summary))
        answers = summary["answers"]
        typer.echo(f"  [{answers['status']:>8}] precomputed answers (models/artifacts/answers)")
        if answers["status"] == "invalid":
            typer.echo(f"             {answers['error'][:300]}")
    if not summary["ok"]:
        raise typer.Exit(1)


@features_app.command("catalogue")
def features_catalogue(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Print the feature catalogue with coverage by benchmark year.

    The table shows the English unit; ``--json`` gives every field (zh and en label,
    unit and meaning, source) plus the coverage.
    """
    from models.api import DataError, catalogue_with_coverage

    try:
        table, coverage = catalogue_with_coverage()
    except DataError as exc:
        _fail(str(exc))
    if as_json:
        records = table.to_dict(orient="records")
        for rec in records:
            rec["coverage"] = {int(y): round(float(v), 3) for y, v in coverage.loc[rec["name"]].items()}
        _print_json(records)
        return
    years = list(coverage.columns)
    name_width = max(22, int(table["name"].str.len().max()))
    unit_width = int(table["unit_en"].str.len().max())
    typer.echo(f"{'feature':<{name_width}} {'pillar':<16} {'unit':<{unit_width}} "
               + " ".join(f"{y:>5}" for y in years))
    for rec in table.itertuples(index=False):
        cells = " ".join(f"{coverage.loc[rec.name, y]:>5.0%}" for y in years)
        typer.echo(f"{rec.name:<{name_width}} {rec.pillar:<16} {rec.unit_en:<{unit_width}} {cells}  "
                   f"{rec.label_zh} / {rec.label_en}")


@features_app.command("show")
def features_show(
    region: str = typer.Option(..., "--region", help="Region code or name (510000, 四川, Sichuan)."),
    year: int = typer.Option(None, "--year", help="As-of year (default: latest year with data)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Print one region's features for every candidate industry."""
    from models.api import DataError, UnknownNameError, YearOutOfRange, region_features

    try:
        code, year, frame = region_features(region, year)
    except (UnknownNameError, DataError, YearOutOfRange) as exc:
        _fail(str(exc))
    if as_json:
        _print_json({"region": code, "year": year,
                     "industries": {ind: {k: (None if v != v else v) for k, v in row.items()}
                                    for ind, row in frame.to_dict(orient="index").items()}})
    else:
        typer.echo(frame.T.round(3).to_string(line_width=200))


@app.command("app")
def serve_app(
    port: int = typer.Option(8501, "--port", help="Port to serve on (1–65535)."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on (default: this machine only; 0.0.0.0 for all interfaces)."),
    headless: bool = typer.Option(True, "--headless/--open-browser", help="Do not open a browser tab."),
) -> None:
    """Start the Streamlit app on the embedded data (stops its server on Ctrl-C or SIGTERM)."""
    from app.serve import ServeError, serve

    try:
        code = serve(host, port, headless, echo=typer.echo)
    except ServeError as exc:
        _fail(str(exc))
    raise typer.Exit(code)


def _register_subcommands() -> None:
    from app import cli_chains, cli_model, cli_recommend, cli_report

    cli_chains.register(app)
    cli_model.register(app)
    cli_recommend.register(app)
    cli_report.register(app)


_register_subcommands()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    sys.exit(main())
