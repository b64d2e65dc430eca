"""CLI: the chain layer — ``hostfit chains``, ``recommend --chains`` and ``sites --chain``."""

from __future__ import annotations

import typer

from app.cli_common import fail, pad, print_json


def _strategy(text: str | None) -> str:
    from models.api import strategy_key

    try:
        return strategy_key(text)
    except ValueError as exc:
        fail(str(exc))


def _chain(text: str) -> tuple[str, str | None]:
    from models.api import UnknownNameError, resolve_chain_text

    try:
        return resolve_chain_text(text)
    except UnknownNameError as exc:
        fail(str(exc))


def chains(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List the named chains (光伏, 锂电, 集成电路 …): IO groups, requirement profile and everyday words."""
    from models.api import chains_answer

    answer = chains_answer()
    if as_json:
        print_json(answer)
        return
    typer.echo(f"{'chain':<19} {pad('name 名称', 40)} {'groups':<16} {'power':<6} raw materials / words")
    for row in answer["chains"]:
        groups = ",".join(f"{c}:{w:g}" for c, w in row["groups"].items())
        raw = ",".join(m["id"] for m in row["raw_materials"]) or "-"
        typer.echo(f"{row['chain']:<19} {pad(row['name_zh'], 40)} {groups:<16} {row['power_need']:<6} {raw} / "
                   f"{'、'.join(row['words'][:4])}")


def recommend_chains(scorer, board, region: int, strategy: str | None, top: int | None, as_json: bool) -> None:
    """Print (or emit as JSON) the region's chains under ``strategy``."""
    from models.api import chains_recommend_answer

    answer = chains_recommend_answer(board, region, _strategy(strategy), top)
    if as_json:
        print_json(answer)
        return
    s = answer["strategy"]
    typer.echo(f"{answer['name_zh']} {answer['name_en']} ({answer['region']}), as of {answer['as_of']}, "
               f"strategy {s['zh']} / {s['en']}")
    typer.echo(answer["note"]["en"])
    typer.echo(f"{'#':>3}  {pad('chain 产业链', 44)} {'groups':<14} {'fit':>5} {'attr':>5} {'crowd':>5} "
               f"{'level':<6} {'score':>5}")
    for item in answer["chains"]:
        groups = ",".join(item["groups"])
        typer.echo(f"{item['rank']:>3}  {pad(item['name_zh'], 44)} {groups:<14} {item['fit']:>5.1f} "
                   f"{item['attract']:>5.1f} {item['crowd']:>5.1f} {item['crowd_level']:<6} {item['score']:>5.1f}")
        for reason in item["reasons"]:
            typer.echo(f"       - {reason['zh']}")


def recommend_city_chains(board, city: int, strategy: str | None, top: int | None, as_json: bool) -> None:
    """Print (or emit as JSON) a prefecture city's chains: the province's axes, fit moved by city evidence."""
    from models.api import city_chains_answer

    answer = city_chains_answer(board, city, _strategy(strategy), top)
    if as_json:
        print_json(answer)
        return
    typer.echo(f"{answer['name_zh']} {answer['name_en']} ({answer['city']}), province {answer['province']}, "
               f"as of {answer['as_of']}, strategy {answer['strategy']['zh']} / {answer['strategy']['en']}")
    typer.echo(answer["note"]["en"])
    typer.echo(f"{'#':>3}  {pad('chain 产业链', 44)} {'fit':>5} {'prov':>5} {'evid':>5} {'attr':>5} {'crowd':>5} level")
    for item in answer["chains"]:
        typer.echo(f"{item['rank']:>3}  {pad(item['name_zh'], 44)} {item['fit']:>5.1f} {item['province_fit']:>5.1f} "
                   f"{item['evidence']:>5.2f} {item['attract']:>5.1f} {item['crowd']:>5.1f} {item['crowd_level']}")


def sites_chain(scorer, board, text: str, strategy: str | None, top: int | None, as_json: bool) -> None:
    """Print (or emit as JSON) the host regions ranked by their fit for the chain ``text`` names."""
    from models.api import chain_sites_answer

    chain, note = _chain(text)
    answer = {**chain_sites_answer(board, chain, _strategy(strategy), top), "name_note": note}
    if as_json:
        print_json(answer)
        return
    typer.echo(f"{answer['chain']} {answer['name_zh']} {answer['name_en']} "
               f"({', '.join(answer['groups'])}), as of {answer['as_of']}, {answer['rule']['en']}")
    if note:
        typer.echo(f"note / 说明: {note}")
    typer.echo(f"{'#':>3}  {'region':<6} {pad('name 名称', 18)} {'fit':>5} {'attr':>5} {'crowd':>5}  level")
    for item in answer["regions"]:
        typer.echo(f"{item['rank']:>3}  {item['region']:<6} {pad(item['name_zh'], 18)} {item['fit']:>5.1f} "
                   f"{item['attract']:>5.1f} {item['crowd']:>5.1f}  {item['crowd_level']}")


def register(app: typer.Typer) -> None:
    """Add ``hostfit chains`` to ``app``."""
    app.command("chains")(chains)
