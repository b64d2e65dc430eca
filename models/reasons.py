"""主要理由: the largest contributions of a fit score, as short sentences with units people use.

For one (region, industry) of a board, features are grouped into topics (a feature and
its within-region rank are one topic), topics are ordered by the absolute score points
they add, and the first ``n`` become one sentence each — a neutral label, the fact with
its unit and year, and which way and how far it moved the score: "上游配套强：该产业 58% 的中间投入来自本省具有优势的产业（+2.1 分）". Values
are converted to the units of statistical yearbooks (亿元, %, 百分点, 千瓦时/元).
Every template states its data year where the value comes from the IO tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from features.catalogue import spec
from features.relative import SUFFIX
from models.board import Board


@dataclass(frozen=True)
class Reason:
    """One reason: the topic (base feature), its score points and the sentence in zh and en."""

    topic: str
    points: float
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        """The sentence in ``lang``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Facts:
    """What a template may say about one (region, industry) of a board."""

    value: float  # the topic's feature value
    rank: int | None  # the region's rank among provinces on that value (1 = highest)
    n_ranked: int
    industry_zh: str
    industry_en: str
    io_year: int | None
    before_year: int | None
    as_of: int


#: topic → (label zh, label en, detail zh, detail en); details are functions of :class:`Facts`
#: returning the sentence after the colon. Labels are neutral: the points say which way it pushed.
Template = tuple[str, str, Callable[[Facts], str], Callable[[Facts], str]]


def _yi(log_wan: float) -> float:
    """亿元 from a log of 万元."""
    return float(np.exp(log_wan)) / 1e4


def _rank_zh(f: Facts) -> str:
    return f"，居全国第 {f.rank} 位" if f.rank else ""


def _rank_en(f: Facts) -> str:
    return f", {_ordinal(f.rank)} of {f.n_ranked} provinces" if f.rank else ""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _up_down_zh(value: float) -> str:
    return "上升" if value >= 0 else "下降"


def _up_down_en(value: float) -> str:
    return "rose" if value >= 0 else "fell"


