"""Curated province attribute, geography and policy tables (filled by the attributes ETL)."""

from __future__ import annotations

SPECS: list = []
