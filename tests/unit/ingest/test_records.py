"""What ingest writes to Kafka, built without a broker: raw events and dead-letter records."""

from __future__ import annotations

import pytest
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.parsed import Parsed
from claimwire_ingest.publisher import article_event, dead_letter_record
from claimwire_ingest.routing import revision_of
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.validate import article_from_fields
from claimwire_schemas.cloudevents import from_headers, headers_dict, to_headers
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import DeadLetterReason, Origin, Stage
from claimwire_schemas.topics import RAW

from .conftest import NOW


def test_each_article_starts_its_own_trace() -> None:
    article = article_from_fields(
        {"title": "T", "body": "B"}, Origin(kind="http", location="x"), max_body_bytes=100, now=NOW
    )
    first, second = article_event(article, "claimwire/ingest"), article_event(article, "s")
    assert first.id == f"{article.article_id}.{revision_of(article)}" and first.type == RAW.ce_type
    assert first.time == NOW
    assert first.trace_id != second.trace_id
    assert from_headers(to_headers(first)) == first


def test_dead_letter_record_keeps_original_bytes_and_location() -> None:
    parsed = Parsed(
        "jsonl",
        "in.jsonl:4",
        b'{"title": "\xff"}',
        RejectedInput(DeadLetterReason.DECODE_ERROR, "invalid UTF-8: byte 0xff at offset 11"),
    )
    assert parsed.rejected is not None
    record = dead_letter_record(parsed, parsed.rejected, max_value_bytes=1000)
    assert record.value == b'{"title": "\xff"}' and record.key is None
    info = read_dead_letter(record.headers)
    assert (info.stage, info.reason, info.source_location) == (
        Stage.INGEST,
        DeadLetterReason.DECODE_ERROR,
        "in.jsonl:4",
    )
    assert info.error == "invalid UTF-8: byte 0xff at offset 11"


def test_oversized_original_is_cut_and_the_error_says_so() -> None:
    error = RejectedInput(DeadLetterReason.TOO_LARGE, "file too large")
    record = dead_letter_record(Parsed("file", "big.txt", b"x" * 5000, error), error, 1000)
    assert record.value == b"x" * 1000
    assert (
        "original cut from 5,000 to 1,000 bytes"
        in headers_dict(record.headers)["x-claimwire-error"]
    )


def test_settings_are_frozen_and_read_from_claimwire_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWIRE_INGEST_HTTP_PORT", "9191")
    monkeypatch.setenv("CLAIMWIRE_INGEST_MAX_BODY_BYTES", "2048")
    settings = IngestSettings()
    assert (settings.ingest_http_port, settings.ingest_max_body_bytes) == (9191, 2048)
    with pytest.raises(ValueError):
        settings.ingest_max_body_bytes = 1  # type: ignore[misc]
    assert IngestSettings(ingest_max_body_bytes=10).ingest_max_body_bytes == 10
