"""Runs of capitalised words cut into name pieces: tokens, possessives, connectors, titles.

Pure functions over one run of ``mentions.NAME_RUN``: ``tokens_in`` splits it into
words, ``segments`` cuts it at possessives and at connectors that do not belong inside
a name ("Russia and China"), ``title_split`` separates a title from the name after it
("European Commission President Ursula von der Leyen").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from claimwire_enrich import lexicon as lx

_ABBREVIATIONS = lx.words_of(
    """mr. mrs. ms. dr. st. gen. sen. rep. gov. lt. col. sgt. capt. prof. jr. sr. mt. ft. co.
    inc. corp. ltd. no."""
)
_COMPOUND_TAILS = lx.words_of(
    """based led backed provided funded owned born made run controlled supported style era
    linked allied held occupied flagged registered built brokered affected hit sponsored"""
)
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+$")
_OF_LICENSORS = lx.ORG_OPENERS | lx.ORG_HEADS | lx.LOC_HEADS | lx.LOC_OPENERS | lx.TITLE_HEADS | {
    "republic", "kingdom", "states", "emirates", "commonwealth", "islands", "isle", "duke",
    "house", "city", "gulf", "sea", "bay", "strait", "cape", "secretary", "minister",
}  # fmt: skip
_FOR_LICENSORS = lx.ORG_HEADS | lx.ORG_OPENERS | {"campaign", "partnership", "doctors"}


@dataclass(slots=True, init=False)
class Tok:
    start: int
    end: int
    text: str
    low: str

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low


def outside(start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no span covers (``spans`` sorted), empty ones dropped."""
    parts, pos = [], start
    for s_start, s_end in spans:
        if s_end <= pos or s_start >= end:
            continue
        parts.append((pos, s_start))
        pos = s_end
    parts.append((pos, end))
    return [(a, b) for a, b in parts if b > a]


def tokens_in(body: str, start: int, end: int) -> list[Tok]:
    """The whitespace-separated words of ``body[start:end]``, with their offsets."""
    # str.split and find instead of a regex scan: no match objects to build and query, and
    # a word's first occurrence from the end of the one before is the word itself (only
    # whitespace lies between them).
    out = []
    pos = start
    for word in body[start:end].split():
        pos = body.find(word, pos)
        out.append(Tok(pos, pos + len(word), word, word.lower()))
        pos += len(word)
    return out


def strip_possessive(tok: Tok, inside: bool = False) -> tuple[Tok, bool]:
    """Drop "'s"/"s'" and "-based"; report whether the word was a possessive."""
    low = tok.low
    if low in lx.POSSESSIVE_IN_NAME:
        return tok, False
    if low.endswith(".") and low not in _ABBREVIATIONS and not _DOTTED.match(low):
        # the sentence's full stop: the name ends here
        return Tok(tok.start, tok.end - 1, tok.text[:-1], low[:-1]), True
    for suffix in ("'s", "’s"):
        if low.endswith(suffix) and len(low) > 2:
            return Tok(tok.start, tok.end - 2, tok.text[:-2], low[:-2]), True
    if low.endswith(("s'", "s’")):  # "Farmers' Cooperative": plural possessives stay in a name
        return Tok(tok.start, tok.end - 1, tok.text[:-1], low[:-1]), not inside
    if low.endswith(("'", "’", "-", "&")):
        return Tok(tok.start, tok.end - 1, tok.text[:-1], low[:-1]), True
    if "-" not in low:  # most words: no need to split one
        return tok, False
    head, dash, tail = low.rpartition("-")
    if dash and head and tail in _COMPOUND_TAILS:  # "Oslo-based", "U.S.-provided"
        cut = len(tail) + 1
        return Tok(tok.start, tok.end - cut, tok.text[:-cut], head), True
    return tok, False


def _and_joins(current: list[Tok], rest: list[Tok]) -> bool:
    """Rule and_before_org_head: "Food and Drug Administration": one word, "and", and
    capitalised words that end in an organisation's head make one name."""
    words = list(itertools.takewhile(lambda t: t.text[:1].isupper(), rest))
    return len(current) == 1 and 0 < len(words) <= 3 and words[-1].low in lx.ORG_HEADS


