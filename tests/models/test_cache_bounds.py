"""500 distinct what-ifs leave every cache within its bound and no board alive beyond the caches."""

from __future__ import annotations

import gc
import weakref

from features.scenario import apply_edits
from models import city
from models.scoring import SHIPPED_CACHE_SIZE, WHAT_IF_CACHE_SIZE

WHAT_IFS = 500


def test_five_hundred_distinct_what_ifs_stay_within_the_cache_bounds(toy_scorer):
    base = toy_scorer.board()
    year = base.as_of
    boards = []
    for step in range(WHAT_IFS):
        region = (510000, 520000, 620000, 650000)[step % 4]
        edited, _ = apply_edits(toy_scorer.arrays, region, year, {"rd_intensity": 0.5 + 0.01 * step},
                                {"H18": 1e5 * (step + 1)})
        board = toy_scorer.board(arrays=edited)
        top = board.recommend(region)["industry"].iloc[0]
        board.explain(region, top)
        board.origins(top)
        boards.append(weakref.ref(board))
        del board, edited
    assert len(toy_scorer._what_if) <= WHAT_IF_CACHE_SIZE
    assert len(toy_scorer._shipped) <= SHIPPED_CACHE_SIZE
    gc.collect()
    alive = [ref() for ref in boards if ref() is not None]
    assert len(alive) <= WHAT_IF_CACHE_SIZE, f"{len(alive)} what-if boards outlive the cache"
    for board in alive:
        assert len(board._origins) <= len(board.arrays.industries)
    assert len(city._BOARDS) <= WHAT_IF_CACHE_SIZE + SHIPPED_CACHE_SIZE
    for cached in (city._crowding, city._raw, city.load_city_data):
        info = cached.cache_info()
        assert info.currsize <= info.maxsize
