"""产业基础 Industrial base: specialisation, scale and relatedness density."""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.catalogue import feature
from features.frames import by_region, stack
from features.inputs import FeatureInputs, attribute_as_of, io_wide, io_year_as_of
from features.relatedness import density, presence, proximity, rca

SRC = "io_panel (provincial IO tables)"

RCA = feature("rca", "industrial_base", "区位商", "Location quotient (RCA)", "ratio",
              "Region's share of the industry in its own output over the national share; ≥1 = specialised",
              SRC)
NATIONAL_SHARE = feature("national_share", "industrial_base", "全国份额", "National output share", "%",
                         "Region's share of national gross output of the industry", SRC)
LOG_OUTPUT = feature("log_output", "industrial_base", "产业规模(对数)", "Industry scale (log)", "log 万元",
                     "Natural log of 1 + the region's gross output of the industry", SRC)
DENSITY = feature("density", "industrial_base", "关联密度", "Relatedness density", "share 0–1",
                  "Proximity-weighted share of related industries in which the region has RCA ≥ 1 "
                  "(proximity from co-specialisation of all provinces, diagonal excluded)", SRC)
SECONDARY_SHARE = feature("secondary_share", "industrial_base", "第二产业比重", "Secondary-sector share of GDP",
                          "%", "Industry and construction value added over GDP (latest year ≤ t)",
                          "attr_macro (NBS)")


def relatedness_matrices(output: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """RCA, presence, proximity and density of a region × industry output matrix."""
    rca_matrix = rca(output)
    present = presence(rca_matrix)
    phi = proximity(present)
    return {"rca": rca_matrix, "presence": present, "proximity": phi, "density": density(present, phi)}


def build(inputs: FeatureInputs, year: int) -> pd.DataFrame:
    """Industrial-base features for every (region, industry) as of ``year``."""
    output = io_wide(inputs, io_year_as_of(inputs, year))
    mats = relatedness_matrices(output) if not output.empty else {}
    share = output.div(output.sum(axis=0), axis=1) * 100 if not output.empty else output
    secondary = attribute_as_of(inputs, "secondary_share", year)
    return pd.DataFrame({
        RCA: stack(mats.get("rca", output), inputs),
        NATIONAL_SHARE: stack(share, inputs),
        LOG_OUTPUT: stack(np.log1p(output.clip(lower=0)), inputs),
        DENSITY: stack(mats.get("density", output), inputs),
        SECONDARY_SHARE: by_region(secondary, inputs),
    })
