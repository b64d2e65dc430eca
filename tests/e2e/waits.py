"""Waiting on a Streamlit page by condition, never by a fixed sleep (shared by the browser tests).

Streamlit marks the app root with ``data-test-script-state``: ``notRunning`` once a
script run has finished. Elements it loads lazily (charts, data frames) show an
``stSkeleton`` placeholder until their code has loaded, after the run has ended, so a
page is rendered when the run is idle *and* no placeholder is left (:data:`RENDERED`).
After an action, the rerun it triggers may start and end between two polls, so
:data:`WATCH_RUNS` installs a MutationObserver that counts the runs it sees, from the
mutation records (each keeps the attribute's old value, however late the callback
runs); :func:`rerun` waits for at least one run and a rendered page.
"""

from __future__ import annotations

from collections.abc import Callable

APP = '[data-testid="stApp"]'
IDLE = f"document.querySelector('{APP}')?.getAttribute('data-test-script-state') === 'notRunning'"
#: The script run has ended and every lazily loaded element has replaced its placeholder.
RENDERED = f"{IDLE} && !document.querySelector('[data-testid=\"stSkeleton\"]')"
WATCH_RUNS = """() => {
    const app = document.querySelector('%s');
    window.hostfitRuns = 0;
    if (window.hostfitObserver) { window.hostfitObserver.disconnect(); }
    window.hostfitObserver = new MutationObserver(records => {
        for (const record of records) {
            if (record.oldValue === 'notRunning' || app.getAttribute('data-test-script-state') !== 'notRunning') {
                window.hostfitRuns += 1;
            }
        }
    });
    window.hostfitObserver.observe(app, {attributes: true, attributeOldValue: true,
                                         attributeFilter: ['data-test-script-state']});
}""" % APP
#: Every chart element on the page holds a drawn Plotly chart (full layout and an SVG).
CHARTS_DRAWN = ("() => { const charts = [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')];"
                " return charts.length > 0 && charts.every(e => { const c = e.querySelector('.js-plotly-plot');"
                " return c && c._fullLayout && c.querySelector('svg.main-svg'); }); }")


def settle(page, timeout: float = 120_000) -> None:
    """Wait until the page's script run has finished (after a page load)."""
    page.wait_for_selector(APP, timeout=timeout)
    page.wait_for_function(f"() => {RENDERED}", timeout=timeout)


def rerun(page, action: Callable[[], object], timeout: float = 120_000) -> None:
    """Do ``action`` and wait for the rerun it triggers to start and finish."""
    page.evaluate(WATCH_RUNS)
    action()
    page.wait_for_function(f"() => window.hostfitRuns > 0 && {RENDERED}", timeout=timeout)


def charts_drawn(page, minimum: int = 1, timeout: float = 60_000) -> None:
    """Wait until the page is rendered, has at least ``minimum`` charts and all of them are drawn."""
    page.wait_for_function(f"() => {RENDERED} && document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')"
                           f".length >= {minimum}", timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
