"""CloudEvents binary-mode headers and W3C traceparent, as every service writes and reads them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from claimwire_schemas.cloudevents import (
    CloudEvent,
    child_traceparent,
    from_headers,
    headers_dict,
    new_traceparent,
    next_event,
    to_headers,
)

TRACEPARENT = re.compile(r"^00-[0-9a-f]{32}-[0-9a-f]{16}-01$")


def _event() -> CloudEvent:
    return CloudEvent(
        id="abc123",
        source="claimwire/ingest",
        type="dev.claimwire.article.raw.v1",
        time=datetime(2026, 3, 4, 16, 20, tzinfo=UTC),
        traceparent=new_traceparent(),
    )


def test_headers_round_trip() -> None:
    event = _event()
    assert from_headers(to_headers(event)) == event


def test_binary_mode_header_names_and_bytes() -> None:
    headers = to_headers(_event(), extra={"x-extra": "1"})
    names = [name for name, _ in headers]
    assert names[:7] == [
        "ce_specversion",
        "ce_id",
        "ce_source",
        "ce_type",
        "ce_time",
        "content-type",
        "traceparent",
    ]
    assert all(isinstance(value, bytes) for _, value in headers)
    assert headers_dict(headers)["ce_specversion"] == "1.0"
    assert headers_dict(headers)["x-extra"] == "1"


def test_time_is_written_in_utc() -> None:
    event = CloudEvent(
        id="1",
        source="s",
        type="t",
        time=datetime(2026, 3, 4, 18, 20, tzinfo=timezone(timedelta(hours=2))),
        traceparent=new_traceparent(),
    )
    assert headers_dict(to_headers(event))["ce_time"] == "2026-03-04T16:20:00+00:00"


def test_missing_attributes_give_none() -> None:
    headers = [(k, v) for k, v in to_headers(_event()) if k != "ce_id"]
    assert from_headers(headers) is None
    assert from_headers(None) is None


def test_new_traceparents_are_well_formed_and_distinct() -> None:
    first, second = new_traceparent(), new_traceparent()
    assert TRACEPARENT.match(first) and TRACEPARENT.match(second)
    assert first.split("-")[1] != second.split("-")[1]


def test_child_keeps_the_trace_id_and_changes_the_span() -> None:
    parent = new_traceparent()
    child = child_traceparent(parent)
    assert child.split("-")[1] == parent.split("-")[1]
    assert child.split("-")[2] != parent.split("-")[2]


def test_malformed_parent_starts_a_new_trace() -> None:
    assert TRACEPARENT.match(child_traceparent("not-a-traceparent"))
    assert TRACEPARENT.match(child_traceparent(None))


def test_next_event_carries_the_trace_of_the_consumed_message() -> None:
    consumed = to_headers(_event())
    emitted = next_event(consumed, event_id="e1", source="claimwire/enrich", type="t")
    assert emitted.trace_id == _trace_id(consumed)
    assert emitted.traceparent != headers_dict(consumed)["traceparent"]


def _trace_id(headers: list[tuple[str, bytes]]) -> str:
    return headers_dict(headers)["traceparent"].split("-")[1]
