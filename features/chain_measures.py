"""Supply-chain (链式配套) measures from input-output flows.

``flows`` is an industry × industry matrix of intermediate use (row = supplying
industry k, column = using industry i). ``presence`` is region × industry (0/1 or
a continuous strength in [0, 1]). Arrays or DataFrames are accepted; the result is
of the kind of ``presence``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _off_diagonal(flows, presence) -> np.ndarray:
    if isinstance(flows, pd.DataFrame):
        cols = presence.columns if isinstance(presence, pd.DataFrame) else flows.columns
        flows = flows.loc[cols, cols]
        values = flows.to_numpy(dtype=float).copy()
    else:
        values = np.array(flows, dtype=float)
    np.fill_diagonal(values, 0.0)
    return values


def _result(value: np.ndarray, presence):
    if isinstance(presence, pd.DataFrame):
        return pd.DataFrame(value, index=presence.index, columns=presence.columns)
    return value


def upstream_presence(presence, flows):
    """Share of industry i's purchased inputs (from other industries) that come from
    industries the region specialises in.

    ``up_ri = Σ_{k≠i} z_ki M_rk / Σ_{k≠i} z_ki``. Equivalent to weighting by the
    direct input coefficients ``a_ki = z_ki / x_i``, since ``x_i`` cancels.
    """
    z = _off_diagonal(flows, presence)
    totals = z.sum(axis=0)
    m = presence.to_numpy(dtype=float) if isinstance(presence, pd.DataFrame) else np.asarray(presence, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (m @ z) / totals
    value[:, totals == 0] = np.nan
    return _result(value, presence)


def downstream_presence(presence, flows):
    """Share of industry i's intermediate sales (to other industries) going to
    industries the region specialises in.

    ``down_ri = Σ_{k≠i} z_ik M_rk / Σ_{k≠i} z_ik``.
    """
    z = _off_diagonal(flows, presence)
    totals = z.sum(axis=1)
    m = presence.to_numpy(dtype=float) if isinstance(presence, pd.DataFrame) else np.asarray(presence, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (m @ z.T) / totals
    value[:, totals == 0] = np.nan
    return _result(value, presence)


def input_share_from(flows, output, suppliers) -> np.ndarray | pd.Series:
    """Per using industry i: ``Σ_{k∈suppliers} z_ki / x_i`` (direct input coefficient sum).

    With arrays, ``suppliers`` are row indices and ``output`` is the I-vector of national output.
    """
    if isinstance(flows, pd.DataFrame):
        bought = flows.loc[suppliers].sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = bought / output.reindex(bought.index)
        return share.replace([np.inf, -np.inf], np.nan)
    bought = np.asarray(flows, dtype=float)[list(suppliers)].sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = bought / np.asarray(output, dtype=float)
    share[~np.isfinite(share)] = np.nan
    return share
