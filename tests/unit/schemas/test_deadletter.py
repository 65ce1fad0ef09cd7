"""Dead-letter records keep the original bytes and carry the failure in x-claimwire headers."""

from __future__ import annotations

from datetime import UTC, datetime

from claimwire_schemas.cloudevents import headers_dict, new_traceparent
from claimwire_schemas.deadletter import (
    HEADER_PREFIX,
    MAX_ERROR_CHARS,
    build_dead_letter,
    read_dead_letter,
    short_error,
)
from claimwire_schemas.events import DeadLetterReason, Stage
from claimwire_schemas.topics import DEADLETTER

NOW = datetime(2026, 3, 5, 8, 0, 12, tzinfo=UTC)


def test_headers_round_trip_to_the_model() -> None:
    record = build_dead_letter(
        stage=Stage.ENRICH,
        reason=DeadLetterReason.NOT_JSON,
        error=ValueError("Expecting value: line 1"),
        key=b"k1",
        value=b"\xff\x00 not json",
        source_topic="claimwire.articles.raw.v1",
        source_partition=3,
        source_offset=42,
        now=NOW,
    )
    assert read_dead_letter(record.headers) == record.info
    assert record.info.error == "ValueError: Expecting value: line 1"
    assert record.info.source_offset == 42
    assert record.info.failed_at == NOW


def test_original_bytes_and_key_are_untouched() -> None:
    original = b"\x89PNG\r\n\x1a\n\x00\x00binary"
    record = build_dead_letter(
        stage=Stage.INGEST,
        reason=DeadLetterReason.BINARY,
        error="binary content",
        key=None,
        value=original,
        source_location="inbox/photo.txt",
        now=NOW,
    )
    assert record.value == original
    assert record.key is None
    headers = headers_dict(record.headers)
    assert headers[f"{HEADER_PREFIX}reason"] == "binary"
    assert headers[f"{HEADER_PREFIX}source-location"] == "inbox/photo.txt"
    assert headers["ce_type"] == DEADLETTER.ce_type
    assert f"{HEADER_PREFIX}source-topic" not in headers, "absent fields are left out"


def test_trace_of_the_failed_message_carries_on() -> None:
    parent = new_traceparent()
    record = build_dead_letter(
        stage=Stage.INDEX,
        reason=DeadLetterReason.DOCUMENT_REJECTED,
        error="mapper_parsing_exception",
        key=b"k",
        value=b"{}",
        original_headers=[("traceparent", parent.encode())],
        now=NOW,
    )
    assert headers_dict(record.headers)["traceparent"].split("-")[1] == parent.split("-")[1]


def test_short_error_is_one_bounded_line() -> None:
    text = short_error("line one\nline two " + "x" * 5000)
    assert "\n" not in text
    assert len(text) == MAX_ERROR_CHARS
    assert text.endswith("…")


def test_headers_a_newer_producer_added_are_ignored_when_read() -> None:
    record = build_dead_letter(
        stage=Stage.INDEX,
        reason=DeadLetterReason.TOO_LARGE,
        error=ValueError("document of 9 MB"),
        key=b"k1",
        value=b"{}",
        source_topic="claimwire.claims.v1",
        source_partition=0,
        source_offset=7,
        now=NOW,
    )
    newer = [*record.headers, (f"{HEADER_PREFIX}payload-sha256", b"ab12")]
    assert read_dead_letter(newer) == record.info
