"""Dead-letter records: original key and value bytes, the reason in headers.

Every stage builds its dead letters here so that they all look alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from claimwire_schemas.cloudevents import CloudEvent, Headers, headers_dict, next_event, to_headers
from claimwire_schemas.events import DeadLetter, DeadLetterReason, Stage
from claimwire_schemas.topics import DEADLETTER

HEADER_PREFIX = "x-claimwire-"
MAX_ERROR_CHARS = 1000
# Room for Kafka's record-batch and record framing around key, value and headers
# (kafka-python estimates 61 bytes of batch header plus a few varints per record).
RECORD_OVERHEAD_BYTES = 512


@dataclass(frozen=True)
class DeadLetterRecord:
    """What to produce to ``claimwire.deadletter.v1``."""

    key: bytes | None
    value: bytes | None
    headers: Headers
    info: DeadLetter


def short_error(exc: BaseException | str) -> str:
    """One line, bounded: ``ValueError: bad thing``."""
    text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def build_dead_letter(
    *,
    stage: Stage,
    reason: DeadLetterReason,
    error: BaseException | str,
    key: bytes | None,
    value: bytes | None,
    source_topic: str | None = None,
    source_partition: int | None = None,
    source_offset: int | None = None,
    source_location: str | None = None,
    original_headers: Iterable[tuple[str, bytes | None]] | None = None,
    now: datetime | None = None,
) -> DeadLetterRecord:
    """A dead-letter record for one failed message. Pure; raises nothing for any input."""
    failed_at = now or datetime.now(UTC)
    info = DeadLetter(
        stage=stage,
        reason=reason,
        error=short_error(error),
        source_topic=source_topic,
        source_partition=source_partition,
        source_offset=source_offset,
        source_location=source_location,
        failed_at=failed_at,
    )
    position = f"{source_topic}/{source_partition}/{source_offset}"
    event: CloudEvent = next_event(
        original_headers,
        event_id=f"{stage.value}:{position}:{source_location or ''}",
        source=f"claimwire/{stage.value}",
        type=DEADLETTER.ce_type,
        now=failed_at,
    )
    extra = {
        f"{HEADER_PREFIX}{name.replace('_', '-')}": str(val)
        for name, val in info.model_dump(mode="json").items()
        if val is not None
    }
    return DeadLetterRecord(key=key, value=value, headers=to_headers(event, extra), info=info)


def _header_bytes(headers: Headers) -> int:
    return sum(len(name.encode()) + len(value or b"") + 10 for name, value in headers)


def fit_dead_letter(record: DeadLetterRecord, max_bytes: int) -> DeadLetterRecord:
    """``record`` cut to at most ``max_bytes`` (key, value and headers together). Pure.

    A record that fits is returned as is. Otherwise the value keeps its first
    bytes and the headers gain ``truncated=true``, the original value's size
    and SHA-256 (and the key's hash when a key over a quarter of the bound had
    to be cut too), so a dead letter never exceeds the producer's
    ``max_request_size`` or the topic's message size. Raises nothing.
    """
    key, value = record.key or b"", record.value or b""
    if len(key) + len(value) + _header_bytes(record.headers) + RECORD_OVERHEAD_BYTES <= max_bytes:
        return record
    updates: dict[str, object] = {
        "truncated": True,
        "original_size": len(value),
        "original_sha256": hashlib.sha256(value).hexdigest(),
    }
    if len(key) > max_bytes // 4:
        updates["original_key_sha256"] = hashlib.sha256(key).hexdigest()
        key = key[: max_bytes // 4]
    info = record.info.model_copy(update=updates)
    headers = [
        *record.headers,
        (f"{HEADER_PREFIX}truncated", b"true"),
        *(
            (f"{HEADER_PREFIX}{name.replace('_', '-')}", str(val).encode())
            for name, val in updates.items()
            if name != "truncated"
        ),
    ]
    room = max_bytes - len(key) - _header_bytes(headers) - RECORD_OVERHEAD_BYTES
    return DeadLetterRecord(
        key=key if record.key is not None else None,
        value=value[: max(0, room)],
        headers=headers,
        info=info,
    )


def read_dead_letter(headers: Iterable[tuple[str, bytes | None]] | None) -> DeadLetter:
    """Parse the ``x-claimwire-*`` headers of a dead-letter record back into the model."""
    h = headers_dict(headers)
    fields = {
        name.removeprefix(HEADER_PREFIX).replace("-", "_"): val
        for name, val in h.items()
        if name.startswith(HEADER_PREFIX)
    }
    # tolerant: headers a newer producer added are ignored
    return DeadLetter.model_validate(fields, extra="ignore")
