"""Dead-letter records keep the original bytes and carry the failure in x-claimwire headers."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from claimwire_schemas.cloudevents import headers_dict, new_traceparent
from claimwire_schemas.deadletter import (
    HEADER_PREFIX,
    MAX_ERROR_CHARS,
    DeadLetterRecord,
    build_dead_letter,
    fit_dead_letter,
    read_dead_letter,
    short_error,
)
from claimwire_schemas.events import DeadLetterReason, Stage
from claimwire_schemas.topics import DEADLETTER
from kafka.record.default_records import DefaultRecordBatchBuilder

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


def oversize_letter(value: bytes, key: bytes = b"article-1") -> DeadLetterRecord:
    return build_dead_letter(
        stage=Stage.INDEX,
        reason=DeadLetterReason.TOO_LARGE,
        error="document is too large",
        key=key,
        value=value,
        source_topic="claimwire.articles.enriched.v1",
        source_partition=0,
        source_offset=7,
        original_headers=[("traceparent", new_traceparent().encode())],
        now=NOW,
    )


def kafka_size(record: DeadLetterRecord) -> int:
    """The size kafka-python's producer checks against ``max_request_size``."""
    size: int = DefaultRecordBatchBuilder.estimate_size_in_bytes(
        record.key, record.value, record.headers
    )
    return size


def test_a_dead_letter_that_fits_is_untouched() -> None:
    record = oversize_letter(b"x" * 1000)
    assert fit_dead_letter(record, 64 * 1024) is record
    assert read_dead_letter(record.headers).truncated is None


def test_an_oversize_value_is_cut_to_fit_and_the_headers_say_so() -> None:
    original = bytes(range(256)) * 40_000  # about 10 MB
    record = fit_dead_letter(oversize_letter(original), 1024 * 1024)
    assert kafka_size(record) <= 1024 * 1024
    assert record.value is not None and original.startswith(record.value)
    assert len(record.value) > 1000 * 1024  # cut to the bound, not to nothing
    assert record.key == b"article-1"
    info = read_dead_letter(record.headers)
    assert info == record.info
    assert info.truncated is True
    assert info.original_size == len(original)
    assert info.original_sha256 == hashlib.sha256(original).hexdigest()
    assert info.reason == DeadLetterReason.TOO_LARGE and info.source_offset == 7
    assert headers_dict(record.headers)[f"{HEADER_PREFIX}truncated"] == "true"
    assert "traceparent" in headers_dict(record.headers)


def test_an_oversize_key_is_cut_too() -> None:
    record = fit_dead_letter(oversize_letter(b"v" * 100, key=b"k" * 200_000), 64 * 1024)
    assert kafka_size(record) <= 64 * 1024
    assert record.key is not None and len(record.key) <= 16 * 1024
    assert read_dead_letter(record.headers).original_key_sha256 == (
        hashlib.sha256(b"k" * 200_000).hexdigest()
    )
