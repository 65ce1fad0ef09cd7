"""Paragraphs, sentences and words with character offsets into the body.

Regex-based and linear in the length of the text: every pattern here is
anchored on a literal character class and has no nested unbounded repeats,
so a 2 MB paragraph costs what its length costs. All functions are pure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from claimwire_enrich.lexicon import words_of

# Upper-case letters of the Latin, Greek and Cyrillic blocks, as a regex class body.
UPPER = "".join(
    re.escape(chr(c)) for c in range(0x41, 0x530) if chr(c).isupper() and chr(c).isalpha()
)
_ABBREVIATIONS = words_of(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj st mt jr sr inc corp ltd
    co no nos vs approx est dept fig jan feb mar apr jun jul aug sep sept oct nov dec rev
    hon pres sec atty supt insp det cpl pvt ave blvd rd ft mx"""
)
# Words that usually start a sentence: after "U.S." they mean the sentence ended there.
_SENTENCE_STARTERS = words_of(
    """the a an in on at but and it its he she they we i this that these those there his her
    their our after before when while if as however meanwhile earlier later also yet so for
    asked according during since some many most"""
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_START = re.compile(rf"\s+[\"“‘'(\[]*([{UPPER}0-9])")
_LAST_WORD = re.compile(r"([\w.]+)$")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# Final (here and below): mypyc keeps the constants the per-word loops test in C statics,
# not in the module dict.
_DASHES: Final = frozenset({"—", "–", "-", "--"})
_SENTENCE_LEAD: Final = " \t\"“‘'([«„"
MAX_SENTENCE_CHARS = 1500
_LIMIT_SEARCH = 200


@dataclass(frozen=True, slots=True, init=False)
class Sentence:
    """One sentence: ``body[start:end]``, and the paragraph it sits in."""

    start: int
    end: int
    paragraph: int

    def __init__(self, start: int, end: int, paragraph: int) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "paragraph", paragraph)


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``body`` (paragraphs are separated by newlines)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in body.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos = end + 1
    return spans


