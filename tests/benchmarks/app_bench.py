"""App-facing benchmarks: CLI start-up, industry-view reruns, adversarial uploads, the before figures.

Sections of :mod:`tests.benchmarks.run`:

* ``help``: ``hostfit --help`` wall time (fresh process, median of :data:`HELP_RUNS`);
* ``industry_view``: the industry view re-run after picking another industry
  (Streamlit ``AppTest``, the script run the browser waits for), median and p95 over
  every candidate industry;
* ``uploads``: parse time of 2 MB adversarial uploads (one parse each, largest
  reported against the 1 s target), and a running app's page load for one browser
  session alone and while :data:`UPLOADERS` other sessions upload two 2 MB files in
  turn, each upload waited for until its refusal shows (headless Debian Chromium;
  skipped with a note when it is not installed);
* ``before``: what-if, ``recommend`` and ``--help`` of an older commit, measured in a
  temporary ``git worktree`` right after the current figures, for the before/after ratios.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import median

import numpy as np

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "app" / "streamlit_app.py"
HELP_RUNS = 7
UPLOADERS = 3
PAGE_LOADS = 7
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: What the ``before`` section measures at the old commit, with its own benchmark code.
_BEFORE_SNIPPET = ("import json, time, subprocess, sys, statistics; "
                   "from tests.benchmarks.run import bench_what_if, bench_cli; "
                   "helps = []\n"
                   "for _ in range({runs}):\n"
                   "    t = time.perf_counter(); subprocess.run([sys.executable, '-m', 'app.cli', '--help'], "
                   "check=True, capture_output=True); helps.append(time.perf_counter() - t)\n"
                   "print(json.dumps({{'what_if': bench_what_if(), 'cli': bench_cli(), "
                   "'help': {{'median_s': statistics.median(helps), 'runs': {runs}}}}}))")


def _median_wall(command: list[str], runs: int, cwd: Path = REPO) -> dict:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    return {"runs": runs, "median_s": median(seconds), "max_s": max(seconds)}


def bench_help() -> dict:
    """``hostfit --help`` in a fresh process (median)."""
    return _median_wall([sys.executable, "-m", "app.cli", "--help"], HELP_RUNS)


def bench_industry_view() -> dict:
    """Re-run time of the industry view after picking each candidate industry in turn."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=300).run()
    at.switch_page("page_scripts/industry.py").run()
    picker = at.selectbox(key="industry")
    codes = [code for code in picker.options if code != picker.value]
    seconds = []
    for code in codes:
        start = time.perf_counter()
        at.selectbox(key="industry").set_value(code.split()[0]).run()
        seconds.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"industry view failed for {code}: {at.exception[0].value}")
    ms = np.array(seconds) * 1000
    return {"runs": len(ms), "median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95)),
            "max_ms": float(ms.max())}


