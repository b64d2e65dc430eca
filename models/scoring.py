"""The Scorer: the trained model, name resolution, and a cache of :class:`~models.board.Board`\\ s.

``scorer.board(as_of, inputs)`` is the one door to the scores: it returns the
(cached) board of the shipped inputs for a year, or of a what-if copy of them (keyed
by a content hash of its tables; the last :data:`WHAT_IF_CACHE_SIZE` are kept).
Views and CLI commands ask the board and only display.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import fields
from functools import lru_cache

import pandas as pd

from data import load_table
from data.resolve import UnknownNameError, resolve_industry, resolve_region
from features.inputs import FeatureInputs, load_inputs
from models.artifacts import load_model
from models.board import AsOfError, Board
from models.crowding import border_neighbours, proximity_weights
from models.explain import Explainer
from models.ranker import HostfitRanker

WHAT_IF_CACHE_SIZE = 4
SHIPPED_CACHE_SIZE = 8

__all__ = ["AsOfError", "Scorer", "load_scorer"]


def _table_hash(table: pd.DataFrame) -> int:
    return int(pd.util.hash_pandas_object(table, index=False).to_numpy().sum())


def fingerprint(inputs: FeatureInputs) -> int:
    """Content hash of every table of ``inputs`` (memoised per table object)."""
    tables = [getattr(inputs, f.name) for f in fields(inputs) if f.init]
    return hash(tuple(inputs.memo(("content_hash", i), table, lambda table=table: _table_hash(table))
                      for i, table in enumerate(tables)))


class Scorer:
    """The fitted model on the shipped inputs, and the boards computed from them.

    Parameters
    ----------
    ranker : HostfitRanker
        The trained ranker.
    calibration : (float, float)
        ``(a, b)`` of the 0–100 fit score (:mod:`models.calibration`).
    inputs : FeatureInputs
        The shipped curated inputs (default of every board).
    outlines : DataFrame, optional
        ``region, geojson`` province outlines for shared borders (default: the
        ``geo_outlines`` table).
    """

    def __init__(self, ranker: HostfitRanker, calibration: tuple[float, float], inputs: FeatureInputs,
                 outlines: pd.DataFrame | None = None) -> None:
        self.explainer = Explainer(ranker, calibration)
        self.features = self.explainer.features
        self.inputs = inputs
        outlines = load_table("geo_outlines") if outlines is None else outlines
        self.neighbours = border_neighbours(outlines)
        self.proximity = proximity_weights(inputs.regions, self.neighbours)
        self._shipped: OrderedDict[int, Board] = OrderedDict()
        self._what_if: OrderedDict[tuple[int, int], Board] = OrderedDict()
        self._lock = threading.Lock()

    def as_of(self, as_of: int | None = None, inputs: FeatureInputs | None = None) -> int:
        """``as_of`` checked against the data of ``inputs`` (default: their latest year).

        Raises
        ------
        AsOfError
            Outside the first IO year … the latest year with data.
        """
        inputs = self.inputs if inputs is None else inputs
        year = inputs.latest_year if as_of is None else int(as_of)
        first = min(inputs.io_years)
        if not first <= year <= inputs.latest_year:
            raise AsOfError(f"as-of year {year} is outside the data ({first}–{inputs.latest_year}) / "
                            f"基准年份超出数据范围")
        return year

    def board(self, as_of: int | None = None, inputs: FeatureInputs | None = None) -> Board:
        """The cached board of (inputs, as-of); computed on first use."""
        inputs = self.inputs if inputs is None else inputs
        year = self.as_of(as_of, inputs)
        with self._lock:
            if inputs is self.inputs:
                cache, key, size = self._shipped, year, SHIPPED_CACHE_SIZE
            else:
                cache, key, size = self._what_if, (fingerprint(inputs), year), WHAT_IF_CACHE_SIZE
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        board = Board(inputs, year, self.explainer, self._proximity(inputs))
        with self._lock:
            cache[key] = board
            while len(cache) > size:
                cache.popitem(last=False)
        return board

    def _proximity(self, inputs: FeatureInputs) -> pd.DataFrame:
        """Proximity weights over the regions of ``inputs`` (an uploaded region has no border)."""
        if inputs.regions is self.inputs.regions:
            return self.proximity
        return proximity_weights(inputs.regions, self.neighbours)

    def region_code(self, region: str | int, inputs: FeatureInputs | None = None) -> int:
        """Adcode of ``region`` (code, zh/en/short name); it must be a region of ``inputs``.

        Raises
        ------
        UnknownNameError
            With close matches, when nothing (or more than one region) matches.
        """
        inputs = self.inputs if inputs is None else inputs
        text = str(region).strip()
        if text.isdigit() and int(text) in inputs.region_codes:
            return int(text)
        code = resolve_region(text)
        if code not in inputs.region_codes:
            raise UnknownNameError(f"region {region!r} ({code}) has no data in these inputs")
        return code

    def industry_code(self, industry: str, inputs: FeatureInputs | None = None) -> str:
        """H code of a candidate ``industry`` (code or zh/en name).

        Raises
        ------
        UnknownNameError
            With close matches; also when the industry is not a candidate for transfer.
        """
        inputs = self.inputs if inputs is None else inputs
        code = resolve_industry(industry)
        if code not in inputs.candidates:
            names = ", ".join(inputs.candidates)
            raise UnknownNameError(f"industry {industry!r} ({code}) is not a candidate for transfer (the "
                                   f"manufacturing groups) / 非承接候选产业（仅制造业）; candidates / 候选: {names}")
        return code


@lru_cache(maxsize=1)
def load_scorer() -> Scorer:
    """The scorer of the saved model on the shipped inputs (cached per process).

    Raises
    ------
    models.artifacts.ArtifactError
        No saved model, or one that is corrupted or trained on other data.
    """
    ranker, meta = load_model()
    calibration = (meta["calibration"]["a"], meta["calibration"]["b"])
    return Scorer(ranker, calibration, load_inputs())
