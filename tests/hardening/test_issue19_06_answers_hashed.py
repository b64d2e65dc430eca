"""Issue 19, defect 6: the precomputed answers were trusted unchecked.

Editing ``models/artifacts/answers/2024.json`` made ``recommend`` print the edited
score with exit 0, and ``data check`` passed. Now the answers' index lists the
sha256 of every year's file and the model metadata records the index's sha256
(``answers_index_sha256``, written by ``hostfit train``): an edited answers file
or index makes ``recommend``/``sites`` exit 2 with an ``ArtifactError`` message
and ``data check`` report the answers as invalid (exit 1).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from app.cli import app
from data.build_hash import file_sha256
from models.artifacts import META_FILE
from models.integrity import ANSWERS_INDEX_KEY, answers_problem, meta_digest
from models.paths import ANSWERS_DIR_NAME

runner = CliRunner()


def _invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def test_the_shipped_answers_are_signed_by_the_metadata(artifacts_copy):
    meta = json.loads((artifacts_copy / META_FILE).read_text(encoding="utf-8"))
    answers = artifacts_copy / ANSWERS_DIR_NAME
    index = json.loads((answers / "index.json").read_text(encoding="utf-8"))
    assert meta[ANSWERS_INDEX_KEY] == file_sha256(answers / "index.json")
    assert index["meta_sha256"] == meta_digest(meta)
    assert sorted(index["files"]) == sorted(f"{year}.json" for year in index["years"])
    assert answers_problem(answers, meta) is None


def _raise_sichuan_score(text: str) -> str:
    payload = json.loads(text)
    payload["recommend"]["510000"]["industries"][0]["score"] = 99.9
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def test_an_edited_answers_file_is_refused_by_recommend_and_data_check(artifacts_copy):
    served = _invoke("recommend", "--region", "四川", "--json")
    assert served.exit_code == 0
    assert json.loads(served.stdout)["industries"][0]["score"] != 99.9
    path = artifacts_copy / ANSWERS_DIR_NAME / "2024.json"
    path.write_text(_raise_sichuan_score(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = _invoke("recommend", "--region", "四川")
    assert result.exit_code == 2 and "99.9" not in result.stdout
    assert result.stderr.startswith(f"error: precomputed answers file {path} differs from its sha256 in "
                                    f"{path.with_name('index.json')} (edited or corrupted); run `hostfit train`")
    sites = _invoke("sites", "--industry", "H19")
    assert sites.exit_code == 2
    check = _invoke("data", "check")
    assert check.exit_code == 1
    assert "[ invalid] precomputed answers" in check.stdout and "differs from its sha256" in check.stdout
    summary = json.loads(_invoke("data", "check", "--json").stdout)
    assert summary["answers"]["status"] == "invalid" and summary["ok"] is False


def test_an_edited_index_is_refused_even_with_matching_file_hashes(artifacts_copy):
    answers = artifacts_copy / ANSWERS_DIR_NAME
    path = answers / "2024.json"
    path.write_text(_raise_sichuan_score(path.read_text(encoding="utf-8")), encoding="utf-8")
    index = json.loads((answers / "index.json").read_text(encoding="utf-8"))
    index["files"]["2024.json"] = file_sha256(path)  # as an attacker would
    (answers / "index.json").write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                                        encoding="utf-8")
    result = _invoke("recommend", "--region", "四川")
    assert result.exit_code == 2 and "99.9" not in result.stdout
    assert result.stderr.startswith(f"error: {answers / 'index.json'} differs from the model metadata's "
                                    f"{ANSWERS_INDEX_KEY} (edited or corrupted)")
    assert _invoke("data", "check").exit_code == 1


@pytest.mark.parametrize("year", ["1997", "2017"])
def test_other_years_are_checked_too(artifacts_copy, year):
    path = artifacts_copy / ANSWERS_DIR_NAME / f"{year}.json"
    path.write_text(path.read_text(encoding="utf-8").replace("510000", "510001", 1), encoding="utf-8")
    assert _invoke("recommend", "--region", "四川", "--as-of", year).exit_code == 2
