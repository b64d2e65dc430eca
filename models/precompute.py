"""Precomputed default answers: what ``hostfit recommend`` / ``sites`` print for the shipped data.

Importing NumPy, pandas and LightGBM costs more than a second on a small machine,
while the default answers (no edits, host regions, no origin) are fixed by the model
and the data. :func:`write_answers` computes them for every benchmark as-of year when
the model is saved, with the fingerprints they rest on; :mod:`app.fast_answers` serves
them without the model stack and falls back to computing when anything differs.

Layout (in :func:`models.paths.answers_dir`): one ``<year>.json`` per as-of year with
``recommend`` (region → answer) and ``sites`` (industry → answer), and ``index.json``,
written last, with ``model_sha256``, ``meta_sha256`` (:func:`models.integrity.meta_digest`),
``data_hash`` (of the scoring tables), ``code_version``, the years, the sha256 of each
year's file (``files``) and the name keys the CLI may resolve without the resolver
(normalised code/name → code). The index's own sha256 is then stored in the model
metadata (``answers_index_sha256``), so an edited answers file or index is detected
(:func:`models.integrity.answers_problem`).
"""

from __future__ import annotations

import json
from pathlib import Path

from data.atomic import write_atomic
from data.loader import load_manifest
from data.names import REGION_SUFFIXES, normalize, strip_suffix
from data.paths import SCORING_TABLES, tables_digest
from models import paths
from models.answers import recommend_answer, sites_answer
from models.artifacts import read_metadata, record_answers_index
from models.integrity import meta_digest, sha256_bytes
from models.scoring import Scorer

FORMAT = "hostfit-answers/1"


def _write_json(path: Path, payload: dict) -> str:
    """Write ``payload`` as compact JSON (atomically); return the file's sha256."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_atomic(path, data)
    return sha256_bytes(data)


def name_keys(scorer: Scorer) -> dict[str, dict[str, object]]:
    """Normalised exact names → codes: regions (code, names, aliases, without suffixes) and the
    candidate industries (code, number, zh and en name)."""
    regions: dict[str, int] = {}
    for row in scorer.arrays.regions_table.itertuples(index=False):
        aliases = [] if not isinstance(row.aliases, str) else row.aliases.split("|")
        for name in (str(row.region), row.name_zh, row.short_zh, row.name_en, *aliases):
            key = normalize(name)
            regions.setdefault(key, int(row.region))
            regions.setdefault(strip_suffix(key, REGION_SUFFIXES), int(row.region))
    industries: dict[str, str] = {}
    table = scorer.arrays.industries_table
    for row in table.loc[table["candidate"]].itertuples(index=False):
        for name in (row.industry, row.industry.lstrip("H"), row.name_zh, row.name_en):
            industries.setdefault(normalize(name), row.industry)
    return {"region": regions, "industry": industries}


def write_answers(scorer: Scorer, directory: Path | None = None, model_dir: Path | None = None) -> Path:
    """Compute and write the default answers of every benchmark as-of year; return the index path.

    ``model_dir`` is the folder of the saved model the scorer holds (default the shipped one):
    its metadata gives the model fingerprint recorded in the index and then records the
    index's sha256 (:func:`models.artifacts.record_answers_index`).
    """
    directory = paths.answers_dir() if directory is None else Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    arrays = scorer.arrays
    years = sorted(set(arrays.io_years) | {arrays.latest_year})
    files: dict[str, str] = {}
    for year in years:
        board = scorer.board(year)
        payload = {"as_of": year,
                   "recommend": {str(int(r)): recommend_answer(board, int(r)) for r in arrays.regions},
                   "sites": {c: sites_answer(board, c) for c in arrays.candidates}}
        files[f"{year}.json"] = _write_json(directory / f"{year}.json", payload)
    meta = read_metadata(model_dir)
    index = {"format": FORMAT, "model_sha256": meta["model_sha256"], "meta_sha256": meta_digest(meta),
             "data_hash": tables_digest(load_manifest(), SCORING_TABLES), "code_version": paths.code_version(),
             "years": years, "files": files, "names": name_keys(scorer)}
    path = directory / "index.json"
    record_answers_index(_write_json(path, index), model_dir)
    return path
