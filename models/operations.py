"""Operations behind the CLI's data, features, train and evaluate commands.

The commands only parse arguments and print; what they do is here, reached through
:mod:`models.api` like everything else the app uses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from data import load_table
from data.atomic import write_atomic
from data.check import check_all, format_city_coverage  # noqa: F401  (re-exported)
from data.etl import build
from data.etl.build import BuildInterrupted  # noqa: F401  (re-exported)
from data.etl.sources import SourceError  # noqa: F401  (re-exported)
from data.loader import clear_cache
from data.resolve import resolve_region
from features.build import build_features, build_panel
from features.catalogue import catalogue
from features.coverage import coverage_by_year
from features.inputs import load_inputs
from models import evaluation, model_card, paths, recent_wave, reporting
from models.artifacts import read_metadata, save_model
from models.integrity import ANSWERS_INDEX_KEY, ArtifactError, answers_problem
from models.evaluation import METHODS  # noqa: F401  (re-exported)
from models.precompute import write_answers
from models.scoring import Scorer, arrays_of_shipped
from models.training import CONFIGS, default_frame, train_shipped


class YearOutOfRange(ValueError):
    """An as-of year outside the data."""


def build_data(sources: Path, progress: bool = True) -> dict:
    """Rebuild every curated table from the raw sources (all or nothing); forget loaded tables."""
    manifest = build.build_all(sources, progress=progress)
    clear_cache()
    return manifest


def data_summary() -> dict:
    """Validation and coverage summary of every curated table (``hostfit data check``), plus the
    integrity of the precomputed answers (``answers``: status ``ok``, ``invalid``, ``unsigned`` when
    the metadata records no index sha256 — such answers are never served — or ``no model``)."""
    summary = check_all()
    try:
        meta = read_metadata()
    except ArtifactError as exc:
        summary["answers"] = {"status": "no model", "error": str(exc)}
        return summary
    if ANSWERS_INDEX_KEY not in meta:
        summary["answers"] = {"status": "unsigned", "error": f"the model metadata has no {ANSWERS_INDEX_KEY}"}
        return summary
    problem = answers_problem(paths.answers_dir(), meta)
    summary["answers"] = {"status": "ok" if problem is None else "invalid", "error": problem}
    if problem is not None:
        summary["ok"] = False
    return summary


def catalogue_with_coverage() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The feature catalogue and the feature × year share of rows with a value."""
    return catalogue(), coverage_by_year(build_panel(load_inputs()))


def region_features(region: str, year: int | None) -> tuple[int, int, pd.DataFrame]:
    """One region's features for every candidate industry: ``(adcode, year, industry × feature frame)``.

    Raises
    ------
    UnknownNameError
        Unknown region.
    YearOutOfRange
        ``year`` outside the first IO year … the latest year with data.
    """
    code = resolve_region(region)
    inputs = load_inputs()
    year = inputs.latest_year if year is None else int(year)
    first = min(inputs.io_years)
    if not first <= year <= inputs.latest_year:
        raise YearOutOfRange(f"--year {year} is outside the data ({first}–{inputs.latest_year}): features need an "
                             f"input-output table at or before the year / 年份 {year} 超出数据范围"
                             f"（{first}–{inputs.latest_year}）")
    frame = build_features(inputs, year)
    return code, year, frame.loc[frame["region"] == code].drop(columns=["region", "year"]).set_index("industry")


def train_and_save(directory: Path | None = None) -> tuple[object, dict, Path]:
    """Train the shipped model, save it with its precomputed default answers; return (model, metadata, path)."""
    directory = paths.ARTIFACT_DIR if directory is None else Path(directory)
    model, metadata = train_shipped(default_frame())
    path = save_model(model, metadata, directory)
    calibration = (metadata["calibration"]["a"], metadata["calibration"]["b"])
    write_answers(Scorer(model, calibration, arrays_of_shipped(), rules=metadata), directory / paths.ANSWERS_DIR_NAME,
                  model_dir=directory)
    return model, metadata, path


def evaluate() -> dict:
    """The full evaluation (:func:`models.evaluation.evaluate` on the committed data) with the
    2017→2022/2024 recent-wave validation of the shipped configuration (:mod:`models.recent_wave`)."""
    result = evaluation.evaluate()
    shipped = next(c for c in CONFIGS if c.name == result["shipped_config"]["name"])
    result["recent_wave"] = recent_wave.shipped_recent_wave(shipped)
    return result


def evaluation_outputs() -> list[Path]:
    """The files ``hostfit evaluate --card`` writes."""
    return [reporting.EVALUATION_PATH, *model_card.CARD_PATHS.values()]


def write_evaluation(result: dict) -> None:
    """Write the evaluation JSON and the model cards (each via a temporary file and a rename)."""
    write_atomic(reporting.EVALUATION_PATH, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    model_card.write_card(result)


def map_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outlines of all 34 provincial-level units (``region, geojson``) and the national lines
    (outline, maritime boundary, South China Sea islands) for the map."""
    outlines = pd.concat([load_table("geo_outlines"), load_table("geo_outlines_extra")], ignore_index=True)
    return outlines, load_table("geo_national")


def industry_list() -> list[dict]:
    """The sectors as the product uses them: the 16 ranked manufacturing groups, the digital
    track and the resource/network context, with the everyday words that map to each."""
    from data.aliases import INDUSTRY_ALIASES

    words: dict[str, list[str]] = {}
    for word, alias in INDUSTRY_ALIASES.items():
        words.setdefault(alias.code, []).append(word)
    table = load_table("industries")
    return [{"industry": row.industry, "name_zh": row.name_zh, "name_en": row.name_en, "track": row.track,
             "ranked": bool(row.candidate), "words": sorted(words.get(row.industry, []))}
            for row in table.itertuples(index=False) if row.track in ("transfer", "digital", "resource", "network")]
