"""Curated input-output tables (filled by the IO ETL)."""

from __future__ import annotations

SPECS: list = []
