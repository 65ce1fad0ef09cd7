"""Pure pieces of the enrich message path: bytes in, records out, no broker.

``parse_raw_article`` turns the raw topic's value bytes into an ``ArticleRaw``
or raises ``RejectedMessageError`` with the dead-letter reason; ``output_records``
turns an enrichment into the records to produce; ``dead_letter_record`` turns
a failure into the record for the dead-letter topic; ``failure_reason`` names
the reason of any exception the message path can raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from claimwire_schemas.cloudevents import Headers, headers_dict, next_event, to_headers
from claimwire_schemas.deadletter import build_dead_letter
from claimwire_schemas.events import (
    ArticleEnriched,
    ArticleRaw,
    Claim,
    DeadLetterReason,
    Stage,
    read_event,
)
from claimwire_schemas.topics import CLAIMS, ENRICHED
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from claimwire_enrich.errors import EnrichmentError

CE_SOURCE = "claimwire/enrich"


class RejectedMessageError(ValueError):
    """A raw message that cannot become an ``ArticleRaw``; ``reason`` says why."""

    def __init__(self, reason: DeadLetterReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class OutputRejectedError(RuntimeError):
    """The broker did not accept an output record, even after the retries."""

    def __init__(self, reason: DeadLetterReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


@dataclass(frozen=True)
class SourceMessage:
    """One consumed message: its position and its bytes, as they came."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Headers = field(default_factory=list)

    @property
    def position(self) -> str:
        return f"{self.topic}/{self.partition}/{self.offset}"


@dataclass(frozen=True)
class OutgoingRecord:
    """One record to produce, already serialised."""

    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers


def parse_raw_article(value: bytes | None) -> ArticleRaw:
    """Validate a raw topic value as an ``ArticleRaw``.

    Consumes the value bytes; returns the model. Raises ``RejectedMessageError``
    with reason ``empty`` (no bytes), ``decode_error`` (not UTF-8),
    ``not_json`` or ``schema_invalid``. Pure.
    """
    if not value:
        raise RejectedMessageError(DeadLetterReason.EMPTY, "the message has no value")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RejectedMessageError(DeadLetterReason.DECODE_ERROR, f"not UTF-8: {exc}") from exc
    try:
        return read_event(ArticleRaw, text)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        if any(error["type"] == "json_invalid" for error in errors):
            raise RejectedMessageError(
                DeadLetterReason.NOT_JSON, f"not JSON: {errors[0]['msg']}"
            ) from exc
        raise RejectedMessageError(DeadLetterReason.SCHEMA_INVALID, _describe(errors)) from exc


def _describe(errors: list[ErrorDetails]) -> str:
    """``field: message; field: message`` for the first few pydantic errors."""
    parts = [
        f"{'.'.join(str(part) for part in error['loc']) or '(root)'}: {error['msg']}"
        for error in errors[:5]
    ]
    more = len(errors) - len(parts)
    return "not an ArticleRaw: " + "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def output_records(
    article: ArticleEnriched,
    claims: Sequence[Claim],
    source: SourceMessage,
    *,
    enriched_topic: str,
    claims_topic: str,
    now: datetime,
) -> list[OutgoingRecord]:
    """The enriched article, then each claim, keyed by ``article_id``.

    Each record carries CloudEvents headers whose trace continues the source
    message's ``traceparent``: enriching the article is one span, and its
    outputs all carry it (one new span id per article, not per record: an
    article yields dozens of claims and the headers are built for each).
    Event ids derive from the source event's id, so a redelivered message
    yields the same ids (consumers can deduplicate). Pure and deterministic
    apart from the new span id.
    """
    key = article.article_id.encode()
    parent_id = headers_dict(source.headers).get("ce_id") or source.position
    span = next_event(source.headers, event_id=parent_id, source=CE_SOURCE, type="", now=now)
    records = [
        OutgoingRecord(
            topic=enriched_topic,
            key=key,
            value=article.model_dump_json().encode(),
            headers=to_headers(replace(span, id=f"{parent_id}/enriched", type=ENRICHED.ce_type)),
        )
    ]
    records.extend(
        OutgoingRecord(
            topic=claims_topic,
            key=key,
            value=claim.model_dump_json().encode(),
            headers=to_headers(
                replace(span, id=f"{parent_id}/claim/{claim.claim_id}", type=CLAIMS.ce_type)
            ),
        )
        for claim in claims
    )
    return records


def failure_reason(exc: BaseException) -> DeadLetterReason:
    """The dead-letter reason for an exception raised while handling one message.

    Rejected input, rejected output and the core's ``EnrichmentError`` carry
    their own reason; anything else is the core failing on this article. Pure.
    """
    if isinstance(exc, RejectedMessageError | OutputRejectedError | EnrichmentError):
        return exc.reason
    return DeadLetterReason.EXTRACTION_FAILED


def dead_letter_record(
    source: SourceMessage,
    exc: BaseException,
    *,
    deadletter_topic: str,
    now: datetime,
) -> OutgoingRecord:
    """The dead-letter record for ``source``: original key, value and position, the reason.

    Pure; raises nothing for any input.
    """
    letter = build_dead_letter(
        stage=Stage.ENRICH,
        reason=failure_reason(exc),
        error=exc,
        key=source.key,
        value=source.value,
        source_topic=source.topic,
        source_partition=source.partition,
        source_offset=source.offset,
        original_headers=source.headers,
        now=now,
    )
    return OutgoingRecord(
        topic=deadletter_topic, key=letter.key, value=letter.value, headers=letter.headers
    )
