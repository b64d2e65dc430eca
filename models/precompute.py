"""Precomputed default answers: what ``hostfit recommend`` / ``sites`` print for the shipped data.

Importing NumPy, pandas and LightGBM costs more than a second on a small machine,
while the default answers (no edits, host regions, no origin) are fixed by the model
and the data. :func:`write_answers` computes them for every benchmark as-of year when
the model is saved, with the fingerprints they rest on; :mod:`app.fast_answers` serves
them without the model stack and falls back to computing when anything differs.

Layout (in :func:`models.paths.answers_dir`): one ``<year>.json`` per as-of year with
``recommend`` (region → answer) and ``sites`` (industry → answer), and ``index.json``,
written last, with ``model_sha256``, ``meta_sha256``, ``data_hash`` (of the scoring tables),
``code_version``, the years and the name keys the CLI may resolve without the
resolver (normalised code/name → code).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from data.atomic import write_atomic
from data.loader import load_manifest
from data.names import REGION_SUFFIXES, normalize, strip_suffix
from data.paths import SCORING_TABLES, tables_digest
from models import paths
from models.answers import recommend_answer, sites_answer
from models.artifacts import read_metadata
from models.scoring import Scorer

FORMAT = "hostfit-answers/1"


def _write_json(path: Path, payload: dict) -> None:
    write_atomic(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


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
    its metadata gives the model fingerprint recorded in the index.
    """
    directory = paths.answers_dir() if directory is None else Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    arrays = scorer.arrays
    years = sorted(set(arrays.io_years) | {arrays.latest_year})
    for year in years:
        board = scorer.board(year)
        payload = {"as_of": year,
                   "recommend": {str(int(r)): recommend_answer(board, int(r)) for r in arrays.regions},
                   "sites": {c: sites_answer(board, c) for c in arrays.candidates}}
        _write_json(directory / f"{year}.json", payload)
    meta = read_metadata(model_dir)
    meta_file = Path(paths.ARTIFACT_DIR if model_dir is None else model_dir) / paths.META_FILE
    index = {"format": FORMAT, "model_sha256": meta["model_sha256"],
             "meta_sha256": hashlib.sha256(meta_file.read_bytes()).hexdigest(),
             "data_hash": tables_digest(load_manifest(), SCORING_TABLES), "code_version": paths.code_version(),
             "years": years, "names": name_keys(scorer)}
    path = directory / "index.json"
    _write_json(path, index)
    return path
