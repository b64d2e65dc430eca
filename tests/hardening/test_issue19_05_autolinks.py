"""Issue 19, defect 5: bare URLs in upload messages became clickable links.

Backslash escapes hide Markdown syntax, but Streamlit's GFM renderer finds bare
URLs (``http://…``, ``www.…``, ``user@host.tld``) in the text after the escapes
are resolved (mdast-util-gfm-autolink-literal's find-and-replace) and links
them: ``field,value\\nhttp://evil.example/t.png,1`` gave a clickable link in
the error. The messages now carry an invisible word joiner inside each pattern.
The test resolves the escapes with a CommonMark parser, then applies the GFM
autolink-literal patterns (ported from mdast-util-gfm-autolink-literal).
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from app.text_safety import WORD_JOINER, escape_markdown
from tests.hardening.test_issue12_03_markdown import _upload_app

#: The URL and e-mail patterns GFM links in text nodes (case-insensitive, as in the JS source).
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
GFM_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
URL = "http://evil.example/t.png"


def _shown_text(markdown: str) -> str:
    """The text a reader sees: inline Markdown parsed, escapes resolved (as before GFM's transform)."""
    tokens = MarkdownIt("commonmark").parseInline(markdown)
    return "".join(child.content for token in tokens for child in token.children if child.type == "text")


def _autolinks(markdown: str) -> list[str]:
    text = _shown_text(markdown)
    return [m.group(0) for m in GFM_URL.finditer(text)] + [m.group(0) for m in GFM_EMAIL.finditer(text)]


@pytest.mark.parametrize("text", [URL, "see www.evil.example/x", "mail boss@evil.example now",
                                  "HTTPS://EVIL.EXAMPLE", "xmpp:user@evil.example"])
def test_escaped_text_has_no_gfm_autolink_and_reads_the_same(text):
    assert _autolinks(text)  # the pattern really matches the raw text
    escaped = escape_markdown(text)
    assert _autolinks(escaped) == []
    assert _shown_text(escaped).replace(WORD_JOINER, "") == text


@pytest.mark.usefixtures("fresh_streamlit_caches")
@pytest.mark.parametrize("upload", [f"field,value\n{URL},1\n", f"field,value\nH19,{URL}\n",
                                    f"field,value,{URL}\nH19,5000000,1\n"],
                         ids=["field-name", "value", "extra-column"])
def test_a_bare_url_in_an_upload_message_is_not_a_link(upload):
    at = _upload_app(upload.encode())
    assert not at.exception
    messages = [e.value for e in at.error] + [w.value for w in at.warning]
    assert messages and any("evil" in m for m in messages), messages
    for message in messages:
        assert _autolinks(message) == [], message
