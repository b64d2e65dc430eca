"""Revealed comparative advantage, proximity and relatedness density.

Implemented directly in numpy (not via py-ecomplexity, whose NaN handling is
unreliable under pandas 3). All functions take a region × industry matrix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def rca(output: pd.DataFrame) -> pd.DataFrame:
    """Balassa RCA / location quotient of a region × industry output matrix.

    ``RCA_ri = (x_ri / x_r) / (x_i / x)``. Rows or columns with zero total give NaN.
    """
    x = output.to_numpy(dtype=float)
    region_total = x.sum(axis=1, keepdims=True)
    industry_total = x.sum(axis=0, keepdims=True)
    grand = x.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (x / region_total) / (industry_total / grand)
    value[~np.isfinite(value)] = np.nan
    return pd.DataFrame(value, index=output.index, columns=output.columns)


def presence(rca_matrix: pd.DataFrame, threshold: float = 1.0) -> pd.DataFrame:
    """Binary specialisation matrix ``M_ri = 1[RCA_ri >= threshold]`` (NaN → 0)."""
    return (rca_matrix.fillna(0.0) >= threshold).astype(float)


def proximity(presence_matrix: pd.DataFrame) -> pd.DataFrame:
    """Industry × industry proximity from co-specialisation across regions.

    ``φ_ij = Σ_r M_ri M_rj / max(Σ_r M_ri, Σ_r M_rj)`` (Hidalgo et al. 2007), symmetric,
    in [0, 1], with the diagonal set to zero. Industries present nowhere get 0.
    """
    m = presence_matrix.to_numpy(dtype=float)
    co = m.T @ m
    ubiquity = m.sum(axis=0)
    denom = np.maximum.outer(ubiquity, ubiquity)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(denom > 0, co / denom, 0.0)
    np.fill_diagonal(phi, 0.0)
    cols = presence_matrix.columns
    return pd.DataFrame(phi, index=cols, columns=cols)


def density(presence_matrix: pd.DataFrame, phi: pd.DataFrame) -> pd.DataFrame:
    """Relatedness density ``ω_ri = Σ_j φ_ij M_rj / Σ_j φ_ij``.

    The share of industry i's related industries (weighted by proximity) that the
    region already specialises in. NaN where an industry has no related industry.
    """
    m = presence_matrix.to_numpy(dtype=float)
    p = phi.loc[presence_matrix.columns, presence_matrix.columns].to_numpy(dtype=float)
    totals = p.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (m @ p) / totals
    value[:, totals == 0] = np.nan
    return pd.DataFrame(value, index=presence_matrix.index, columns=presence_matrix.columns)
