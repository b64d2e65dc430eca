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

RD_INTENSITY = feature("rd_intensity", "research", "研发强度", "R&D intensity", "% of GDP",
                       "R&D spending over GDP (latest ≤ t)", SRC)
RESEARCHERS_PC = feature("researchers_per_10k", "research", "万人研发人员", "R&D personnel per 10,000 people",
                         "FTE per 10^4 persons", "R&D personnel full-time equivalent over population", SRC)
PATENTS_PC = feature("patents_per_10k", "research", "万人专利授权", "Patents granted per 10,000 people",
                     "count per 10^4 persons", "Domestic patents granted over population", SRC)
KEY_LABS = feature("state_key_labs", "research", "国家重点实验室", "State key laboratories", "count",
                   "Number of state key laboratories located in the region (latest list ≤ t)", SRC)
UNIVERSITIES = feature("universities", "research", "高校数量", "Higher-education institutions", "count",
                       "Number of MoE-listed higher-education institutions (2022 list; missing before)", SRC)
RESEARCH_LQ = feature("research_services_lq", "research", "科研服务区位商", "Research-services location quotient",
                      "ratio", "Location quotient of scientific research & technical services (H33) in the region's "
                      "output (latest IO year ≤ t): ≥ 1 = a research-heavy economy", "io_panel (provincial IO tables)")
TECH_INFLOW = feature("tech_inflow_share", "research", "技术市场吸纳合同额占GDP", "Technology contracts absorbed",
                      "% of GDP", "Value of technology-market contracts flowing into the region over its GDP "
                      "(latest ≤ t; published from 2000)", SRC + ", attr_macro (NBS)")
TECH_MATCH = feature("tech_match", "research", "技术需求匹配", "Technology match", "index",
                     "The industry's input coefficient from R&D, technical and IT services (%) times the log of the "
                     "region's research-services location quotient: > 0 when a knowledge-hungry industry meets a "
                     "research-heavy region", "io_matrix, io_panel (provincial IO tables)")


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
