"""Feature coverage: share of non-missing rows per feature and year."""

from __future__ import annotations

import pandas as pd

from features.catalogue import catalogue


def coverage_by_year(panel: pd.DataFrame) -> pd.DataFrame:
    """Feature × year table of the share (0–1) of rows with a value."""
    names = [n for n in catalogue()["name"] if n in panel.columns]
    return panel.groupby("year")[names].agg(lambda col: col.notna().mean()).T.rename_axis("feature")
