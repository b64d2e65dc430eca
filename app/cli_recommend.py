"""CLI commands: recommend industries for a region, sites for an industry."""

from __future__ import annotations

import typer

from app.cli_common import fail, pad, print_json


def precomputed(kind: str, text: str, as_of: int | None, top: int | None) -> dict | None:
    """The precomputed default answer (see :mod:`app.fast_answers`), or None to compute it."""
    from app.fast_answers import answer
    from models.api import ArtifactError

    try:
        return answer(kind, text, as_of, top)
    except ArtifactError as exc:
        fail(f"{exc} / 预计算结果被改动或损坏，请运行 hostfit train")


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


def _name_note(text: str) -> str | None:
    """What an everyday or partial industry word was taken to mean (光伏 → H18 …), else None."""
    from app.fast_answers import resolve
    from models.api import alias_note

    note = alias_note(text)
    if note is None and resolve("industry", text) is None:  # not an exact code or name
        from models.api import UnknownNameError, resolve_industry_with_note

        try:
            note = resolve_industry_with_note(text)[1]
        except UnknownNameError:
            note = None
    return note


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
    region: str = typer.Option(None, "--region", help="Region code or name (510000, 四川, Sichuan)."),
    city: str = typer.Option(None, "--city", help="Prefecture city instead of a province (赣州, 赣州市, Ganzhou, 360700)."),
    top: int = typer.Option(None, "--top", help="Show only the best N industries."),
    as_of: int = typer.Option(None, "--as-of",
                              help="As-of year (default: latest year with data; province level only)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    by_chain: bool = typer.Option(False, "--chains", help="Rank named chains (光伏, 锂电 …) on fit and "
                                                         "attractiveness instead of the 16 groups."),
    strategy: str = typer.Option(None, "--strategy", help="With --chains: 均衡 (default), 稳妥 or 前瞻."),
) -> None:
    """Rank the 16 manufacturing groups for a region (or a prefecture city with --city): 0–100 score, crowding."""
    _check_top(top)
    if (region is None) == (city is None):
        fail("give exactly one of --region or --city / 请只指定 --region 或 --city 之一")
    if strategy is not None and not by_chain:
        fail("--strategy applies with --chains only / --strategy 仅用于 --chains")
    if by_chain:
        from app.cli_chains import recommend_chains, recommend_city_chains

        scorer = _scorer()
        if city is not None:
            _no_as_of(as_of)
            recommend_city_chains(_board(scorer, None), _resolve_city(city), strategy, top, as_json)
            return
        recommend_chains(scorer, _board(scorer, as_of), _resolve(scorer, "region", region), strategy, top, as_json)
        return
    if city is not None:
        _recommend_city(city, top, as_of, as_json)
        return
    answer = precomputed("region", region, as_of, top)
    if answer is None:
        from models.api import recommend_answer

        scorer = _scorer()
        answer = recommend_answer(_board(scorer, as_of), _resolve(scorer, "region", region), top=top)
    if as_json:
        print_json(answer)
        return
    typer.echo(f"{answer['name_zh']} {answer['name_en']} ({answer['region']}), as of {answer['as_of']}")
    typer.echo(_vintage_line(answer["vintage"]))
    typer.echo(f"{answer['score_note']['en']}; base {answer['base_score']:.0f}")
    typer.echo(f"{answer['ordering']['en']} / {answer['ordering']['zh']}")
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
    industry: str = typer.Option(None, "--industry", help="Industry code or name (H19, 电子, 汽车)."),
    chain: str = typer.Option(None, "--chain", help="A named chain instead of a group (锂电, 光伏, 集成电路)."),
    top: int = typer.Option(None, "--top", help="Show only the best N regions."),
    as_of: int = typer.Option(None, "--as-of", help="As-of year (default: latest year with data)."),
    origin: str = typer.Option(None, "--from", help="Where the industry would move from: a province (广东, Zhejiang), "
                                                    "a prefecture city (深圳, 东莞, 苏州) or 珠三角 / 长三角; nearer "
                                                    "hosts move up (1/3 weight on nearness)."),
    all_regions: bool = typer.Option(False, "--all-regions",
                                     help="Include the eastern provinces (default: host regions only)."),
    level: str = typer.Option("province", "--level", help="province (default) or city (prefecture cities)."),
    province: str = typer.Option(None, "--province",
                                 help="With --level city: only this province's cities (default: all host provinces)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rank host regions (or prefecture cities with --level city) for an industry, optionally from an origin."""
    _check_top(top)
    if (industry is None) == (chain is None):
        fail("give exactly one of --industry or --chain / 请只指定 --industry 或 --chain 之一")
    if chain is not None:
        if level != "province" or origin is not None or all_regions or province is not None:
            fail("--chain ranks host provinces only (no --level city, --from, --all-regions) / "
                 "--chain 仅对省级承接地排序")
        from app.cli_chains import sites_chain

        scorer = _scorer()
        sites_chain(scorer, _board(scorer, as_of), chain, None, top, as_json)
        return
    if level not in LEVELS:
        fail(f"--level must be province or city, got {level!r} / --level 只能为 province（省）或 city（市）")
    if level == "city":
        _sites_city(industry, province, top, as_of, origin, all_regions, as_json)
        return
    if province is not None:
        fail("--province only applies with --level city / --province 仅用于 --level city（城市层）")
    default = origin is None and not all_regions
    answer = precomputed("industry", industry, as_of, top) if default else None
    origin_code = None
    if answer is None:
        from models.api import sites_answer

        scorer = _scorer()
        code = _resolve(scorer, "industry", industry)
        origin_code = _resolve_origin(origin) if origin is not None else None
        answer = sites_answer(_board(scorer, as_of), code, top=top, origin=origin_code, all_regions=all_regions)
    from models.api import names_chain

    answer = {**answer, "name_note": _name_note(industry), "chain": names_chain(industry)}
    if as_json:
        print_json(answer)
        return
    scope = "all regions" if all_regions else "host regions (central, western, north-eastern)"
    typer.echo(f"{answer['industry']} {answer['name_zh']} {answer['name_en']}, as of {answer['as_of']}, {scope}")
    if answer["name_note"]:
        typer.echo(f"note / 说明: {answer['name_note']}")
    if answer["chain"]:
        typer.echo(f"chain / 产业链: '{industry}' names the chain {answer['chain']}: hostfit sites --chain "
                   f"{answer['chain']} / 按产业链排序请用 --chain")
    typer.echo(_vintage_line(answer["vintage"]))
    typer.echo(answer["score_note"]["en"])
    typer.echo(f"{answer['ordering']['en']} / {answer['ordering']['zh']}")
    trend = answer["origin"]
    if trend is not None:
        typer.echo(f"from {trend['name_zh']} {trend['name_en']}: nearer hosts move up (order = 2/3 rank by the "
                   f"rule + 1/3 rank by nearness) / 离迁出地越近排名越靠前")
    if trend is not None and trend["change"] is not None:
        typer.echo(f"origin {trend['name_en']}: national share {trend['share_before']:.2f}% ({trend['year_before']}) → "
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


# ---------------------------------------------------------------------- city level
LEVELS = ("province", "city")


def _no_as_of(as_of: int | None) -> None:
    """City evidence is from 2018–2025: the city layer answers for the latest board only."""
    if as_of is not None:
        fail("--as-of is not available at city level: the city evidence is from 2018–2025 / "
             "城市层不支持 --as-of：城市证据为 2018–2025 年数据")


def _resolve_place(text: str, resolver: str):
    """``models.api.<resolver>(text)``, or a clear error (unknown name, unusable city tables)."""
    import models.api
    from models.api import DataError, UnknownNameError

    try:
        return getattr(models.api, resolver)(text)
    except UnknownNameError as exc:
        fail(str(exc))
    except DataError as exc:
        fail(f"{exc} / 城市数据表不可用，请运行 hostfit data check 查看")


def _resolve_origin(text: str):
    """The origin of ``--from``: a province, a prefecture city or 珠三角 / 长三角."""
    return _resolve_place(text, "resolve_origin")


def _resolve_city(text: str) -> int:
    return _resolve_place(text, "resolve_city")


def _city_answer(build, *args, **kwargs) -> dict:
    """``build(*args, **kwargs)``, or a clear error when the city tables are unusable."""
    from models.api import DataError

    try:
        return build(*args, **kwargs)
    except DataError as exc:
        fail(f"{exc} / 城市数据表不可用，请运行 hostfit data check 查看")


def _city_vintage_lines(answer: dict) -> list[str]:
    v = answer["vintage"]
    census = "/".join(str(y) for y in v["census_years"])
    return [f"city data: development zones {v['zones_year']} catalogue; listed firms {v['firms_list']}; steel "
            f"capacity {v['steel_year']} (GEM); census {census} / 城市数据：开发区 {v['zones_year']} 年目录，上市公司 "
            f"{v['firms_year']} 年名单，钢铁产能 {v['steel_year']} 年，人口普查 {census} 年",
            "province " + _vintage_line(v["province"]),
            f"note: {answer['note']['en']}", f"说明：{answer['note']['zh']}"]


def _crowd_cell(item: dict) -> str:
    crowd = item["crowding"]
    ratio = "–" if crowd["ratio"] is None else f"{crowd['ratio']:.2f}"
    return f"{crowd['level']}({ratio})"


CITY_UNITS = ("units: city / prov = 0–100 scores; evidence 0–1; zones = zones declaring it (2018); firms = listed "
              "firms (new = listed 2018 on); crowding = level (peer share ÷ chance); nationwide = zones")


def _recommend_city(city: str, top: int | None, as_of: int | None, as_json: bool) -> None:
    from models.api import city_recommend_answer

    _no_as_of(as_of)
    code = _resolve_city(city)
    answer = _city_answer(city_recommend_answer, _board(_scorer(), None), code, top=top)
    if as_json:
        print_json(answer)
        return
    facts = answer["facts"]
    growth = "n/a" if facts["population_growth_pct"] is None else f"{facts['population_growth_pct']:+.1f}%"
    typer.echo(f"{answer['name_zh']} {answer['name_en']} ({code}), {answer['province_zh']} {answer['province_en']}; "
               f"city level, province board as of {answer['as_of']}")
    for line in _city_vintage_lines(answer):
        typer.echo(line)
    typer.echo(f"population {facts['population_2020'] / 1e6:.2f} million (2020), {growth} since 2010; "
               f"{facts['zones']} development zones, {facts['zones_declaring_manufacturing']} declaring a "
               f"manufacturing group")
    typer.echo(CITY_UNITS)
    typer.echo(f"{'#':>3}  {'code':<4} {pad('industry 产业', 30)} {'city':>5} {'prov':>5} {'evid.':>5} {'zones':>5} "
               f"{'firms':>5} {'new':>3}  {pad('crowding', 12)} {'nationwide':>10}  name")
    for item in answer["industries"]:
        typer.echo(f"{item['rank']:>3}  {item['industry']:<4} {pad(item['industry_zh'], 30)} {item['score']:>5.1f} "
                   f"{item['province_score']:>5.1f} {item['evidence']:>5.2f} {item['zones_declaring']:>5} "
                   f"{item['listed_firms']:>5} {item['listed_recent']:>3}  {pad(_crowd_cell(item), 12)} "
                   f"{item['zones_nationwide']:>10}  {item['industry_en']}")
    for item in answer["industries"][:3]:
        typer.echo(f"- {item['nationwide_sentence']['zh']} / {item['nationwide_sentence']['en']}")
        if item["crowding"]["alternatives"]:
            typer.echo(f"  crowding high, less-crowded alternatives / 拥挤度高，较不拥挤的备选: "
                       f"{', '.join(item['crowding']['alternatives'])}")


def _sites_city(industry: str, province: str | None, top: int | None, as_of: int | None, origin: str | None,
                all_regions: bool, as_json: bool) -> None:
    from models.api import city_sites_answer

    _no_as_of(as_of)
    scorer = _scorer()
    code = _resolve(scorer, "industry", industry)
    province_code = _resolve(scorer, "region", province) if province is not None else None
    origin_code = _resolve(scorer, "region", origin) if origin is not None else None
    answer = _city_answer(city_sites_answer, _board(scorer, None), code, province=province_code, top=top,
                          origin=origin_code, all_regions=all_regions)
    if as_json:
        print_json(answer)
        return
    if province_code is not None:
        scope = f"cities of {answer['province_zh']} {answer['province_en']}"
    else:
        scope = "cities of all provinces" if all_regions else "cities of the host provinces"
        scope += f" except {answer['origin']['name_en']}" if origin_code is not None else ""
    typer.echo(f"{code} {answer['name_zh']} {answer['name_en']}, {scope}; province board as of {answer['as_of']}")
    for line in _city_vintage_lines(answer):
        typer.echo(line)
    typer.echo(f"{answer['nationwide_sentence']['zh']} / {answer['nationwide_sentence']['en']}")
    typer.echo(CITY_UNITS + ("; km = city centroid to the origin province's centroid" if origin_code else ""))
    extra = f" {'km':>6}" if origin_code is not None else ""
    typer.echo(f"{'#':>3}  {'city':<6} {pad('name 名称', 18)} {pad('province 省', 14)} {'city':>5} {'prov':>5} "
               f"{'evid.':>5} {'zones':>5} {'firms':>5} {'new':>3}  {pad('crowding', 12)}{extra}  name")
    for item in answer["cities"]:
        more = f" {item['distance_km'] or 0:>6.0f}" if origin_code is not None else ""
        typer.echo(f"{item['rank']:>3}  {item['city']:<6} {pad(item['name_zh'], 18)} {pad(item['province_zh'], 14)} "
                   f"{item['score']:>5.1f} {item['province_score']:>5.1f} {item['evidence']:>5.2f} "
                   f"{item['zones_declaring']:>5} {item['listed_firms']:>5} {item['listed_recent']:>3}  "
                   f"{pad(_crowd_cell(item), 12)}{more}  {item['name_en']}")


def register(app: typer.Typer) -> None:
    """Add the scoring commands to ``app``."""
    app.command("recommend")(recommend)
    app.command("sites")(sites)
