"""Product complexity and opportunity gain (Hidalgo–Hausmann eigenvector method).

Computed on the binary specialisation matrix ``M`` (RCA ≥ 1) of a region × industry
output matrix of one year, for the Atlas-style baseline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from features.relatedness import density, presence, proximity, rca


def product_complexity(present: pd.DataFrame) -> pd.Series:
    """Product complexity index (PCI) of every industry.

    The eigenvector of the second-largest eigenvalue of
    ``M̃_pp' = Σ_c M_cp M_cp' / (k_c k_p)``, standardised (mean 0, sd 1) and signed so
    that complexity falls with ubiquity ``k_p``. Industries present nowhere get NaN.
    """
    m = present.to_numpy(dtype=float)
    diversity, ubiquity = m.sum(axis=1), m.sum(axis=0)
    rows, cols = diversity > 0, ubiquity > 0
    m = m[np.ix_(rows, cols)]
    k_c, k_p = diversity[rows], ubiquity[cols]
    transition = (m / k_p).T @ (m / k_c[:, None])
    values, vectors = np.linalg.eig(transition)
    second = np.argsort(-values.real, kind="stable")[1]
    vector = vectors[:, second].real
    pci = (vector - vector.mean()) / vector.std()
    if np.corrcoef(pci, k_p)[0, 1] > 0:
        pci = -pci
    out = pd.Series(np.nan, index=present.columns, dtype=float)
    out[present.columns[cols]] = pci
    return out


def opportunity_gain(present: pd.DataFrame, phi: pd.DataFrame, dens: pd.DataFrame,
                     pci: pd.Series) -> pd.DataFrame:
    """Complexity outlook gain of each region × industry.

    ``COG_cp = Σ_p' φ_pp' / (Σ_p'' φ_p''p') · (1 − M_cp') · PCI_p' − (1 − d_cp) · PCI_p`` with
    distance ``d_cp = 1 − density_cp``: the complexity of the not-yet-specialised
    neighbours that industry ``p`` would bring closer, net of its own proximity-weighted value.
    """
    cols = present.columns
    p = pci.reindex(cols).fillna(0.0).to_numpy()
    weights = phi.loc[cols, cols].to_numpy(dtype=float)
    totals = weights.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(totals > 0, weights / totals, 0.0)
    absent = 1.0 - present.to_numpy(dtype=float)
    gain = (absent * p) @ weights.T - dens.fillna(0.0).to_numpy() * p
    return pd.DataFrame(gain, index=present.index, columns=cols)


def complexity_frame(output: pd.DataFrame, year: int) -> pd.DataFrame:
    """``region, industry, year, pci, cog`` from a region × industry output matrix of ``year``."""
    present = presence(rca(output.fillna(0.0)))
    phi = proximity(present)
    pci = product_complexity(present)
    cog = opportunity_gain(present, phi, density(present, phi), pci)
    frame = cog.rename_axis(index="region", columns="industry").stack(future_stack=True).rename("cog")
    frame = frame.reset_index()
    frame.insert(2, "year", int(year))
    frame.insert(3, "pci", pci.reindex(frame["industry"]).to_numpy())
    return frame
