"""CLI commands: the one-page PDF region report, and the list of industries."""

from __future__ import annotations

from pathlib import Path

import typer

from app.cli_common import fail, os_reason, print_json, shown
from app.cli_recommend import pad
from models.api import write_atomic


def report(
    region: str = typer.Option(None, "--region", help="Region code or name (520000, 贵州, Guizhou)."),
    out: Path = typer.Option(..., "--out", help="PDF file to write (e.g. guizhou.pdf)."),
    lang: str = typer.Option("zh", "--lang", help="zh (default) or en."),
    top: int = typer.Option(6, "--top", help="Industries on the page (3–8)."),
    as_of: int = typer.Option(None, "--as-of", help="As-of year (default: latest year with data)."),
    city: str = typer.Option(None, "--city", help="Prefecture city instead of a province (赣州, Ganzhou, 360700)."),
) -> None:
    """Write a one-page A4 PDF report for a region (or a prefecture city with --city): top industries, scores,
    crowding, reasons, vintage, caveat."""
    from app.cli_recommend import _board, _city_answer, _no_as_of, _resolve, _resolve_city, _scorer
    from app.report_city_pdf import city_report_pdf
    from app.report_pdf import ReportError, region_report_pdf
    from models.api import city_report, region_report

    if (region is None) == (city is None):
        fail("give exactly one of --region or --city / 请只指定 --region 或 --city 之一")
    if lang not in ("zh", "en"):
        fail(f"--lang must be zh or en, got {lang!r} / --lang 只能为 zh 或 en")
    if not 3 <= top <= 8:
        fail(f"--top must be between 3 and 8 for a one-page report, got {top} / 一页报告 --top 须在 3–8 之间")
    if out.suffix.lower() != ".pdf":
        fail(f"--out must be a .pdf file, got {shown(out)} / 输出文件须为 .pdf")
    try:
        is_folder = out.is_dir()
    except OSError as exc:  # e.g. ENAMETOOLONG: a 300-character file name
        fail(f"--out {shown(out)} cannot be used: {os_reason(exc)} / 无法使用该输出路径")
    if is_folder:
        fail(f"--out {shown(out)} is a folder / --out 指向的是文件夹")
    if city is not None:
        _no_as_of(as_of)
        code = _resolve_city(city)
        content = _city_answer(city_report, _board(_scorer(), None), code, top=top)
        render = city_report_pdf
    else:
        scorer = _scorer()
        code = _resolve(scorer, "region", region)
        content = region_report(_board(scorer, as_of), code, top=top)
        render = region_report_pdf
    try:
        data = render(content, lang)
    except ReportError as exc:
        fail(str(exc))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, data)
    except OSError as exc:
        fail(f"cannot write {shown(out)}: {os_reason(exc)} / 无法写入 {shown(out)}")
    typer.echo(f"wrote {out} ({len(data):,} bytes, one A4 page, {len(content['rows'])} industries, "
               f"as of {content['as_of']})")


def industries(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List the 16 manufacturing groups that are ranked, the digital track and the context sectors,
    with the everyday words (汽车, 电池, 光伏 …) each one accepts."""
    from models.api import industry_list

    rows = industry_list()
    if as_json:
        print_json(rows)
        return
    titles = {"transfer": "ranked for transfer / 承接候选（参与排名）", "digital": "digital track / 数字赛道（单列）",
              "resource": "resource base, context only / 资源基础（仅作背景）",
              "network": "utilities, context only / 公用事业（仅作背景）"}
    for track, title in titles.items():
        typer.echo(title)
        for row in (r for r in rows if r["track"] == track):
            words = f"  [{', '.join(row['words'])}]" if row["words"] else ""
            typer.echo(f"  {row['industry']}  {pad(row['name_zh'], 30)} {row['name_en']}{words}")


def register(app: typer.Typer) -> None:
    """Add the report and industries commands to ``app``."""
    app.command("report")(report)
    app.command("industries")(industries)
