"""科研条件 Research capacity: R&D effort, people, patents, labs, universities.

The yearbook series (R&D intensity, personnel, patents) start in 2010 and the lab
and university lists are single recent years, so they describe a region today but
cannot train a model on 1997–2012 transitions. Two measures reach back to every IO
vintage: the region's specialisation in scientific research & technical services
(H33, from the IO tables) and the technology-market contracts it absorbs (from 2000).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.chain_measures import input_share_from
from features.frames import by_region, stack
from features.inputs import (FeatureInputs, attribute_as_of, flows_as_of, io_wide, io_year_as_of,
                             population_as_of, safe_ratio)
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


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Research-capacity features for every (region, industry) as of ``year``."""
    population = population_as_of(inputs, year)
    per_10k = lambda name: safe_ratio(attribute_as_of(inputs, name, year), population)  # noqa: E731
    io_year = io_year_as_of(inputs, year)
    output = io_wide(inputs, io_year)
    if output.empty:
        match = stack(output, inputs)
        research_lq = pd.Series(np.nan, index=inputs.region_codes)
    else:
        research_lq = rca(output.fillna(0.0))[RESEARCH_SUPPLIER]
        coef = input_share_from(flows_as_of(inputs, io_year), output.sum(axis=0), KNOWLEDGE_SUPPLIERS)
        logged = np.log(research_lq.where(research_lq > 0))
        match = stack(pd.DataFrame(np.outer(logged, coef * 100), index=output.index, columns=output.columns),
                      inputs)
    inflow = safe_ratio(attribute_as_of(inputs, "tech_market_inflow_value", year),
                        attribute_as_of(inputs, "gdp", year) * 1e4) * 100
    return pd.DataFrame({
        RESEARCH_LQ: by_region(research_lq, inputs),
        TECH_INFLOW: by_region(inflow, inputs),
        RD_INTENSITY: by_region(attribute_as_of(inputs, "rd_intensity", year), inputs),
        RESEARCHERS_PC: by_region(per_10k("rd_personnel"), inputs),
        PATENTS_PC: by_region(per_10k("patents_granted"), inputs),
        KEY_LABS: by_region(attribute_as_of(inputs, "state_key_labs", year), inputs),
        UNIVERSITIES: by_region(attribute_as_of(inputs, "universities", year), inputs),
        TECH_MATCH: match,
    })
