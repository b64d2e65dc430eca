"""The recent-wave section of the model card (both languages), from the ``recent_wave`` evaluation block."""

from __future__ import annotations

from models.recent_wave import DESCRIPTIONS_ZH

METHOD_ZH = {"model": "模型", "chains": "产业链默认排序", "existing_output": "现有产出（门类）", "product_share": "产品份额", "density": "关联密度",
             "share_gap": "份额差", "national_size": "全国产业规模", "random": "随机（期望值）"}
#: English names of the curated units that are written in Chinese.
UNIT_EN = {"亿元": "10^8 CNY"}
#: Chinese names of the curated units written in English.
UNIT_ZH = {"10^4 t": "万吨", "weighted cases": "重量箱", "units": "辆"}
QUERY_TITLE = {"region": ("region queries: each host ranks the items", "省内排序：每个承接省给各产品排序"),
               "item": ("item queries: each item ranks the hosts", "产品内排序：每个产品给各承接省排序")}
QUERY_SHORT = {"region": ("region queries", "省内排序"), "item": ("item queries", "产品内排序")}
TEXT = {
    "title": ("## Recent wave: features as of 2017 against 2017→2022 and 2017→2024 output",
              "## 近期检验：以 2017 年指标对照 2017→2022 与 2017→2024 年产量"),
    "body": (
        "The IO tables end in 2017. This check ranks with data up to 2017 only and compares with what happened "
        "after: the change of each central/western host's national share of official product series (NBS output "
        "by province; high-tech manufacturing revenue stands in for electronics). Relevance is graded within "
        "each query (0 for a change ≤ 0, quartiles of the positive changes); missing values stay missing; "
        "queries without a positive change are dropped. NDCG ties (items of the same IO group) are averaged, so "
        "`random` is the exact expectation. Means over queries with 90% bootstrap CIs; last column: model − "
        "method, paired by query. Region queries have only about ten items: NDCG@3 is shown beside NDCG@5.",
        "投入产出表止于 2017 年。本检验只用 2017 年及以前的数据排序，再与之后实际发生的情况对照：中西部各承接省在官方产品序列"
        "（国家统计局分省产量；电子以高技术产业主营业务收入代表）中全国份额的变化。相关度在每个查询内分级（变化 ≤ 0 为 0 级，"
        "正变化按四分位分为 1–4 级）；缺失值保持缺失；没有正变化的查询剔除。同一投入产出门类的产品得分并列，NDCG 对并列取"
        "平均，因此“随机”为精确期望值。各查询均值，括号内为自助抽样 90% 置信区间；最后一列为模型减该方法（按查询配对）。"
        "省内排序只有约十个产品，因此同时给出 NDCG@3。"),
    "model": ("Model: configuration `{config}` refitted on the shipped training set ({spans}); the last "
              "transition ends in {last}, so no outcome year was seen.",
              "模型：配置 `{config}`，在发布模型的训练集（{spans}）上重新拟合；最后一个转移期止于 {last} 年，未见到任何结果年份。"),
    "items": ("Items (IO group; outcome years; hosts with an outcome):", "产品（投入产出门类；结果年份；有结果的承接省数）："),
    "methods": ("Methods:", "方法："),
    "below_random": (" **Here the model scores below the random expectation.**", "**此处模型低于随机排序的期望值。**"),
    "verdict": ("{window}, {query}: model {model:.3f} vs existing output {base:.3f}, difference {diff:+.3f} "
                "[{low:+.3f}, {high:+.3f}] — {word}; best rule: {best} {best_value:.3f}; random order {random:.3f}.",
                "{window}，{query}：模型 {model:.3f}，现有产出 {base:.3f}，差值 {diff:+.3f} [{low:+.3f}, {high:+.3f}]"
                "——{word}；最佳规则：{best} {best_value:.3f}；随机排序 {random:.3f}。"),
}
DEFAULT_TEXT = (
    "Shipped defaults against existing output (NDCG@5, paired 90% CI): {lines}.",
    "发布的默认排序对照现有产出（NDCG@5，配对 90% 置信区间）：{lines}。")
DEFAULT_KIND = {"region": ("16-group region lists", "16 门类省内榜单"), "chains": ("chain lists", "产业链榜单"),
                "item": ("sites view", "选址排序")}
VERDICT = {"better": ("the model beats existing output", "模型优于现有产出"),
           "worse": ("the model is worse than existing output", "模型差于现有产出"),
           "ahead": ("the model is ahead of existing output but not significantly: it does not beat it",
                     "模型略高于现有产出但不显著：不能算胜过"),
           "behind": ("the model does not beat existing output (it is behind, within the noise)",
                      "模型未胜过现有产出（略低，在误差范围内）")}


def _t(key: str, lang: str) -> str:
    en, zh = TEXT[key]
    return zh if lang == "zh" else en


def _method(name: str, lang: str) -> str:
    return METHOD_ZH.get(name, name) if lang == "zh" else name


def _ci(stat: dict, sign: str = "") -> str:
    return f"{stat['mean']:{sign}.3f} [{stat['ci'][0]:{sign}.3f}, {stat['ci'][1]:{sign}.3f}]"


def verdict(result: dict) -> str:
    """``better``/``worse``/``ahead``/``behind`` of the model against existing output (NDCG@5, paired
    90% CI; ``ahead``/``behind``: the CI contains 0)."""
    diff = result["paired"]["existing_output"]["ndcg@5"]
    low, high = diff["ci"]
    if low > 0:
        return "better"
    if high < 0:
        return "worse"
    return "ahead" if diff["mean"] > 0 else "behind"


