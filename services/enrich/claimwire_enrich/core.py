"""The enrichment core: one raw article in, the enriched article and its claims out.

``enrich_article`` is pure (no I/O, no clock: the caller passes ``now``) and
deterministic, so the same article always gives the same result and a
redelivered event overwrites itself downstream. The steps read top to bottom:
language, paragraphs and sentences, quotations, names -> entities, speakers,
amounts, dates, places, claims. An extractor that gives up on an article
leaves a warning and the rest goes on; input that cannot be enriched at all
raises :class:`~claimwire_enrich.errors.EnrichmentError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from claimwire_schemas.events import (
    ArticleEnriched,
    ArticleRaw,
    Claim,
    DeadLetterReason,
)

from claimwire_enrich.amounts import FoundAmount, find_amounts
from claimwire_enrich.analysis import Analysis
from claimwire_enrich.attribution.resolver import AttributionResolver
from claimwire_enrich.attribution.speaker import NO_ATTRIBUTION, Attribution
from claimwire_enrich.claim_candidates import ClaimCandidate, find_claim_candidates
from claimwire_enrich.coref import Linking, link_mentions
from claimwire_enrich.dates import FoundDate, find_dates
from claimwire_enrich.errors import EnrichmentError
from claimwire_enrich.gazetteer import gazetteer
from claimwire_enrich.language import detect_language
from claimwire_enrich.mention import Mention
from claimwire_enrich.mentions import MentionFinder
from claimwire_enrich.quotes import QuoteSpan, find_quotes
from claimwire_enrich.records import build_article, build_claims, shared_models
from claimwire_enrich.text import (
    Tokens,
    clause_start_offsets,
    paragraph_spans,
    split_sentences,
)

MAX_BODY_CHARS = 5_000_000
# Data-dependent failures an extractor may hit on strange text. Anything else is a bug
# and propagates, so the service dead-letters the article instead of hiding it.
_EXTRACTOR_FAILURES = (ValueError, LookupError, ArithmeticError, RecursionError, re.error)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EnrichmentResult:
    """What enrich emits for one article: the enriched record and its claims."""

    article: ArticleEnriched
    claims: list[Claim]


def _check_input(raw: ArticleRaw) -> None:
    body = raw.body
    if len(body) > MAX_BODY_CHARS:
        raise EnrichmentError(
            DeadLetterReason.TOO_LARGE,
            f"body has {len(body)} characters, more than the {MAX_BODY_CHARS} enrich accepts",
        )
    if "\x00" in body:
        raise EnrichmentError(DeadLetterReason.DECODE_ERROR, "body contains NUL characters")
    try:
        body.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EnrichmentError(
            DeadLetterReason.DECODE_ERROR, f"body is not valid Unicode at offset {exc.start}"
        ) from exc


def _guarded(name: str, warnings: list[str], default: T, step: Callable[[], T]) -> T:
    """Run one extractor; on a data-dependent failure keep ``default`` and note why."""
    try:
        return step()
    except _EXTRACTOR_FAILURES as exc:
        warnings.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
        return default


def analyse(raw: ArticleRaw, *, now: datetime) -> Analysis:
    """Run every extractor over ``raw``. Pure; raises EnrichmentError on unusable input."""
    _check_input(raw)
    body = raw.body
    warnings: list[str] = []
    language = detect_language(raw.title + "\n" + body, raw.language_hint)
    paragraphs = paragraph_spans(body)
    sentences = split_sentences(body, paragraphs)
    tokens = Tokens(body)
    if not sentences:
        warnings.append("text: the body has no words to analyse")
    gaz = gazetteer()

    quotes: list[QuoteSpan] = _guarded(
        "quotes", warnings, [], lambda: find_quotes(body, paragraphs)
    )
    clause_starts = clause_start_offsets(body, sentences, [q.start for q in quotes], tokens)
    spans = [(q.open_mark, q.close_mark) for q in quotes]
    finder = MentionFinder(body, gaz, clause_starts, spans, tokens)
    found: tuple[Mention, ...] = _guarded("entities", warnings, (), finder.run)
    linking: Linking = _guarded(
        "entities", warnings, Linking(found, ()), lambda: link_mentions(body, found, gaz)
    )
    mentions, entities = linking.mentions, linking.entities

    resolver = _guarded(
        "speakers",
        warnings,
        None,
        lambda: AttributionResolver(
            body, sentences, quotes, mentions, entities, finder.roles, tokens, raw.source
        ),
    )
    attributions: list[Attribution] = [NO_ATTRIBUTION] * len(quotes)
    if resolver is not None:
        attributions = _guarded("speakers", warnings, attributions, resolver.attribute_quotes)

    amounts: list[FoundAmount] = _guarded(
        "amounts", warnings, [], lambda: find_amounts(body, tokens)
    )
    anchor: date = (raw.published_at or raw.ingested_at).date()
    dates: list[FoundDate] = _guarded(
        "dates", warnings, [], lambda: find_dates(body, anchor, tokens)
    )
    return Analysis(
        raw, now, language, tokens, sentences, quotes, attributions, mentions, entities, amounts,
        dates, resolver, tuple(warnings),
    )  # fmt: skip


def enrich_article(raw: ArticleRaw, *, now: datetime) -> EnrichmentResult:
    """Enrich one raw article.

    Consumes an ``ArticleRaw``; emits the ``ArticleEnriched`` (entities, quotations,
    amounts, dates, places, claim summaries, warnings) and the full ``Claim``
    events, each with exact offsets into the body. Pure and idempotent for a
    given ``now``. Raises ``EnrichmentError`` for input it cannot enrich at all
    (too large, NUL bytes, broken Unicode); an extractor that fails on the text
    leaves a warning instead.
    """
    analysis = analyse(raw, now=now)
    warnings = list(analysis.warnings)
    candidates: tuple[ClaimCandidate, ...] = ()
    if analysis.language != "en":
        warnings.append(f"claims: no claim rules for language {analysis.language!r}")
    else:
        candidates = _guarded("claims", warnings, (), lambda: find_claim_candidates(analysis))
    models = shared_models(analysis)
    claims: list[Claim] = _guarded(
        "claims", warnings, [], lambda: build_claims(analysis, candidates, models)
    )
    article = build_article(analysis, claims, models, warnings)
    return EnrichmentResult(article=article, claims=claims)