TEMPLATES: dict[str, Template] = {
    "log_output": (
        "现有产业规模", "Existing output",
        lambda f: f"本省{f.industry_zh}产出 {_yi(f.value):,.0f} 亿元（{f.io_year} 年）{_rank_zh(f)}",
        lambda f: f"the province's {f.industry_en} output was {_yi(f.value) / 10:,.1f} billion yuan in "
                  f"{f.io_year}{_rank_en(f)}"),
    "national_share": (
        "全国份额", "National share",
        lambda f: f"本省{f.industry_zh}产出占全国 {f.value:.1f}%（{f.io_year} 年）{_rank_zh(f)}",
        lambda f: f"the province made {f.value:.1f}% of national {f.industry_en} output in {f.io_year}{_rank_en(f)}"),
    "rca": (
        "专业化程度", "Specialisation",
        lambda f: f"专业化系数 {f.value:.2f}（{f.io_year} 年；大于 1 表示比全国平均更集中）",
        lambda f: f"specialisation ratio {f.value:.2f} in {f.io_year} (above 1 = more concentrated than the nation)"),
    "density": (
        "关联产业", "Related industries",
        lambda f: f"与该产业相关的产业中 {f.value * 100:.0f}% 已在本省形成专业化（{f.io_year} 年）",
        lambda f: f"{f.value * 100:.0f}% of the related industries are specialisations of the province ({f.io_year})"),
    "upstream_presence": (
        "上游配套", "Suppliers",
        lambda f: f"该产业 {f.value * 100:.0f}% 的中间投入来自本省具有优势的产业（{f.io_year} 年）",
        lambda f: f"{f.value * 100:.0f}% of the industry's purchased inputs come from industries the province "
                  f"specialises in ({f.io_year})"),
    "upstream_depth": (
        "上游配套强度", "Supplier depth",
        lambda f: f"供应商产业在本省的平均专业化系数为 {f.value:.2f}（{f.io_year} 年；大于 1 表示比全国平均更集中）",
        lambda f: f"the industry's suppliers have an average specialisation ratio of {f.value:.2f} in the province "
                  f"({f.io_year})"),
    "downstream_presence": (
        "下游市场", "Buyers",
        lambda f: f"该产业 {f.value * 100:.0f}% 的中间产品销往本省具有优势的产业（{f.io_year} 年）",
        lambda f: f"{f.value * 100:.0f}% of the industry's intermediate sales go to industries the province "
                  f"specialises in ({f.io_year})"),
    "east_share": (
        "东部产能", "Capacity in the east",
        lambda f: f"东部省份占全国{f.industry_zh}产出的 {f.value:.0f}%（{f.io_year} 年）",
        lambda f: f"eastern provinces made {f.value:.0f}% of national {f.industry_en} output in {f.io_year}"),
    "east_share_trend": (
        "东部迁出趋势", "Eastern trend",
        lambda f: f"{f.before_year}–{f.io_year} 年东部份额{_up_down_zh(f.value)} {abs(f.value):.1f} 个百分点",
        lambda f: f"the eastern share {_up_down_en(f.value)} by {abs(f.value):.1f} percentage points, "
                  f"{f.before_year}–{f.io_year}"),
    "east_shed": (
        "东部让出产能", "Capacity released by the east",
        lambda f: f"{f.before_year}–{f.io_year} 年东部超比例让出的产出约 {_yi(f.value):,.0f} 亿元",
        lambda f: f"the east gave up about {_yi(f.value) / 10:,.1f} billion yuan of output beyond its "
                  f"proportional share, {f.before_year}–{f.io_year}"),
    "cost_vs_east": (
        "与东部的成本差", "Cost against the east",
        lambda f: f"单位产出劳动成本为东部的 {f.value * 100:.0f}%（{f.io_year} 年）",
        lambda f: f"labour cost per unit of output is {f.value * 100:.0f}% of the east's ({f.io_year})"),
    "east_cost_gap": (
        "东部成本压力", "Cost pressure in the east",
        lambda f: f"东部单位产出劳动成本为中西部的 {f.value * 100:.0f}%（{f.io_year} 年）",
        lambda f: f"eastern labour cost per unit of output is {f.value * 100:.0f}% of the inland level ({f.io_year})"),
    "exit_x_cost": (
        "东部迁出×成本优势", "Eastern exit × cost advantage",
        lambda f: f"东部迁出趋势与本省成本优势的乘积为 {f.value:.2f}",
        lambda f: f"eastern exit × the province's cost advantage = {f.value:.2f}"),
    "exit_x_growth": (
        "东部迁出×本省增长", "Eastern exit × provincial growth",
        lambda f: f"东部迁出趋势与本省经济比重变化的乘积为 {f.value:.2f}",
        lambda f: f"eastern exit × the change in the province's economic weight = {f.value:.2f}"),
    "labour_cost_ratio": (
        "劳动成本", "Labour cost",
        lambda f: f"单位产出劳动报酬为全国平均的 {f.value * 100:.0f}%（{f.io_year} 年）",
        lambda f: f"labour compensation per unit of output is {f.value * 100:.0f}% of the national level ({f.io_year})"),
    "region_labour_share": (
        "全省劳动成本", "Provincial labour cost",
        lambda f: f"全省劳动报酬占产出比例为全国的 {f.value * 100:.0f}%（{f.io_year} 年）",
        lambda f: f"the province's labour share of output is {f.value * 100:.0f}% of the national one ({f.io_year})"),
    "national_market": (
        "全国市场规模", "National market",
        lambda f: f"全国{f.industry_zh}总产出 {_yi(f.value) / 1e4:.1f} 万亿元（{f.io_year} 年）",
        lambda f: f"national {f.industry_en} output was {_yi(f.value) / 1e4:.1f} trillion yuan in {f.io_year}"),
    "national_growth": (
        "全国增长", "National growth",
        lambda f: f"{f.before_year}–{f.io_year} 年全国产出增长 {f.value * 100:.0f}%",
        lambda f: f"national output grew {f.value * 100:.0f}%, {f.before_year}–{f.io_year}"),
    "national_wave": (
        "全国产品产量", "National product output",
        lambda f: f"截至 {f.as_of} 年的五年间，全国主要产品产量年均{'增长' if f.value >= 0 else '下降'} {abs(f.value):.1f}%",
        lambda f: f"national output of its main products {'grew' if f.value >= 0 else 'fell'} {abs(f.value):.1f}% "
                  f"a year in the five years to {f.as_of}"),
    "share_change_prev": (
        "近期势头", "Recent momentum",
        lambda f: f"{f.before_year}–{f.io_year} 年本省全国份额{_up_down_zh(f.value)} {abs(f.value):.2f} 个百分点",
        lambda f: f"the province's national share {_up_down_en(f.value)} by {abs(f.value):.2f} percentage points, "
                  f"{f.before_year}–{f.io_year}"),
    "share_change_lag": (
        "前一期势头", "Earlier momentum",
        lambda f: f"前一期本省全国份额{_up_down_zh(f.value)} {abs(f.value):.2f} 个百分点",
        lambda f: f"in the period before, the province's national share {_up_down_en(f.value)} by "
                  f"{abs(f.value):.2f} percentage points"),
    "share_change_10y": (
        "十年势头", "Ten-year momentum",
        lambda f: f"近两期本省全国份额累计{_up_down_zh(f.value)} {abs(f.value):.2f} 个百分点",
        lambda f: f"over the last two periods the province's national share {_up_down_en(f.value)} by "
                  f"{abs(f.value):.2f} percentage points"),
    "rca_change_prev": (
        "专业化变化", "Change in specialisation",
        lambda f: f"{f.before_year}–{f.io_year} 年专业化系数{_up_down_zh(f.value)} {abs(f.value):.2f}",
        lambda f: f"the specialisation ratio {_up_down_en(f.value)} by {abs(f.value):.2f}, {f.before_year}–{f.io_year}"),
    "share_gap": (
        "追赶空间", "Room to catch up",
        lambda f: f"本省经济比重比该产业全国份额高 {f.value:.1f} 个百分点" if f.value >= 0
        else f"该产业全国份额已比本省经济比重高 {-f.value:.1f} 个百分点",
        lambda f: f"the province's economic weight exceeds its share of the industry by {f.value:.1f} percentage "
                  f"points" if f.value >= 0 else
                  f"its share of the industry exceeds its economic weight by {-f.value:.1f} percentage points"),
    "resource_match": (
        "资源投入匹配", "Resource-input match",
        lambda f: f"该产业对农产品和矿产的需求与本省资源产业的匹配程度为 {f.value:.2f}（越高越匹配）",
        lambda f: f"the industry's farm and mining inputs against the province's resource sectors: match "
                  f"{f.value:.2f} (higher = better match)"),
    "energy_match": (
        "能源投入匹配", "Energy-input match",
        lambda f: f"能源需求与本省电力充裕程度的匹配程度为 {f.value:.2f}（正为匹配，负为缺电）",
        lambda f: f"energy-input needs against the province's power abundance: match {f.value:.2f} "
                  f"(positive = enough power, negative = short)"),
    "power_per_gdp": (
        "电力供应", "Power supply",
        lambda f: f"单位 GDP 发电量 {f.value:.2f} 千瓦时/元",
        lambda f: f"power generation of {f.value:.2f} kWh per yuan of GDP"),
    "clean_power_share": (
        "清洁电力", "Clean power",
        lambda f: f"清洁电力占发电量的 {f.value:.0f}%", lambda f: f"{f.value:.0f}% of generation is clean power"),
    "co2_intensity": (
        "碳排放强度", "Carbon intensity",
        lambda f: f"全国该产业每万元产出排放二氧化碳 {f.value:.2f} 吨",
        lambda f: f"the industry emits {f.value:.2f} t CO2 per 10,000 yuan of output nationally"),
    "green_match": (
        "绿电匹配", "Green-power match",
        lambda f: f"碳排放强度百分位 × 清洁电力占比 = {f.value:.1f}",
        lambda f: f"carbon-intensity percentile × clean-power share = {f.value:.1f}"),
    "coal_grid_flag": (
        "绿色底线", "Green floor",
        lambda f: "高耗能产业落在煤电为主的电网上" if f.value >= 1 else "不属于高耗能落煤电的情形",
        lambda f: "an energy-intensive industry on a coal-heavy grid" if f.value >= 1
        else "not an energy-intensive industry on a coal-heavy grid"),
    "net_import_need": (
        "本地需求缺口", "Local supply gap",
        lambda f: f"本省 {f.value * 100:.0f}% 的需求依靠外部调入（{f.io_year} 年）" if f.value >= 0
        else f"本省产出比本地需求多 {-f.value * 100:.0f}%（{f.io_year} 年）",
        lambda f: f"{f.value * 100:.0f}% of local demand is met from outside ({f.io_year})" if f.value >= 0
        else f"output exceeds local demand by {-f.value * 100:.0f}% ({f.io_year})"),
    "demand_share": (
        "本地需求", "Local demand",
        lambda f: f"本省需求占全国的 {f.value:.1f}%（{f.io_year} 年）{_rank_zh(f)}",
        lambda f: f"the province accounts for {f.value:.1f}% of national demand ({f.io_year}){_rank_en(f)}"),
    "log_gdp": (
        "市场规模", "Market size",
        lambda f: f"地区生产总值 {float(np.exp(f.value)):,.0f} 亿元",
        lambda f: f"GDP of {float(np.exp(f.value)) / 10:,.1f} billion yuan"),
    "secondary_share": (
        "工业比重", "Industrial share",
        lambda f: f"第二产业占 GDP 的 {f.value:.0f}%", lambda f: f"industry and construction are {f.value:.0f}% of GDP"),
    "research_services_lq": (
        "科研服务", "Research services",
        lambda f: f"科学研究和技术服务业专业化系数 {f.value:.2f}（{f.io_year} 年；大于 1 表示比全国平均更集中）",
        lambda f: f"research & technical services specialisation ratio {f.value:.2f} ({f.io_year}; above 1 = "
                  f"more concentrated than the nation)"),
    "tech_match": (
        "技术匹配", "Technology match",
        lambda f: f"该产业的技术服务需求与本省科研实力的匹配程度为 {f.value:.2f}（正为匹配）",
        lambda f: f"the industry's use of technical services against the province's research strength: {f.value:.2f}"),
    "tech_inflow_share": (
        "技术吸纳", "Technology bought",
        lambda f: f"技术市场吸纳合同额占 GDP 的 {f.value:.1f}%",
        lambda f: f"technology contracts bought equal {f.value:.1f}% of GDP"),
    "mining_lq": (
        "矿产资源", "Mining base",
        lambda f: f"采矿业专业化系数 {f.value:.2f}（{f.io_year} 年；大于 1 表示比全国平均更集中）",
        lambda f: f"mining specialisation ratio {f.value:.2f} ({f.io_year}; above 1 = more than the nation)"),
    "agri_lq": (
        "农业基础", "Farming base",
        lambda f: f"农业专业化系数 {f.value:.2f}（{f.io_year} 年；大于 1 表示比全国平均更集中）",
        lambda f: f"agriculture specialisation ratio {f.value:.2f} ({f.io_year}; above 1 = more than the nation)"),
    "coastal": (
        "沿海", "Coast", lambda f: "有出海口" if f.value >= 1 else "无出海口",
        lambda f: "a sea coast" if f.value >= 1 else "no sea coast"),
    "land_border": (
        "沿边", "Land border", lambda f: "有陆地边境口岸条件" if f.value >= 1 else "无陆地边境",
        lambda f: "an international land border" if f.value >= 1 else "no international land border"),
    "new_areas": (
        "国家级新区", "National new areas",
        lambda f: f"拥有 {f.value:.0f} 个国家级新区", lambda f: f"{f.value:.0f} national new area(s)"),
}
#: Values smaller than this print as 0.00 and carry no information a reason could rest on.
NEGLIGIBLE = 0.005
#: Features ranked among provinces (for "居全国第 N 位").
RANKED = {"log_output", "national_share", "demand_share"}


