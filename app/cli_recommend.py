"""CLI commands: recommend industries for a region, sites for an industry."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the scoring commands to ``app``."""
