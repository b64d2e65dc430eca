"""Where the curated data live, and which tables the model and the scores rest on.

Standard library only, so that the CLI's fast path can check the data without
importing pandas. Code reads these as module attributes (``paths.CURATED_DIR``), so a
test can point everything at a copy by setting one attribute.
"""

from __future__ import annotations

from pathlib import Path

CURATED_DIR = Path(__file__).resolve().parent / "curated"
#: The raw sources directory used by default: ``../shared/sources`` beside the checkout.
DEFAULT_SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"
ATTRIBUTE_TABLES = ("attr_research", "attr_energy", "attr_macro", "attr_population", "attr_green")
#: Every curated table the feature inputs are built from (a model trained on them depends on exactly these).
MODEL_INPUT_TABLES = ("io_panel", "io_matrix", *ATTRIBUTE_TABLES, "co2_sectors", "geo_regions", "regions",
                      "industries", "policy_data_hubs", "policy_new_areas", "national_products", "policy_priorities")
#: The tables scores, crowding and answers rest on: the model inputs plus the province outlines (borders).
SCORING_TABLES = (*MODEL_INPUT_TABLES, "geo_outlines")


def manifest_path() -> Path:
    """The build manifest of the curated tables (``MANIFEST.json`` in :data:`CURATED_DIR`)."""
    return CURATED_DIR / "MANIFEST.json"


def tables_digest(manifest: dict, names: tuple[str, ...]) -> str:
    """sha256 over the sorted ``name:sha256`` lines of ``names`` in a build manifest."""
    import hashlib

    lines = sorted(f"{name}:{entry['sha256']}" for name, entry in manifest["tables"].items() if name in names)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
