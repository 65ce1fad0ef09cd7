"""Direct quotations: where the quotation marks open and close.

One pass over each paragraph's quotation marks, curly or straight, double or
(at top level) single. A straight single mark is also an apostrophe, so it
opens a quotation only before a word, after a space or an opening bracket,
and only when a closing mark after punctuation (``,' .' ?'``) follows in the
paragraph or the next paragraph goes on with one. A quotation still open at the end of a
paragraph continues when the next paragraph opens with a quotation mark (the
wire convention for long quotes) and otherwise ends there, so a missing
closing mark costs one paragraph, never the rest of the article. Nested
marks inside a quotation stay part of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = re.compile(r"[\"“”„«»‘’']")
# The close of a straight single quotation: punctuation, the mark, then no letter
# ("trim,' she said"), unlike an apostrophe ("workers' union", "don't").
_STRAIGHT_SINGLE_CLOSE = re.compile(r"[,.!?…—-]'(?!\w)")
# A short quoted phrase closes after a word: "called it 'unacceptable'." (not after an
# "s": "the workers' union" is a possessive inside a longer quotation).
_SHORT_SINGLE_CLOSE = re.compile(r"(?<=\w)(?<!s)'(?=[\s,.;:!?)]|$)")
_SHORT_SINGLE_CHARS = 80
_OPENERS = '"“„«'
_CLOSERS = "”»"
_LOW_OPENER_CLOSERS = "“”"  # German style: „so“
_OPEN_CONTEXT = " \t\n([{—–-/:;,"


@dataclass(slots=True)
class QuoteSpan:
    """The words between one pair of quotation marks: ``body[start:end]``."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or the paragraph end when unclosed
    paragraph: int
    closed: bool
    continues: bool = False  # continues a quotation from the paragraph before


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Every quotation in body order. Pure; linear in the number of quotation marks."""
    quotes: list[QuoteSpan] = []
    carried = False  # the previous paragraph ended inside a quotation
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at = -1
        closers = _CLOSERS
        single = False
        depth = 0
        continues_here = False
        skip_to = -1  # marks before this offset belong to a straight single quotation
        for m in _MARKS.finditer(body, p_start, p_end):
            i = m.start()
            if i < skip_to:
                continue
            ch = body[i]
            prev = body[i - 1] if i > p_start else " "
            nxt = body[i + 1] if i + 1 < p_end else " "
            if open_at < 0:
                if ch in _OPENERS:
                    if ch == '"' and nxt.isspace():
                        continue  # a stray straight mark, not an opening one
                    open_at, single, depth = i, False, 0
                    closers = _LOW_OPENER_CLOSERS if ch == "„" else _CLOSERS
                    continues_here = carried and i == p_start
                elif ch == "‘" and prev in _OPEN_CONTEXT and not nxt.isspace():
                    open_at, single, depth = i, True, 0
                    continues_here = carried and i == p_start
                elif ch == "'" and prev in _OPEN_CONTEXT and nxt.isalnum():
                    close = _straight_single_close(body, i, p_end)
                    continues_here = carried and i == p_start
                    if close is not None and close.end() - i > 3:  # not "rock 'n' roll"
                        _emit(quotes, body, i, close.end() - 1, index, True, continues_here)
                        skip_to = close.end()
                    elif _next_paragraph_opens_with(body, paragraphs, index, "'"):
                        open_at, single, depth = i, True, 0
                        skip_to = p_end  # runs on into the next paragraph
                continue
            if single:
                if ch == "’" and not nxt.isalpha():
                    _emit(quotes, body, open_at, i, index, True, continues_here)
                    open_at = -1
                continue
            if ch in closers:
                if depth > 0:
                    depth -= 1
                    continue
                _emit(quotes, body, open_at, i, index, True, continues_here)
                open_at = -1
            elif ch == '"':
                if prev.isspace() and not nxt.isspace() and nxt not in ".,;:!?":
                    depth += 1
                elif depth > 0:
                    depth -= 1
                else:
                    _emit(quotes, body, open_at, i, index, True, continues_here)
                    open_at = -1
            elif ch in "“„«" and prev in _OPEN_CONTEXT:
                depth += 1
        carried = False
        if open_at >= 0:
            _emit(quotes, body, open_at, p_end, index, False, continues_here)
            carried = _next_paragraph_opens_with(body, paragraphs, index, _OPENERS + "‘'")
    return quotes


def _straight_single_close(body: str, open_at: int, p_end: int) -> re.Match[str] | None:
    """The first plausible close of a straight single quotation opened at ``open_at``."""
    found = [
        _STRAIGHT_SINGLE_CLOSE.search(body, open_at + 1, p_end),
        _SHORT_SINGLE_CLOSE.search(body, open_at + 1, min(p_end, open_at + _SHORT_SINGLE_CHARS)),
    ]
    return min((m for m in found if m is not None), key=lambda m: m.end(), default=None)


def _next_paragraph_opens_with(
    body: str, paragraphs: list[tuple[int, int]], index: int, marks: str
) -> bool:
    """True when the paragraph after ``index`` starts with one of ``marks``."""
    return index + 1 < len(paragraphs) and body[paragraphs[index + 1][0]] in marks


def _emit(
    quotes: list[QuoteSpan],
    body: str,
    open_at: int,
    close_at: int,
    paragraph: int,
    closed: bool,
    continues: bool,
) -> None:
    start, end = _trimmed(body, open_at + 1, close_at)
    if end > start:
        quotes.append(QuoteSpan(start, end, open_at, close_at, paragraph, closed, continues))
