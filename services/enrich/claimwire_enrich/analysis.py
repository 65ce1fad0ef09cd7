"""What the extractors found in one article, before ``records`` maps it to events.

Its own module so that ``core`` (which builds it) and ``records`` (which reads it)
both import it and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from claimwire_schemas.events import ArticleRaw

from claimwire_enrich.amounts import FoundAmount
from claimwire_enrich.attribution.resolver import AttributionResolver
from claimwire_enrich.attribution.speaker import Attribution
from claimwire_enrich.dates import FoundDate
from claimwire_enrich.entities import EntityRec
from claimwire_enrich.mention import Mention
from claimwire_enrich.quotes import QuoteSpan
from claimwire_enrich.text import Sentence, Tokens


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the extractors found, before it becomes events (see ``records``)."""

    raw: ArticleRaw
    now: datetime
    language: str
    tokens: Tokens
    sentences: list[Sentence]
    quotes: list[QuoteSpan]
    attributions: list[Attribution]
    mentions: tuple[Mention, ...]
    entities: tuple[EntityRec, ...]
    amounts: list[FoundAmount]
    dates: list[FoundDate]
    resolver: AttributionResolver | None
    warnings: tuple[str, ...]
