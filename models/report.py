"""The content of the one-page region report: what an official can put in a document.

:func:`region_report` gathers, for one region of a board, the top industries with their
0–100 fit score, the rank by existing output, model-based and declared crowding, three
reasons each, the pillar points for the chart, the data vintage, the backtest caveat in
one sentence and the sources — in Chinese and English. Rendering (PDF) is the app's
(:mod:`app.report_pdf`); the content is plain data, so it is tested without a PDF.
"""

from __future__ import annotations

from datetime import date

from features.catalogue import PILLARS
from models.board import Board
from models.explain import pillar_column
from models.reasons import reasons
from models.reporting import EvaluationMissing, load_evaluation

SOURCES = {
    "zh": ("数据来源：各省统计局编制的省级投入产出表（1997–2017）；国家统计局分省年度数据、主要工业产品产量；"
           "《中国科技统计年鉴》（国家统计局、科技部）；CEADs 分省碳排放清单；国家发改委、工信部及各省规划文件"
           "（重点产业、东数西算枢纽、国家级新区）。"),
    "en": ("Sources: provincial input-output tables compiled by the provincial statistics bureaus (1997–2017); "
           "NBS provincial annual data and output of industrial products; China Statistical Yearbook on Science "
           "and Technology (NBS, MOST); CEADs provincial CO2 inventories; NDRC, MIIT and provincial plans "
           "(priority industries, computing hubs, national new areas)."),
}
METHOD_ZH = {"national_size": "全国产业规模", "scale": "现有产出规模", "density": "关联密度", "industry_prior": "产业先验",
             "persistence": "专业化系数", "momentum": "近期势头", "atlas": "Atlas 综合分",
             "density_persistence": "关联密度+专业化系数", "random": "随机"}
METHOD_EN = {"national_size": "national industry size", "scale": "existing output", "density": "relatedness density",
             "industry_prior": "industry prior", "persistence": "specialisation ratio", "momentum": "momentum",
             "atlas": "Atlas score", "density_persistence": "density + specialisation", "random": "random"}


def caveat(evaluation: dict | None) -> dict[str, str]:
    """The backtest in one sentence (zh and en), from the saved evaluation."""
    if evaluation is None:
        return {"zh": "回测结果缺失，请运行 hostfit evaluate --card；排名仅供决策参考。",
                "en": "The backtest is missing (run hostfit evaluate --card); treat the ranking as one input "
                      "to a decision."}
    check = evaluation["targets"]["rolling"]
    best = check["best_baseline"]
    low, high = check["paired_ci"]
    significant = low > 0
    verdict_zh = "显著优于" if significant else "与之相当、未显著优于"
    verdict_en = "significantly better than" if significant else "on a par with, not significantly better than"
    years = evaluation["protocols"]["rolling"]
    span = f"{years[0][:4]}–{years[-1][-4:]}"
    return {
        "zh": (f"回测（{span} 年三期滚动样本外检验，中西部省份）：模型 NDCG@5 {check['model']:.2f}，"
               f"最佳简单规则“{METHOD_ZH.get(best, best)}” {check['baseline']:.2f}，模型{verdict_zh}该规则；"
               "排名是决策参考之一，不是预测。"),
        "en": (f"Backtest (rolling out-of-time {span}, central and western provinces): model NDCG@5 "
               f"{check['model']:.2f}, best simple rule ({METHOD_EN.get(best, best)}) {check['baseline']:.2f}; "
               f"the model is {verdict_en} that rule. Treat the ranking as one input to a decision, not a forecast."),
    }


def region_report(board: Board, region: int, top: int = 6) -> dict:
    """Everything the one-page report of ``region`` shows (JSON-ready, zh and en texts).

    Returns
    -------
    dict
        ``region, name_zh, name_en, as_of, date, vintage, base_score, pillars`` (used, with labels),
        ``rows`` (per industry: ``rank, industry, name_zh, name_en, score, scale_rank,
        crowding_level, declared_count, declared_level, points`` (pillar → points),
        ``reasons_zh, reasons_en``), ``caveat`` and ``sources`` (zh/en).
    """
    names = board.arrays.regions_table.set_index("region").loc[int(region)]
    rec = board.recommend(region, top=top)
    used = board.explainer.used_pillars()
    rows = []
    for item in rec.to_dict(orient="records"):
        found = reasons(board, region, item["industry"])
        rows.append({"rank": int(item["rank"]), "industry": item["industry"], "name_zh": item["name_zh"],
                     "name_en": item["name_en"], "score": float(item["score"]), "scale_rank": int(item["scale_rank"]),
                     "crowding_level": item["crowding_level"], "declared_count": int(item["declared_count"]),
                     "declared_level": item["declared_level"], "green_flag": bool(item["green_flag"]),
                     "points": {p: float(item[pillar_column(p)]) for p in used},
                     "reasons_zh": [r.zh for r in found], "reasons_en": [r.en for r in found]})
    try:
        evaluation = load_evaluation()
    except EvaluationMissing:
        evaluation = None
    return {"region": int(region), "name_zh": str(names["name_zh"]), "name_en": str(names["name_en"]),
            "as_of": board.as_of, "date": date.today().isoformat(), "vintage": board.vintage(),
            "base_score": float(board.explainer.base_score),
            "pillars": [{"pillar": p, "zh": PILLARS[p][0], "en": PILLARS[p][1]} for p in used],
            "rows": rows, "caveat": caveat(evaluation), "sources": SOURCES}
