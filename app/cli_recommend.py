"""CLI commands: recommend industries for a region, sites for an industry."""

from __future__ import annotations

import math

import typer

from features.catalogue import PILLARS


def _fail(message: str, code: int = 2) -> None:
    from app.cli import _fail as fail

    fail(message, code)


def _print_json(obj) -> None:
    from app.cli import _print_json as print_json

    print_json(obj)


def _scorer():
    """The shipped scorer, or a clear error when the model or the curated data are unusable."""
    from data import DataError
    from models.artifacts import ArtifactError
    from models.scoring import load_scorer

    try:
        return load_scorer()
    except ArtifactError as exc:
        _fail(f"{exc} / 模型不可用，请先运行 hostfit train")
    except DataError as exc:
        _fail(f"{exc} / 数据表不可用，请运行 hostfit data check 查看")


def _number(value) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def _pillars(row: dict) -> dict[str, float]:
    return {p: float(row[f"pillar_{p}"]) for p in PILLARS}


def _crowding(row: dict) -> dict:
    return {"crowding_level": row["crowding_level"], "crowding_count": int(row["crowding_count"]),
            "crowding_weighted": round(float(row["crowding_weighted"]), 4),
            "rivals": [int(r) for r in row["rivals"]], "green_flag": bool(row["green_flag"])}


def _check_top(top: int | None) -> None:
    if top is not None and top < 1:
        _fail(f"--top must be at least 1, got {top}")


def _ranked(kind: str, text: str, as_of: int | None, top: int | None):
    """Resolve ``text`` (a region or an industry), rank for it, and fail cleanly on bad input.

    Returns the scorer, the resolved code, the as-of year used and the ranked rows.
    """
    from data.resolve import UnknownNameError
    from models.scoring import AsOfError

    _check_top(top)
    scorer = _scorer()
    try:
        if kind == "region":
            code = scorer.region_code(text)
            table = scorer.recommend(code, as_of=as_of, top=top)
        else:
            code = scorer.industry_code(text)
            table = scorer.sites(code, as_of=as_of, top=top)
    except (UnknownNameError, AsOfError) as exc:
        _fail(str(exc))
    year = scorer.inputs.latest_year if as_of is None else as_of
    return scorer, code, year, table.to_dict(orient="records")


def _top_pillars(row: dict, n: int = 2) -> str:
    pillars = sorted(PILLARS, key=lambda p: -abs(row[f"pillar_{p}"]))[:n]
    return " ".join(f"{p}{row[f'pillar_{p}']:+.2f}" for p in pillars)


def recommend(
    region: str = typer.Option(..., "--region", help="Region code or name (510000, 四川, Sichuan)."),
    top: int = typer.Option(None, "--top", help="Show only the best N industries."),
    as_of: int = typer.Option(None, "--as-of", help="As-of year (default: latest year with data)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rank the candidate industries for a region, with pillar contributions and crowding."""
    scorer, code, year, records = _ranked("region", region, as_of, top)
    names = scorer.inputs.regions.set_index("region").loc[code]
    if as_json:
        _print_json({
            "region": code, "name_zh": names["name_zh"], "name_en": names["name_en"], "as_of": year,
            "industries": [{
                "rank": int(r["rank"]), "industry": r["industry"], "name_zh": r["name_zh"],
                "name_en": r["name_en"], "score": float(r["score"]), "base_value": float(r["base_value"]),
                "pillars": _pillars(r), **_crowding(r),
                "alternatives": list(r["alternatives"]), "origins": [int(o) for o in r["origins"]],
            } for r in records]})
        return
    typer.echo(f"{names['name_zh']} {names['name_en']} ({code}), as of {year}: score = base "
               f"{records[0]['base_value']:+.3f} + pillar contributions")
    typer.echo(f"{'#':>3} {'code':<4} {'industry':<34} {'score':>7}  {'crowding':<8} {'rivals':>6}  "
               f"{'top pillars':<34} alternatives")
    for r in records:
        green = " [coal-grid]" if r["green_flag"] else ""
        alternatives = ",".join(r["alternatives"])
        typer.echo(f"{r['rank']:>3} {r['industry']:<4} {(r['name_zh'] + ' ' + r['name_en'])[:34]:<34} "
                   f"{r['score']:>+7.3f}  {r['crowding_level']:<8} {r['crowding_count']:>6}  "
                   f"{_top_pillars(r):<34} {alternatives}{green}")


def sites(
    industry: str = typer.Option(..., "--industry", help="Industry code or name (H19, 电子, Communication)."),
    top: int = typer.Option(None, "--top", help="Show only the best N regions."),
    as_of: int = typer.Option(None, "--as-of", help="As-of year (default: latest year with data)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rank the regions for an industry, with pillar contributions and crowding."""
    from models.scoring import SITE_SCORE_NOTE

    scorer, code, year, records = _ranked("industry", industry, as_of, top)
    names = scorer.inputs.industries.set_index("industry").loc[code]
    if as_json:
        _print_json({
            "industry": code, "name_zh": names["name_zh"], "name_en": names["name_en"], "as_of": year,
            "site_score": SITE_SCORE_NOTE, "origins": scorer.origins(code, as_of),
            "regions": [{
                "rank": int(r["rank"]), "region": int(r["region"]), "name_zh": r["name_zh"],
                "name_en": r["name_en"], "macro_region": r["macro_region"],
                "site_score": _number(r["site_score"]), "region_rank": int(r["region_rank"]),
                "score": float(r["score"]), "base_value": float(r["base_value"]), "pillars": _pillars(r),
                **_crowding(r),
            } for r in records]})
        return
    typer.echo(f"{code} {names['name_zh']} {names['name_en']}, as of {year} "
               f"(site score = within-region z-score of the industry's score)")
    typer.echo(f"{'#':>3} {'region':<6} {'name':<24} {'macro':<9} {'site':>6} {'in-reg':>6} {'score':>7}  "
               f"{'crowding':<8} {'rivals':>6}  top pillars")
    for r in records:
        typer.echo(f"{r['rank']:>3} {r['region']:<6} {(r['name_zh'] + ' ' + r['name_en'])[:24]:<24} "
                   f"{r['macro_region']:<9} {r['site_score']:>+6.2f} {r['region_rank']:>6} {r['score']:>+7.3f}  "
                   f"{r['crowding_level']:<8} {r['crowding_count']:>6}  {_top_pillars(r)}")


def register(app: typer.Typer) -> None:
    """Add the scoring commands to ``app``."""
    app.command("recommend")(recommend)
    app.command("sites")(sites)
