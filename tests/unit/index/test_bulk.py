"""The bulk sink's decisions: what is retried, what is dead-lettered, when it gives up."""

from __future__ import annotations

import json
from typing import Any

import pytest
from claimwire_index.bulk import (
    BulkRequestRejectedError,
    BulkSink,
    ElasticsearchForbiddenError,
    ElasticsearchUnavailableError,
    classify_items,
    rejection_reason,
)
from claimwire_index.documents import IndexAction, to_action
from claimwire_index.metrics import create_metrics
from claimwire_index.synthetic import enriched_article
from claimwire_schemas.events import DeadLetterReason
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, AuthenticationException
from elasticsearch import ConnectionError as EsConnectionError
from prometheus_client import CollectorRegistry

from claimwire_base.retry import RetryPolicy

MAPPING_ERROR = {"type": "mapper_parsing_exception", "reason": "failed to parse field [x]"}
IMMENSE = {
    "type": "illegal_argument_exception",
    "reason": 'Document contains at least one immense term in field="url"',
    "caused_by": {"type": "max_bytes_length_exceeded_exception", "reason": "bytes can be at most"},
}


def ok() -> dict[str, Any]:
    return {"index": {"status": 201, "result": "created"}}


def failed(status: int, error: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"index": {"status": status, "error": error or {"type": "x", "reason": "y"}}}


class FakeClient:
    """Answers each bulk call with the next scripted reply: items by doc id, or an exception."""

    def __init__(self, replies: list[Any]) -> None:
        self.replies = replies
        self.sent: list[list[str]] = []

    def bulk(self, *, body: bytes) -> dict[str, Any]:
        lines = body.decode().splitlines()
        ids = [json.loads(line)["index"]["_id"] for line in lines[::2]]
        self.sent.append(ids)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return {"errors": True, "items": [reply(doc_id) for doc_id in ids]}


def api_error(kind: type[ApiError], status: int, error_type: str) -> ApiError:
    """An error as the 9.x client raises it for an HTTP ``status`` answer."""
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("https", "localhost", 9200),
    )
    return kind(error_type, meta=meta, body={"error": {"type": error_type, "reason": "x"}})


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def actions(n: int) -> list[IndexAction]:
    return [to_action(enriched_article(i), "cw") for i in range(n)]


def sink(client: FakeClient, clock: Clock, deadline_s: float = 60.0) -> BulkSink:
    policy = RetryPolicy(initial_s=0.5, max_s=4.0, deadline_s=deadline_s)
    return BulkSink(client, policy, create_metrics(CollectorRegistry()), clock.sleep, clock)


