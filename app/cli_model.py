"""CLI commands: train and evaluate the ranker."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the model commands to ``app``."""
