"""Waiting on a Streamlit page by condition, never by a fixed sleep (shared by the browser tests).

Streamlit marks the app root with ``data-test-script-state``: ``notRunning`` once a
script run has finished. After an action, the rerun it triggers may start and end
between two polls, so :data:`WATCH_RUNS` installs a MutationObserver that counts the
runs it sees; :func:`rerun` waits for at least one run and the idle state.
"""

from __future__ import annotations

from collections.abc import Callable

APP = '[data-testid="stApp"]'
IDLE = f"document.querySelector('{APP}')?.getAttribute('data-test-script-state') === 'notRunning'"
WATCH_RUNS = """() => {
    const app = document.querySelector('%s');
    window.hostfitRuns = 0;
    if (window.hostfitObserver) { window.hostfitObserver.disconnect(); }
    window.hostfitObserver = new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') !== 'notRunning') { window.hostfitRuns += 1; }
    });
    window.hostfitObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}""" % APP
#: Every Plotly chart on the page has been drawn (its full layout exists and it has an SVG).
CHARTS_DRAWN = ("() => { const charts = [...document.querySelectorAll('.js-plotly-plot')];"
                " return charts.length > 0 && charts.every(c => c._fullLayout && c.querySelector('svg.main-svg')); }")


def settle(page, timeout: float = 120_000) -> None:
    """Wait until the page's script run has finished (after a page load)."""
    page.wait_for_selector(APP, timeout=timeout)
    page.wait_for_function(f"() => {IDLE}", timeout=timeout)


def rerun(page, action: Callable[[], object], timeout: float = 120_000) -> None:
    """Do ``action`` and wait for the rerun it triggers to start and finish."""
    page.evaluate(WATCH_RUNS)
    action()
    page.wait_for_function(f"() => window.hostfitRuns > 0 && {IDLE}", timeout=timeout)


def charts_drawn(page, minimum: int = 1, timeout: float = 60_000) -> None:
    """Wait until at least ``minimum`` Plotly charts exist and all of them are drawn."""
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot').length >= {minimum}",
                           timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
