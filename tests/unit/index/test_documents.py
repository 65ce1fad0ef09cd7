"""The pure core: Kafka message value -> Elasticsearch bulk action."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from claimwire_index.documents import (
    IndexAction,
    InvalidMessageError,
    article_source,
    claim_source,
    decode_event,
    prepare_action,
    to_action,
    trace_id_of,
)
from claimwire_index.names import DocKind, concrete_index
from claimwire_index.synthetic import claim_of, encode, enriched_article
from claimwire_index.templates import ARTICLE_PROPERTIES, CLAIM_PROPERTIES, leaf_fields
from claimwire_schemas.events import DeadLetterReason

MIB = 1024 * 1024


def source_paths(source: dict[str, Any], geo_points: set[str], parent: str = "") -> set[str]:
    """Dotted paths of every value in ``source``; objects inside arrays count as objects.

    An empty array says nothing about its elements' shape, so it adds no path.
    """
    paths: set[str] = set()
    for key, value in source.items():
        path = f"{parent}{key}"
        if value == []:
            continue
        values = value if isinstance(value, list) else [value]
        objects = [v for v in values if isinstance(v, dict)]
        if objects and path not in geo_points:
            for obj in objects:
                paths |= source_paths(obj, geo_points, f"{path}.")
        else:
            paths.add(path)
    return paths


def geo_point_fields(properties: dict[str, Any]) -> set[str]:
    return {name for name, kind in leaf_fields(properties).items() if kind == "geo_point"}


def test_article_source_has_every_mapped_field_and_nothing_else() -> None:
    source = article_source(enriched_article(1))
    mapped = leaf_fields(ARTICLE_PROPERTIES)
    assert source_paths(source, geo_point_fields(ARTICLE_PROPERTIES)) == set(mapped)


def test_claim_source_has_every_mapped_field_and_nothing_else() -> None:
    source = claim_source(claim_of(enriched_article(1)))
    mapped = leaf_fields(CLAIM_PROPERTIES)
    assert source_paths(source, geo_point_fields(CLAIM_PROPERTIES)) == set(mapped)


def test_a_sparse_article_still_writes_only_mapped_fields() -> None:
    full = enriched_article(2)
    sparse = full.model_copy(
        update={
            "url": None,
            "published_at": None,
            "source": None,
            "author": None,
            "entities": [],
            "quotes": [],
            "amounts": [],
            "places": [],
            "claims": [],
            "warnings": [],
        }
    )
    paths = source_paths(article_source(sparse), geo_point_fields(ARTICLE_PROPERTIES))
    assert paths <= set(leaf_fields(ARTICLE_PROPERTIES))
    assert article_source(sparse)["published_at"] is None
    assert article_source(sparse)["@timestamp"] == sparse.ingested_at.astimezone(UTC).isoformat()


def test_entities_are_split_by_type_and_deduplicated() -> None:
    entities = article_source(enriched_article(3))["entities"]
    assert entities["persons"] == ["Jonah Pereira"]
    assert entities["organisations"] == ["Northmark Ministry of Defence"]
    assert entities["locations"] == ["Kessaria"]
    assert entities["groups"] == ["Kessarians"]
    assert entities["roles"] == ["defence minister"]


def test_places_become_geo_points_names_and_country_codes() -> None:
    places = article_source(enriched_article(0))["places"]
    assert places == {
        "names": ["Kessaria"],
        "country_codes": ["KS"],
        "location": [{"lat": 41.2, "lon": 23.9}],
    }


def test_claim_amounts_are_flattened_into_parallel_arrays() -> None:
    source = claim_source(claim_of(enriched_article(4)))
    assert source["amount_values"] == [1040.0]
    assert source["amount_units"] == ["troops"]
    assert source["claimant_type"] == "PERSON"
    assert source["source"] == "Northwind Wire"
    assert source["url"] == "https://news.example.test/test/4"


def test_index_is_chosen_by_publication_month_and_id_is_the_stable_id() -> None:
    article = enriched_article(5, published_at=datetime(2024, 10, 31, 23, 30, tzinfo=UTC))
    action = to_action(article, "cw")
    assert action.index == "cw-articles-v1-2024.10"
    assert action.doc_id == article.article_id
    claim = claim_of(article)
    claim_action = to_action(claim, "cw")
    assert claim_action.index == "cw-claims-v1-2024.10"
    assert claim_action.doc_id == claim.claim_id


def test_publication_month_is_taken_in_utc() -> None:
    east = timezone(timedelta(hours=3))
    article = enriched_article(6, published_at=datetime(2024, 11, 1, 1, 0, tzinfo=east))
    assert to_action(article, "cw").index == "cw-articles-v1-2024.10"


def test_naive_times_are_taken_as_utc() -> None:
    assert concrete_index("cw", DocKind.CLAIMS, datetime(2025, 1, 1, 0, 30)) == (
        "cw-claims-v1-2025.01"
    )


def test_an_undated_article_and_its_claims_go_to_the_one_undated_index() -> None:
    article = enriched_article(7, published_at=None, ingested_at=datetime(2023, 2, 14, tzinfo=UTC))
    assert to_action(article, "cw").index == "cw-articles-v1-undated"
    assert to_action(claim_of(article), "cw").index == "cw-claims-v1-undated"


def test_reingesting_an_undated_article_in_a_later_month_keeps_its_index() -> None:
    # The index of an id may only depend on data that never changes for that id.
    january, february = datetime(2023, 1, 31, 23, tzinfo=UTC), datetime(2023, 2, 1, 1, tzinfo=UTC)
    first = enriched_article(7, published_at=None, ingested_at=january)
    again = enriched_article(7, published_at=None, ingested_at=february)
    assert first.article_id == again.article_id
    assert to_action(first, "cw").index == to_action(again, "cw").index
    assert to_action(claim_of(first), "cw").index == to_action(claim_of(again), "cw").index


def test_the_same_message_gives_the_same_action() -> None:
    value = encode(enriched_article(8))
    first = prepare_action(DocKind.ARTICLES, value, "cw", MIB)
    second = prepare_action(DocKind.ARTICLES, value, "cw", MIB)
    assert first == second
    assert first.ndjson == second.ndjson


def test_bulk_lines_are_an_index_header_and_the_source() -> None:
    action = to_action(enriched_article(9), "cw")
    header, body, rest = action.ndjson.decode().split("\n")
    assert rest == ""
    assert json.loads(header) == {
        "index": {
            "_index": action.index,
            "_id": action.doc_id,
            "version": action.version,
            "version_type": "external",
        }
    }
    assert json.loads(body) == action.source
    assert action.size_bytes == len(action.ndjson)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, DeadLetterReason.EMPTY),
        (b"", DeadLetterReason.EMPTY),
        (b"not json at all", DeadLetterReason.NOT_JSON),
        (b"\xff\xfe\x00", DeadLetterReason.NOT_JSON),
        (b'{"article_id": "x"', DeadLetterReason.NOT_JSON),
        (b"[1, 2, 3]", DeadLetterReason.SCHEMA_INVALID),
        (b'{"article_id": "x"}', DeadLetterReason.SCHEMA_INVALID),
    ],
)
def test_bad_values_are_refused_with_a_reason(
    value: bytes | None, reason: DeadLetterReason
) -> None:
    with pytest.raises(InvalidMessageError) as caught:
        decode_event(DocKind.ARTICLES, value)
    assert caught.value.reason == reason
    assert caught.value.error


@pytest.mark.parametrize("token", [b"NaN", b"Infinity", b"1e999"])
def test_numbers_elasticsearch_cannot_store_are_refused(token: bytes) -> None:
    value = encode(enriched_article(1)).replace(b'"value":1010.0', b'"value":' + token)
    assert token in value
    with pytest.raises(InvalidMessageError) as caught:
        prepare_action(DocKind.ARTICLES, value, "cw", MIB)
    assert caught.value.reason == DeadLetterReason.SCHEMA_INVALID
    assert "amounts.0.value: Input should be a finite number" in caught.value.error


def test_schema_errors_name_the_fields() -> None:
    payload = json.loads(encode(claim_of(enriched_article(1))))
    payload["checkworthiness"] = 7
    with pytest.raises(InvalidMessageError) as caught:
        decode_event(DocKind.CLAIMS, json.dumps(payload).encode())
    assert "checkworthiness" in caught.value.error


def test_an_article_on_the_claims_topic_fails_the_schema() -> None:
    with pytest.raises(InvalidMessageError) as caught:
        decode_event(DocKind.CLAIMS, encode(enriched_article(1)))
    assert caught.value.reason == DeadLetterReason.SCHEMA_INVALID


def test_documents_over_the_limit_are_too_large() -> None:
    value = encode(enriched_article(1, body_padding=20_000))
    with pytest.raises(InvalidMessageError) as caught:
        prepare_action(DocKind.ARTICLES, value, "cw", 64 * 1024)
    assert caught.value.reason == DeadLetterReason.TOO_LARGE
    assert isinstance(prepare_action(DocKind.ARTICLES, value, "cw", MIB), IndexAction)


def test_the_trace_id_comes_from_the_traceparent_header() -> None:
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    headers = [("ce_id", b"x"), ("traceparent", f"00-{trace}-00f067aa0ba902b7-01".encode())]
    assert trace_id_of(headers) == trace
    value = encode(enriched_article(1))
    action = prepare_action(DocKind.ARTICLES, value, "cw", MIB, headers)
    assert action.source["trace"] == {"id": trace}
    claim = prepare_action(
        DocKind.CLAIMS, encode(claim_of(enriched_article(1))), "cw", MIB, headers
    )
    assert claim.source["trace"] == {"id": trace}


@pytest.mark.parametrize(
    "headers",
    [None, [], [("traceparent", None)], [("traceparent", b"garbage")], [("other", b"x")]],
)
def test_a_missing_or_malformed_traceparent_gives_no_trace_id(headers: Any) -> None:
    assert trace_id_of(headers) is None
    action = prepare_action(DocKind.ARTICLES, encode(enriched_article(1)), "cw", MIB, headers)
    assert action.source["trace"] == {"id": None}


def test_the_external_version_is_the_ingest_time_in_microseconds() -> None:
    # A later ingest of the same article is a newer version; an older event never wins.
    ingested = datetime(2026, 3, 5, 8, 0, 12, 345678, tzinfo=UTC)
    article = enriched_article(1, ingested_at=ingested)
    assert to_action(article, "cw").version == 1_772_697_612_345_678
    assert to_action(claim_of(article), "cw").version == 1_772_697_612_345_678
    later = enriched_article(1, ingested_at=ingested + timedelta(microseconds=1))
    assert to_action(later, "cw").version == 1_772_697_612_345_679


def test_an_article_action_carries_its_claim_ids_and_a_claim_action_none() -> None:
    article = enriched_article(1)
    assert to_action(article, "cw").claim_ids == frozenset(c.claim_id for c in article.claims)
    assert to_action(claim_of(article), "cw").claim_ids is None
