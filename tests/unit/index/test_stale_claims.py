"""Which stored claims a re-enriched article dropped (pure selection, no Elasticsearch)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from claimwire_index.documents import to_action
from claimwire_index.stale_claims import DeleteAction, stale_claim_deletes
from claimwire_index.synthetic import enriched_article

T1 = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
T2 = T1 + timedelta(hours=1)


def hit(claim_id: str, article_id: str, version: int, index: str = "cw-claims-v1-2024.10") -> Any:
    return {
        "_index": index,
        "_id": claim_id,
        "_version": version,
        "_source": {"article_id": article_id},
    }


def test_only_older_claims_missing_from_the_new_set_are_deleted_with_the_new_version() -> None:
    article = to_action(enriched_article(1, ingested_at=T2), "cw")
    assert article.claim_ids is not None
    (kept,) = article.claim_ids
    older, same = article.version - 1, article.version
    hits = [
        hit(kept, article.doc_id, older),  # still claimed: its new version is on its way
        hit("dropped", article.doc_id, older),  # no longer claimed: stale
        hit("rewritten", article.doc_id, same),  # written at this version: not stale
        hit("other", "another-article", older),  # not this article's
    ]
    deletes = stale_claim_deletes([article], hits)
    assert deletes == [DeleteAction("cw-claims-v1-2024.10", "dropped", article.version)]
    assert json.loads(deletes[0].ndjson) == {
        "delete": {
            "_index": "cw-claims-v1-2024.10",
            "_id": "dropped",
            "version": article.version,
            "version_type": "external",
        }
    }


def test_the_newest_version_of_an_article_in_a_batch_decides() -> None:
    old = to_action(enriched_article(1, ingested_at=T1), "cw")
    new = to_action(enriched_article(1, ingested_at=T2), "cw")
    hits = [hit("dropped", new.doc_id, old.version)]
    assert [d.version for d in stale_claim_deletes([new, old], hits)] == [new.version]
    assert stale_claim_deletes([old], hits) == []  # not older than the stored one
