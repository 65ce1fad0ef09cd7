"""Dead-letter records: original key and value bytes, the reason in headers.

Every stage builds its dead letters here so that they all look alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from claimwire_schemas.cloudevents import CloudEvent, Headers, headers_dict, next_event, to_headers
from claimwire_schemas.events import DeadLetter, DeadLetterReason, Stage
from claimwire_schemas.topics import DEADLETTER

HEADER_PREFIX = "x-claimwire-"
MAX_ERROR_CHARS = 1000


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