def _is_abbreviation(text: str, dot: int, next_char: str) -> bool:
    """True when the period at ``dot`` ends an abbreviation rather than the sentence."""
    m = _LAST_WORD.search(text, max(0, dot - 30), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    if "." in word and len(word) <= 8:  # "U.S." / "a.m.": ends only before a usual starter
        following = _WORD.match(text, text.find(next_char, dot))
        return not (following and following.group(0).lower() in _SENTENCE_STARTERS)
    return False


def _split_long(start: int, end: int, body: str) -> list[tuple[int, int]]:
    """Cut a run-on sentence into pieces of at most MAX_SENTENCE_CHARS at spaces."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = body.rfind(" ", limit - _LIMIT_SEARCH, limit)
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def split_sentences(body: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of every paragraph, in order; each is stripped of surrounding space."""
    sentences: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        start = p_start
        for m in _BOUNDARY.finditer(body, p_start, p_end):
            nxt = _NEXT_START.match(body, m.end(), p_end)
            if not nxt:
                continue
            single_period = body[m.start()] == "." and m.end() - m.start() == 1
            if single_period and _is_abbreviation(body, m.start(), nxt.group(1)):
                continue
            for a, b in _split_long(start, m.end(), body):
                sentences.append(Sentence(a, b, index))
            start = nxt.start() + (len(nxt.group(0)) - len(nxt.group(0).lstrip()))
        if start < p_end:
            for a, b in _split_long(start, p_end, body):
                sentences.append(Sentence(a, b, index))
    return sentences


def clause_start_offsets(
    body: str, sentences: list[Sentence], quote_starts: list[int], tokens: Tokens
) -> set[int]:
    """Offsets where a capital letter says nothing about names (sentence and clause starts):
    each sentence's first word, each quotation's, and the word after a dash or a colon.

    Here rather than in ``core`` (which stays interpreted) because it looks at every word:
    compiled, it costs a fraction."""
    starts: set[int] = set()
    for s in sentences:
        pos = s.start
        while pos < s.end and body[pos] in _SENTENCE_LEAD:
            pos += 1
        starts.add(pos)
    for q in quote_starts:
        starts.add(q)
    raw, offsets = tokens.raw, tokens.starts
    last = len(raw) - 1
    for i in range(last):  # after a dash: "VELMARA, March 2 — Dravonia ..."
        word = raw[i]
        if word in _DASHES or (not word and body[offsets[i] : offsets[i] + 1] in _DASHES):
            starts.add(offsets[i + 1])
    # after a colon that ends a word: from each colon to its word (a few per article),
    # instead of looking after every word of the body
    colon = body.find(":")
    while colon >= 0:
        i = bisect.bisect_right(offsets, colon) - 1  # the only word that can end there
        if 0 <= i < last and offsets[i] + len(raw[i]) == colon:
            starts.add(offsets[i + 1])
        colon = body.find(":", colon + 1)
    return starts


class SentenceIndex:
    """Find the sentence that holds an offset in O(log n)."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the last one before it); -1 if none."""
        return bisect.bisect_right(self._starts, offset) - 1


def words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Word matches in ``text[start:end]`` (letters/digits joined by - ' ’ .)."""
    return list(_WORD.finditer(text, start, len(text) if end is None else end))


def last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]``, or None. Pure."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one is wanted
        pass
    return found


_LEAD: Final = "\"“‘'([«„{*"
_TRAIL: Final = ".,;:!?\"”’')]»…}*"


_WHITESPACE_RUNS: Final = re.compile(r"(\s+)")


class Tokens:
    """The body's whitespace-separated words, stripped of punctuation, with offsets.

    Built once per article (one ``str.split`` and one loop: far cheaper than one more
    regex pass per extractor), then shared by the extractors that
    look for cue words: ``raw[i]`` keeps the case, ``low[i]`` is lower-cased,
    ``cue[i]`` is ``low[i]`` where the word is written in lower case (else ""),
    ``starts[i]`` is the offset of ``raw[i]`` in the body.
    """

    __slots__ = ("cue", "low", "raw", "starts")

    def __init__(self, body: str) -> None:
        # One comprehension per list, not one loop filling four: interpreted, each runs
        # its per-word call at C speed (about 2.5x faster over the body); compiled by
        # mypyc a comprehension is the same native loop, so no slower.
        chunks = body.split()
        total = 0
        for c in chunks:
            total += len(c)
        if chunks and total + len(chunks) - 1 == len(body):
            # the usual case: one whitespace character between words, none around them
            pieces = chunks
            offsets = [0] * len(chunks)
            pos = 0
            for k in range(len(chunks)):
                offsets[k] = pos
                pos += len(chunks[k]) + 1
        else:
            runs = _WHITESPACE_RUNS.split(body)  # words at the even indexes
            pieces = runs[::2]
            offsets = [0] * len(pieces)
            pos = 0
            for k in range(len(runs)):
                if k % 2 == 0:
                    offsets[k // 2] = pos
                pos += len(runs[k])
        lefts = [c.lstrip(_LEAD) for c in pieces]
        raws = [w.rstrip(_TRAIL) for w in lefts]
        # start of a word = chunk start + the punctuation stripped on its left
        self.starts: list[int] = [
            offsets[k] + len(pieces[k]) - len(lefts[k]) for k in range(len(pieces))
        ]
        self.raw: list[str] = raws
        self.low: list[str] = [w.lower() for w in raws]
        # "a" <= w < "{" is "a" <= w[:1] <= "z" ("{" follows "z") without a slice per word
        self.cue: list[str] = [w if "a" <= w < "{" else "" for w in raws]

    def index_at(self, offset: int) -> int:
        """Index of the last token starting at or before ``offset`` (-1 if none)."""
        return bisect.bisect_right(self.starts, offset) - 1

    def span(self, start: int, end: int) -> range:
        """Indexes of the tokens that start within ``[start, end)``."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))
