"""Revealed comparative advantage, proximity and relatedness density.

Implemented directly in NumPy (not via py-ecomplexity, whose NaN handling is
unreliable under pandas 3). Every function takes a region × industry matrix — a
NumPy array or a DataFrame — and returns the same kind. Rows of NaN (regions
without data) are allowed: they stay NaN and count as absent everywhere else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _values(matrix) -> np.ndarray:
    return matrix.to_numpy(dtype=float) if isinstance(matrix, pd.DataFrame) else np.asarray(matrix, dtype=float)


def _like(values: np.ndarray, template, index=None, columns=None):
    if isinstance(template, pd.DataFrame):
        return pd.DataFrame(values, index=template.index if index is None else index,
                            columns=template.columns if columns is None else columns)
    return values


def rca(output):
    """Balassa RCA / location quotient of a region × industry output matrix.

    ``RCA_ri = (x_ri / x_r) / (x_i / x)``; industry and grand totals skip NaN rows.
    Rows or columns with zero total give NaN.
    """
    x = _values(output)
    region_total = x.sum(axis=1, keepdims=True)
    industry_total = np.nansum(x, axis=0, keepdims=True)
    grand = np.nansum(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (x / region_total) / (industry_total / grand)
    value[~np.isfinite(value)] = np.nan
    return _like(value, output)


def presence(rca_matrix, threshold: float = 1.0):
    """Binary specialisation matrix ``M_ri = 1[RCA_ri >= threshold]`` (NaN → 0)."""
    m = np.nan_to_num(_values(rca_matrix), nan=0.0)
    return _like((m >= threshold).astype(float), rca_matrix)


def proximity(presence_matrix):
    """Industry × industry proximity from co-specialisation across regions.

    ``φ_ij = Σ_r M_ri M_rj / max(Σ_r M_ri, Σ_r M_rj)`` (Hidalgo et al. 2007), symmetric,
    in [0, 1], with the diagonal set to zero. Industries present nowhere get 0.
    """
    m = _values(presence_matrix)
    co = m.T @ m
    ubiquity = m.sum(axis=0)
    denom = np.maximum.outer(ubiquity, ubiquity)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(denom > 0, co / denom, 0.0)
    np.fill_diagonal(phi, 0.0)
    if isinstance(presence_matrix, pd.DataFrame):
        cols = presence_matrix.columns
        return pd.DataFrame(phi, index=cols, columns=cols)
    return phi


def density(presence_matrix, phi):
    """Relatedness density ``ω_ri = Σ_j φ_ij M_rj / Σ_j φ_ij``.

    The share of industry i's related industries (weighted by proximity) that the
    region already specialises in. NaN where an industry has no related industry.
    """
    m = _values(presence_matrix)
    if isinstance(phi, pd.DataFrame) and isinstance(presence_matrix, pd.DataFrame):
        phi = phi.loc[presence_matrix.columns, presence_matrix.columns]
    p = _values(phi)
    totals = p.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (m @ p) / totals
    value[:, totals == 0] = np.nan
    return _like(value, presence_matrix)
