"""The public door of the model layer for the app and the CLI.

Views and commands import from here only (plus the app's own helpers): the scorer
and its boards, JSON answers, the catalogue of features and pillars, the saved
evaluation, and the errors they may need to show.
"""

from __future__ import annotations

import pandas as pd

from data import DataError, load_table
from data.city_resolve import resolve_city
from data.resolve import UnknownNameError
from features.catalogue import PILLARS, catalogue
from features.scenario import EDITABLE_ATTRIBUTES, EditWarning, add_region, apply_edits, attribute_value
from models.answers import SCORE_NOTE, recommend_answer, sites_answer
from models.artifacts import ArtifactError
from models.board import AsOfError, Board
from models.city import CITY_NOTE
from models.city_answers import city_recommend_answer, city_sites_answer
from models.reporting import EvaluationMissing, card_text, load_evaluation
from models.scoring import Scorer, load_scorer

__all__ = ["EDITABLE_ATTRIBUTES", "PILLARS", "SCORE_NOTE", "ArtifactError", "AsOfError", "Board", "DataError",
           "EditWarning", "EvaluationMissing", "Scorer", "UnknownNameError", "add_region", "apply_edits", "attribute_value", "catalogue",
           "card_text", "data_summary", "map_tables", "load_evaluation", "load_scorer", "recommend_answer", "sites_answer"]
# the prefecture-city layer (issue 13)
__all__ += ["CITY_NOTE", "city_recommend_answer", "city_sites_answer", "resolve_city"]


def data_summary() -> dict:
    """Validation and coverage summary of every curated table (``hostfit data check``)."""
    from data.check import check_all

    return check_all()


def map_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outlines of all 34 provincial-level units (``region, geojson``) and the national lines
    (outline, maritime boundary, South China Sea islands) for the map."""
    outlines = pd.concat([load_table("geo_outlines"), load_table("geo_outlines_extra")], ignore_index=True)
    return outlines, load_table("geo_national")
