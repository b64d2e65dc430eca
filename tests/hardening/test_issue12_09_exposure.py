"""Issue 12, problem 9 (parts in this layer): exposure defaults and stray writes.

``hostfit app`` listened on all interfaces and, on SIGTERM, left its Streamlit
child running and holding the port; ``train --out DIR`` wrote through a
symlink already at the target file; ``--out ""`` wrote into the current folder.
The server test waits on conditions (health endpoint, process exit, port
state) with deadlines, never on fixed sleeps.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

REPO = Path(__file__).resolve().parents[2]
HOSTFIT = Path(sys.executable).with_name("hostfit")
runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def _healthy(port: int) -> bool:
    try:
        return urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(p) for p in text.split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _listen_addresses(port: int) -> set[str]:
    """Local addresses listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def _port_free(port: int) -> bool:
    return not _listen_addresses(port)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the server process")
def test_app_listens_on_localhost_uses_viewer_toolbar_and_stops_its_server_on_sigterm(tmp_path):
    port = _free_port()
    parent = subprocess.Popen([str(HOSTFIT), "app", "--port", str(port)], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    servers: list[int] = []
    try:
        _wait(lambda: _healthy(port) or parent.poll() is not None, 120, "the app's /_stcore/health")
        assert parent.poll() is None, parent.communicate()[0]
        servers = _children(parent.pid)
        assert len(servers) == 1
        arguments = Path(f"/proc/{servers[0]}/cmdline").read_bytes().split(b"\0")
        assert arguments[arguments.index(b"--server.address") + 1] == b"127.0.0.1"
        assert arguments[arguments.index(b"--client.toolbarMode") + 1] == b"viewer"
        assert _listen_addresses(port) == {"0100007F"}  # 127.0.0.1 only
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=60)
        _wait(lambda: not _alive(servers[0]), 30, "the Streamlit server to exit")
        _wait(lambda: _port_free(port), 30, f"port {port} to be released")
        assert parent.returncode == 0
    finally:
        for pid in servers:  # never leave a server behind, whatever happened
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_save_model_does_not_write_through_a_symlink(tmp_path):
    from models.artifacts import META_FILE, MODEL_FILE, load_model, save_model

    model, meta = load_model()
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("do not overwrite")
    (out / MODEL_FILE).symlink_to(victim)
    (out / META_FILE).symlink_to(victim)
    save_model(model, {key: meta[key] for key in ("config", "calibration")}, out)
    assert victim.read_text() == "do not overwrite"
    assert not (out / MODEL_FILE).is_symlink() and not (out / META_FILE).is_symlink()
    reloaded, _ = load_model(out)
    assert reloaded.n_features_in_ == model.n_features_in_
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("value", ["", "   "], ids=["empty", "blank"])
def test_train_refuses_an_empty_out_before_training(tmp_path, monkeypatch, value):
    import models.training

    def never(*args, **kwargs):
        raise AssertionError("training must not start")

    monkeypatch.setattr(models.training, "default_frame", never)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["train", "--out", value])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2
    assert result.stderr == ("error: --out is empty: give the folder for the model files (omit --out for "
                             "models/artifacts) / --out 为空，请给出模型文件夹\n")
    assert list(tmp_path.iterdir()) == []
