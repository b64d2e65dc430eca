"""Line breaking for the PDF reports: Chinese and English text broken only at sensible points.

fpdf2 breaks a line at its last space, so Chinese text, which has spaces only around
numbers and Latin words, was cut between a number and its unit ("2010/2020⏎年人口普查").
Here a line may end

* after Chinese punctuation (，、；：。 …) — preferred when it falls in the last part of the line;
* at a space, unless the space joins a number or Latin word to the Chinese character after it;
* between two Chinese characters, or a Chinese character and a following number or word,
  but never before closing punctuation nor after opening punctuation;

and a single run too long for a line is split by character as a last resort.
"""

from __future__ import annotations

from collections.abc import Callable

#: Chinese punctuation after which a line ends most naturally.
SOFT_ENDS = set("，、；：。！？）」』”’")
#: Characters that must not start a line.
NO_START = set("，、；：。！？）」』”’)]}%,.;:!?…·")
#: Characters that must not end a line.
NO_END = set("（「『“‘([{")
#: Share of the line width, from its end, in which a break after punctuation is preferred.
PREFERRED_TAIL = 0.35


def _wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or \
        "\u3000" <= ch <= "\u303f"


def _can_break(text: str, i: int) -> bool:
    """Whether a line may end before ``text[i]`` (a space at ``i`` is dropped at the break)."""
    before, after = text[i - 1], text[i]
    if after == " ":
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return not (nxt and _wide(nxt) and not _wide(before) and nxt not in NO_START) and nxt not in NO_START
    if before == " " or after in NO_START or before in NO_END:
        return False
    if _wide(before):
        return True  # after a Chinese character or punctuation
    return _wide(after) and not before.isalnum() and before not in "%"  # "3个", "2020年" stay together


def wrap_lines(text: str, width_of: Callable[[str], float], max_width: float) -> list[str]:
    """``text`` broken into lines no wider than ``max_width`` (as measured by ``width_of``).

    Parameters
    ----------
    text : str
        One paragraph (no newlines).
    width_of : callable
        Width of a string in the current font (``FPDF.get_string_width``).
    max_width : float
        Available line width, same unit.

    Returns
    -------
    list of str
        The lines, spaces at the breaks removed.
    """
    lines: list[str] = []
    start = 0
    while start < len(text):
        end = start
        while end < len(text) and width_of(text[start:end + 1]) <= max_width:
            end += 1
        if end == len(text):
            lines.append(text[start:].strip())
            break
        breaks = [i for i in range(start + 1, end + 1) if _can_break(text, i)]
        tail = [i for i in breaks if text[i - 1] in SOFT_ENDS
                and width_of(text[start:i]) >= (1 - PREFERRED_TAIL) * max_width]
        cut = tail[-1] if tail else (breaks[-1] if breaks else max(end, start + 1))
        lines.append(text[start:cut].rstrip())
        start = cut
        while start < len(text) and text[start] == " ":
            start += 1
    return [line for line in lines if line]
