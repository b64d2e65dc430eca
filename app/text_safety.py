"""Make user-supplied text safe to render in Streamlit messages.

``st.error`` / ``st.warning`` / ``st.markdown`` render Markdown — plus math
(``$…$``), emoji shortcodes, colour directives (``:red[…]``) and bare URLs. A
field named ``![t](http://host/x.png)`` in an upload must not become a live
image, nor ``[text](http://…)`` a link. :func:`escape_markdown` backslash-escapes
every ASCII punctuation character, which CommonMark defines as "show this
character literally": the rendered message reads exactly like the plain one.
:func:`clean` / :func:`quoted` (from :mod:`data.echo`) escape control and bidi
characters and truncate long inputs; :func:`safe_markdown` does both.

Escaping is not enough for bare URLs: Streamlit's GFM renderer finds
``http://…``, ``www.…`` and ``user@host.tld`` in the text *after* escapes are
resolved and links them. :func:`escape_markdown` therefore puts an invisible
WORD JOINER (U+2060) inside each such pattern (``http⁠://``, ``www⁠.``,
``@⁠host``): the text reads the same, but no autolink pattern matches.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

from data.echo import ECHO_LIMIT, ELLIPSIS, clean, quoted, truncate

__all__ = ["ECHO_LIMIT", "ELLIPSIS", "WORD_JOINER", "clean", "defuse_autolinks", "escape_markdown",
           "hide_server_paths", "quoted", "safe_markdown", "truncate"]

_MARKDOWN_SPECIAL = frozenset(string.punctuation)
#: Invisible, zero-width; breaks the autolink patterns without changing what the text shows.
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)(?:https?|ftp|mailto|xmpp)(?=:)|www(?=\.)|@(?=[-\w])")


_ROOT = str(Path(__file__).resolve().parents[1]) + os.sep
_ABSOLUTE = re.compile(r"(?<![\w.~:/])/(?:[^\s/'\"()]+/)+([^\s/'\"()]+)")


def hide_server_paths(text: object) -> str:
    """``text`` without the server's absolute paths: repository paths relative, others cut to the file name.

    For messages shown to app users (a refusal page), who need the file's name
    but not the server's folder layout.

    Examples
    --------
    >>> hide_server_paths("model file /srv/x/hostfit_ranker.txt is corrupted")
    'model file …/hostfit_ranker.txt is corrupted'
    """
    return _ABSOLUTE.sub(lambda match: "…/" + match.group(1), str(text).replace(_ROOT, ""))


def defuse_autolinks(text: str) -> str:
    """Put :data:`WORD_JOINER` after every URL scheme, ``www`` and e-mail ``@`` so GFM links none.

    Examples
    --------
    >>> defuse_autolinks("http://evil.example") == "http\u2060://evil.example"
    True
    """
    return _AUTOLINK_START.sub(lambda match: match.group(0) + WORD_JOINER, text)


def escape_markdown(text: object) -> str:
    """Backslash-escape every ASCII punctuation character so Markdown shows it literally.

    Parameters
    ----------
    text : object
        A complete message (converted with ``str``); it must not itself rely on
        Markdown formatting.

    Returns
    -------
    str
        Text whose Markdown rendering equals the input: no links, images,
        emphasis, headings, tables, HTML, math, Streamlit directives or
        autolinked URLs (see :func:`defuse_autolinks`). Line breaks are kept.

    Examples
    --------
    >>> escape_markdown("![t](x.png)")
    '\\\\!\\\\[t\\\\]\\\\(x\\\\.png\\\\)'
    """
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in defuse_autolinks(str(text)))


def safe_markdown(text: object, limit: int | None = None) -> str:
    """Markdown-safe text: :func:`clean` (when ``limit`` is given), then :func:`escape_markdown`.

    Parameters
    ----------
    text : object
        User text or a whole message that may contain user text.
    limit : int, optional
        Truncate to this many characters and escape control/bidi characters
        first (for raw user strings; messages built by the parsers are already
        cleaned).
    """
    return escape_markdown(str(text) if limit is None else clean(text, limit))
