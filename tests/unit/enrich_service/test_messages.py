"""Parsing raw messages, building output and dead-letter records: no broker."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from claimwire_enrich.errors import EnrichmentError
from claimwire_enrich.service.messages import (
    OutputRejectedError,
    RejectedMessageError,
    SourceMessage,
    dead_letter_record,
    failure_reason,
    output_records,
    parse_raw_article,
)
from claimwire_schemas.cloudevents import Headers, from_headers, headers_dict
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import (
    ArticleEnriched,
    ArticleRaw,
    Claim,
    DeadLetterReason,
    Stage,
)
from claimwire_schemas.topics import CLAIMS, ENRICHED

NOW = datetime(2024, 10, 14, 12, 0, tzinfo=UTC)


def _source(value: bytes | None, headers: Headers | None = None) -> SourceMessage:
    return SourceMessage(
        topic="t-raw", partition=3, offset=41, key=b"k-1", value=value, headers=headers or []
    )


def test_a_valid_raw_article_parses_to_the_model(raw: ArticleRaw) -> None:
    parsed = parse_raw_article(raw.model_dump_json().encode())
    assert parsed == raw


def test_a_raw_article_from_a_newer_producer_with_extra_fields_parses(raw: ArticleRaw) -> None:
    newer = json.loads(raw.model_dump_json())
    newer["paywall"] = "metered"  # a compatible v1 change: an added optional field
    newer["origin"]["crawler"] = {"name": "feedbot", "version": 3}
    assert parse_raw_article(json.dumps(newer).encode()) == raw


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, DeadLetterReason.EMPTY),
        (b"", DeadLetterReason.EMPTY),
        (b"\xff\xfe{not utf-8", DeadLetterReason.DECODE_ERROR),
        (b"this is not json {", DeadLetterReason.NOT_JSON),
        (b'{"article_id": "a1", "title": ', DeadLetterReason.NOT_JSON),
        (b'{"article_id": "a1"}', DeadLetterReason.SCHEMA_INVALID),
        (b"[1, 2, 3]", DeadLetterReason.SCHEMA_INVALID),
    ],
)
def test_bad_values_are_rejected_with_the_reason(
    value: bytes | None, reason: DeadLetterReason
) -> None:
    with pytest.raises(RejectedMessageError) as caught:
        parse_raw_article(value)
    assert caught.value.reason is reason
    assert str(caught.value)


def test_schema_errors_name_the_fields(raw: ArticleRaw) -> None:
    doc = json.loads(raw.model_dump_json())
    del doc["title"]
    doc["body"] = ""
    doc["surprise"] = 1  # tolerated: only the real errors are named
    with pytest.raises(RejectedMessageError) as caught:
        parse_raw_article(json.dumps(doc).encode())
    message = str(caught.value)
    assert "title" in message
    assert "body" in message
    assert "surprise" not in message


def test_outputs_are_the_enriched_article_then_each_claim_keyed_by_article_id(
    raw: ArticleRaw,
    headers: Headers,
    make_enriched: Callable[[ArticleRaw], ArticleEnriched],
    make_claim: Callable[[ArticleRaw, str], Claim],
) -> None:
    claims = [make_claim(raw, "it would build 40 homes"), make_claim(raw, "The council")]
    records = output_records(
        make_enriched(raw),
        claims,
        _source(b"{}", headers),
        enriched_topic="t-enriched",
        claims_topic="t-claims",
        now=make_enriched(raw).enriched_at,
    )
    assert [r.topic for r in records] == ["t-enriched", "t-claims", "t-claims"]
    assert {r.key for r in records} == {raw.article_id.encode()}
    assert ArticleEnriched.model_validate_json(records[0].value or b"").article_id == raw.article_id
    assert [Claim.model_validate_json(r.value or b"").claim_id for r in records[1:]] == [
        c.claim_id for c in claims
    ]


def test_outputs_carry_the_trace_and_cloudevents_of_their_topic(
    raw: ArticleRaw,
    headers: Headers,
    make_enriched: Callable[[ArticleRaw], ArticleEnriched],
    make_claim: Callable[[ArticleRaw, str], Claim],
) -> None:
    parent = from_headers(headers)
    assert parent is not None
    claim = make_claim(raw, "it would build 40 homes")
    records = output_records(
        make_enriched(raw),
        [claim],
        _source(b"{}", headers),
        enriched_topic="e",
        claims_topic="c",
        now=make_enriched(raw).enriched_at,
    )
    events = [from_headers(r.headers) for r in records]
    assert all(e is not None and e.trace_id == parent.trace_id for e in events)
    assert all(e is not None and e.traceparent != parent.traceparent for e in events)
    # one span per enriched article: its outputs are that span's records
    assert len({e.traceparent for e in events if e}) == 1
    assert [e.type for e in events if e] == [ENRICHED.ce_type, CLAIMS.ce_type]
    assert [e.id for e in events if e] == [
        f"{parent.id}/enriched",
        f"{parent.id}/claim/{claim.claim_id}",
    ]
    assert headers_dict(records[0].headers)["content-type"] == "application/json"


def test_without_a_source_event_id_the_position_names_the_outputs(
    raw: ArticleRaw, make_enriched: Callable[[ArticleRaw], ArticleEnriched]
) -> None:
    (record,) = output_records(
        make_enriched(raw),
        [],
        _source(b"{}"),
        enriched_topic="e",
        claims_topic="c",
        now=make_enriched(raw).enriched_at,
    )
    event = from_headers(record.headers)
    assert event is not None
    assert event.id == "t-raw/3/41/enriched"
    assert len(event.trace_id) == 32


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (RejectedMessageError(DeadLetterReason.NOT_JSON, "x"), DeadLetterReason.NOT_JSON),
        (OutputRejectedError(DeadLetterReason.TOO_LARGE, "x"), DeadLetterReason.TOO_LARGE),
        (
            OutputRejectedError(DeadLetterReason.PRODUCE_FAILED, "x"),
            DeadLetterReason.PRODUCE_FAILED,
        ),
        (EnrichmentError(DeadLetterReason.TOO_LARGE, "5 MB body"), DeadLetterReason.TOO_LARGE),
        (ZeroDivisionError("extractor bug"), DeadLetterReason.EXTRACTION_FAILED),
        (RecursionError("deep"), DeadLetterReason.EXTRACTION_FAILED),
    ],
)
def test_failure_reason(exc: BaseException, reason: DeadLetterReason) -> None:
    assert failure_reason(exc) is reason


def test_the_dead_letter_keeps_the_original_bytes_position_and_reason(headers: Headers) -> None:
    source = _source(b"this is not json {", headers)
    with pytest.raises(RejectedMessageError) as caught:
        parse_raw_article(source.value)
    record = dead_letter_record(source, caught.value, deadletter_topic="t-dlq", now=NOW)
    assert record.topic == "t-dlq"
    assert record.key == b"k-1"
    assert record.value == b"this is not json {"
    info = read_dead_letter(record.headers)
    assert info.stage is Stage.ENRICH
    assert info.reason is DeadLetterReason.NOT_JSON
    assert info.error.startswith("RejectedMessageError: not JSON")
    assert (info.source_topic, info.source_partition, info.source_offset) == ("t-raw", 3, 41)
    parent, letter = from_headers(headers), from_headers(record.headers)
    assert parent is not None and letter is not None
    assert letter.trace_id == parent.trace_id


def test_a_core_crash_is_dead_lettered_as_extraction_failed() -> None:
    record = dead_letter_record(_source(b"{}"), KeyError("speaker"), deadletter_topic="d", now=NOW)
    info = read_dead_letter(record.headers)
    assert info.reason is DeadLetterReason.EXTRACTION_FAILED
    assert "KeyError" in info.error