def _connector_fits(
    low: str, current: list[Tok], licensed_of: bool, rest: list[Tok] | None = None
) -> bool:
    """Whether a lower-case connector belongs inside the name ``current`` is building:
    "Republic of Korea", "Minister of the Interior", "Doctors for Peace", "von der"."""
    prev = current[-1].low if current else ""
    if low == "of":
        return prev in _OF_LICENSORS
    if low == "the":
        return prev == "of" and licensed_of
    if low == "for":  # "Centers for ...": a plural head licenses it too
        return prev in _FOR_LICENSORS or prev[:-1] in lx.ORG_HEADS
    if low == "and":
        return licensed_of or _and_joins(current, rest or [])
    return bool(current)  # name particles: "von der", "bin", "de"


def segments(toks: list[Tok]) -> list[list[Tok]]:
    """Cut a run at possessives and at connectors that do not belong inside a name."""
    found: list[list[Tok]] = []
    current: list[Tok] = []
    licensed_of = False
    for i, tok in enumerate(toks):
        if (tok.low in lx.NAME_CONNECTORS or tok.low == "&") and not tok.text[:1].isupper():
            ok = _connector_fits(tok.low, current, licensed_of, toks[i + 1 :])
            if tok.low in ("of", "for"):
                licensed_of = licensed_of or ok
            if ok and current:
                current.append(tok)
            else:
                if current:
                    found.append(current)
                current, licensed_of = [], False
            continue
        followed = i + 1 < len(toks) and toks[i + 1].text[:1].isupper()
        stripped, cut = strip_possessive(tok, inside=followed)
        if stripped.text:
            current.append(stripped)
        if cut:
            found.append(current)
            current, licensed_of = [], False
    if current:
        found.append(current)
    cleaned = []
    for seg in found:
        while seg and seg[-1].low in lx.NAME_CONNECTORS:
            seg = seg[:-1]
        if seg:
            cleaned.append(seg)
    return cleaned


def title_split(seg: list[Tok]) -> tuple[list[Tok], list[Tok], list[Tok]]:
    """(affiliation, title, name) parts of a segment; title empty when there is none."""
    head = -1
    for i in range(len(seg) - 1, -1, -1):
        low = seg[i].low.rstrip(",")
        if low in lx.TITLE_HEADS or low.rsplit("-", 1)[-1] in lx.TITLE_HEADS:
            head = i
            break
    if head < 0:
        return seg, [], []
    lo = head
    while lo > 0 and (seg[lo - 1].low in lx.TITLE_MODIFIERS or seg[lo - 1].low in lx.TITLE_HEADS):
        if seg[lo - 1].low in ("of", "and", "the", "for") and lo - 1 == 0:
            break
        lo -= 1
    while lo < head and seg[lo].low in lx.NAME_CONNECTORS:
        lo += 1
    hi = head + 1
    if hi < len(seg) and seg[hi].low == "general":
        hi += 1
    if hi < len(seg) and seg[hi].low == "of":
        j = hi + 1
        while j < len(seg) and (seg[j].low in lx.PORTFOLIOS) and j - hi <= 3:
            j += 1
        if j > hi + 1:
            hi = j
    name = seg[hi:]
    if name and not looks_like_name(name):
        return seg, [], []
    return seg[:lo], seg[lo:hi], name


def first_name(low: str) -> bool:
    return low in lx.MALE_NAMES or low in lx.FEMALE_NAMES


def looks_like_name(toks: list[Tok]) -> bool:
    if len(toks) > 5:
        return False
    for t in toks:
        if t.low in lx.ORG_HEADS or t.low in lx.LOC_HEADS or t.low in lx.COMMON_WORDS:
            return False
        if t.low in lx.TITLE_MODIFIERS and t.low not in lx.NAME_PARTICLES:
            return False
    return True
