"""Fixtures for the enrichment core's unit tests: raw articles built from short texts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from claimwire_enrich.core import EnrichmentResult, enrich_article
from claimwire_schemas.events import ArticleRaw, Origin
from claimwire_schemas.ids import article_id

# A Monday, so weekday arithmetic in the tests is easy to follow.
PUBLISHED = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)
NOW = datetime(2025, 3, 17, 10, 0, tzinfo=UTC)

MakeRaw = Callable[..., ArticleRaw]
Enrich = Callable[..., EnrichmentResult]


def _make_raw(
    body: str,
    title: str = "A test article",
    *,
    source: str | None = "Test Wire",
    published_at: datetime | None = PUBLISHED,
    language_hint: str | None = None,
    article: str | None = None,
) -> ArticleRaw:
    return ArticleRaw(
        article_id=article or article_id(None, title, body),
        title=title,
        body=body,
        published_at=published_at,
        source=source,
        language_hint=language_hint,
        origin=Origin(kind="file", location="test"),
        ingested_at=PUBLISHED,
    )


@pytest.fixture
def make_raw() -> MakeRaw:
    """Build an ArticleRaw from a body (and optional title, source, publication date)."""
    return _make_raw


@pytest.fixture
def enrich() -> Enrich:
    """Enrich a body directly: ``enrich("text", source=...)`` -> EnrichmentResult."""

    def run(body: str, **kwargs: object) -> EnrichmentResult:
        return enrich_article(_make_raw(body, **kwargs), now=NOW)  # type: ignore[arg-type]

    return run
