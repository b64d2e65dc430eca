"""hostfit data layer: curated tables built from official statistics.

>>> from data import load_table
>>> panel = load_table("io_panel")   # doctest: +SKIP

The package imports nothing heavy until one of its names is used (PEP 562), so light
modules such as :mod:`data.paths` can be imported without pandas.
"""

from __future__ import annotations

__all__ = ["DataError", "list_tables", "load_table", "table_info"]


def __getattr__(name: str):
    if name in __all__:
        from data import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'data' has no attribute {name!r}")
