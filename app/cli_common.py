"""Helpers shared by the CLI command modules: clean failure and JSON output."""

from __future__ import annotations

import json
from typing import NoReturn

import typer


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` to stderr and exit with ``code`` (no traceback)."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def print_json(obj) -> None:
    """Print ``obj`` as indented UTF-8 JSON."""
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1, default=str))
