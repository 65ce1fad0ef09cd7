"""CloudEvents 1.0 binary-mode Kafka headers and W3C trace context, for every service.

Kafka clients (kafka-python, aiokafka, faust) all take headers as a list of
``(str, bytes)`` pairs; this module writes and reads that form only.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

Headers = list[tuple[str, bytes]]

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True)
class CloudEvent:
    """The CloudEvents attributes Claimwire sets, plus the trace it belongs to."""

    id: str
    source: str
    type: str
    time: datetime
    traceparent: str
    content_type: str = CONTENT_TYPE

    @property
    def trace_id(self) -> str:
        return self.traceparent.split("-")[1]


# Trace ids need to be unique, not secret (W3C trace context; OpenTelemetry's SDK
# uses the same generator). Avoiding a getrandom() syscall per id matters: each
# syscall gives up the GIL, and ingest's main thread then waits for the producer's
# I/O thread to hand it back.
_ids = random.Random()


def _span_id() -> str:
    return f"{_ids.getrandbits(64) or 1:016x}"


def new_traceparent() -> str:
    """A fresh, sampled W3C traceparent: a new trace starts at ingest."""
    return f"00-{_ids.getrandbits(128) or 1:032x}-{_span_id()}-01"


def child_traceparent(parent: str | None) -> str:
    """Same trace id, new span id; a fresh trace when ``parent`` is missing or malformed."""
    match = _TRACEPARENT.match(parent or "")
    if not match:
        return new_traceparent()
    return f"00-{match.group(1)}-{_span_id()}-{match.group(3)}"


def to_headers(event: CloudEvent, extra: Mapping[str, str] | None = None) -> Headers:
    """Binary-mode headers for ``event`` (``ce_*``, ``content-type``, ``traceparent``)."""
    headers: Headers = [
        ("ce_specversion", SPECVERSION.encode()),
        ("ce_id", event.id.encode()),
        ("ce_source", event.source.encode()),
        ("ce_type", event.type.encode()),
        ("ce_time", event.time.astimezone(UTC).isoformat().encode()),
        ("content-type", event.content_type.encode()),
        ("traceparent", event.traceparent.encode()),
    ]
    headers.extend((k, v.encode()) for k, v in (extra or {}).items())
    return headers


def headers_dict(headers: Iterable[tuple[str, bytes | None]] | None) -> dict[str, str]:
    """Kafka headers as a str dict (last value wins; undecodable bytes replaced)."""
    return {k: (v or b"").decode("utf-8", "replace") for k, v in (headers or [])}


def from_headers(headers: Iterable[tuple[str, bytes | None]] | None) -> CloudEvent | None:
    """The CloudEvent in ``headers``, or None when the required attributes are missing."""
    h = headers_dict(headers)
    try:
        return CloudEvent(
            id=h["ce_id"],
            source=h["ce_source"],
            type=h["ce_type"],
            time=datetime.fromisoformat(h["ce_time"]),
            traceparent=h.get("traceparent") or new_traceparent(),
            content_type=h.get("content-type", CONTENT_TYPE),
        )
    except (KeyError, ValueError):
        return None


def next_event(
    parent_headers: Iterable[tuple[str, bytes | None]] | None,
    *,
    event_id: str,
    source: str,
    type: str,
    now: datetime | None = None,
) -> CloudEvent:
    """The CloudEvent a stage emits for a message it consumed: the trace carries on."""
    parent = headers_dict(parent_headers).get("traceparent")
    return CloudEvent(
        id=event_id,
        source=source,
        type=type,
        time=now or datetime.now(UTC),
        traceparent=child_traceparent(parent),
    )
