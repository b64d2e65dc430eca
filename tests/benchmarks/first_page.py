"""Time ``hostfit app`` to health and the first page, the way a first visitor meets it.

Run as ``python -m tests.benchmarks.first_page [--no-warm] [--port N]``. Starts the server
(``hostfit app``'s own command line, :func:`app.serve.command`; ``--no-warm`` swaps its entry
for plain ``streamlit run``, i.e. no cache warm-up), polls ``/_stcore/health``, then opens a
session on the server's websocket (``/_stcore/stream``, what the browser does), asks for the
default page and waits for the end of its script run (``script_finished``). Prints seconds from
the start to health, the first page's script run (requested ``--after`` seconds after health),
and a second session's page. No browser: the time the browser needs to
draw the page is not included.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

from app.serve import command

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_health(url: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no health answer within {timeout:.0f} s")


def page_seconds(port: int, timeout: float = 300.0) -> float:
    """Seconds for one new session's run of the default page, until ``script_finished``."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    start = time.perf_counter()
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                 open_timeout=timeout) as ws:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_script_hash = ""
        ws.send(request.SerializeToString())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(ws.recv(timeout=timeout))
            if message.WhichOneof("type") == "script_finished":
                return time.perf_counter() - start
    raise RuntimeError("the page did not finish")


def measure(warm: bool, port: int, after: float = 0.0) -> dict:
    """Start the server, time health and two page loads (the first ``after`` seconds after health), stop it."""
    cmd = command("127.0.0.1", port, headless=True)
    if not warm:
        cmd[1:3] = ["-m", "streamlit"]
    start = time.perf_counter()
    server = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_health(f"http://127.0.0.1:{port}")
        health = time.perf_counter() - start
        time.sleep(after)
        first = page_seconds(port)
        second = page_seconds(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"warm_up": warm, "first_visit_after_health_s": after, "health_s": round(health, 2), "first_page_s": round(first, 2),
            "health_plus_first_page_s": round(health + first, 2), "second_page_s": round(second, 2)}


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-warm", action="store_true", help="plain `streamlit run` (before the warm-up)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--after", type=float, default=0.0, help="seconds between health and the first visit")
    args = parser.parse_args(argv)
    print(json.dumps(measure(not args.no_warm, args.port or _free_port(), args.after)))


if __name__ == "__main__":
    main(sys.argv[1:])
