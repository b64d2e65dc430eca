"""The Scorer: the trained model, name resolution, and a cache of boards.

``scorer.board(as_of, arrays)`` is the one door to the scores: it returns the (cached)
:class:`~models.board.Board` of the shipped input arrays for a year, or of an edited
copy of them (a what-if or an uploaded region), keyed by the arrays' content key; the
last :data:`WHAT_IF_CACHE_SIZE` edited boards are kept. The first edited board builds
the exact SHAP tables (:mod:`models.treeshap`, ≈ 0.25 s once), after which every board
scores and explains all its rows in one pass of a few milliseconds; one-off CLI answers
never pay for them. Views and CLI commands ask the board and only display.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

import pandas as pd

from data import load_table
from data.resolve import UnknownNameError, resolve_industry, resolve_region
from features.arrays import InputArrays
from features.build import arrays_of
from features.inputs import load_inputs
from models.artifacts import calibration_of, load_model
from models.board import AsOfError, Board
from models.crowding import border_neighbours, proximity_weights
from models.explain import Explainer
from models.ranker import HostfitRanker
from models.rules import MODEL

WHAT_IF_CACHE_SIZE = 4
SHIPPED_CACHE_SIZE = 8

__all__ = ["AsOfError", "Scorer", "load_scorer"]


class Scorer:
    """The fitted model on the shipped inputs, and the boards computed from them.

    Parameters
    ----------
    ranker : HostfitRanker
        The trained ranker.
    calibration : (float, float)
        ``(a, b)`` of the 0–100 fit score (:mod:`models.calibration`).
    arrays : InputArrays
        The shipped curated inputs as arrays (default of every board).
    outlines : DataFrame, optional
        ``region, geojson`` province outlines for shared borders (default: the
        ``geo_outlines`` table).
    rules : dict, optional
        ``region_rule`` and ``sites_rule`` chosen by rolling validation (the model
        metadata, :func:`models.training.shipped_rules`); both default to the model.
    """

    def __init__(self, ranker: HostfitRanker, calibration: tuple[float, float], arrays: InputArrays,
                 outlines: pd.DataFrame | None = None, rules: dict | None = None) -> None:
        rules = rules or {}
        self.region_rule = str(rules.get("region_rule", MODEL))
        self.sites_rule = str(rules.get("sites_rule", MODEL))
        self.explainer = Explainer(ranker, calibration)
        self.features = self.explainer.features
        self.arrays = arrays
        outlines = load_table("geo_outlines") if outlines is None else outlines
        self.neighbours = border_neighbours(outlines)
        self.proximity = proximity_weights(arrays.regions_table, self.neighbours)
        self._shipped: OrderedDict[int, Board] = OrderedDict()
        self._what_if: OrderedDict[tuple[int, int], Board] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def inputs(self) -> InputArrays:
        """The shipped input arrays (alias of :attr:`arrays`)."""
        return self.arrays

    def as_of(self, as_of: int | None = None, arrays: InputArrays | None = None) -> int:
        """``as_of`` checked against the data of ``arrays`` (default: their latest year).

        Raises
        ------
        AsOfError
            Outside the first IO year … the latest year with data.
        """
        arrays = self.arrays if arrays is None else arrays
        year = arrays.latest_year if as_of is None else int(as_of)
        first = min(arrays.io_years)
        if not first <= year <= arrays.latest_year:
            raise AsOfError(f"as-of year {year} is outside the data ({first}–{arrays.latest_year}) / "
                            f"基准年份超出数据范围")
        return year

    def board(self, as_of: int | None = None, arrays: InputArrays | None = None) -> Board:
        """The cached board of (arrays, as-of); computed on first use."""
        arrays = self.arrays if arrays is None else arrays
        year = self.as_of(as_of, arrays)
        shipped = arrays.key == self.arrays.key
        cache, size = (self._shipped, SHIPPED_CACHE_SIZE) if shipped else (self._what_if, WHAT_IF_CACHE_SIZE)
        key = (arrays.key, year)
        with self._lock:
            if not shipped and not self.explainer.has_tables and self.explainer.ensure_tables():
                self._shipped.clear()  # recomputed on the same (table) path as the what-ifs they are compared to
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        board = Board(arrays, year, self.explainer, self._proximity(arrays), region_rule=self.region_rule,
                      sites_rule=self.sites_rule)
        with self._lock:
            cache[key] = board
            while len(cache) > size:
                cache.popitem(last=False)
        return board

    def _proximity(self, arrays: InputArrays) -> pd.DataFrame:
        """Proximity weights over the regions of ``arrays`` (an uploaded region has no border)."""
        if len(arrays.regions) == len(self.arrays.regions):
            return self.proximity
        return proximity_weights(arrays.regions_table, self.neighbours)

    def region_code(self, region: str | int, arrays: InputArrays | None = None) -> int:
        """Adcode of ``region`` (code, zh/en/short name); it must be a region of ``inputs``.

        Raises
        ------
        UnknownNameError
            With close matches, when nothing (or more than one region) matches.
        """
        arrays = self.arrays if arrays is None else arrays
        text = str(region).strip()
        if text.isdigit() and int(text) in arrays.position:
            return int(text)
        code = resolve_region(text)
        if code not in arrays.position:
            raise UnknownNameError(f"region {region!r} ({code}) has no data in these inputs")
        return code

    def industry_code(self, industry: str, arrays: InputArrays | None = None) -> str:
        """H code of a candidate ``industry`` (code or zh/en name).

        Raises
        ------
        UnknownNameError
            With close matches; also when the industry is not a candidate for transfer.
        """
        arrays = self.arrays if arrays is None else arrays
        code = resolve_industry(industry)
        if code not in set(arrays.candidates):
            names = ", ".join(arrays.candidates)
            raise UnknownNameError(f"industry {industry!r} ({code}) is not a candidate for transfer (the "
                                   f"manufacturing groups) / 非承接候选产业（仅制造业）; candidates / 候选: {names}")
        return code


def arrays_of_shipped() -> InputArrays:
    """The input arrays of the committed curated tables."""
    return arrays_of(load_inputs())


@lru_cache(maxsize=1)
def load_scorer() -> Scorer:
    """The scorer of the saved model on the shipped inputs (cached per process).

    Raises
    ------
    models.artifacts.ArtifactError
        No saved model, or one that is corrupted or trained on other data.
    """
    ranker, meta = load_model()
    return Scorer(ranker, calibration_of(meta), arrays_of_shipped(), rules=meta)
