"""科研条件 Research capacity: R&D effort, people, patents, labs, universities.

The yearbook series (R&D intensity, personnel, patents) start in 2010 and the lab
and university lists are single recent years, so they describe a region today but
cannot train a model on 1997–2012 transitions. Two measures reach back to every IO
vintage: the region's specialisation in scientific research & technical services
(H33, from the IO tables) and the technology-market contracts it absorbs (from 2000).
"""

from __future__ import annotations

import numpy as np

from features.catalogue import feature
from features.chain_measures import input_share_from
from features.context import YearContext, ratio
from features.relatedness import rca

SRC = "attr_research (China Statistical Yearbook on Science and Technology, NBS/MOST; MOST; MoE)"
KNOWLEDGE_SUPPLIERS = ["H29", "H33"]
RESEARCH_SUPPLIER = "H33"

RD_INTENSITY = feature(
    "rd_intensity", "research", label_zh="研发强度", label_en="R&D intensity",
    unit_zh="占 GDP 的 %", unit_en="% of GDP",
    meaning_zh="研究与试验发展（R&D）经费支出占地区生产总值的百分比（取 t 年及以前的最新值）；越高，研发投入越大。",
    meaning_en="R&D spending over GDP (latest ≤ t); higher = more research effort",
    source=SRC)
RESEARCHERS_PC = feature(
    "researchers_per_10k", "research", label_zh="万人研发人员", label_en="R&D personnel per 10,000 people",
    unit_zh="人年/万人", unit_en="FTE person-years per 10⁴ people",
    meaning_zh="R&D 人员全时当量除以人口，折算为每万人的人年数；越高，研发人力越密集。",
    meaning_en="R&D personnel full-time equivalent over population, per 10⁴ people; higher = more research staff",
    source=SRC)
PATENTS_PC = feature(
    "patents_per_10k", "research", label_zh="万人专利授权", label_en="Patents granted per 10,000 people",
    unit_zh="件/万人", unit_en="patents per 10⁴ people",
    meaning_zh="国内专利授权数除以人口，折算为每万人的件数；越高，创新产出越多。",
    meaning_en="Domestic patents granted over population, per 10⁴ people; higher = more inventive output",
    source=SRC)
KEY_LABS = feature(
    "state_key_labs", "research", label_zh="国家重点实验室", label_en="State key laboratories",
    unit_zh="个", unit_en="count",
    meaning_zh="位于本地区的国家重点实验室个数（取 t 年及以前最近一期名单）。",
    meaning_en="Number of state key laboratories located in the region (latest list ≤ t)",
    source=SRC)
UNIVERSITIES = feature(
    "universities", "research", label_zh="高校数量", label_en="Higher-education institutions",
    unit_zh="所", unit_en="count",
    meaning_zh="教育部名单中位于本地区的普通高等学校所数（只有 2022 年名单，之前的年份为缺失）。",
    meaning_en="Number of MoE-listed higher-education institutions (2022 list; missing before)",
    source=SRC)
RESEARCH_LQ = feature(
    "research_services_lq", "research", label_zh="科研服务专业化系数", label_en="Research-services specialisation ratio",
    unit_zh="比值", unit_en="ratio",
    meaning_zh="科学研究和技术服务业（H33）占本地区总产出的比重，除以全国的同一比重（t 年及以前最近一期投入产出表）；"
               "大于等于 1 表示科研服务比重较高的经济。",
    meaning_en="Specialisation ratio of scientific research & technical services (H33) in the region's output "
               "(latest IO year ≤ t): ≥ 1 = a research-heavy economy",
    source="io_panel (provincial IO tables)")
TECH_INFLOW = feature(
    "tech_inflow_share", "research", label_zh="技术市场吸纳合同额占GDP", label_en="Technology contracts absorbed",
    unit_zh="占 GDP 的 %", unit_en="% of GDP",
    meaning_zh="本地区吸纳的技术市场合同成交额占地区生产总值的百分比（取 t 年及以前的最新值；2000 年起公布）；"
               "越高，从外部引进技术越多。",
    meaning_en="Value of technology-market contracts flowing into the region over its GDP (latest ≤ t; "
               "published from 2000); higher = more technology bought in",
    source=SRC + ", attr_macro (NBS)")
TECH_MATCH = feature(
    "tech_match", "research", label_zh="技术需求匹配", label_en="Technology match",
    unit_zh="指数", unit_en="index",
    meaning_zh="该产业来自信息传输、软件和信息技术服务（H29）与科学研究和技术服务（H33）的直接投入系数（%），"
               "乘以本地区科研服务专业化系数的自然对数；知识密集型产业遇上科研实力强的地区时为正。",
    meaning_en="The industry's input coefficient from information & IT services (H29) and scientific research & "
               "technical services (H33), in %, times the log of the region's research-services specialisation "
               "ratio: > 0 when a knowledge-hungry industry meets a research-heavy region",
    source="io_matrix, io_panel (provincial IO tables)")


def compute(ctx: YearContext) -> dict[str, np.ndarray]:
    """Research-capacity features as of the context's year."""
    per_10k = lambda name: ratio(ctx.attr(name), ctx.population)  # noqa: E731
    if ctx.now is None:
        research_lq, match = ctx.nan("r"), ctx.nan()
    else:
        research_lq = rca(np.nan_to_num(ctx.now, nan=0.0))[:, [ctx.column(RESEARCH_SUPPLIER)]]
        research_lq = ctx.present(research_lq)
        coef = input_share_from(ctx.flows, ctx.national[0], ctx.columns(KNOWLEDGE_SUPPLIERS))
        with np.errstate(divide="ignore", invalid="ignore"):
            logged = np.log(np.where(research_lq > 0, research_lq, np.nan))
        match = logged * (coef * 100)[None, :]
    inflow = ratio(ctx.attr("tech_market_inflow_value"), ctx.attr("gdp") * 1e4) * 100
    return {RESEARCH_LQ: research_lq, TECH_INFLOW: inflow, RD_INTENSITY: ctx.attr("rd_intensity"),
            RESEARCHERS_PC: per_10k("rd_personnel"), PATENTS_PC: per_10k("patents_granted"),
            KEY_LABS: ctx.attr("state_key_labs"), UNIVERSITIES: ctx.attr("universities"), TECH_MATCH: match}