def topic_of(feature: str) -> str:
    """The base feature of a within-region rank feature (else the feature itself)."""
    return feature[: -len(SUFFIX)] if feature.endswith(SUFFIX) else feature


def _names(board: Board, industry: str) -> tuple[str, str]:
    row = board.arrays.industries_table.set_index("industry").loc[industry]
    english = str(row["name_en"])
    return str(row["name_zh"]), english[:1].lower() + english[1:]


def _province_rank(board: Board, feature: str, region: int, industry: str) -> tuple[int | None, int]:
    values = board.panel.column(feature)[:, list(board.arrays.candidates).index(industry)]
    mine = values[board.arrays.position[int(region)]]
    known = values[~np.isnan(values)]
    if np.isnan(mine) or not len(known):
        return None, len(known)
    return int((known > mine).sum()) + 1, len(known)


def stated(topic: str, value: float | None, points: float) -> bool:
    """Whether a topic's contribution may be stated as a reason.

    Not stated: no movement (0 points); a missing or zero value (below :data:`NEGLIGIBLE`, which
    the sentences print as 0.00) shown as pushing the score up (no information cannot be a
    reason for a higher score); and a feature with a known
    direction (:attr:`features.catalogue.FeatureSpec.direction`) whose points go against
    it for the value shown — at its neutral value it moves nothing, on the worse side it
    may only lower the score, on the better side only raise it (a higher labour cost is
    never a reason for a higher score).
    """
    if points == 0:
        return False
    if value is None or np.isnan(float(value)):
        return points < 0
    if points > 0 and abs(float(value)) < NEGLIGIBLE:
        return False
    feature = spec(topic)
    if not feature.direction:
        return True
    side = feature.direction * (float(value) - feature.neutral)
    return bool(side != 0 and np.sign(side) == np.sign(points))


