"""The attribution patterns of sentences: who a sentence attributes its assertion to.

A sentence's claimant comes from the first word, left to right, that one of
:data:`CLAIM_PATTERNS` recognises ("according to X", "X said", "the report found");
the pattern whose trigger word it is decides (its answer may be "nobody known", and
then the next word is tried). Each pattern is a short function with its name and the
sentence it exists for; the name is kept on the claim (``Claim.attribution_rule``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_claims as lxc
from claimwire_enrich.attribution.documents import DOCUMENT_END
from claimwire_enrich.attribution.speaker import NO_ATTRIBUTION, Attribution
from claimwire_enrich.attribution.subjects import Subjects
from claimwire_enrich.text import Sentence

# (subjects, sentence, token index) -> None when the word is not this pattern's,
# NO_ATTRIBUTION when it is but names nobody, else the attribution.
# What follows ", said" when the attribution ends the sentence: a subject, no clause.
_SUBJECT_TO_END = re.compile(
    r"\s+(?:[A-Z]|(?:the|a|an)\s)(?:[^\s,;:\"“”]+\s+){0,8}?[^\s,;:\"“”]+?[.!?]?[\"”’']?\s*"
)

# "asked the European fund for", "asked Jon Roe to": a named object, then for/to.
_REQUEST_OBJECT = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,5}(?:for|to)\b")

ClaimFinder = Callable[[Subjects, Sentence, int], Attribution | None]


@dataclass(frozen=True, slots=True)
class ClaimPattern:
    """One way a sentence names its source: name, example, trigger words, finder."""

    name: str
    example: str
    triggers: frozenset[str]
    find: ClaimFinder


def according_to(s: Subjects, sent: Sentence, i: int) -> Attribution | None:
    low, starts = s.ix.tokens.low, s.ix.tokens.starts
    if not (i + 2 < len(low) and low[i + 1] == "to"):
        return None
    if s.ix.inside_quote(starts[i]):
        return NO_ATTRIBUTION
    speaker = s.after(starts[i + 2], sent.end, starts[i])
    return Attribution(speaker, "according to") if speaker is not None else NO_ATTRIBUTION


def speech_verb_then_subject(s: Subjects, sent: Sentence, i: int) -> Attribution | None:
    raw, starts = s.ix.tokens.raw, s.ix.tokens.starts
    if not raw[i][:1].islower() or s.ix.inside_quote(starts[i]):
        return None
    if not s.body[sent.start : starts[i]].rstrip().endswith(","):
        return None
    after = starts[i] + len(raw[i])
    if _SUBJECT_TO_END.fullmatch(s.body, after, sent.end) is None:
        return None  # ", said to be ...": not an attribution ending the sentence
    speaker = s.after(after + 1, sent.end, starts[i])
    return Attribution(speaker, raw[i]) if speaker is not None else None


def speech_verb(s: Subjects, sent: Sentence, i: int) -> Attribution | None:
    raw, starts, low = s.ix.tokens.raw, s.ix.tokens.starts, s.ix.tokens.low
    if not raw[i][:1].islower():
        return None
    if low[i] in lx.COUNTING_VERBS and i + 1 < len(low) and _is_number(low[i + 1]):
        return None  # "crude added 1.7 percent", "called 248 witnesses": no saying
    if low[i] in lx.REQUEST_VERBS and _REQUEST_OBJECT.match(s.body, starts[i] + len(raw[i])):
        return None  # "Tervania has asked the fund for 500m": an event the outlet reports
    if _not_a_saying(raw, low, i):
        return None
    if s.ix.inside_quote(starts[i]):
        return NO_ATTRIBUTION
    speaker = s.before_verb(starts[i], sent.start, starts[i])
    return Attribution(speaker, raw[i]) if speaker is not None else NO_ATTRIBUTION


def speech_participle(s: Subjects, sent: Sentence, i: int) -> Attribution | None:
    low = s.ix.tokens.low
    if i + 1 < len(low) and low[i + 1] == "to":
        return None  # "..., adding to the numbers": a sum, not a statement
    return speech_verb(s, sent, i)


def _not_a_saying(raw: list[str], low: list[str], i: int) -> bool:
    """Whether the verb form at ``i`` is a noun or a reduced passive, not someone saying."""
    prev = low[i - 1] if i else ""
    if low[i] in lxc.NOUN_OR_VERB_S:
        if prev in lxc.NOUN_MARKERS or _is_number(prev):
            return True  # "the reports", "two claims"
        if i >= 2 and raw[i - 1][:1].isupper() and _is_number(low[i - 2]):
            return True  # "three Baltic states"
    if low[i] in lxc.REDUCED_PASSIVE_VERBS and i + 1 < len(low) and low[i + 1] == "to":
        return prev not in lxc.SUBJECTS_AND_AUXILIARIES  # "a ruling expected to come"
    return False


def _is_number(word: str) -> bool:
    return word[:1].isdigit() or word in lx.NUMBER_WORDS


def document_finding(s: Subjects, sent: Sentence, i: int) -> Attribution | None:
    raw, starts = s.ix.tokens.raw, s.ix.tokens.starts
    if s.ix.inside_quote(starts[i]):
        return None
    document = DOCUMENT_END.search(s.body, max(sent.start, starts[i] - 60), starts[i])
    if document is None:
        return NO_ATTRIBUTION
    author = s.ix.document_author(document.start(1))
    return Attribution(author, raw[i]) if author is not None else NO_ATTRIBUTION


CLAIM_PATTERNS: tuple[ClaimPattern, ...] = (
    ClaimPattern(
        "according_to",
        "Rents rose 9% last year, according to the Harbour Housing Trust.",
        frozenset({"according"}),
        according_to,
    ),
    ClaimPattern(
        "speech_verb_then_subject",
        "Rents will rise 9% next year in 12 cities, said Mara Lind.",
        lx.QUOTE_VERBS,
        speech_verb_then_subject,
    ),
    ClaimPattern(
        "speech_verb",
        "Mara Lind said rents rose 9% last year.",
        lx.SPEECH_VERBS,
        speech_verb,
    ),
    ClaimPattern(
        "speech_participle",
        "Hundreds of angry investors protested in Velmar, saying they had lost 6 million crowns.",
        lx.SPEECH_PARTICIPLES,
        speech_participle,
    ),
    ClaimPattern(
        "document_finding",
        # Verbs of finding are verbs of saying too: this pattern is for the one written
        # with a capital, which the speech_verb pattern leaves (a title-case line).
        "The Harbour Housing Trust published a study on Monday. "
        "The study Found that rents rose 9% last year in 12 cities.",
        lx.FINDING_VERBS,
        document_finding,
    ),
)

_ANY_TRIGGER = frozenset().union(*(pattern.triggers for pattern in CLAIM_PATTERNS))


def claimant(s: Subjects, sent: Sentence) -> Attribution | None:
    """Who ``sent`` attributes its assertion to ("X said", "according to X"), or None.

    The returned attribution carries the deciding pattern's name as ``rule``. Changes
    nothing but what pronoun resolution learns in ``s`` (a person's gender).
    """
    low = s.ix.tokens.low
    for i in s.ix.tokens.span(sent.start, sent.end):
        word = low[i]
        if word not in _ANY_TRIGGER:
            continue  # most words start no pattern: one look-up instead of one per pattern
        for pattern in CLAIM_PATTERNS:
            if word not in pattern.triggers:
                continue
            found = pattern.find(s, sent, i)
            if found is None:
                continue
            if found.speaker is not None:
                return Attribution(found.speaker, found.verb, pattern.name)
            break
    return None