def adversarial_uploads(size: int = 2_000_000) -> dict[str, bytes]:
    """2 MB files built to be slow: many short rows, one huge cell, wide rows, many distinct names."""
    header = b"field,value,unit\n"
    row = "H19,1,万元\n".encode()
    many = header + row * ((size - len(header)) // len(row))
    names = header + b"".join(f"industry-{i:07d},1\n".encode() for i in range((size - len(header)) // 20))
    wide = b",".join(b"c%d" % i for i in range(20)) + b"\n" + (b"1," * 19 + b"1\n") * ((size - 100) // 40)
    cell = header + b"H19," + b"9" * (size - len(header) - 8) + b"\n"
    quoted = header + b'"' + b"x" * (size - len(header) - 10) + b'",1\n'
    return {name: body[:size] for name, body in
            {"many_rows": many, "distinct_names": names, "wide_rows": wide, "huge_cell": cell,
             "open_quote": quoted}.items()}


def bench_upload_parse() -> dict:
    """Seconds to parse (accept or refuse) each adversarial 2 MB upload."""
    from app.upload import UploadError, parse_region_csv

    out = {}
    for name, body in adversarial_uploads().items():
        start = time.perf_counter()
        try:
            parse_region_csv(body)
            outcome = "accepted"
        except UploadError as error:
            outcome = f"refused: {str(error)[:120]}"
        out[name] = {"bytes": len(body), "seconds": time.perf_counter() - start, "outcome": outcome}
    out["max_s"] = max(v["seconds"] for v in out.values())
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve() -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
                                "--server.address", "127.0.0.1", "--server.headless", "true",
                                "--browser.gatherUsageStats", "false"],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("streamlit did not start within 120 s")


async def _page_load(context, url: str) -> float:
    """Seconds from navigation until the region view's heading is drawn and its script run is over."""
    from tests.e2e.waits import IDLE

    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(url)
        await page.locator('[data-testid="stMain"] h2').first.wait_for(timeout=300_000)
        await page.wait_for_function(f"() => {IDLE}", timeout=300_000)
        return time.perf_counter() - start
    finally:
        await page.close()


async def _upload_loop(context, url: str, uploads: tuple[tuple[Path, str], ...], stop: asyncio.Event) -> int:
    """Upload the files of ``uploads`` in turn in one session until ``stop``; each is done when its
    refusal (which names the file's own problem) is shown. Returns the number of uploads."""
    from tests.e2e.waits import IDLE

    page = await context.new_page()
    count = 0
    try:
        await page.goto(url)
        await page.locator('[data-testid="stMain"] h2').first.wait_for(timeout=300_000)
        await page.wait_for_function(f"() => {IDLE}", timeout=300_000)
        await page.get_by_text("上传自定义地区").first.click()
        while not stop.is_set():
            path, refusal = uploads[count % len(uploads)]
            await page.locator('input[type="file"]').set_input_files(str(path))
            await page.locator('[data-testid="stAlertContentError"]').filter(has_text=refusal).wait_for(
                timeout=300_000)
            count += 1
    finally:
        await page.close()
    return count


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _loads(url: str, server_pid: int, uploads: tuple[tuple[Path, str], ...]) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = await browser.new_context(viewport={"width": 1280, "height": 1000})
            await _page_load(context, url)  # warm-up: caches, compiled JavaScript
            cpu0 = _cpu_seconds(server_pid)
            alone = [await _page_load(context, url) for _ in range(PAGE_LOADS)]
            cpu1 = _cpu_seconds(server_pid)
            stop = asyncio.Event()
            uploaders = [asyncio.create_task(_upload_loop(context, url, uploads, stop)) for _ in range(UPLOADERS)]
            await asyncio.sleep(0)
            busy = [await _page_load(context, url) for _ in range(PAGE_LOADS)]
            cpu2 = _cpu_seconds(server_pid)
            stop.set()
            uploads = sum(await asyncio.gather(*uploaders))
        finally:
            await browser.close()
    return {"alone_s": median(alone), "with_uploads_s": median(busy), "page_loads": PAGE_LOADS,
            "server_cpu_s_per_load_alone": (cpu1 - cpu0) / PAGE_LOADS,
            "server_cpu_s_per_load_with_uploads": (cpu2 - cpu1) / PAGE_LOADS,
            "uploaders": UPLOADERS, "uploads_during": uploads, "slowdown": median(busy) / median(alone) - 1}


def bench_concurrent_uploads() -> dict:
    """Median region-view load alone and while other sessions upload 2 MB files (skipped without chromium)."""
    if not Path(CHROMIUM).exists():
        return {"skipped": "Debian chromium is not installed (apt-get install chromium)"}
    process, url = _serve()
    try:
        with tempfile.TemporaryDirectory(prefix="hostfit-bench-") as tmp:
            files = adversarial_uploads()
            uploads = []
            for name, refusal in (("many_rows", "200"), ("huge_cell", "131,072")):
                path = Path(tmp) / f"{name}.csv"
                path.write_bytes(files[name])
                uploads.append((path, refusal))
            return asyncio.run(_loads(url, process.pid, tuple(uploads)))
    finally:
        process.terminate()
        process.wait(timeout=30)


def bench_uploads() -> dict:
    """Adversarial parse times and the concurrent-upload page-load slowdown."""
    return {"parse": bench_upload_parse(), "concurrent": bench_concurrent_uploads()}


def bench_before(revision: str) -> dict:
    """What-if, ``recommend``/``sites`` and ``--help`` at git ``revision``, with that revision's own
    benchmark functions, in a temporary worktree (its committed data and model)."""
    with tempfile.TemporaryDirectory(prefix="hostfit-before-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), revision], cwd=REPO, check=True,
                       capture_output=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run([sys.executable, "-c", _BEFORE_SNIPPET.format(runs=HELP_RUNS)], cwd=tree, env=env,
                                  check=False, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"the benchmark functions of {revision} failed: "
                                   + " | ".join(done.stderr.strip().splitlines()[-3:]))
            figures = json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False,
                           capture_output=True)
    return {"revision": revision, **figures}


def before_ratios(results: dict) -> dict:
    """Before/after ratios of the figures measured in both runs (``> 1`` means faster now)."""
    before = results.get("before", {})
    pairs = {
        "what_if_p95": (before.get("what_if", {}).get("distinct", {}).get("p95_ms"),
                        results.get("what_if", {}).get("distinct", {}).get("p95_ms")),
        "what_if_p50": (before.get("what_if", {}).get("distinct", {}).get("p50_ms"),
                        results.get("what_if", {}).get("distinct", {}).get("p50_ms")),
        "recommend": (before.get("cli", {}).get("recommend", {}).get("median_s"),
                      results.get("cli", {}).get("recommend", {}).get("median_s")),
        "help": (before.get("help", {}).get("median_s"), results.get("help", {}).get("median_s")),
    }
    return {name: old / new for name, (old, new) in pairs.items() if old and new}
