"""hostfit data layer: curated tables built from official statistics.

>>> from data import load_table
>>> panel = load_table("io_panel")   # doctest: +SKIP
"""

from data.loader import DataError, list_tables, load_table, table_info

__all__ = ["DataError", "list_tables", "load_table", "table_info"]