def test_backoff_is_exponential_and_capped() -> None:
    policy = RetryPolicy(initial_s=0.5, max_s=4.0, deadline_s=60)
    assert [policy.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert policy.delay(10_000) == 4.0


def test_only_failed_documents_are_sent_again() -> None:
    docs = actions(4)
    flaky = docs[1].doc_id
    client = FakeClient(
        [
            lambda doc_id: failed(429) if doc_id == flaky else ok(),
            lambda doc_id: ok(),
        ]
    )
    clock = Clock()
    result = sink(client, clock).index(docs)
    assert client.sent == [[d.doc_id for d in docs], [flaky]]
    assert sorted(result.accepted) == [0, 1, 2, 3]
    assert result.rejected == []
    assert clock.sleeps == [0.5]


def test_mapping_conflicts_are_rejected_and_the_rest_accepted() -> None:
    docs = actions(3)
    bad = docs[2].doc_id
    client = FakeClient([lambda doc_id: failed(400, MAPPING_ERROR) if doc_id == bad else ok()])
    result = sink(client, Clock()).index(docs)
    assert sorted(result.accepted) == [0, 1]
    assert [(r.position, r.reason) for r in result.rejected] == [
        (2, DeadLetterReason.MAPPING_CONFLICT)
    ]
    assert "mapper_parsing_exception" in result.rejected[0].error
    assert len(client.sent) == 1


def test_connection_errors_and_5xx_retry_the_whole_request() -> None:
    docs = actions(2)
    client = FakeClient(
        [
            EsConnectionError("refused", (OSError("refused"),)),
            api_error(ApiError, 503, "unavailable"),
            lambda doc_id: ok(),
        ]
    )
    clock = Clock()
    result = sink(client, clock).index(docs)
    assert sorted(result.accepted) == [0, 1]
    assert len(client.sent) == 3
    assert clock.sleeps == [0.5, 1.0]


def test_gives_up_after_the_deadline_without_accepting_anything() -> None:
    client = FakeClient([EsConnectionError("down", (OSError("down"),))] * 100)
    clock = Clock()
    with pytest.raises(ElasticsearchUnavailableError):
        sink(client, clock, deadline_s=10.0).index(actions(2))
    assert sum(clock.sleeps) == pytest.approx(10.0)
    assert max(clock.sleeps) <= 4.0


def test_a_request_too_large_is_split_until_the_single_culprit_is_rejected() -> None:
    docs = actions(4)
    culprit = docs[3].doc_id

    class SplittingClient(FakeClient):
        def bulk(self, *, body: bytes) -> dict[str, Any]:
            ids = [json.loads(line)["index"]["_id"] for line in body.decode().splitlines()[::2]]
            self.sent.append(ids)
            if culprit in ids:
                raise api_error(ApiError, 413, "too large")
            return {"errors": False, "items": [ok() for _ in ids]}

    client = SplittingClient([])
    result = sink(client, Clock()).index(docs)
    assert sorted(result.accepted) == [0, 1, 2]
    assert [(r.position, r.reason) for r in result.rejected] == [(3, DeadLetterReason.TOO_LARGE)]
    assert client.sent[0] == [d.doc_id for d in docs]
    assert [culprit] in client.sent


def test_authentication_failure_is_not_retried() -> None:
    client = FakeClient([api_error(AuthenticationException, 401, "security_exception")])
    with pytest.raises(BulkRequestRejectedError):
        sink(client, Clock()).index(actions(1))


def test_empty_batches_send_nothing() -> None:
    client = FakeClient([])
    result = sink(client, Clock()).index([])
    assert client.sent == [] and result.accepted == [] and result.rejected == []


def test_classify_items_refuses_a_short_response() -> None:
    with pytest.raises(BulkRequestRejectedError):
        classify_items([0, 1], [ok()])


def test_classify_items_sorts_every_status() -> None:
    results = classify_items(
        [10, 11, 12, 13, 14],
        [ok(), failed(429), failed(500), failed(400, MAPPING_ERROR), failed(400, IMMENSE)],
    )
    assert results.accepted == [10]
    assert [p for p, _ in results.retriable] == [11, 12]
    assert [(r.position, r.reason) for r in results.rejected] == [
        (13, DeadLetterReason.MAPPING_CONFLICT),
        (14, DeadLetterReason.TOO_LARGE),
    ]


@pytest.mark.parametrize(
    ("status", "error", "reason"),
    [
        (
            400,
            {"type": "strict_dynamic_mapping_exception", "reason": "x"},
            DeadLetterReason.MAPPING_CONFLICT,
        ),
        (400, MAPPING_ERROR, DeadLetterReason.MAPPING_CONFLICT),
        (400, IMMENSE, DeadLetterReason.TOO_LARGE),
        (413, None, DeadLetterReason.TOO_LARGE),
        (
            404,
            {"type": "index_not_found_exception", "reason": "no such index"},
            DeadLetterReason.DOCUMENT_REJECTED,
        ),
    ],
)
def test_rejection_reasons(status: int, error: Any, reason: DeadLetterReason) -> None:
    assert rejection_reason(status, error) == reason


WRITE_BLOCK = {
    "type": "cluster_block_exception",
    "reason": "index [cw-articles-v1-2024.10] blocked by: [FORBIDDEN/8/index write (api)];",
}
NOT_AUTHORIZED = {
    "type": "security_exception",
    "reason": "action [indices:data/write/bulk[s]] is unauthorized for user [claimwire-index]",
}


def test_a_write_block_is_retried_until_it_clears_and_nothing_is_dead_lettered() -> None:
    clock = Clock()
    client = FakeClient([lambda _: failed(403, WRITE_BLOCK)] * 3 + [lambda _: ok()])
    result = sink(client, clock).index(actions(2))
    assert sorted(result.accepted) == [0, 1]
    assert result.rejected == []
    assert len(client.sent) == 4
    assert clock.sleeps == [0.5, 1.0, 2.0]


def test_a_write_block_past_the_deadline_gives_up_without_rejecting() -> None:
    client = FakeClient([lambda _: failed(403, WRITE_BLOCK)] * 100)
    with pytest.raises(ElasticsearchUnavailableError, match="cluster_block_exception"):
        sink(client, Clock(), deadline_s=10.0).index(actions(2))


def test_a_block_of_the_whole_request_is_retried() -> None:
    block = api_error(ApiError, 403, "cluster_block_exception")
    client = FakeClient([block, lambda _: ok()])
    result = sink(client, Clock()).index(actions(1))
    assert result.accepted == [0]


def test_a_document_the_service_may_not_write_stops_the_service_and_is_not_dead_lettered() -> None:
    # An operator problem (a role without write on the index): no dead letter, no commit.
    client = FakeClient([lambda doc_id: failed(403, NOT_AUTHORIZED)])
    with pytest.raises(ElasticsearchForbiddenError, match="security_exception"):
        sink(client, Clock()).index(actions(2))
    assert len(client.sent) == 1


def test_classify_items_never_rejects_a_403() -> None:
    results = classify_items([0], [failed(403, WRITE_BLOCK)])
    assert results.rejected == [] and [p for p, _ in results.retriable] == [0]
    with pytest.raises(ElasticsearchForbiddenError):
        classify_items([0], [failed(403, NOT_AUTHORIZED)])


def conflict() -> dict[str, Any]:
    error = {
        "type": "version_conflict_engine_exception",
        "reason": "[x]: version conflict, current version [9] is higher or equal to "
        "the one provided [5]",
    }
    return {"index": {"status": 409, "error": error}}


def test_a_version_conflict_means_a_newer_or_equal_version_is_stored_and_is_success() -> None:
    docs = actions(3)
    client = FakeClient([lambda doc_id: conflict() if doc_id == docs[0].doc_id else ok()])
    result = sink(client, Clock()).index(docs)
    assert sorted(result.accepted) == [0, 1, 2]
    assert result.rejected == []
    assert len(client.sent) == 1


def test_the_result_names_the_documents_that_replaced_or_met_a_stored_version() -> None:
    results = classify_items(
        [0, 1, 2],
        [ok(), {"index": {"status": 200, "result": "updated"}}, conflict()],
    )
    assert results.accepted == [0, 1, 2]
    assert results.replaced == [1, 2]


def test_deleting_a_document_that_is_gone_or_newer_is_success() -> None:
    gone = {"delete": {"status": 404, "result": "not_found"}}
    newer = {"delete": conflict()["index"]}
    results = classify_items([0, 1], [gone, newer])
    assert results.accepted == [0, 1] and results.rejected == []