def _table(result: dict, lang: str) -> list[str]:
    head = ("| 方法 | NDCG@5 | NDCG@3 | 模型 − 方法 NDCG@5 |" if lang == "zh"
            else "| method | NDCG@5 | NDCG@3 | model − method NDCG@5 |")
    lines = [head, "|---|---|---|---|"]
    for method, stats in result["methods"].items():
        label = f"**{_method(method, lang)}**" if method == "model" else _method(method, lang)
        paired = result["paired"].get(method)
        lines.append(f"| {label} | {_ci(stats['ndcg@5'])} | {_ci(stats['ndcg@3'])} | "
                     f"{_ci(paired['ndcg@5'], '+') if paired else '—'} |")
    return lines


def _verdicts(block: dict, lang: str) -> list[str]:
    lines = []
    for window, by_query in block["results"].items():
        for query, result in by_query.items():
            methods = result["methods"]
            diff = result["paired"]["existing_output"]["ndcg@5"]
            en, zh = VERDICT[verdict(result)]
            best = result["best_baseline"]
            lines.append("- " + _t("verdict", lang).format(
                window=window.replace("-", "→"), query=QUERY_SHORT[query][lang == "zh"],
                model=methods["model"]["ndcg@5"]["mean"], base=methods["existing_output"]["ndcg@5"]["mean"],
                diff=diff["mean"], low=diff["ci"][0], high=diff["ci"][1], word=zh if lang == "zh" else en,
                best=_method(best, lang), best_value=methods[best]["ndcg@5"]["mean"],
                random=methods["random"]["ndcg@5"]["mean"])
                + (_t("below_random", lang) if methods["model"]["ndcg@5"]["mean"] < methods["random"]["ndcg@5"]["mean"]
                   else ""))
    return lines


def _defaults(block: dict, lang: str) -> list[str]:
    """One line: each shipped default ordering's recent-wave NDCG@5 minus existing output's."""
    zh = lang == "zh"
    parts = []
    for window, by_query in block["results"].items():
        for kind, method in block.get("defaults", {}).items():
            query = "item" if kind == "item" else "region"
            result = by_query[query]
            if method == "existing_output":
                parts.append(f"{window.replace('-', '→')} {DEFAULT_KIND[kind][zh]}: "
                             f"{_method(method, lang)} {result['methods'][method]['ndcg@5']['mean']:.3f}")
                continue
            diff = result.get("versus_existing_output", {}).get(method)
            if diff is None:
                continue
            stat = diff["ndcg@5"]
            parts.append(f"{window.replace('-', '→')} {DEFAULT_KIND[kind][zh]} ({_method(method, lang)}): "
                         f"{result['methods'][method]['ndcg@5']['mean']:.3f}, {stat['mean']:+.3f} "
                         f"[{stat['ci'][0]:+.3f}, {stat['ci'][1]:+.3f}]")
    return [DEFAULT_TEXT[zh].format(lines=("；" if zh else "; ").join(parts))] if parts else []


def _items(block: dict, lang: str) -> list[str]:
    lines = []
    for item in block["items"]:
        spans = "; ".join(f"{w['start']}→{w['end']} ({w['hosts_with_outcome']})" for w in item["windows"].values())
        name = item["name_zh"] if lang == "zh" else item["name_en"]
        unit = UNIT_EN.get(item["unit"], item["unit"]) if lang != "zh" else UNIT_ZH.get(item["unit"], item["unit"])
        lines.append(f"- {name} ({item['industry']}, {unit}): {spans or '—'}")
    return lines


def render_recent_wave(block: dict, lang: str = "en") -> list[str]:
    """Markdown lines of the recent-wave section in ``lang`` ('en' or 'zh')."""
    model = block["model"]
    spans = ", ".join(model["train_transitions"])
    descriptions = DESCRIPTIONS_ZH if lang == "zh" else block["descriptions"]
    lines = [_t("title", lang), "", _t("body", lang), "",
             _t("model", lang).format(config=model["config"], spans=spans, last=model["last_transition_end"]), "",
             *_verdicts(block, lang), "", *_defaults(block, lang), "", _t("items", lang), "", *_items(block, lang), "", _t("methods", lang), "",
             *[f"- {_method(m, lang)}: {descriptions[m]}" for m in block["methods"]]]
    for window, by_query in block["results"].items():
        for query, result in by_query.items():
            title = QUERY_TITLE[query][lang == "zh"]
            count = result["queries"]["kept"]
            lines += ["", f"### {window.replace('-', '→')} · {title} ({count})", "", *_table(result, lang)]
    return lines


def recent_wave_lines(block: dict) -> list[str]:
    """Plain-text lines of the recent-wave results for the CLI (English, like the other protocols)."""
    lines = []
    for window, by_query in block["results"].items():
        for query, result in by_query.items():
            lines.append(f"recent wave {window.replace('-', '→')}: {QUERY_SHORT[query][0]} "
                         f"({result['queries']['kept']} queries), features as of {block['as_of']}")
            for method, stats in result["methods"].items():
                paired = result["paired"].get(method)
                versus = f"  model − it {_ci(paired['ndcg@5'], '+')}" if paired else ""
                lines.append(f"  {method:<16} NDCG@5 {_ci(stats['ndcg@5'])}  NDCG@3 {_ci(stats['ndcg@3'])}{versus}")
            lines.append(f"  vs existing output: {VERDICT[verdict(result)][0]}")
    return lines
