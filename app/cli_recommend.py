"""CLI commands: recommend industries for a region, sites for an industry."""

from __future__ import annotations

import unicodedata

import typer

from app.cli_common import fail, print_json


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (CJK characters count two)."""
    return text + " " * max(0, width - _width(text))


def _scorer():
    """The shipped scorer, or a clear error when the model or the curated data are unusable."""
    from models.api import ArtifactError, DataError, load_scorer

    try:
        return load_scorer()
    except ArtifactError as exc:
        fail(f"{exc} / 模型不可用，请先运行 hostfit train")
    except DataError as exc:
        fail(f"{exc} / 数据表不可用，请运行 hostfit data check 查看")


def _check_top(top: int | None) -> None:
    if top is not None and top < 1:
        fail(f"--top must be at least 1, got {top} / --top 至少为 1")


def _board(scorer, as_of: int | None):
    from models.api import AsOfError

    try:
        return scorer.board(as_of)
    except AsOfError as exc:
        fail(str(exc))


def _resolve(scorer, kind: str, text: str):
    from models.api import UnknownNameError

    try:
        return scorer.region_code(text) if kind == "region" else scorer.industry_code(text)
    except UnknownNameError as exc:
        fail(str(exc))


def _vintage_line(vintage: dict) -> str:
    forward = ", ".join(vintage["brought_forward"]) or "none"
    return (f"data: industry structure from the {vintage['io_year']} IO tables; attributes to "
            f"{vintage['attributes_year']}; national product output to {vintage['products_year']} "
            f"(brings {forward} forward) / 数据：产业结构为 {vintage['io_year']} 年投入产出表，属性数据至 "
            f"{vintage['attributes_year']} 年，全国产品产量至 {vintage['products_year']} 年")


def _declared(entry: dict) -> str:
    declared = entry["declared"]
    return f"{declared['level']}({declared['count']})"


def recommend(
    region: str = typer.Option(..., "--region", help="Region code or name (510000, 四川, Sichuan)."),
    top: int = typer.Option(None, "--top", help="Show only the best N industries."),
    as_of: int = typer.Option(None, "--as-of", help="As-of year (default: latest year with data)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rank the 16 manufacturing groups for a region: 0–100 fit score, pillars, crowding, declared priorities."""
    from models.api import SCORE_NOTE, recommend_answer

    _check_top(top)
    scorer = _scorer()
    code = _resolve(scorer, "region", region)
    answer = recommend_answer(_board(scorer, as_of), code, top=top)
    if as_json:
        print_json(answer)
        return
    typer.echo(f"{answer['name_zh']} {answer['name_en']} ({code}), as of {answer['as_of']}")
    typer.echo(_vintage_line(answer["vintage"]))
    typer.echo(f"{SCORE_NOTE['en']}; base {answer['base_score']:.0f}")
    typer.echo(f"{'#':>3}  {'code':<4} {pad('industry 产业', 34)} {'score':>5}  {'by output':>9}  "
               f"{'crowding':<8}  {'declared':<10}  name")
    for entry in answer["industries"]:
        green = "  [energy-intensive on a coal grid / 高碳落煤电]" if entry["green_flag"] else ""
        typer.echo(f"{entry['rank']:>3}  {entry['industry']:<4} {pad(entry['name_zh'], 34)} {entry['score']:>5.1f}  "
                   f"{entry['scale_rank']:>9}  {entry['crowding_level']:<8}  {_declared(entry):<10}  "
                   f"{entry['name_en']}{green}")
    track = answer["digital_track"]
    typer.echo(f"digital track (H29, not ranked): national computing hub {'yes' if track['hub'] else 'no'}; "
               f"clean-power share {track['clean_power_share'] or float('nan'):.1f}%")


def sites(
    industry: str = typer.Option(..., "--industry", help="Industry code or name (H19, 电子, 汽车)."),
    top: int = typer.Option(None, "--top", help="Show only the best N regions."),
    as_of: int = typer.Option(None, "--as-of", help="As-of year (default: latest year with data)."),
    origin: str = typer.Option(None, "--from", help="Province the industry would move from (广东, Zhejiang)."),
    all_regions: bool = typer.Option(False, "--all-regions",
                                     help="Include the eastern provinces (default: host regions only)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rank host regions for an industry by the 0–100 fit score, optionally from an origin province."""
    from models.api import SCORE_NOTE, sites_answer

    _check_top(top)
    scorer = _scorer()
    code = _resolve(scorer, "industry", industry)
    origin_code = _resolve(scorer, "region", origin) if origin is not None else None
    answer = sites_answer(_board(scorer, as_of), code, top=top, origin=origin_code, all_regions=all_regions)
    if as_json:
        print_json(answer)
        return
    scope = "all regions" if all_regions else "host regions (central, western, north-eastern)"
    typer.echo(f"{code} {answer['name_zh']} {answer['name_en']}, as of {answer['as_of']}, {scope}")
    typer.echo(_vintage_line(answer["vintage"]))
    typer.echo(SCORE_NOTE["en"])
    trend = answer["origin"]
    if trend is not None and trend["change"] is not None:
        typer.echo(f"origin {origin_code}: national share {trend['share_before']:.2f}% ({trend['year_before']}) → "
                   f"{trend['share_now']:.2f}% ({trend['year_now']}), {trend['change']:+.2f} pp")
    extra = f"  {'km':>6}  {'origin pts':>10}" if origin_code is not None else ""
    typer.echo(f"{'#':>3}  {'region':<6} {pad('name 名称', 18)} {'score':>5}  {'in-region':>9}  {'crowding':<8}  "
               f"{'declared':<10}{extra}  name")
    for entry in answer["regions"]:
        more = (f"  {entry['distance_km'] or 0:>6.0f}  {entry['origin_push_points'] or 0:>+10.2f}"
                if origin_code is not None else "")
        typer.echo(f"{entry['rank']:>3}  {entry['region']:<6} {pad(entry['name_zh'], 18)} {entry['score']:>5.1f}  "
                   f"{entry['region_rank']:>9}  {entry['crowding_level']:<8}  {_declared(entry):<10}{more}  "
                   f"{entry['name_en']}")


def register(app: typer.Typer) -> None:
    """Add the scoring commands to ``app``."""
    app.command("recommend")(recommend)
    app.command("sites")(sites)
