"""Registry of curated tables: where each lives, what it holds, who published it.

Each ETL area declares its tables in a ``SPECS`` list (see ``data/specs_*.py``);
this module gathers them. The loader, the build orchestrator and ``hostfit data
check`` all read this registry, so a table exists in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import pandera.pandas as pa

from data import paths

ETL_VERSION = "1.0.0"


@dataclass(frozen=True)
class TableSpec:
    """Declaration of one curated table.

    Parameters
    ----------
    name : str
        Name used with :func:`data.load_table`.
    description : str
        One line on what a row is.
    source : str
        Citation of the original publisher(s), not of a mirror.
    step : str
        ``"module:function"`` of the ETL step that builds it. A step receives
        ``(sources_dir, built)`` and returns a dict of table name to frame.
    schema : pandera.DataFrameSchema
        Validation applied after every build and on ``hostfit data check``.
    units : dict
        Column name to unit (``万元``, ``persons`` …); columns without a unit
        are codes, names or flags.
    fmt : str
        ``"csv"`` (default, small and reviewable) or ``"parquet"``.
    inputs : tuple of str
        Paths under the sources directory the step reads (for provenance).
    """

    name: str
    description: str
    source: str
    step: str
    schema: pa.DataFrameSchema
    units: dict[str, str] = field(default_factory=dict)
    fmt: str = "csv"
    inputs: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        """Location of the committed curated file."""
        return paths.CURATED_DIR / f"{self.name}.{self.fmt}"


_SPEC_MODULES = (
    "data.specs_catalogues",
    "data.specs_io",
    "data.specs_attributes",
    "data.specs_products",
    "data.specs_city",
)


def all_specs() -> dict[str, TableSpec]:
    """Return every registered table spec keyed by name, in build order."""
    specs: dict[str, TableSpec] = {}
    for module_name in _SPEC_MODULES:
        for spec in import_module(module_name).SPECS:
            if spec.name in specs:
                raise ValueError(f"curated table {spec.name!r} is declared twice")
            specs[spec.name] = spec
    return specs
