"""Issue 12, problem 3: nothing in an upload is rendered as Markdown.

``st.error`` / ``st.warning`` render Markdown: a field or column named
``![t](http://host/x.png)`` became a live image (fetched with the app URL as
Referer) and ``[点击此处下载正确模板](http://…)`` a clickable link. The messages
are now escaped; rendered as CommonMark they show the text literally, with no
image, link or autolinked URL.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

IMAGE = "![t](http://host.example/x.png)"
LINK = "[点击此处下载正确模板](http://evil.example/template)"


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def _upload_app(content: bytes):
    from streamlit.testing.v1 import AppTest

    def script(payload: bytes) -> None:
        from app.views.upload_panel import handle_upload

        handle_upload(len(payload), lambda: payload)

    return AppTest.from_function(script, args=(content,), default_timeout=120).run()


def _assert_inert(markdown: str, *texts: str) -> None:
    html = _render(markdown)
    assert "<img" not in html and "<a " not in html, html
    assert "http://" not in markdown  # no bare URL left for GFM autolinking
    # the invisible word joiner that stops GFM autolinks (issue 19, defect 5) is not part of what is read
    plain = html.replace("&quot;", '"').replace("&amp;", "&").replace("\u2060", "")
    for text in texts:  # shown literally (long names are cut after 40 characters)
        assert text[:40] in plain, (text, plain)


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_markdown_in_an_extra_column_is_shown_as_text():
    at = _upload_app(f"field,value,{IMAGE},{LINK}\nH19,5000000,1,2\n".encode())
    assert not at.exception and at.success
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    _assert_inert(warnings[0], IMAGE, LINK)


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_markdown_in_a_field_name_is_shown_as_text():
    at = _upload_app(f"field,value\nH19,5000000\n{LINK},1\n".encode())
    assert not at.exception
    assert len(at.error) == 1 and "byo_inputs" not in at.session_state
    _assert_inert(at.error[0].value, LINK)


def test_escape_helpers():
    from app.text_safety import escape_markdown, safe_markdown

    for text in (IMAGE, LINK, "$x^2$ :red[alarm] <b>bold</b> **strong** # head | a | b |", "www.example.com"):
        html = _render(escape_markdown(text))
        assert "<img" not in html and "<a " not in html and "<b>" not in html and "<strong>" not in html
        assert "<h1>" not in html and "<table>" not in html
    assert safe_markdown("x" * 500, limit=20) == "x" * 20 + "…"
    assert safe_markdown("a\x1b[31mb\u202ec", limit=60) == "a\\\\x1b\\[31mb\\\\u202ec"
