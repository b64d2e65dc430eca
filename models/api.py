"""The public door of the model layer for the app and the CLI.

Views and commands import from here only (plus the app's own helpers): the scorer and
its boards, JSON answers, reasons, what-if edits, the catalogue of features and pillars,
the saved evaluation, the operations behind the CLI commands, and the errors they may
need to show. Names are resolved lazily (PEP 562) on every access, so importing one of
them imports only the modules it needs (and a test may replace the function behind one).
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "data.aliases": ("alias_note",),
    "data.atomic": ("write_atomic",),
    "data.echo": ("clean",),
    "data.loader": ("DataError",),
    "data.paths": ("DEFAULT_SOURCES",),
    "data.resolve": ("UnknownNameError", "resolve_industry_with_note"),
    "data.city_resolve": ("resolve_city",),
    "data.origins": ("CLUSTERS", "Origin", "resolve_origin"),
    "features.catalogue": ("PILLARS", "catalogue"),
    "features.scenario": ("EDITABLE_ATTRIBUTES", "GENERATION", "EditWarning", "add_region", "apply_edits",
                          "attribute_value", "clean_share", "generation_mix", "mix_for_clean_share",
                          "readable_number"),
    "models.answers": ("SCORE_NOTE", "recommend_answer", "sites_answer"),
    "models.integrity": ("ArtifactError",),  # standard library only: the CLI's fast path needs it
    "models.board": ("AsOfError", "Board"),
    "models.chain_answers": ("chain_board", "chain_list", "chain_sites_answer", "chains_answer",
                             "chains_recommend_answer", "names_chain", "resolve_chain_text"),
    "models.chain_city": ("city_chains_answer",),
    "models.chains": ("CHAIN_MEASURES", "STRATEGIES", "STRATEGY_NOTE", "strategy_key"),
    "models.city": ("CITY_NOTE", "city_board"),
    "models.city_answers": ("city_recommend_answer", "city_sites_answer"),
    "models.city_report": ("city_facts_sentence", "city_report", "evidence_sentences"),
    "models.operations": ("BuildInterrupted", "METHODS", "SourceError", "YearOutOfRange", "build_data",
                          "catalogue_with_coverage", "data_summary", "evaluate", "evaluation_outputs",
                          "format_city_coverage", "industry_list", "map_tables", "region_features", "train_and_save",
                          "write_evaluation"),
    "models.paths": ("artifact_dir",),
    "models.reasons": ("Reason", "reasons"),
    "models.rules": ("SITES_RULES",),
    "models.recent_wave_card": ("recent_wave_lines",),
    "models.report": ("region_report",),
    "models.reporting": ("EvaluationMissing", "card_text", "load_evaluation"),
    "models.scoring": ("Scorer", "load_scorer"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'models.api' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)


def __dir__() -> list[str]:
    return __all__
