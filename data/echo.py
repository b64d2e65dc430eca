"""Echo user-typed text in messages safely: truncated, non-printable characters escaped.

Every message that repeats what a user typed (a region name, an uploaded field,
a CLI argument) passes it through :func:`clean` or :func:`quoted`: C0/C1
controls such as ANSI escapes, bidi overrides (U+202E …), zero-width and other
format characters, NBSP and other non-ASCII separators are written as
Python-style escapes (``\\x1b``, ``\\u202e``), and long inputs are cut with an
ellipsis so a 10 KB name is never repeated in full. The app adds Markdown
escaping on top (``app.text_safety``).
"""

from __future__ import annotations

#: Default number of characters of one user string kept in a message.
ECHO_LIMIT = 60
ELLIPSIS = "…"


def _escape_char(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def truncate(text: object, limit: int = ECHO_LIMIT) -> str:
    """``str(text)`` cut to ``limit`` characters plus an ellipsis when longer.

    Parameters
    ----------
    text : object
        Anything; it is converted with ``str``.
    limit : int
        Characters kept (at least 1).

    Returns
    -------
    str
        The text, or its first ``limit`` characters followed by ``…``.
    """
    text = str(text)
    limit = max(1, int(limit))
    return text if len(text) <= limit else text[:limit] + ELLIPSIS


def clean(text: object, limit: int = ECHO_LIMIT) -> str:
    """User text safe to print: truncated, non-printable characters escaped.

    Parameters
    ----------
    text : object
        The user's input (converted with ``str``).
    limit : int
        Characters of the input kept before the ellipsis.

    Returns
    -------
    str
        Printable text: controls, bidi and other format characters and
        non-ASCII spaces appear as ``\\xNN`` / ``\\uNNNN`` escapes; a backslash
        in the input is doubled so escapes cannot be forged.

    Examples
    --------
    >>> clean("Sichuan\\x1b[31m")
    'Sichuan\\\\x1b[31m'
    >>> clean("x" * 100, limit=5)
    'xxxxx…'
    """
    cut = truncate(text, limit)
    return "".join("\\\\" if c == "\\" else c if c.isprintable() else _escape_char(c) for c in cut)


def quoted(text: object, limit: int = ECHO_LIMIT) -> str:
    """:func:`clean` text between single quotes, e.g. for ``unknown region 'X'``."""
    return f"'{clean(text, limit)}'"
