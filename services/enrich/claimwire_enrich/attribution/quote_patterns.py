"""The attribution patterns of quotations, in the order they are tried.

Each pattern is a short function ``(subjects, quote, index, earlier) -> Attribution |
None`` with its name and the sentence it exists for; the first that finds a speaker
wins and its name is kept (``Quote.attribution_rule``). ``earlier`` holds the
attributions of the quotations before this one. To add a case, add a function here,
put it at its place in :data:`QUOTE_PATTERNS` and add a row to the test table
(tests/unit/enrich/test_attribution_patterns.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimwire_enrich import lexicon as lx
from claimwire_enrich.attribution.claim_patterns import claimant
from claimwire_enrich.attribution.speaker import Attribution
from claimwire_enrich.attribution.subjects import VERB, Subjects
from claimwire_enrich.mention import PERSON
from claimwire_enrich.quotes import QuoteSpan

_VERB_ALT = "|".join(sorted(lx.QUOTE_VERBS, key=len, reverse=True))
_TRAIL = re.compile(rf"[\s,]*(?P<subj>[^\"“”\n]{{1,120}}?)\s+(?:\w+ly\s+)?(?P<verb>{_VERB_ALT})\b")
_TRAIL_INVERTED = re.compile(rf"[\s,]*(?P<verb>{_VERB_ALT})\s+(?=\S)")
# 'But she was sure of one thing: "..."': a pronoun opening the words before a colon.
_LEAD_PRONOUN = re.compile(r"\s*(?:(?:But|And|So|Yet)\s+)?(he|she|He|She)\b")
# '"...," was Jon Roe's verdict': the person whose words they were.
_TRAIL_COPULA = re.compile(r"[\s,]*(?:was|is)\s+")
_POSSESSIVE = ("'s", "’s")
_TRAIL_ACCORDING = re.compile(r"[\s,]*according\s+to\s+", re.IGNORECASE)
# The attribution that ends the sentence a quoted fragment sits in: '... by "arcing power
# lines" that touched the ground, the forestry director said.' / '..., said Jon Roe.'
_END_SUBJECT = re.compile(
    rf",\s+(?P<subj>[^,\"“”\n]{{1,100}}?)\s+(?:\w+ly\s+)?(?P<verb>{_VERB_ALT})[.!?]?\s*$"
)
_END_INVERTED = re.compile(rf",\s+(?P<verb>{_VERB_ALT})\s+(?P<subj>[^,\"“”\n]{{1,100}}?)[.!?]?\s*$")

QuoteFinder = Callable[[Subjects, QuoteSpan, int, Sequence[Attribution]], Attribution | None]


@dataclass(frozen=True, slots=True)
class QuotePattern:
    """One way a text attributes a quotation: name, the example it exists for, finder."""

    name: str
    example: str
    find: QuoteFinder


def _after_quote(s: Subjects, q: QuoteSpan) -> tuple[int, int] | None:
    """Where an attribution after the closing mark may be ([start, limit)), or None when
    the sentence goes on ('"broadly in line" with ...': no attribution there)."""
    if not q.closed:
        return None
    body, quotes = s.body, s.ix.quotes
    start = q.close_mark + 1
    limit = s.sentences[s.sent_index.at(q.close_mark)].end if s.sentences else start
    limit = min(max(limit, start), start + 160, len(body))
    nxt_quote = bisect.bisect_right(s.ix.q_starts, q.close_mark)
    if nxt_quote < len(quotes):
        limit = min(limit, quotes[nxt_quote].open_mark)
    if body[q.end - 1] in ",.!?…—-" or body[start : start + 1] == ",":
        return start, limit
    return None


def according_to_after(
    s: Subjects, q: QuoteSpan, _index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    window = _after_quote(s, q)
    if window is None:
        return None
    according = _TRAIL_ACCORDING.match(s.body, *window)
    if according is None:
        return None
    speaker = s.after(according.end(), window[1], q.open_mark)
    return Attribution(speaker, "according to") if speaker is not None else None


def verb_then_subject_after(
    s: Subjects, q: QuoteSpan, _index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    window = _after_quote(s, q)
    if window is None:
        return None
    inverted = _TRAIL_INVERTED.match(s.body, *window)
    if inverted is None:
        return None
    speaker = s.after(inverted.end(), window[1], q.open_mark)
    return Attribution(speaker, inverted.group("verb")) if speaker is not None else None


def subject_then_verb_after(
    s: Subjects, q: QuoteSpan, _index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    window = _after_quote(s, q)
    if window is None:
        return None
    m = _TRAIL.match(s.body, *window)
    if m is None:
        return None
    speaker = s.phrase(m.start("subj"), m.end("subj"), q.open_mark)
    return Attribution(speaker, m.group("verb")) if speaker is not None else None


def subject_verb_before(
    s: Subjects, q: QuoteSpan, index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    if q.continues:
        return None
    quotes = s.ix.quotes
    sent = s.sentences[s.sent_index.at(q.open_mark)] if s.sentences else None
    seg_start = sent.start if sent is not None else 0
    if index > 0 and quotes[index - 1].close_mark >= seg_start:
        seg_start = quotes[index - 1].close_mark + 1
    if seg_start >= q.open_mark:
        return None
    for v in reversed(list(VERB.finditer(s.body, seg_start, q.open_mark))):
        speaker = s.before_verb(v.start(), seg_start, q.open_mark)
        if speaker is not None:
            return Attribution(speaker, v.group("verb"))
    return None


def sentence_end_attribution(
    s: Subjects, q: QuoteSpan, _index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    if not q.closed or not s.sentences:
        return None
    sent = s.sentences[s.sent_index.at(q.close_mark)]
    start = q.close_mark + 1
    nxt_quote = bisect.bisect_right(s.ix.q_starts, q.close_mark)
    if start >= sent.end or (
        nxt_quote < len(s.ix.quotes) and s.ix.quotes[nxt_quote].open_mark < sent.end
    ):
        return None  # another quotation before the sentence ends: its attribution, not ours
    plain = _END_SUBJECT.search(s.body, start, sent.end)
    if plain is not None:
        speaker = s.phrase(plain.start("subj"), plain.end("subj"), q.open_mark)
        return Attribution(speaker, plain.group("verb")) if speaker is not None else None
    inverted = _END_INVERTED.search(s.body, start, sent.end)
    if inverted is not None:
        speaker = s.after(inverted.start("subj"), sent.end, q.open_mark)
        return Attribution(speaker, inverted.group("verb")) if speaker is not None else None
    return None


def possessive_after_quote(
    s: Subjects, q: QuoteSpan, _index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    window = _after_quote(s, q)
    if window is None:
        return None
    copula = _TRAIL_COPULA.match(s.body, *window)
    if copula is None:
        return None
    for m in s.ix.mentions_in(copula.end(), min(window[1], copula.end() + 80)):
        if s.ix.entities[m.entity].kind == PERSON and s.body[m.end : m.end + 2] in _POSSESSIVE:
            return Attribution(s.ix.speaker_of(m), None)
    return None


def _colon_lead(s: Subjects, q: QuoteSpan, index: int) -> tuple[int, int] | None:
    """[start, end) of the words before '...: "quote"' in the quotation's sentence."""
    end = q.open_mark
    while end > 0 and s.body[end - 1].isspace():
        end -= 1
    if s.body[end - 1 : end] != ":" or not s.sentences:
        return None
    start = s.sentences[s.sent_index.at(q.open_mark)].start
    if index > 0 and s.ix.quotes[index - 1].close_mark >= start:
        start = s.ix.quotes[index - 1].close_mark + 1
    return (start, end - 1) if start < end - 1 else None


