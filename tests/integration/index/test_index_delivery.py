"""Which document wins: index names, external versions, stale claims; dead letters that fit.

Each test runs the real index service against the real broker and node.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, enriched_article, summaries_of
from claimwire_schemas.events import ArticleEnriched, Claim, DeadLetterReason

from claimwire_base.kafka_io import create_producer

pytestmark = pytest.mark.integration


def ids_in(harness: Any, kind: DocKind, **term: str) -> dict[str, list[str]]:
    """Every stored document of ``kind`` (optionally filtered by one term): id -> its indices."""
    harness.es.indices.refresh(index=harness.alias(kind))
    query = {"term": term} if term else {"match_all": {}}
    hits = harness.es.search(
        index=harness.alias(kind), body={"size": 1000, "query": query, "_source": False}
    )["hits"]["hits"]
    found: dict[str, list[str]] = {}
    for hit in hits:
        found.setdefault(hit["_id"], []).append(hit["_index"])
    return found


def test_reingesting_an_undated_article_in_a_later_month_keeps_one_document(harness: Any) -> None:
    run = harness.settings.es_index_prefix
    january = enriched_article(
        1, run=run, published_at=None, ingested_at=datetime(2025, 1, 31, 23, 59, tzinfo=UTC)
    )
    february = enriched_article(
        1, run=run, published_at=None, ingested_at=datetime(2025, 2, 1, 0, 1, tzinfo=UTC)
    ).model_copy(update={"title": "Re-ingested in February"})
    harness.produce_events([january, claim_of(january)])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 2, 60, "the first ingest committed")
        harness.produce_events([february, claim_of(february)])
        harness.wait_until(lambda: harness.committed() == 4, 60, "the re-ingest committed")
    articles = ids_in(harness, DocKind.ARTICLES)
    assert articles == {january.article_id: [f"{run}-articles-v1-undated"]}
    claims = ids_in(harness, DocKind.CLAIMS)
    assert claims == {claim_of(january).claim_id: [f"{run}-claims-v1-undated"]}
    assert harness.get(DocKind.ARTICLES, january.article_id)["title"] == "Re-ingested in February"


def test_a_dead_letter_larger_than_a_kafka_request_is_cut_to_fit_and_committed(
    harness: Any,
) -> None:
    settings = harness.settings
    # 9 MiB of not-JSON: over the service producer's 8 MiB max_request_size once headers
    # are added (the broker takes it: 10 MiB, and gzip shrinks it on the wire).
    original = b"not json " * (9 * 1024 * 1024 // 9)
    big_producer = create_producer(settings, max_request_size=10 * 1024 * 1024)
    try:
        big_producer.send(settings.topic_enriched, key=b"huge", value=original).get(timeout=60)
    finally:
        big_producer.close(timeout=10)
    article = enriched_article(1, run=settings.es_index_prefix)
    harness.produce_events([article])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 2, 120, "both messages committed")
    letters = harness.dead_letters(expected=1)
    assert len(letters) == 1
    letter = letters[0]
    assert letter.key == b"huge"
    assert letter.info.reason == DeadLetterReason.NOT_JSON
    assert letter.info.truncated is True
    assert letter.info.original_size == len(original)
    assert letter.info.original_sha256 == hashlib.sha256(original).hexdigest()
    assert letter.value is not None and original.startswith(letter.value)
    assert 1000 * 1024 < len(letter.value) <= settings.index_deadletter_max_bytes
    assert harness.count(DocKind.ARTICLES) == 1


def with_claims(article: ArticleEnriched, positions: list[int]) -> list[ArticleEnriched | Claim]:
    """``article`` listing the claims at ``positions``, followed by those claim events."""
    claims = [claim_of(article, position) for position in positions]
    summaries = summaries_of(claims)
    return [article.model_copy(update={"claims": summaries}), *claims]


def test_an_older_version_arriving_after_a_newer_one_does_not_overwrite_it(harness: Any) -> None:
    run = harness.settings.es_index_prefix
    at = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    newer = enriched_article(1, run=run, ingested_at=at + timedelta(seconds=1))
    older = enriched_article(1, run=run, ingested_at=at)
    newer_claim = claim_of(newer).model_copy(update={"claimant": "Newer Claimant"})
    older_claim = claim_of(older).model_copy(update={"claimant": "Older Claimant"})
    harness.produce_events([newer.model_copy(update={"title": "Newer"}), newer_claim])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 2, 60, "the newer version committed")
        harness.produce_events([older.model_copy(update={"title": "Older"}), older_claim])
        harness.wait_until(lambda: harness.committed() == 4, 60, "the older version committed")
    assert harness.get(DocKind.ARTICLES, newer.article_id)["title"] == "Newer"
    assert harness.get(DocKind.CLAIMS, newer_claim.claim_id)["claimant"] == "Newer Claimant"
    assert harness.dead_letters(expected=0, timeout_s=2) == []


def test_re_enriching_with_fewer_claims_leaves_only_the_new_claims(harness: Any) -> None:
    run = harness.settings.es_index_prefix
    at = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    first = with_claims(enriched_article(1, run=run, ingested_at=at), [0, 1, 2])
    again = with_claims(enriched_article(1, run=run, ingested_at=at + timedelta(hours=1)), [0, 3])
    bystander = with_claims(enriched_article(2, run=run, ingested_at=at), [0, 1])
    with harness.service():
        harness.produce_events([*first, *bystander])
        harness.wait_until(lambda: harness.committed() == 7, 60, "the first enrichment committed")
        harness.produce_events(again)
        harness.wait_until(lambda: harness.committed() == 10, 60, "the re-enrichment committed")
    article_id = first[0].article_id
    expected = {event.claim_id for event in again if isinstance(event, Claim)}
    assert set(ids_in(harness, DocKind.CLAIMS, article_id=article_id)) == expected
    bystander_ids = {event.claim_id for event in bystander if isinstance(event, Claim)}
    assert set(ids_in(harness, DocKind.CLAIMS, article_id=bystander[0].article_id)) == (
        bystander_ids
    )
    assert harness.get(DocKind.ARTICLES, article_id)["claim_count"] == 2
