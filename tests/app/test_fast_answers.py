"""The CLI's fast path: precomputed default answers equal computed ones, and are refused when stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import fast_answers
from models import paths
from models.answers import recommend_answer, sites_answer
from models.scoring import load_scorer

REPO = Path(__file__).resolve().parents[2]


def _same(answer: dict, expected: dict) -> None:
    assert answer == json.loads(json.dumps(expected, ensure_ascii=False, default=str))


@pytest.fixture(autouse=True)
def _fresh_index():
    fast_answers._valid_index.cache_clear()
    yield
    fast_answers._valid_index.cache_clear()


def test_the_committed_answers_are_current():
    assert fast_answers._index() is not None, "run `hostfit train` after changing features/, models/ or the data"


@pytest.mark.parametrize(("region", "year"), [("四川", None), ("520000", 2017), ("Sichuan Province", 2012)])
def test_precomputed_recommend_equals_computed(region, year):
    scorer = load_scorer()
    expected = recommend_answer(scorer.board(year), scorer.region_code(region.replace(" Province", "")), top=5)
    _same(fast_answers.answer("region", region, year, 5), expected)


@pytest.mark.parametrize(("industry", "year"), [("H19", None), ("电气机械和器材", 2007)])
def test_precomputed_sites_equals_computed(industry, year):
    scorer = load_scorer()
    expected = sites_answer(scorer.board(year), scorer.industry_code(industry), top=10)
    _same(fast_answers.answer("industry", industry, year, 10), expected)


def test_only_exact_names_and_precomputed_years():
    assert fast_answers.answer("region", "四州", None, None) is None  # unknown: the CLI reports it
    assert fast_answers.answer("industry", "电子", None, None) is None  # partial name: resolved the slow way
    assert fast_answers.answer("region", "四川", 2013, None) is None  # not a precomputed year
    assert fast_answers.answer("industry", "H02", None, None) is None  # not a candidate


def test_stale_model_or_index_is_refused(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "artifacts"
    shutil.copytree(paths.ARTIFACT_DIR, folder)
    monkeypatch.setattr(paths, "ARTIFACT_DIR", folder)
    assert fast_answers.answer("region", "四川", None, 3) is not None
    index = folder / "answers" / "index.json"
    meta = json.loads(index.read_text(encoding="utf-8"))
    meta["code_version"] = "old"
    index.write_text(json.dumps(meta), encoding="utf-8")
    fast_answers._valid_index.cache_clear()
    assert fast_answers.answer("region", "四川", None, 3) is None


def test_tampered_curated_table_is_refused(curated_copy):
    table = curated_copy / "io_panel.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("510000,H18", "510000,H18", 1) + "\n", encoding="utf-8")
    assert fast_answers.answer("region", "四川", None, 3) is None


def test_the_fast_cli_imports_no_model_stack():
    code = ("import sys, json\nsys.argv = ['hostfit', 'recommend', '--region', '四川', '--top', '3', '--json']\n"
            "from app.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('numpy', 'pandas', 'lightgbm', 'sklearn', 'pandera') if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "HEAVY []" in done.stderr, done.stderr[-2000:]
    assert json.loads(done.stdout)["region"] == 510000
