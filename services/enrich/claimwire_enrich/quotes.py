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


@dataclass(frozen=True, slots=True, init=False)
class QuoteSpan:
    """The words between one pair of quotation marks: ``body[start:end]``."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or the paragraph end when unclosed
    paragraph: int
    closed: bool
    continues: bool  # continues a quotation from the paragraph before

    def __init__(
        self, start: int, end: int, open_mark: int, close_mark: int, paragraph: int,
        closed: bool, continues: bool = False,
    ) -> None:  # fmt: skip
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "open_mark", open_mark)
        object.__setattr__(self, "close_mark", close_mark)
        object.__setattr__(self, "paragraph", paragraph)
        object.__setattr__(self, "closed", closed)
        object.__setattr__(self, "continues", continues)


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
        scan = _ParagraphScan(body, paragraphs, index, p_start, p_end, carried, quotes)
        for m in _MARKS.finditer(body, p_start, p_end):
            scan.mark(m.start())
        carried = scan.finish()
    return quotes


@dataclass(slots=True)
class _ParagraphScan:
    """One paragraph's scan: the quotation open so far and what closes it.

    Appends each quotation it closes to ``quotes`` (the caller's result list)."""

    body: str
    paragraphs: list[tuple[int, int]]
    index: int
    p_start: int
    p_end: int
    carried: bool  # the paragraph before ended inside a quotation
    quotes: list[QuoteSpan]
    open_at: int = -1
    closers: str = _CLOSERS
    single: bool = False
    depth: int = 0
    continues_here: bool = False
    skip_to: int = -1  # marks before this offset belong to a straight single quotation

    def mark(self, i: int) -> None:
        """Read the quotation mark at ``i``."""
        if i < self.skip_to:
            return
        body = self.body
        ch = body[i]
        prev = body[i - 1] if i > self.p_start else " "
        nxt = body[i + 1] if i + 1 < self.p_end else " "
        if self.open_at < 0:
            self._maybe_open(i, ch, prev, nxt)
        elif self.single:
            if ch == "’" and not nxt.isalpha():
                self._emit(self.open_at, i, True)
                self.open_at = -1
        else:
            self._inside_double(i, ch, prev, nxt)

    def finish(self) -> bool:
        """Close what the paragraph left open; True when the next paragraph carries it on."""
        if self.open_at < 0:
            return False
        self._emit(self.open_at, self.p_end, False)
        return _next_paragraph_opens_with(self.body, self.paragraphs, self.index, _OPENERS + "‘'")

    def _open(self, i: int, single: bool) -> None:
        self.open_at, self.single, self.depth = i, single, 0
        self.continues_here = self.carried and i == self.p_start

    def _maybe_open(self, i: int, ch: str, prev: str, nxt: str) -> None:
        if ch in _OPENERS:
            if ch == '"' and nxt.isspace():
                return  # a stray straight mark, not an opening one
            self._open(i, False)
            self.closers = _LOW_OPENER_CLOSERS if ch == "„" else _CLOSERS
        elif ch == "‘" and prev in _OPEN_CONTEXT and not nxt.isspace():
            self._open(i, True)
        elif ch == "'" and prev in _OPEN_CONTEXT and nxt.isalnum():
            self._straight_single(i)

    def _straight_single(self, i: int) -> None:
        close = _straight_single_close(self.body, i, self.p_end)
        self.continues_here = self.carried and i == self.p_start
        if close is not None and close.end() - i > 3:  # not "rock 'n' roll"
            self._emit(i, close.end() - 1, True)
            self.skip_to = close.end()
        elif _next_paragraph_opens_with(self.body, self.paragraphs, self.index, "'"):
            self._open(i, True)
            self.skip_to = self.p_end  # runs on into the next paragraph

    def _inside_double(self, i: int, ch: str, prev: str, nxt: str) -> None:
        if ch in self.closers:
            if self.depth > 0:
                self.depth -= 1
                return
            self._emit(self.open_at, i, True)
            self.open_at = -1
        elif ch == '"':
            if prev.isspace() and not nxt.isspace() and nxt not in ".,;:!?":
                self.depth += 1
            elif self.depth > 0:
                self.depth -= 1
            else:
                self._emit(self.open_at, i, True)
                self.open_at = -1
        elif ch in "“„«" and prev in _OPEN_CONTEXT:
            self.depth += 1

    def _emit(self, open_at: int, close_at: int, closed: bool) -> None:
        _emit(self.quotes, self.body, open_at, close_at, self.index, closed, self.continues_here)


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
