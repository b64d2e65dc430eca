"""Twenty simultaneous app sessions: no errors, no scenario leaking between sessions.

Each session is an AppTest of the whole app in its own thread, sharing the
process-wide cached scorer exactly as browser sessions share one server. The
sessions pick different regions, then, at the same moment (a barrier), a third
adds output to an industry, a third edits R&D intensity and a third edits
nothing. Every session's what-if table must equal the one computed in isolation
for its own scenario; the untouched sessions must show no change at all.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd
import pytest

from app.i18n import t
from features.scenario import apply_edits
from models.scoring import load_scorer
from tests.hardening.conftest import APP

SESSIONS = 20
REGIONS = (510000, 500000, 520000, 530000, 610000, 620000, 450000)
TIMEOUT = 300


@dataclass
class Session:
    """What one session did and saw."""

    number: int
    region: int
    attributes: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, float] = field(default_factory=dict)
    table: pd.DataFrame | None = None
    problems: list[str] = field(default_factory=list)


def _plan(number: int) -> Session:
    session = Session(number, REGIONS[number % len(REGIONS)])
    if number % 3 == 0:
        session.outputs = {"H19": 1e6 * (number + 1)}
    elif number % 3 == 1:
        session.attributes = {"rd_intensity": 0.5 + 0.4 * number}
    return session


def _problems(at) -> list[str]:
    return [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]


def _run_session(session: Session, barrier: threading.Barrier) -> Session:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.selectbox(key="region_pick").set_value(session.region).run()
    at.switch_page("page_scripts/whatif.py").run()
    at.selectbox(key="wi_region").set_value(session.region).run()
    session.problems += _problems(at)
    barrier.wait(timeout=TIMEOUT)
    for industry, amount in session.outputs.items():
        at.selectbox(key="wi_add_industry").set_value(industry)
        at.number_input(key="wi_add_value").set_value(amount)
        at.button(key="wi_add_button").click()
    for attribute, value in session.attributes.items():
        at.slider(key=f"wi_attr_{attribute}").set_value(value)
    at.run()
    session.problems += _problems(at)
    change = t("score_change", "zh")
    tables = [d.value for d in at.dataframe if change in d.value.columns]
    session.problems += [] if len(tables) == 1 else [f"{len(tables)} what-if tables"]
    session.table = tables[0] if tables else None
    return session


def _expected(session: Session) -> pd.Series:
    """Score change by industry code for the session's scenario, computed alone."""
    scorer = load_scorer()
    base = scorer.inputs
    year = base.latest_year
    edited, _ = apply_edits(base, session.region, year, session.attributes, session.outputs)
    before = scorer.recommend(session.region, as_of=year).set_index("industry")["score"]
    after = scorer.recommend(session.region, as_of=year, inputs=edited).set_index("industry")["score"]
    return (after - before).round(4)


@pytest.mark.slow
def test_twenty_sessions_do_not_leak_scenarios(fresh_streamlit_caches):
    barrier = threading.Barrier(SESSIONS)
    plans = [_plan(i) for i in range(SESSIONS)]
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        sessions = list(pool.map(lambda s: _run_session(s, barrier), plans))
    assert [s.problems for s in sessions] == [[] for _ in sessions]
    industry, change = t("industry", "zh"), t("score_change", "zh")
    changed = 0
    for session in sessions:
        shown = session.table.set_index(session.table[industry].str.split().str[0])[change]
        expected = _expected(session)
        assert sorted(shown.index) == sorted(expected.index), session.number
        assert (shown - expected.reindex(shown.index)).abs().max() <= 1e-4, session.number
        if not session.attributes and not session.outputs:
            assert (shown == 0).all(), f"session {session.number} sees another session's scenario"
        changed += bool((shown != 0).any())
    assert changed >= SESSIONS // 3, "the edits must move some scores, or the test proves nothing"
