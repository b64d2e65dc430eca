"""Issue 19, defect 4 (and the minor ``--host 0.0.0.0`` item): the server's upload limit, exposure.

``hostfit app`` did not set ``server.maxUploadSize``: Streamlit's default (200 MB)
let a direct PUT to the upload endpoint store 3 MB (HTTP 204; 150 MB in the
issue) although the app promises 2 MB. The test starts the real server on a
free loopback port, opens a session over the websocket as a browser would,
and PUTs 1 MB (accepted) and 3 MB (refused, 413). Waits are bounded by
conditions (health endpoint, session message, process exit), never fixed sleeps.
``--host 0.0.0.0`` printed no warning that the app has no authentication.
"""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
import uuid

import pytest
from typer.testing import CliRunner
from websockets.sync.client import connect

from app import serve
from app.cli import app
from tests.hardening.test_issue12_09_exposure import HOSTFIT, _free_port, _wait

runner = CliRunner()


def _xsrf_cookie(port: int) -> str | None:
    """The XSRF token the health endpoint sets once the server is up (``None`` until then)."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/_stcore/health")
        response = conn.getresponse()
        response.read()
        conn.close()
    except OSError:
        return None
    if response.status != 200:
        return None
    cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
    return next((c.split("=", 1)[1] for c in cookies if c.startswith("_streamlit_xsrf=")), None)


def _new_session(websocket) -> str:
    """Ask for a script run over an open websocket, as the browser does; return the session id."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    back = BackMsg()
    back.rerun_script.query_string = ""
    websocket.send(back.SerializeToString())
    for _ in range(200):  # the new_session message comes first or among the first few
        message = ForwardMsg()
        message.ParseFromString(websocket.recv(timeout=60))
        if message.WhichOneof("type") == "new_session":
            return message.new_session.initialize.session_id
    raise AssertionError("no new_session message from the server")


def _put(port: int, session: str, xsrf: str, size: int) -> int:
    boundary = "hostfit-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"region.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + b"x" * size + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("PUT", f"/_stcore/upload_file/{session}/{uuid.uuid4()}", body=body,
                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": xsrf,
                              "Cookie": f"_streamlit_xsrf={xsrf}"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server is stopped through its process group")
def test_a_raw_3_mb_put_to_the_upload_endpoint_is_refused(tmp_path):
    port = _free_port()
    server = subprocess.Popen([str(HOSTFIT), "app", "--port", str(port)], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        tokens: list[str] = []
        _wait(lambda: bool(tokens.append(_xsrf_cookie(port)) or tokens[-1]) or server.poll() is not None, 120,
              "the app's /_stcore/health")
        assert server.poll() is None
        xsrf = tokens[-1]
        with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit", xsrf],
                     additional_headers={"Origin": f"http://127.0.0.1:{port}",
                                         "Cookie": f"_streamlit_xsrf={xsrf}"}) as websocket:
            session = _new_session(websocket)
            assert _put(port, session, xsrf, 1_000_000) == 204  # an upload within the limit is stored
            assert _put(port, session, xsrf, 3_000_000) == 413  # 3 MB is refused (was 204)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_the_server_command_sets_the_stated_upload_limit():
    arguments = serve.command("127.0.0.1", 8501, True)
    assert arguments[arguments.index("--server.maxUploadSize") + 1] == "2"


@pytest.mark.parametrize(("host", "warned"), [("0.0.0.0", True), ("::", True), ("192.0.2.10", True),
                                              ("example.org", True), ("127.0.0.1", False), ("::1", False),
                                              ("localhost", False)])
def test_a_non_loopback_host_gets_a_no_authentication_warning(host, warned):
    warning = serve.exposure_warning(host)
    assert (warning is not None) == warned
    if warned:
        assert "no authentication" in warning and "没有身份验证" in warning


def test_hostfit_app_prints_the_warning(monkeypatch):
    class Finished:
        def __init__(self, *args, **kwargs):
            self.args = args

        def wait(self, timeout=None):
            return 0

        def poll(self):
            return 0

    monkeypatch.setattr(serve.subprocess, "Popen", Finished)
    monkeypatch.setattr(serve, "check_address", lambda host, port: None)  # no socket is bound
    result = runner.invoke(app, ["app", "--host", "0.0.0.0", "--port", str(_free_port())])
    assert result.exit_code == 0, result.output
    assert "warning: --host '0.0.0.0' makes the app reachable from other machines and it has no authentication" \
        in result.output
