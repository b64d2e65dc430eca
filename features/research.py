"""科研条件 Research capacity: R&D effort, people, patents, labs, universities."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.chain_measures import input_share_from
from features.frames import by_region, stack
from features.inputs import (FeatureInputs, attribute_as_of, flows_as_of, io_wide, io_year_as_of,
                             population_as_of, safe_ratio)

SRC = "attr_research (China Statistical Yearbook on Science and Technology, NBS/MOST; MOST; MoE)"
KNOWLEDGE_SUPPLIERS = ["H29", "H33"]

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
TECH_MATCH = feature("tech_match", "research", "技术需求匹配", "Technology match", "index",
                     "The industry's input coefficient from R&D, technical and IT services times the region's "
                     "standardised research capacity (log patents per capita)", "io_matrix + " + SRC)


def research_index(inputs: FeatureInputs, year: int) -> pd.Series:
    """Cross-sectional z-score of log patents granted per capita (NaN where unknown)."""
    patents = safe_ratio(attribute_as_of(inputs, "patents_granted", year),
                         population_as_of(inputs, year))
    logged = np.log(patents.where(patents > 0))
    return (logged - logged.mean()) / logged.std()


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Research-capacity features for every (region, industry) as of ``year``."""
    population = population_as_of(inputs, year)
    per_10k = lambda name: safe_ratio(attribute_as_of(inputs, name, year), population)  # noqa: E731
    io_year = io_year_as_of(inputs, year)
    output = io_wide(inputs, io_year)
    index = research_index(inputs, year)
    if output.empty:
        match = stack(output, inputs)
    else:
        coef = input_share_from(flows_as_of(inputs, io_year), output.sum(axis=0), KNOWLEDGE_SUPPLIERS)
        match = stack(pd.DataFrame(np.outer(index.reindex(output.index), coef * 100),
                                   index=output.index, columns=output.columns), inputs)
    return pd.DataFrame({
        RD_INTENSITY: by_region(attribute_as_of(inputs, "rd_intensity", year), inputs),
        RESEARCHERS_PC: by_region(per_10k("rd_personnel"), inputs),
        PATENTS_PC: by_region(per_10k("patents_granted"), inputs),
        KEY_LABS: by_region(attribute_as_of(inputs, "state_key_labs", year), inputs),
        UNIVERSITIES: by_region(attribute_as_of(inputs, "universities", year), inputs),
        TECH_MATCH: match,
    })
