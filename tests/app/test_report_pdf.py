"""The one-page PDF region report: `hostfit report` and app/report_pdf.py, checked with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: install Debian poppler-utils (.ci/run does)")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def _report(tmp_path: Path, *args: str) -> tuple[Path, str]:
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert "one A4 page" in result.stdout
    return out, _poppler("pdftotext", "-layout", str(out), "-")


@pytest.fixture(scope="module")
def guizhou(tmp_path_factory) -> tuple[Path, str]:
    return _report(tmp_path_factory.mktemp("zh"), "--region", "贵州")


def test_guizhou_report_is_one_a4_page(guizhou):
    info = _poppler("pdfinfo", str(guizhou[0]))
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert "(A4)" in info


def test_guizhou_report_embeds_its_chinese_font(guizhou):
    fonts = _poppler("pdffonts", str(guizhou[0])).splitlines()[2:]
    assert fonts, "no font in the PDF"
    assert all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts), fonts  # embedded, subset


def test_guizhou_report_has_ranking_reasons_vintage_caveat_and_sources(guizhou):
    text = guizhou[1]
    assert "贵州省" in text and "承接产业转移候选产业" in text
    assert "数据口径：产业结构为 2017 年投入产出表" in text
    assert re.search(r"1\. \S+（H\d\d）", text) and re.search(r"6\. \S+（H\d\d）", text)
    assert text.count("（推高") + text.count("（拉低") >= 12  # reasons with their points, ≥ 2 per industry
    assert "同质化：" in text and "个省份宣布为重点" in text
    assert "回测" in text and "NDCG@5" in text
    assert "数据来源" in text and "国家统计局" in text
    assert "各类因素对适配分的贡献" in text


def test_english_report_has_no_chinese_text(tmp_path):
    _, text = _report(tmp_path, "--region", "Guizhou", "--lang", "en", "--top", "4")
    assert "Guizhou" in text and "Data vintage" in text and "Backtest" in text
    assert not CJK.search(text), CJK.findall(text)[:20]


def test_the_longest_report_still_fits_one_page(tmp_path):
    out, _ = _report(tmp_path, "--region", "四川", "--top", "8")
    assert re.search(r"^Pages:\s+1$", _poppler("pdfinfo", str(out)), re.M)


def test_page_one_renders_to_an_image(guizhou, tmp_path):
    _poppler("pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(guizhou[0]), str(tmp_path / "page"))
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "贵州", "--top", "9"], "--top must be between 3 and 8"),
    (["--region", "贵州", "--lang", "fr"], "--lang must be zh or en"),
    (["--region", "贵洲"], "did you mean"),
])
def test_bad_report_arguments_write_nothing(tmp_path, args, message):
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["report", "--out", str(out), *args])
    assert result.exit_code != 0 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_report_refuses_a_non_pdf_path(tmp_path):
    result = runner.invoke(app, ["report", "--region", "贵州", "--out", str(tmp_path / "x.txt")])
    assert result.exit_code != 0 and "must be a .pdf file" in result.output
