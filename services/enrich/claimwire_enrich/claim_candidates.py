"""Claim candidates: the check-worthy sentences of an article, scored, typed and attributed.

The stage between the extractors and ``records``: for each sentence it counts what
the extractors found in it (amounts, dates, entities, quotations), scores its
check-worthiness and type (``claims``), asks attribution for its claimant, and reads
its hedges and fingerprint. ``records`` only maps the result to ``Claim`` events.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from claimwire_schemas.events import ClaimType
from claimwire_schemas.ids import claim_id

from claimwire_enrich import claims as cl
from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_claims as lxc
from claimwire_enrich.amount_forms import COUNT, MEASURE
from claimwire_enrich.amounts import FoundAmount
from claimwire_enrich.analysis import Analysis
from claimwire_enrich.attribution.speaker import Attribution
from claimwire_enrich.mention import LOC
from claimwire_enrich.text import Sentence

T = TypeVar("T")
_MULTI_HEDGES = tuple(h for h in lx.HEDGES if " " in h)
# rule repeat_once: "Ferries to Orsk resume on Monday:" as a teaser and "Ferries to Orsk resume
# on Monday." in the body are one claim; the first kept, its claim_id from its own text.
_TRAILING = " \t\n.,;:!?…-–—\"'”’)"


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """One check-worthy sentence and everything its ``Claim`` event says about it."""

    claim_id: str
    sentence: Sentence
    score: float
    kind: ClaimType
    claimant: Attribution | None  # None: nobody named, the outlet reports it
    quoted: bool
    hedges: tuple[str, ...]
    certainty: float
    amounts: tuple[int, int]  # the slice of the article's amounts inside the sentence
    entities: tuple[int, ...]  # entity indexes named in it, first mention first
    fingerprint: str


def _bounds(starts: list[int], start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)


def _between(items: Sequence[T], starts: list[int], start: int, end: int) -> Sequence[T]:
    lo, hi = _bounds(starts, start, end)
    return items[lo:hi]


def _quoted(a: Analysis, sent: Sentence, opens: list[int]) -> tuple[float, Attribution | None]:
    """Share of the sentence inside quotation marks, and the first quotation's attribution."""
    quoted_chars, found = 0, None
    first = max(0, bisect.bisect_left(opens, sent.start - 1) - 1)
    for index in range(first, len(a.quotes)):
        q = a.quotes[index]
        if q.open_mark >= sent.end:
            break
        overlap = min(q.end, sent.end) - max(q.start, sent.start)
        if overlap > 0:
            quoted_chars += overlap
            if found is None or found.speaker is None:
                found = a.attributions[index]
    return quoted_chars / max(1, sent.end - sent.start), found


def _figures(body: str, amounts: Sequence[FoundAmount]) -> int:
    """How many distinct figures ``amounts`` state (rule several_figures): a tally "5-3"
    is one, and a conversion in brackets, "40 km (25 miles)", repeats the one before."""
    spans = {(f.start, f.end) for f in amounts if body[f.start - 1 : f.start] != "("}
    return len(spans)


def _small_count(f: FoundAmount) -> bool:
    """Whether ``f`` counts fewer things than a checker would verify (rule incidental_count)."""
    return f.kind == COUNT and f.value < cl.INCIDENTAL_COUNT_LIMIT


def _compound_count(body: str, f: FoundAmount) -> bool:
    """Whether ``f`` is a small count written into a compound word (rule compound_count)."""
    if not _small_count(f):
        return False
    text = body[f.start : f.end]
    return "-" in text and text[:1].isalpha() and text[-1:].isalpha()


def hedges_in(text: str, words: list[str]) -> tuple[list[str], float]:
    """Hedge words and phrases in ``text`` and the certainty left after them."""
    found = [w for w in dict.fromkeys(words) if w in lx.HEDGES]
    if "verified" in words or "sooner" in words:
        lowered = text.lower()
        found += [p for p in _MULTI_HEDGES if p in lowered]
    if "expected" in found and "sooner than expected" in found:
        found.remove("expected")
    certainty = 1.0 - sum(lx.HEDGES.get(h, 0.0) for h in found)
    return [h for h in found if lx.HEDGES.get(h, 0.0) > 0], round(max(0.1, certainty), 3)


