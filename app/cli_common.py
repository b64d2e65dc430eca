"""Helpers shared by the CLI command modules: clean failure and JSON output."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import NoReturn

import typer

from models.api import clean

#: Characters of a path kept in a message (a 300-character name is cut, the message stays one line).
PATH_ECHO = 160


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` to stderr and exit with ``code`` (no traceback)."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def shown(path: Path | str) -> str:
    """``path`` for a message: cut to :data:`PATH_ECHO` characters, control characters escaped."""
    return clean(path, PATH_ECHO)


def os_reason(exc: OSError) -> str:
    """The short reason of an ``OSError`` (``File name too long``), without the path it repeats."""
    return exc.strerror or type(exc).__name__


def print_json(obj) -> None:
    """Print ``obj`` as indented UTF-8 JSON."""
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (CJK characters count two)."""
    return text + " " * max(0, width - _width(text))
