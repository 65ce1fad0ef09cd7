"""The pure core: a Kafka message value in, one Elasticsearch bulk action out.

``prepare_action`` parses an ``ArticleEnriched`` or ``Claim`` and shapes it
into a ``_source`` that matches the strict mapping in ``templates`` exactly
(every mapped field present, null or empty when unknown; nothing else).
Every write carries an external version, the event's ``ingested_at`` in
microseconds, so an older event never overwrites a newer one (enrich's
parallel actors may reorder two versions of one article).
Nothing here talks to Kafka or Elasticsearch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from claimwire_schemas.events import (
    ArticleEnriched,
    Claim,
    DeadLetterReason,
    EntityType,
    Place,
    read_event,
)
from pydantic import ValidationError

from claimwire_index.names import DocKind, as_utc, concrete_index

JsonObject = dict[str, Any]
Event = ArticleEnriched | Claim
Headers = Iterable[tuple[str, bytes | None]] | None

_TRACEPARENT = re.compile(rb"^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

EVENT_MODELS: dict[DocKind, type[ArticleEnriched] | type[Claim]] = {
    DocKind.ARTICLES: ArticleEnriched,
    DocKind.CLAIMS: Claim,
}
ENTITY_FIELDS: dict[EntityType, str] = {
    EntityType.PERSON: "persons",
    EntityType.ORG: "organisations",
    EntityType.LOC: "locations",
    EntityType.NORP: "groups",
    EntityType.ROLE: "roles",
}


class InvalidMessageError(Exception):
    """A message the index service cannot turn into a document; goes to the dead letters."""

    def __init__(self, reason: DeadLetterReason, error: str) -> None:
        super().__init__(error)
        self.reason = reason
        self.error = error


def external_version(ingested_at: datetime) -> int:
    """``ingested_at`` as whole microseconds since the epoch: the document's version. Pure."""
    return (as_utc(ingested_at) - _EPOCH) // timedelta(microseconds=1)


@dataclass(frozen=True)
class IndexAction:
    """One ``index`` operation of a bulk request; ``doc_id`` makes it idempotent.

    ``claim_ids`` is the claim set of an article (None for a claim): claims of
    that article from older versions and not in this set are stale.
    """

    kind: DocKind
    index: str
    doc_id: str
    source: JsonObject
    ingested_at: datetime
    ndjson: bytes = field(repr=False, default=b"")
    claim_ids: frozenset[str] | None = None

    @classmethod
    def build(
        cls,
        kind: DocKind,
        index: str,
        doc_id: str,
        source: JsonObject,
        ingested_at: datetime,
        claim_ids: frozenset[str] | None = None,
    ) -> IndexAction:
        """The action with its two NDJSON bulk lines encoded once (their size drives batching).

        The events hold no NaN or infinity (the models refuse them), so every source encodes.
        """
        operation = {
            "_index": index,
            "_id": doc_id,
            "version": external_version(ingested_at),
            "version_type": "external",
        }
        header = orjson.dumps({"index": operation})
        body = orjson.dumps(source)
        ndjson = b"%b\n%b\n" % (header, body)
        return cls(kind, index, doc_id, source, as_utc(ingested_at), ndjson, claim_ids)

    @property
    def version(self) -> int:
        return external_version(self.ingested_at)

    @property
    def size_bytes(self) -> int:
        return len(self.ndjson)


def decode_event(kind: DocKind, value: bytes | None) -> Event:
    """Parse a message value into the kind's event model.

    Raises ``InvalidMessageError`` with reason ``empty``, ``not_json`` or
    ``schema_invalid``. Pure.
    """
    if not value:
        raise InvalidMessageError(DeadLetterReason.EMPTY, "message has no value")
    model = EVENT_MODELS[kind]
    try:
        return read_event(model, value)
    except ValidationError as exc:
        errors = exc.errors()
        if any(err["type"] == "json_invalid" for err in errors):
            raise InvalidMessageError(
                DeadLetterReason.NOT_JSON, f"not JSON: {errors[0]['msg']}"
            ) from exc
        summary = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in errors[:5]
        )
        raise InvalidMessageError(
            DeadLetterReason.SCHEMA_INVALID, f"not a valid {model.__name__}: {summary}"
        ) from exc


def trace_id_of(headers: Headers) -> str | None:
    """The W3C trace id in a message's ``traceparent`` header; None when absent or malformed."""
    for name, value in headers or ():
        if name == "traceparent" and value:
            match = _TRACEPARENT.match(value.strip())
            if match:
                return match.group(1).decode()
    return None


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else as_utc(moment).isoformat()