def reasons(board: Board, region: int, industry: str, n: int = 3) -> list[Reason]:
    """The ``n`` largest contributions to the fit score of ``industry`` in ``region`` that may be
    stated (:func:`stated`), as sentences.

    Topics without a template, or whose value is missing, fall back to a generic
    sentence naming the feature and its value.
    """
    result = board.explain(region, industry)
    topics: dict[str, float] = {}
    for item in result["features"]:
        topic = topic_of(item["feature"])
        topics[topic] = topics.get(topic, 0.0) + item["points"]
    values = {item["feature"]: item["value"] for item in result["features"]}
    values.update({k: v for k, v in result["context"].items() if k not in values})
    zh_name, en_name = _names(board, industry)
    vintage = board.vintage()
    before = board.arrays.previous_io_year(vintage["io_year"])
    out = []
    ranked = [(t, p) for t, p in sorted(topics.items(), key=lambda kv: -abs(kv[1])) if stated(t, values.get(t), p)]
    for topic, points in ranked[:n]:
        value = values.get(topic)
        rank, n_ranked = _province_rank(board, topic, region, industry) if topic in RANKED else (None, 0)
        facts = Facts(value=float("nan") if value is None else float(value), rank=rank, n_ranked=n_ranked,
                      industry_zh=zh_name, industry_en=en_name, io_year=vintage["io_year"], before_year=before,
                      as_of=board.as_of)
        out.append(_sentence(topic, points, facts))
    return out


def _effect(points: float) -> tuple[str, str]:
    if points >= 0:
        return f"推高 {points:.1f} 分", f"raises the score by {points:.1f} points"
    return f"拉低 {-points:.1f} 分", f"lowers the score by {-points:.1f} points"


def _sentence(topic: str, points: float, facts: Facts) -> Reason:
    sign_zh, sign_en = _effect(points)
    template = TEMPLATES.get(topic)
    if template is None or np.isnan(facts.value):
        feature = spec(topic)
        value = "无数据" if np.isnan(facts.value) else f"{facts.value:.3g}"
        value_en = "no data" if np.isnan(facts.value) else f"{facts.value:.3g}"
        return Reason(topic, points, f"{feature.label_zh}：{value}（{sign_zh}）",
                      f"{feature.label_en}: {value_en} ({sign_en})")
    label_zh, label_en, detail_zh, detail_en = template
    return Reason(topic, points, f"{label_zh}：{detail_zh(facts)}（{sign_zh}）", f"{label_en}: {detail_en(facts)} ({sign_en})")
