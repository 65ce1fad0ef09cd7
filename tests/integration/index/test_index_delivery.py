"""Which document wins: index names, external versions, stale claims; dead letters that fit.

Each test runs the real index service against the real broker and node.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, enriched_article

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
