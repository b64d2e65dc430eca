"""Run the Streamlit server for ``hostfit app`` as a well-behaved child process.

* It listens on ``127.0.0.1`` unless another ``--host`` is given.
* The port is checked (1–65535, not in use) before Streamlit starts.
* SIGINT, SIGTERM and SIGHUP sent to ``hostfit app`` are forwarded to the
  server, which is then waited for (and killed if it does not stop within
  :data:`STOP_TIMEOUT` seconds), so no orphaned server keeps the port. On Linux
  the child also asks the kernel to send it SIGTERM if ``hostfit app`` itself
  dies (``PR_SET_PDEATHSIG``), e.g. on SIGKILL.
* Streamlit's toolbar is in viewer mode: no Deploy button or developer menu.
* The server process warms its caches while it starts (:mod:`app.server_main`), so the
  first page does not pay for loading the model and data.
* ``server.maxUploadSize`` is the app's stated upload limit
  (:data:`app.upload_read.MAX_UPLOAD_MB`, in MB): Streamlit's default of 200 MB
  let a direct PUT to the upload endpoint store 150 MB.
* An address other than loopback gets a warning: the app has no authentication.
"""

from __future__ import annotations

import ctypes
import ipaddress
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.upload_read import MAX_UPLOAD_MB
from data.echo import quoted

SCRIPT = Path(__file__).resolve().parent / "streamlit_app.py"
#: Seconds the server gets to stop after a forwarded signal before it is killed.
STOP_TIMEOUT = 10.0
_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1
_POLL = 0.5


class ServeError(ValueError):
    """Bad ``--host`` / ``--port`` or a port in use; the message is bilingual."""


def check_address(host: str, port: int) -> None:
    """Raise :class:`ServeError` unless ``port`` is 1–65535, ``host`` an address or name, and the port free."""
    if not 1 <= port <= 65535:
        raise ServeError(f"--port must be between 1 and 65535, got {port} / 端口必须在 1–65535 之间（给出 {port}）")
    if not host.strip() or len(host) > 253 or any(c.isspace() for c in host):
        raise ServeError(f"--host {quoted(host)} is not an address or host name / 无效的主机地址")
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        family = socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise ServeError(f"cannot listen on {quoted(host)} port {port}: {exc.strerror or exc} (is another server "
                         f"running? try --port {port + 1 if port < 65535 else 8501}) / 无法在该地址和端口启动服务"
                         "（端口可能已被占用）") from None


def command(host: str, port: int, headless: bool) -> list[str]:
    """The ``streamlit run`` command line, through :mod:`app.server_main` (which warms the caches)."""
    return [sys.executable, "-m", "app.server_main", "run", str(SCRIPT),
            "--server.address", host, "--server.port", str(port),
            "--server.headless", str(headless).lower(), "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "viewer", "--server.maxUploadSize", str(MAX_UPLOAD_MB)]


def exposure_warning(host: str) -> str | None:
    """A warning when ``host`` is not a loopback address: anyone who can reach it can use the app."""
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        if host.strip().lower() == "localhost":
            return None
    return (f"warning: --host {quoted(host)} makes the app reachable from other machines and it has no "
            "authentication: anyone who can reach this address can use it and upload files / 警告：该地址可被其他机器访问，"
            "应用没有身份验证，任何能访问该地址的人都可以使用并上传文件")


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the parent dies (Linux; a no-op elsewhere)."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def serve(host: str, port: int, headless: bool = True, echo: Callable[[str], None] = print) -> int:
    """Run the server until it exits or a signal stops it; return an exit code.

    Parameters
    ----------
    host, port : str, int
        Where to listen.
    headless : bool
        Do not open a browser tab.
    echo : callable
        Prints the URL.

    Returns
    -------
    int
        The server's exit code (0 after a forwarded SIGINT/SIGTERM stopped it cleanly).

    Raises
    ------
    ServeError
        Bad host or port, or the port is in use.
    """
    check_address(host, port)
    shown = f"[{host}]" if ":" in host else host
    echo(f"hostfit app on http://{shown}:{port}")
    warning = exposure_warning(host)
    if warning is not None:
        echo(warning)
    linux = sys.platform.startswith("linux")
    child = subprocess.Popen(command(host, port, headless), start_new_session=True,
                             preexec_fn=_die_with_parent if linux else None)  # noqa: PLW1509 - only prctl
    received: list[int] = []
    deadline: list[float] = []

    def forward(signum, frame):  # noqa: ARG001 - signal handler signature
        received.append(signum)
        if not deadline:
            deadline.append(time.monotonic() + STOP_TIMEOUT)
        if child.poll() is None:
            child.send_signal(signal.SIGTERM if signum == signal.SIGHUP else signum)

    previous = {sig: signal.signal(sig, forward) for sig in _FORWARDED}
    try:
        while True:
            try:
                code = child.wait(timeout=_POLL)
                break
            except subprocess.TimeoutExpired:
                if deadline and time.monotonic() > deadline[0]:
                    child.kill()
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
        if child.poll() is None:
            child.kill()
            child.wait()
    if received and code in (0, -signal.SIGTERM, -signal.SIGINT):
        return 0
    return code if code >= 0 else 128 - code