def _value(entity_type: EntityType | None) -> str | None:
    return None if entity_type is None else entity_type.value


def _unique(values: Iterable[str | None]) -> list[str]:
    """Distinct non-empty values in first-seen order."""
    return list(dict.fromkeys(v for v in values if v))


def _ecs_event(event_id: str, dataset: str, created: datetime, ingested: datetime) -> JsonObject:
    return {
        "id": event_id,
        "created": _iso(created),
        "ingested": _iso(ingested),
        "dataset": dataset,
    }


def _places(places: list[Place]) -> JsonObject:
    return {
        "names": _unique(p.name for p in places),
        "country_codes": _unique(p.country_code for p in places),
        "location": [{"lat": p.location.lat, "lon": p.location.lon} for p in places if p.location],
    }


def article_source(article: ArticleEnriched, trace_id: str | None = None) -> JsonObject:
    """The ``_source`` of an article document. Pure and deterministic."""
    timestamp = article.published_at or article.ingested_at
    return {
        "@timestamp": _iso(timestamp),
        "event": _ecs_event(
            article.article_id, "claimwire.articles", article.enriched_at, article.ingested_at
        ),
        "trace": {"id": trace_id},
        "article_id": article.article_id,
        "url": article.url,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "author": article.author,
        "language": article.language,
        "published_at": _iso(article.published_at),
        "entities": {
            name: _unique(e.name for e in article.entities if e.type == entity_type)
            for entity_type, name in ENTITY_FIELDS.items()
        },
        "places": _places(article.places),
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_type": _value(q.speaker_type)}
            for q in article.quotes
        ],
        "amounts": [
            {"value": a.value, "unit": a.unit, "kind": a.kind.value, "text": a.text}
            for a in article.amounts
        ],
        "claimants": _unique(c.claimant for c in article.claims),
        "claim_count": len(article.claims),
        "warnings": list(article.warnings),
    }


def claim_source(claim: Claim, trace_id: str | None = None) -> JsonObject:
    """The ``_source`` of a flat claim document. Pure and deterministic."""
    timestamp = claim.datePublished or claim.ingested_at
    return {
        "@timestamp": _iso(timestamp),
        "event": _ecs_event(
            claim.claim_id, "claimwire.claims", claim.extracted_at, claim.ingested_at
        ),
        "trace": {"id": trace_id},
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "text": claim.text,
        "claimant": claim.claimant,
        "claimant_type": _value(claim.claimant_type),
        "quoted": claim.quoted,
        "url": claim.appearance,
        "source": claim.author,
        "datePublished": _iso(claim.datePublished),
        "language": claim.language,
        "claim_type": claim.claim_type.value,
        "checkworthiness": claim.checkworthiness,
        "certainty": claim.certainty,
        "hedges": list(claim.hedges),
        "amount_values": [a.value for a in claim.amounts],
        "amount_units": [a.unit for a in claim.amounts],
        "entities": _unique(claim.entities),
        "places": _places(claim.places),
        "fingerprint": claim.fingerprint,
    }


def to_action(event: Event, prefix: str, trace_id: str | None = None) -> IndexAction:
    """The bulk action of an event: index by publication month, ``_id`` = its stable id.

    Raises ``InvalidMessageError`` (schema_invalid) for a number JSON cannot
    carry. Pure.
    """
    if isinstance(event, ArticleEnriched):
        return IndexAction.build(
            DocKind.ARTICLES,
            concrete_index(prefix, DocKind.ARTICLES, event.published_at),
            event.article_id,
            article_source(event, trace_id),
            event.ingested_at,
            frozenset(claim.claim_id for claim in event.claims),
        )
    return IndexAction.build(
        DocKind.CLAIMS,
        concrete_index(prefix, DocKind.CLAIMS, event.datePublished),
        event.claim_id,
        claim_source(event, trace_id),
        event.ingested_at,
    )


def prepare_action(
    kind: DocKind,
    value: bytes | None,
    prefix: str,
    max_document_bytes: int,
    headers: Headers = None,
) -> IndexAction:
    """Message value -> bulk action, the whole core in one call.

    Raises ``InvalidMessageError`` (empty, not_json, schema_invalid, too_large).
    Pure and idempotent: the same value always gives the same action.
    """
    action = to_action(decode_event(kind, value), prefix, trace_id_of(headers))
    if action.size_bytes > max_document_bytes:
        raise InvalidMessageError(
            DeadLetterReason.TOO_LARGE,
            f"document is {action.size_bytes} bytes, the limit is {max_document_bytes}",
        )
    return action
