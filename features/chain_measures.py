"""Supply-chain (链式配套) measures from input-output flows.

``flows`` is an industry × industry matrix of intermediate use (row = supplying
industry k, column = using industry i). ``presence`` is region × industry (0/1 or
a continuous strength in [0, 1]).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _off_diagonal(frame: pd.DataFrame) -> np.ndarray:
    values = frame.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, 0.0)
    return values


def upstream_presence(presence: pd.DataFrame, flows: pd.DataFrame) -> pd.DataFrame:
    """Share of industry i's purchased inputs (from other industries) that come from
    industries the region specialises in.

    ``up_ri = Σ_{k≠i} z_ki M_rk / Σ_{k≠i} z_ki``. Equivalent to weighting by the
    direct input coefficients ``a_ki = z_ki / x_i``, since ``x_i`` cancels.
    """
    cols = presence.columns
    z = _off_diagonal(flows.loc[cols, cols])
    totals = z.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (presence.to_numpy(dtype=float) @ z) / totals
    value[:, totals == 0] = np.nan
    return pd.DataFrame(value, index=presence.index, columns=cols)


def downstream_presence(presence: pd.DataFrame, flows: pd.DataFrame) -> pd.DataFrame:
    """Share of industry i's intermediate sales (to other industries) going to
    industries the region specialises in.

    ``down_ri = Σ_{k≠i} z_ik M_rk / Σ_{k≠i} z_ik``.
    """
    cols = presence.columns
    z = _off_diagonal(flows.loc[cols, cols])
    totals = z.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (presence.to_numpy(dtype=float) @ z.T) / totals
    value[:, totals == 0] = np.nan
    return pd.DataFrame(value, index=presence.index, columns=cols)


def input_share_from(flows: pd.DataFrame, output: pd.Series, suppliers: list[str]) -> pd.Series:
    """Per using industry i: ``Σ_{k∈suppliers} z_ki / x_i`` (direct input coefficient sum)."""
    bought = flows.loc[suppliers].sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = bought / output.reindex(bought.index)
    return share.replace([np.inf, -np.inf], np.nan)