def claimant_of(
    quoted_share: float, quote_att: Attribution | None, said: Attribution | None
) -> tuple[Attribution | None, bool]:
    """The quoted speaker's attribution for a mostly quoted sentence, else the attributed
    source's (None: nobody), and whether the claim is made in a quotation."""
    if quoted_share >= 0.5 and quote_att is not None and quote_att.speaker is not None:
        return quote_att, True
    if said is not None and said.speaker is not None:
        return said, quoted_share >= 0.5
    if quote_att is not None and quote_att.speaker is not None:
        # '"Gusts of 40 mph," said the county's emergency director Jon Roe.': a quotation
        # with a long attribution is under half the sentence and still its only source
        return quote_att, quoted_share >= 0.5
    return None, quoted_share >= 0.5


def _place_count(f: FoundAmount) -> bool:
    """Whether ``f`` is a small count of places, "three German states" (rule place_count)."""
    return _small_count(f) and f.unit in lxc.PLACE_PLURALS


def find_claim_candidates(a: Analysis) -> tuple[ClaimCandidate, ...]:
    """The claim candidates of an analysed English article, in body order, one per
    distinct sentence. Reads ``a`` and changes nothing; idempotent."""
    body, tokens = a.raw.body, a.tokens
    amount_starts = [f.start for f in a.amounts]
    date_starts = [d.start for d in a.dates]
    mention_starts = [m.start for m in a.mentions]
    quote_opens = [q.open_mark for q in a.quotes]
    word_flags = cl.word_flags(tokens.cue)
    out: list[ClaimCandidate] = []
    seen: set[str] = set()  # a sentence repeated in one article is one claim
    lead_index = -1  # rule lead: the first sentence of four words or more
    for index, sent in enumerate(a.sentences):
        span = tokens.span(sent.start, sent.end)
        if len(span) < 4:
            continue  # "INDIANAPOLIS, Ind." cut off by its abbreviation is not the lead
        if lead_index < 0:
            lead_index = index
        text = body[sent.start : sent.end]
        words = tokens.low[span.start : span.stop]
        flags = cl.cue_flags(word_flags[span.start : span.stop])
        lo, hi = _bounds(amount_starts, sent.start, sent.end)
        d_lo, d_hi = _bounds(date_starts, sent.start, sent.end)
        entity_ids = tuple(
            dict.fromkeys(
                m.entity
                for m in _between(a.mentions, mention_starts, sent.start, sent.end)
                if m.entity >= 0 and a.entities[m.entity].mentions
            )
        )
        quoted_share, quote_att = _quoted(a, sent, quote_opens)
        said = None
        if a.resolver is not None and (
            flags & cl.SPEECH
            or "according" in words
            or not lx.FINDING_VERBS.isdisjoint(words)
            or not lx.SPEECH_PARTICIPLES.isdisjoint(words)
        ):
            said = a.resolver.claimant(sent)
        n_compound = n_figures = n_placed = 0
        single_count = small_counts_only = False
        if hi > lo:  # most sentences state no amount: then each of these is 0 or False
            found = a.amounts[lo:hi]
            n_compound = sum(1 for f in found if _compound_count(body, f))
            n_figures = _figures(body, found)
            n_placed = sum(1 for f in found if _place_count(f))
            single_count = all(f.kind in (COUNT, MEASURE) and f.value == 1 for f in found)
            small_counts_only = all(_small_count(f) for f in found)
        score, kind = cl.score_sentence(
            text, words, flags, n_amounts=hi - lo - n_compound, n_dates=d_hi - d_lo,
            n_entities=len(entity_ids), attributed=said is not None or quoted_share > 0.5,
            quoted_share=quoted_share, lead=index == lead_index, n_figures=n_figures,
            n_placed=n_placed, single_count=single_count, small_counts_only=small_counts_only,
        )  # fmt: skip
        if score < cl.CLAIM_THRESHOLD:
            continue
        # rule repeat_once: a teaser line repeated in the body ends in other punctuation
        repeat_key = text.rstrip(_TRAILING)
        if repeat_key in seen:
            continue
        seen.add(repeat_key)
        cid = claim_id(a.raw.article_id, text)
        chosen, quoted = claimant_of(quoted_share, quote_att, said)
        hedges, certainty = hedges_in(text, words) if flags & cl.HEDGE else ([], 1.0)
        countries = [a.entities[e].country or "" for e in entity_ids if a.entities[e].kind == LOC]
        names = [a.entities[e].name for e in entity_ids]
        fingerprint = cl.fingerprint(a.amounts[lo:hi], [c for c in countries if c], names, words)
        out.append(
            ClaimCandidate(
                cid, sent, score, kind, chosen, quoted, tuple(hedges), certainty, (lo, hi),
                entity_ids, fingerprint,
            )
        )  # fmt: skip
    return tuple(out)
