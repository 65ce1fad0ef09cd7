"""Small, valid event models for the enrich service's unit tests, as fixtures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from claimwire_schemas.cloudevents import CloudEvent, Headers, to_headers
from claimwire_schemas.events import ArticleEnriched, ArticleRaw, Claim, ClaimType, Origin
from claimwire_schemas.ids import article_id, claim_id

NOW = datetime(2024, 10, 14, 12, 0, tzinfo=UTC)
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


def _raw_article(body: str = "The council said on Monday it would build 40 homes.") -> ArticleRaw:
    return ArticleRaw(
        article_id=article_id("https://example.test/news/1", "Homes", body),
        url="https://example.test/news/1",
        title="Homes",
        body=body,
        published_at=NOW,
        source="Example Wire",
        origin=Origin(kind="file", location="samples/one.json"),
        ingested_at=NOW,
    )


def _raw_headers(ce_id: str = "ingest-event-1") -> Headers:
    event = CloudEvent(
        id=ce_id,
        source="claimwire/ingest",
        type="dev.claimwire.article.raw.v1",
        time=NOW,
        traceparent=TRACEPARENT,
    )
    return to_headers(event)


def _enriched(raw: ArticleRaw) -> ArticleEnriched:
    return ArticleEnriched(
        article_id=raw.article_id,
        url=raw.url,
        title=raw.title,
        body=raw.body,
        published_at=raw.published_at,
        source=raw.source,
        language="en",
        ingested_at=raw.ingested_at,
        enriched_at=NOW,
    )


def _claim(raw: ArticleRaw, sentence: str) -> Claim:
    start = raw.body.index(sentence)
    return Claim(
        claim_id=claim_id(raw.article_id, sentence),
        article_id=raw.article_id,
        text=sentence,
        start=start,
        end=start + len(sentence),
        claimant="the council",
        quoted=False,
        language="en",
        claim_type=ClaimType.QUANTITY,
        checkworthiness=0.8,
        certainty=1.0,
        fingerprint="fp-" + sentence[:8],
        ingested_at=raw.ingested_at,
        extracted_at=NOW,
    )


@pytest.fixture
def raw() -> ArticleRaw:
    return _raw_article()


@pytest.fixture
def headers() -> Headers:
    return _raw_headers()


@pytest.fixture
def make_enriched() -> Callable[[ArticleRaw], ArticleEnriched]:
    return _enriched


@pytest.fixture
def make_claim() -> Callable[[ArticleRaw, str], Claim]:
    return _claim