def colon_lead_in(
    s: Subjects, q: QuoteSpan, index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    lead = _colon_lead(s, q, index)
    if lead is None:
        return None
    start, end = lead
    words = s.body[start:end].split()
    if len(words) <= 3 and all(w.isupper() for w in words):
        # a wire subheading 'ROE: "..."': the person of that surname
        speaker = s.ix.person_named(words[-1])
        return Attribution(speaker, None) if speaker is not None else None
    pronoun = _LEAD_PRONOUN.match(s.body, start, end)
    if pronoun is not None:  # 'But she was sure of one thing: "..."'
        speaker = s.pronouns.resolve(pronoun.group(1).lower(), q.open_mark)
        return Attribution(speaker, None) if speaker is not None else None
    persons = [
        m
        for m in s.ix.mentions_in(start, end)
        if s.ix.entities[m.entity].kind == PERSON and not m.in_quote
    ]
    return Attribution(s.ix.speaker_of(persons[0]), None) if persons else None


def _earlier_speaker(index: int, earlier: Sequence[Attribution]) -> Attribution | None:
    if index == 0 or earlier[index - 1].speaker is None:
        return None
    return earlier[index - 1]


def same_quotation_or_paragraph(
    s: Subjects, q: QuoteSpan, index: int, earlier: Sequence[Attribution]
) -> Attribution | None:
    previous = _earlier_speaker(index, earlier)
    if previous is None:
        return None
    if q.continues or s.ix.quotes[index - 1].paragraph == q.paragraph:
        return previous
    return None


def _paragraph_start(s: Subjects, q: QuoteSpan) -> int:
    sent = s.sent_index.at(q.open_mark)
    while sent > 0 and s.sentences[sent - 1].paragraph == q.paragraph:
        sent -= 1
    return s.sentences[sent].start if sent >= 0 else 0


def next_paragraph(
    s: Subjects, q: QuoteSpan, index: int, earlier: Sequence[Attribution]
) -> Attribution | None:
    previous = _earlier_speaker(index, earlier)
    if previous is None:
        return None
    if s.ix.quotes[index - 1].paragraph == q.paragraph - 1 and q.open_mark == _paragraph_start(
        s, q
    ):
        return previous
    return None


def previous_sentence(
    s: Subjects, q: QuoteSpan, _index: int, _earlier: Sequence[Attribution]
) -> Attribution | None:
    idx = s.sent_index.at(q.open_mark) - 1
    if idx < 0:
        return None
    sent = s.sentences[idx]
    if sent.paragraph < q.paragraph - 1:
        return None
    return claimant(s, sent)


QUOTE_PATTERNS: tuple[QuotePattern, ...] = (
    QuotePattern(
        "according_to_after_quote",
        '"The bridge is safe," according to Mara Lind, the city engineer.',
        according_to_after,
    ),
    QuotePattern(
        "verb_then_subject_after_quote",
        '"We will not move," said Tomas Verel.',
        verb_then_subject_after,
    ),
    QuotePattern(
        "subject_then_verb_after_quote",
        '"We will not move," the defence minister Tomas Verel said.',
        subject_then_verb_after,
    ),
    QuotePattern(
        "possessive_after_quote",
        '"It is the best harbour in the north," was former mayor Ines Dahl\'s verdict.',
        possessive_after_quote,
    ),
    QuotePattern(
        "subject_verb_before_quote",
        'Tomas Verel said: "We will not move."',
        subject_verb_before,
    ),
    QuotePattern(
        "colon_lead_in",
        'Ines Dahl was clear about one thing: "The harbour stays open."',
        colon_lead_in,
    ),
    QuotePattern(
        "sentence_end_attribution",
        'The fire was started by "sparks from a loose cable" near the barn, '
        "fire chief Ana Velt said.",
        sentence_end_attribution,
    ),
    QuotePattern(
        "same_quotation_or_paragraph",
        '"We will not move," Verel said. "Not this year."',
        same_quotation_or_paragraph,
    ),
    QuotePattern(
        "next_paragraph",
        '"We will not move," Verel said.\n"Not this year, not next."',
        next_paragraph,
    ),
    QuotePattern(
        "previous_sentence",
        'Verel told reporters the troops would stay. "We will not move."',
        previous_sentence,
    ),
)


def quote_pattern_named(name: str) -> QuotePattern:
    """The pattern called ``name``; raises KeyError for an unknown name."""
    for pattern in QUOTE_PATTERNS:
        if pattern.name == name:
            return pattern
    raise KeyError(name)
