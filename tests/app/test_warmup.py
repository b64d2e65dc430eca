"""Start-up warm-up (issue 19): ``hostfit app``'s server builds the first page's caches before it listens."""

from __future__ import annotations

from app import serve, warmup


def test_the_server_command_goes_through_the_warm_up_entry():
    cmd = serve.command("127.0.0.1", 8501, True)
    assert cmd[1:4] == ["-m", "app.server_main", "run"] and cmd[4] == str(serve.SCRIPT)


def test_warm_up_fills_the_caches_the_first_page_reads(monkeypatch):
    import models.api
    from app import report_pdf
    from app.state import board, scorer
    from app.views.region import _report_pdf

    problems = []
    assert warmup.warm_caches(log=problems.append) > 0 and problems == []

    def refuse(*args, **kwargs):
        raise AssertionError("built again: the warm-up did not cache it")

    monkeypatch.setattr(models.api, "load_scorer", refuse)
    monkeypatch.setattr(report_pdf, "region_report_pdf", refuse)
    monkeypatch.setattr("app.views.region.region_report_pdf", refuse)
    assert scorer() is not None
    assert _report_pdf(warmup.DEFAULT_REGION, board().as_of, "zh").startswith(b"%PDF")


def test_a_failing_warm_up_is_reported_and_does_not_stop_the_server(monkeypatch):
    import app.views.region

    def broken(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(app.views.region, "region_report_pdf", broken)
    said = []
    warmup.warm_caches(log=said.append)
    assert said == ["hostfit: cache warm-up stopped (OSError); pages will load on demand"]

