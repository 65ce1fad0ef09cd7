"""Claims an article no longer makes: found after its re-enrichment and deleted.

When an article is enriched again (a corrected re-ingest, a newer revision)
its event lists the claims it makes now. A claim of that article stored with
an older version and missing from the new list is stale. They are found with
a search on ``article_id`` and removed with bulk deletes that carry the
article's external version: a claim re-written meanwhile with the same or a
newer version survives (409), and one already gone is fine (404).
``delete_by_query`` is not used: it lives in the reindex module, which the
Elasticsearch 9 build the project moves to does not have.

Only articles whose write met a stored version (result ``updated``, or 409)
are looked at, so a first-time article costs nothing. Limits: a stale claim
event still on its way (the claims topic lagging the enriched topic) when
the newer article is indexed is written afterwards and stays; a deleted
claim's tombstone refuses an older rewrite only for ``index.gc_deletes``
(60 s by default).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import TransportError

from claimwire_index.bulk import (
    BulkRequestRejectedError,
    BulkSink,
    ElasticsearchUnavailableError,
)
from claimwire_index.documents import IndexAction
from claimwire_index.names import DocKind, alias_name

log = logging.getLogger(__name__)

JsonObject = dict[str, Any]
PAGE_SIZE = 1000


@dataclass(frozen=True)
class DeleteAction:
    """One ``delete`` operation of a bulk request, guarded by an external version."""

    index: str
    doc_id: str
    version: int

    @property
    def ndjson(self) -> bytes:
        operation = {
            "_index": self.index,
            "_id": self.doc_id,
            "version": self.version,
            "version_type": "external",
        }
        return orjson.dumps({"delete": operation}) + b"\n"


def stale_claim_deletes(
    articles: Sequence[IndexAction], hits: Iterable[JsonObject]
) -> list[DeleteAction]:
    """The deletes for stored claims that the newest version of their article dropped. Pure.

    Consumes article actions (with ``claim_ids``) and search hits of claims
    (``_index``, ``_id``, ``_version``, ``_source.article_id``). A claim is stale
    when its version is older than its article's and its id is not in the
    article's claim set; the delete carries the article's version.
    """
    newest: dict[str, IndexAction] = {}
    for article in articles:
        if article.claim_ids is None:
            continue
        if article.doc_id not in newest or article.version > newest[article.doc_id].version:
            newest[article.doc_id] = article
    deletes = []
    for hit in hits:
        owner = newest.get(hit["_source"]["article_id"])
        if owner is None or owner.claim_ids is None:
            continue
        if hit["_id"] not in owner.claim_ids and int(hit["_version"]) < owner.version:
            deletes.append(DeleteAction(hit["_index"], hit["_id"], owner.version))
    return deletes


class StaleClaims:
    """Removes the stale claims of re-enriched articles; see the module docstring."""

    def __init__(self, client: Elasticsearch, sink: BulkSink, prefix: str) -> None:
        self._client = client
        self._sink = sink
        self._alias = alias_name(prefix, DocKind.CLAIMS)

    def remove(self, articles: Sequence[IndexAction]) -> int:
        """Delete the stale claims of ``articles``; returns how many were deleted.

        Consumes article actions Elasticsearch just accepted over a stored
        version. Emits a refresh and searches of the claims alias, then bulk
        deletes. Raises ``ElasticsearchUnavailableError`` when Elasticsearch
        fails (the caller must not commit: the redelivered article conflicts
        with itself and comes back here) and ``BulkRequestRejectedError`` when a
        delete is refused for good. Idempotent.
        """
        if not articles:
            return 0
        try:
            # Claims indexed moments ago (an earlier batch) are not searchable before a refresh.
            self._client.indices.refresh(
                index=self._alias, ignore_unavailable=True, allow_no_indices=True
            )
            hits = list(self._claims_of(sorted({a.doc_id for a in articles})))
        except TransportError as exc:  # the 7.x client's base of connection and HTTP errors
            raise ElasticsearchUnavailableError(f"stale claims search failed: {exc}") from exc
        deletes = stale_claim_deletes(articles, hits)
        if not deletes:
            return 0
        result = self._sink.index(deletes)
        if result.rejected:
            raise BulkRequestRejectedError(
                f"{len(result.rejected)} stale claims not deleted: {result.rejected[0].error}"
            )
        log.info("deleted %d stale claims of %d re-enriched articles", len(deletes), len(articles))
        return len(deletes)

    def _claims_of(self, article_ids: list[str]) -> Iterator[JsonObject]:
        """Every stored claim of these articles, page by page in ``claim_id`` order."""
        after: list[Any] | None = None
        while True:
            body: JsonObject = {
                "query": {"bool": {"filter": [{"terms": {"article_id": article_ids}}]}},
                "_source": ["article_id"],
                "version": True,
                "size": PAGE_SIZE,
                "sort": [{"claim_id": "asc"}],
            }
            if after is not None:
                body["search_after"] = after
            hits = self._client.search(
                index=self._alias, body=body, ignore_unavailable=True, allow_no_indices=True
            )["hits"]["hits"]
            yield from hits
            if len(hits) < PAGE_SIZE:
                return
            after = hits[-1]["sort"]
