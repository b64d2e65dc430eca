"""The one-page PDF city report: `hostfit report --city`, checked with poppler against the CLI's answer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from models.api import city_recommend_answer, load_scorer

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")
GANZHOU = 360700


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} not found: install Debian poppler-utils (.ci/run does)")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def _report(tmp_path: Path, *args: str) -> tuple[Path, str]:
    out = tmp_path / "city.pdf"
    result = runner.invoke(app, ["report", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert "one A4 page" in result.stdout
    return out, _poppler("pdftotext", "-layout", str(out), "-")


@pytest.fixture(scope="module")
def ganzhou(tmp_path_factory) -> tuple[Path, str]:
    return _report(tmp_path_factory.mktemp("city_zh"), "--city", "赣州")


@pytest.fixture(scope="module")
def answer() -> dict:
    return city_recommend_answer(load_scorer().board(None), GANZHOU, top=6)


def test_ganzhou_report_is_one_a4_page_with_its_font(ganzhou):
    info = _poppler("pdfinfo", str(ganzhou[0]))
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert "(A4)" in info
    fonts = _poppler("pdffonts", str(ganzhou[0])).splitlines()[2:]
    assert fonts and all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts), fonts


def test_ganzhou_report_has_the_cli_ranking_crowding_evidence_and_vintage(ganzhou, answer):
    text = ganzhou[1]
    assert "赣州市 · 承接产业转移候选产业" in text and "江西省" in text
    assert "城市数据：开发区 2018 年目录" in text and "人口普查 2010/2020 年" in text
    assert "并非产出" in text  # presence-based estimates, not output
    assert "省级适配分是经回测校准的概率" in re.sub(r"\s+", "", text)  # the two score scales are told apart
    first = answer["industries"][0]
    assert re.search(rf"1\. {re.escape(first['industry_zh'])}（{first['industry']}）\s+{first['score']:.0f}", text), text
    for item in answer["industries"][:3]:  # the first three always fit
        assert f"全国 {item['zones_nationwide']} 个开发区" in text, item["industry"]
        assert f"本省适配分 {item['province_score']:.0f} 分" in text
    assert "拥挤度：" in text and "随机期望" in text
    assert "万人" in text and "个开发区把" in text and "（2025 年名单）" in text
    if first["industry"] == "H14":
        assert "千吨/年" in text
    assert "数据来源" in text


def test_ganzhou_report_breaks_lines_at_sensible_points(ganzhou):
    text = ganzhou[1]
    assert "2010/2020 年人口普查" in text  # was "2010/2020⏎年人口普查"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for before, after in zip(lines, lines[1:]):
        assert not (before[-1].isdigit() and after[0] in "年月个家分万亿千吨"), (before, after)  # number and unit split


def test_english_city_report_has_no_chinese_text(tmp_path):
    _, text = _report(tmp_path, "--city", "Ganzhou", "--lang", "en", "--top", "4")
    assert "Ganzhou · candidate industries" in text and "City data" in text and "not output" in text
    assert "development zones nationwide" in text and "/100" in text
    assert "the city score is not calibrated" in re.sub(r"\s+", " ", text)
    assert not CJK.search(text), CJK.findall(text)[:20]


def test_the_longest_city_report_still_fits_one_page(tmp_path):
    out, _ = _report(tmp_path, "--city", "成都", "--top", "8")
    assert re.search(r"^Pages:\s+1$", _poppler("pdfinfo", str(out)), re.M)


@pytest.mark.parametrize(("args", "message"), [
    (["--city", "赣州", "--region", "江西"], "exactly one of --region or --city"),
    (["--city", "赣州", "--as-of", "2017"], "--as-of is not available at city level"),
    (["--city", "赣洲市"], "did you mean"),
    (["--city", "赣州", "--top", "2"], "--top must be between 3 and 8"),
])
def test_bad_city_report_arguments_write_nothing(tmp_path, args, message):
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["report", "--out", str(out), *args])
    assert result.exit_code != 0 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
