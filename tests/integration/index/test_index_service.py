"""The index service against the real Kafka broker and Elasticsearch node."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import UTC, datetime
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, encode, enriched_article, summaries_of
from claimwire_schemas.events import DeadLetterReason
from prometheus_client import CollectorRegistry

pytestmark = pytest.mark.integration


def articles_with_claims(run: str, n: int, **kwargs: Any) -> tuple[list[Any], list[Any]]:
    articles = [enriched_article(i, run=run, **kwargs) for i in range(n)]
    claims = [claim_of(a, position) for a in articles for position in (0, 1)]
    return articles, claims


def metric(registry: CollectorRegistry, name: str, labels: dict[str, str]) -> float:
    value = registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


def test_articles_and_claims_are_indexed_once_each_and_offsets_committed(harness: Any) -> None:
    articles, claims = articles_with_claims(harness.settings.es_index_prefix, 30)
    harness.produce_events([*articles, *claims])
    registry = CollectorRegistry()
    port = harness.free_port()
    with harness.service(registry=registry, health_port=port):
        harness.wait_until(
            lambda: harness.count(DocKind.ARTICLES) == 30 and harness.count(DocKind.CLAIMS) == 60,
            60,
            "30 articles and 60 claims in Elasticsearch",
        )
        harness.wait_until(lambda: harness.committed() == 90, 30, "90 committed offsets")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
            assert json.loads(response.read())["ready"] is True
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            assert b"claimwire_index_docs_indexed_total" in response.read()
    assert harness.count(DocKind.ARTICLES) == 30
    assert harness.count(DocKind.CLAIMS) == 60
    prefix = harness.settings.es_index_prefix
    indexed = {"index": f"{prefix}-articles"}
    assert metric(registry, "claimwire_index_docs_indexed_total", indexed) == 30
    claims_indexed = {"index": f"{prefix}-claims"}
    assert metric(registry, "claimwire_index_docs_indexed_total", claims_indexed) == 60
    assert metric(registry, "claimwire_index_end_to_end_seconds_count", indexed) == 30

    article = harness.get(DocKind.ARTICLES, articles[3].article_id)
    assert article["title"] == articles[3].title
    assert article["places"]["location"] == [{"lat": 41.2, "lon": 23.9}]
    assert article["entities"]["persons"] == ["Jonah Pereira"]
    assert re.fullmatch(r"[0-9a-f]{32}", article["trace"]["id"])  # from the traceparent header
    claim = harness.get(DocKind.CLAIMS, claims[1].claim_id)
    assert claim["claimant"] == claims[1].claimant
    assert claim["amount_units"] == ["troops"]

    concrete = harness.es.indices.get_alias(name=harness.alias(DocKind.CLAIMS))
    assert f"{prefix}-claims-v1-2024.10" in concrete
    geo = harness.es.search(
        index=harness.alias(DocKind.ARTICLES),
        body={
            "query": {
                "geo_distance": {"distance": "50km", "places.location": {"lat": 41.2, "lon": 23.9}}
            }
        },
    )
    assert geo["hits"]["total"]["value"] == 10  # articles 0, 3, 6, ... are about Kessaria
    highlighted = harness.es.search(
        index=harness.alias(DocKind.ARTICLES),
        body={"query": {"match": {"body": "troop"}}, "highlight": {"fields": {"body": {}}}},
    )
    assert "<em>troops</em>" in highlighted["hits"]["hits"][0]["highlight"]["body"][0]


def test_a_redelivered_event_overwrites_itself(harness: Any) -> None:
    articles, claims = articles_with_claims(harness.settings.es_index_prefix, 10)
    harness.produce_events([*articles, *claims])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 30, 60, "first delivery committed")
        # A revision is a later ingest: with external versions, only a newer one replaces.
        # It lists both claims of the article, as enrich would: a claim it left out of a
        # newer version would be deleted as stale.
        summaries = summaries_of(claims[:2])
        revised = articles[0].model_copy(
            update={
                "title": "A corrected headline",
                "ingested_at": datetime.now(UTC),
                "claims": summaries,
            }
        )
        harness.produce_events([*articles, *claims, revised])
        harness.wait_until(lambda: harness.committed() == 61, 60, "redelivery committed")
    assert harness.count(DocKind.ARTICLES) == 10
    assert harness.count(DocKind.CLAIMS) == 20
    assert harness.get(DocKind.ARTICLES, articles[0].article_id)["title"] == "A corrected headline"


def test_a_mapping_conflict_is_dead_lettered_and_the_rest_indexed(harness: Any) -> None:
    prefix = harness.settings.es_index_prefix
    # An index left behind by an older mapping, where claimant was numeric.
    harness.es.indices.put_index_template(
        name=f"{prefix}-stale",
        body={
            "index_patterns": [f"{prefix}-claims-v1-1999.*"],
            "priority": 500,
            "template": {"mappings": {"properties": {"claimant": {"type": "long"}}}},
        },
    )
    good = [claim_of(enriched_article(i, run=prefix)) for i in range(5)]
    old = claim_of(enriched_article(99, run=prefix, published_at=datetime(1999, 1, 15, tzinfo=UTC)))
    harness.produce_events([good[0], good[1], old, good[2], good[3], good[4]])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 6, 60, "all six committed")
    assert harness.count(DocKind.CLAIMS) == 5
    letters = harness.dead_letters(expected=1)
    assert len(letters) == 1
    letter = letters[0]
    assert letter.info.reason == DeadLetterReason.MAPPING_CONFLICT
    assert "document_parsing_exception" in letter.info.error
    assert "claimant" in letter.info.error
    assert letter.value == encode(old)
    assert letter.key == old.article_id.encode()
    assert letter.info.source_topic == harness.settings.topic_claims
    assert letter.info.stage.value == "index"


def test_oversized_documents_are_dead_lettered(harness_factory: Any) -> None:
    harness = harness_factory(index_max_document_bytes=64 * 1024, index_batch_max_bytes=1024**2)
    run = harness.settings.es_index_prefix
    normal = [enriched_article(i, run=run) for i in range(3)]
    huge = enriched_article(10, run=run, body_padding=20_000)  # ~160 KB, over our limit
    immense = enriched_article(11, run=run).model_copy(update={"source": "x" * 40_000})
    harness.produce_events([normal[0], huge, normal[1], immense, normal[2]])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 5, 60, "all five committed")
    assert harness.count(DocKind.ARTICLES) == 3
    letters = harness.dead_letters(expected=2)
    assert sorted(letter.value for letter in letters) == sorted([encode(huge), encode(immense)])
    assert {letter.info.reason for letter in letters} == {DeadLetterReason.TOO_LARGE}
    errors = " | ".join(letter.info.error for letter in letters)
    assert "limit is 65536" in errors  # refused by the service before sending
    assert "failed to parse field [source]" in errors  # refused by Elasticsearch (9.x wording)


def test_messages_that_are_not_json_or_fail_the_schema_are_dead_lettered(harness: Any) -> None:
    settings = harness.settings
    article = enriched_article(1, run=settings.es_index_prefix)
    harness.produce(settings.topic_enriched, b"k1", b"this is not JSON")
    harness.produce(settings.topic_enriched, b"k2", b'{"article_id": "only this"}')
    harness.produce(settings.topic_claims, b"k3", encode(article))  # an article is not a claim
    harness.produce(settings.topic_claims, b"k4", None)  # a tombstone
    harness.produce_events([article])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 5, 60, "all five committed")
    assert harness.count(DocKind.ARTICLES) == 1
    assert harness.count(DocKind.CLAIMS) == 0
    letters = {letter.key: letter for letter in harness.dead_letters(expected=4)}
    assert set(letters) == {b"k1", b"k2", b"k3", b"k4"}
    assert letters[b"k1"].info.reason == DeadLetterReason.NOT_JSON
    assert letters[b"k1"].value == b"this is not JSON"
    assert letters[b"k2"].info.reason == DeadLetterReason.SCHEMA_INVALID
    assert "title" in letters[b"k2"].info.error
    assert letters[b"k3"].info.reason == DeadLetterReason.SCHEMA_INVALID
    assert letters[b"k4"].info.reason == DeadLetterReason.EMPTY
