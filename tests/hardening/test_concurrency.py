"""Twenty simultaneous browser sessions against one server: no errors, no scenario leakage.

One real ``streamlit run`` server (shared cached scorer, as in production) and
twenty headless Chromium tabs — twenty independent Streamlit sessions, one per
websocket — driven concurrently with Playwright's async API. (AppTest cannot be
used for this: each run swaps process-wide globals such as ``Runtime._instance``,
so parallel AppTests break each other.)

Every fourth session first picks its region on the region page and follows the
sidebar link to the what-if page; the others open the what-if page directly.
All pick their region there, and then — at the same moment — a third add output
to an industry, a third edit GDP and a third edit nothing. Each session then
downloads its what-if table: it must equal the table computed in isolation for
that session's own scenario, and the untouched sessions must show no change.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from app.i18n import region_name, t
from features.scenario import EDITABLE_ATTRIBUTES, apply_edits, attribute_value
from models.scoring import load_scorer
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, server_url  # noqa: F401 - the server fixture
from tests.e2e.waits import APP, RENDERED, WATCH_RUNS

pytestmark = pytest.mark.e2e

SESSIONS = 20
REGIONS = {510000: "四川", 500000: "重庆", 520000: "贵州", 530000: "云南", 610000: "陕西"}
TIMEOUT_MS = 300_000  # a bound on condition waits (20 tabs on 2 cores), not a sleep
GDP_LABEL = EDITABLE_ATTRIBUTES["gdp"].titled("zh")
BARRIER_S = 300


@dataclass
class Session:
    """What one browser session does and sees."""

    number: int
    region: int
    gdp: float | None = None
    extra: float | None = None
    table: pd.DataFrame | None = None
    seconds: float = 0.0
    step: str = "start"
    problems: list[str] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        """Whether the session changes anything."""
        return self.gdp is not None or self.extra is not None


def _plan(number: int) -> Session:
    session = Session(number, list(REGIONS)[number % len(REGIONS)])
    if number % 3 == 0:
        session.extra = 1e6 * (number + 1)
    elif number % 3 == 1:
        session.gdp = 20000.0 + 1000 * number
    return session


async def _settle(page) -> None:
    """Wait until the script is not running (after a page load)."""
    await page.wait_for_selector(APP)
    await page.wait_for_function(f"() => {RENDERED}", timeout=TIMEOUT_MS)


async def _rerun(page, action) -> None:
    """Do ``action`` and wait for the script rerun it triggers to start and finish.

    A MutationObserver on the app's script-state attribute sees the rerun even
    when it is over before Playwright could poll for it.
    """
    await page.evaluate(WATCH_RUNS)
    await action()
    await page.wait_for_function(f"() => window.hostfitRuns > 0 && {RENDERED}", timeout=TIMEOUT_MS)


async def _check(page, session: Session, step: str) -> None:
    if await page.locator('[data-testid="stException"]').count():
        session.problems.append(f"{step}: exception shown")
    errors = await page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    session.problems += [f"{step}: {text}" for text in errors]


async def _loaded(page) -> None:
    """Wait until a page has rendered completely: its heading is drawn and the script run is over."""
    await page.locator('[data-testid="stMain"] h2').first.wait_for()
    await _settle(page)


async def _choose_region(page, name: str, shown: str) -> None:
    """Pick ``name`` in the region picker and wait until the JS condition ``shown`` holds
    (the page shows that region) and the script is idle."""
    combo = page.get_by_role("combobox", name=t("region", "zh"), exact=True)
    if name not in await combo.input_value():
        await combo.click()
        await combo.fill(name)
        await page.get_by_role("option").filter(has_text=name).first.wait_for()
        await page.keyboard.press("Enter")
    await page.wait_for_function(f"() => ({shown}) && {RENDERED}", timeout=TIMEOUT_MS)
    await _loaded(page)


def _region_page_shows(region: int) -> str:
    heading = f"{region_name(region, 'zh')} · {t('ranked_industries', 'zh')}"
    return f"document.body.innerText.includes({json.dumps(heading)})"


def _what_if_page_shows(region: int) -> str:
    base = load_scorer().inputs
    gdp = f"{attribute_value(base, region, 'gdp', base.latest_year):.2f}"
    return f"document.querySelector('input[aria-label={json.dumps(GDP_LABEL)}]')?.value === {json.dumps(gdp)}"


async def _number(page, label: str, value: float) -> None:
    field_ = page.get_by_label(label, exact=True)
    await field_.fill(f"{value:.2f}")
    await _rerun(page, lambda: field_.press("Enter"))


async def _run_session(context, url: str, session: Session, barrier: asyncio.Barrier) -> Session:
    start = time.perf_counter()
    page = await context.new_page()
    try:
        page.set_default_timeout(TIMEOUT_MS)
        name = REGIONS[session.region]
        if session.number % 4 == 1:
            session.step = "region page"
            await page.goto(url)
            await _loaded(page)
            await _choose_region(page, name, _region_page_shows(session.region))
            await _check(page, session, "region page")
            session.step = "navigate to what-if"
            await page.get_by_role("link", name=t("nav_whatif", "zh")).click()
            await page.wait_for_url(re.compile(r"/whatif(\?|$)"))
        else:
            session.step = "open what-if"
            await page.goto(f"{url}/whatif")
        await page.get_by_role("button", name=t("add_edit", "zh")).wait_for()
        await _loaded(page)
        session.step = "pick the region on the what-if page"
        await _choose_region(page, name, _what_if_page_shows(session.region))
        await _check(page, session, "what-if page")
        session.step = "wait for the other sessions"
        await asyncio.wait_for(barrier.wait(), BARRIER_S)
        session.step = "edit"
        if session.extra is not None:
            box = page.get_by_label(t("extra_output", "zh"), exact=True)
            await box.fill(f"{session.extra:.0f}")
            # commit the typed value first (its own rerun), then press 添加: a click that also blurs the box
            # sends two reruns at once, and under 20 sessions the click's rerun was sometimes lost
            await _rerun(page, lambda: box.press("Enter"))
            await _rerun(page, lambda: page.get_by_role("button", name=t("add_edit", "zh")).click())
            await page.get_by_text(f"{session.extra:+,.0f} 万元").wait_for()
        if session.gdp is not None:
            await _number(page, GDP_LABEL, session.gdp)
        await _check(page, session, "after the edit")
        session.step = "download the table"
        async with page.expect_download() as info:
            await page.get_by_role("button", name=t("download_csv", "zh")).first.click()
        download = await info.value
        session.table = pd.read_csv(io.BytesIO(Path(await download.path()).read_bytes()), encoding="utf-8-sig")
    except Exception as exc:  # noqa: BLE001 - recorded, asserted on in the test
        session.problems.append(f"{session.step}: {type(exc).__name__}: {exc}")
        await barrier.abort()  # release the sessions waiting for this one
    finally:
        await page.close()
    session.seconds = time.perf_counter() - start
    return session


async def _all_sessions(url: str) -> list[Session]:
    """Run every session in its own tab of one browser context.

    Streamlit keeps one session per websocket connection, so tabs are independent
    sessions; sharing the context lets Chromium compile the app's JavaScript once
    (a warm-up tab fills the cache), which keeps 20 tabs feasible on two cores.
    """
    from playwright.async_api import async_playwright

    barrier = asyncio.Barrier(SESSIONS)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
            warm_up = await context.new_page()
            await warm_up.goto(f"{url}/whatif")
            await _loaded(warm_up)
            await warm_up.close()
            return await asyncio.gather(*(_run_session(context, url, _plan(i), barrier) for i in range(SESSIONS)))
        finally:
            await browser.close()


def _expected(session: Session) -> pd.Series:
    """Score change by industry code for the session's scenario, computed on its own."""
    scorer = load_scorer()
    base = scorer.arrays
    year = base.latest_year
    attributes = {} if session.gdp is None else {"gdp": session.gdp}
    outputs = {} if session.extra is None else {"H18": session.extra}
    edited, _ = apply_edits(base, session.region, year, attributes, outputs)
    changes = scorer.board(year, edited).rank_changes(scorer.board(year), session.region)
    return changes.set_index("industry")["score_change"].round(1)  # as the downloaded table shows it


def test_twenty_browser_sessions_do_not_leak_scenarios(server_url):  # noqa: F811 - fixture
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    # A thread of its own: the e2e tests' sync Playwright may keep an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        sessions = pool.submit(asyncio.run, _all_sessions(server_url)).result()
    problems = {s.number: s.problems for s in sessions if s.problems}
    causes = {n: p for n, p in problems.items() if not all("BrokenBarrierError" in text for text in p)}
    assert not problems, causes or problems
    industry, change = t("industry", "zh"), t("score_change", "zh")
    moved = 0
    for session in sessions:
        shown = session.table.set_index(session.table[industry].str.split().str[0])[change]
        expected = _expected(session)
        assert sorted(shown.index) == sorted(expected.index), session.number
        assert (shown - expected.reindex(shown.index)).abs().max() <= 1e-6, session
        if not session.edited:
            assert (shown == 0).all(), f"session {session.number} sees another session's scenario"
        moved += bool((shown != 0).any())
    assert moved >= SESSIONS // 3, "the edits must move some scores, or the test proves nothing"
