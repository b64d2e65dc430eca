"""Warm the server's caches before the first visitor: ``hostfit app`` runs :func:`warm_caches` in
the server process before Streamlit starts listening (:mod:`app.server_main`).

Without it the first page after ``/_stcore/health`` paid for loading and checking the model and
data, the shipped board, the city layer and two PDF reports (≈10–15 s on a 2-core machine). Each
step fills the same per-process cache a page uses (``st.cache_resource`` / ``st.cache_data`` /
the model layer's caches). Failures are left to the page, which shows them to the user (the data
and model checks say what is wrong); the warm-up itself never stops the server.
"""

from __future__ import annotations

import logging
import time

#: The default page's selection (the region view's defaults: the first city of 四川).
DEFAULT_REGION = 510000
_QUIET = ("streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit.runtime.caching.cache_data_api")


def warm_caches(log=print) -> float:
    """Build what the default page needs, cached; return the seconds spent (errors are logged, not raised)."""
    start = time.perf_counter()
    loggers = [logging.getLogger(name) for name in _QUIET]
    levels = [logger.level for logger in loggers]
    for logger in loggers:  # "no script run context" is expected here: this is not a page
        logger.setLevel(logging.ERROR)
    try:
        from app.state import board, scorer
        from app.views.city import _city_pdf, city_geometry
        from app.views.industry import map_geometry
        from app.views.region import _report_pdf
        from models.api import city_board

        scorer()
        current = board()
        _report_pdf(DEFAULT_REGION, current.as_of, "zh")
        cities = city_board(current).cities_of(DEFAULT_REGION)
        if cities:
            _city_pdf(cities[0], "zh")
        map_geometry()
        city_geometry()
    except Exception as exc:  # noqa: BLE001 - the page reports data/model problems to the user
        log(f"hostfit: cache warm-up stopped ({type(exc).__name__}); pages will load on demand")
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
    return time.perf_counter() - start
