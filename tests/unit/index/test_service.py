"""The commit rule of the message path, with stand-ins for the consumer, client and producer.

The real Kafka and Elasticsearch behaviour is covered by tests/integration/index.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from claimwire_index.bulk import BulkSink, ElasticsearchUnavailableError
from claimwire_index.deadletters import DeadLetterWriter
from claimwire_index.metrics import create_metrics
from claimwire_index.rebalance import PartitionRevocations
from claimwire_index.service import IndexService
from claimwire_index.settings import IndexSettings
from claimwire_index.stale_claims import StaleClaims
from claimwire_index.synthetic import claim_of, encode, enriched_article
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import DeadLetterReason
from kafka import TopicPartition
from prometheus_client import CollectorRegistry

from claimwire_base.health import ProgressWatch
from claimwire_base.retry import RetryPolicy

SETTINGS = IndexSettings(
    topic_enriched="t-enriched",
    topic_claims="t-claims",
    topic_deadletter="t-dlq",
    es_index_prefix="cw",
    index_batch_max_docs=100,
    index_flush_interval_s=1.0,
)


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes | None]] = field(default_factory=list)


class Journal(list[str]):
    """The order in which the stand-ins were called, and the ids sent to bulk."""

    def __init__(self) -> None:
        super().__init__()
        self.bulk_ids: list[str] = []


class FakeConsumer:
    """Hands out the scripted polls, then asks the service to stop (as SIGTERM would).

    A poll listed in ``revoke_at`` first runs a rebalance that takes those
    partitions away, as kafka-python runs the listener inside ``poll``. As in
    an eager rebalance, they come straight back (keeping their position)
    unless ``handed_back`` is False.
    """

    def __init__(
        self,
        journal: Journal,
        polls: list[list[Record]],
        stop: threading.Event,
        listener: PartitionRevocations,
        revoke_at: dict[int, set[TopicPartition]] | None = None,
        handed_back: bool = True,
    ) -> None:
        self.journal = journal
        self.handed_back = handed_back
        self.gone: set[TopicPartition] = set()
        self.seeks: dict[TopicPartition, int] = {}
        self.polls = polls
        self.stop = stop
        self.listener = listener
        self.revoke_at = revoke_at or {}
        self.polled = 0
        self.committed: dict[TopicPartition, int] = {}

    def poll(self, timeout_ms: int, max_records: int) -> dict[TopicPartition, list[Record]]:
        if self.polled in self.revoke_at:
            self.listener.on_partitions_revoked(self.revoke_at[self.polled])
            if not self.handed_back:
                self.gone |= self.revoke_at[self.polled]
            self.listener.on_partitions_assigned(self.assignment())
        self.polled += 1
        records = self.polls.pop(0) if self.polls else []
        if not self.polls:
            self.stop.set()
        out: dict[TopicPartition, list[Record]] = {}
        for record in records:
            out.setdefault(TopicPartition(record.topic, record.partition), []).append(record)
        return out

    def assignment(self) -> set[TopicPartition]:
        every = {TopicPartition(t, p) for t in ("t-enriched", "t-claims") for p in range(2)}
        return every - self.gone

    def seek(self, tp: TopicPartition, offset: int) -> None:
        self.seeks[tp] = offset

    def highwater(self, tp: TopicPartition) -> int | None:
        return None

    def position(self, tp: TopicPartition, timeout_ms: int | None = None) -> int | None:
        return None

    def commit(self, offsets: dict[TopicPartition, Any]) -> None:
        self.journal.append("commit")
        self.committed.update({tp: meta.offset for tp, meta in offsets.items()})


class FakeClient:
    def __init__(self, journal: Journal, reject_ids: set[str], down: bool = False) -> None:
        self.journal = journal
        self.reject_ids = reject_ids
        self.down = down

    def bulk(self, *, body: bytes) -> dict[str, Any]:
        from elasticsearch import ConnectionError as EsConnectionError

        self.journal.append("bulk")
        if self.down:
            raise EsConnectionError("down", (OSError("down"),))
        ids = [json.loads(line)["index"]["_id"] for line in body.decode().splitlines()[::2]]
        self.journal.bulk_ids.extend(ids)
        items = [
            {"index": {"status": 400, "error": {"type": "mapper_parsing_exception", "reason": "x"}}}
            if doc_id in self.reject_ids
            else {"index": {"status": 201}}
            for doc_id in ids
        ]
        return {"errors": bool(self.reject_ids), "items": items}


class Future:
    def __init__(self, error: Exception | None) -> None:
        self.error = error

    def get(self, timeout: float | None = None) -> None:
        if self.error:
            raise self.error


class FakeProducer:
    def __init__(self, journal: Journal, fail: bool = False) -> None:
        self.journal = journal
        self.fail = fail
        self.sent: list[dict[str, Any]] = []

    def send(
        self,
        topic: str,
        value: bytes | None = None,
        key: bytes | None = None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> Future:
        self.journal.append("dead-letter")
        self.sent.append({"topic": topic, "value": value, "key": key, "headers": headers})
        from kafka.errors import KafkaTimeoutError

        return Future(KafkaTimeoutError("broker gone") if self.fail else None)

    def flush(self, timeout: float | None = None) -> None:
        self.journal.append("flush")


def build(
    polls: list[list[Record]],
    reject_ids: frozenset[str] = frozenset(),
    es_down: bool = False,
    dlq_fails: bool = False,
    batch_max_docs: int = 100,
    revoke_at: dict[int, set[TopicPartition]] | None = None,
    handed_back: bool = True,
) -> tuple[IndexService, Journal, FakeConsumer, FakeProducer, threading.Event]:
    journal = Journal()
    stop = threading.Event()
    revocations = PartitionRevocations()
    consumer = FakeConsumer(journal, polls, stop, revocations, revoke_at, handed_back)
    producer = FakeProducer(journal, dlq_fails)
    metrics = create_metrics(CollectorRegistry())
    clock = iter(float(n) for n in range(10_000))
    policy = RetryPolicy(initial_s=0.1, max_s=0.1, deadline_s=0.3)
    client = FakeClient(journal, set(reject_ids), es_down)
    sink = BulkSink(
        client,
        policy,
        metrics,
        lambda s: None,
        lambda: next(clock),
    )
    settings = SETTINGS.model_copy(update={"index_batch_max_docs": batch_max_docs})
    service = IndexService(
        settings,
        consumer,
        sink,
        DeadLetterWriter(producer, "t-dlq", settings.index_deadletter_max_bytes),
        metrics,
        ProgressWatch(60, lambda: 0.0),
        lambda: 0.0,
        revocations=revocations,
        stale_claims=StaleClaims(client, sink, "cw"),
    )
    return service, journal, consumer, producer, stop


def mixed_records() -> tuple[list[Record], str]:
    article = enriched_article(1)
    claim = claim_of(article)
    records = [
        Record("t-enriched", 0, 10, b"k", encode(article)),
        Record("t-claims", 1, 4, b"k", encode(claim)),
        Record("t-claims", 1, 5, b"k", b"{not json"),
    ]
    return records, claim.claim_id


def test_commit_comes_after_bulk_and_dead_letters() -> None:
    records, claim_id = mixed_records()
    service, journal, consumer, producer, stop = build([records], reject_ids=frozenset({claim_id}))
    service.run(stop)
    assert journal == ["bulk", "dead-letter", "dead-letter", "flush", "commit"]
    assert consumer.committed == {
        TopicPartition("t-enriched", 0): 11,
        TopicPartition("t-claims", 1): 6,
    }
    reasons = sorted(read_dead_letter(sent["headers"]).reason for sent in producer.sent)
    assert reasons == sorted([DeadLetterReason.NOT_JSON, DeadLetterReason.MAPPING_CONFLICT])
    assert {sent["value"] for sent in producer.sent} == {records[1].value, records[2].value}
    assert {sent["topic"] for sent in producer.sent} == {"t-dlq"}


def test_nothing_is_committed_when_elasticsearch_stays_down() -> None:
    records, _ = mixed_records()
    service, journal, consumer, _, stop = build([records], es_down=True)
    with pytest.raises(ElasticsearchUnavailableError):
        service.run(stop)
    assert "commit" not in journal
    assert consumer.committed == {}


def test_nothing_is_committed_when_dead_letters_cannot_be_written() -> None:
    from kafka.errors import KafkaTimeoutError

    records, _ = mixed_records()
    service, journal, consumer, _, stop = build([records], dlq_fails=True)
    with pytest.raises(KafkaTimeoutError):
        service.run(stop)
    assert "commit" not in journal
    assert consumer.committed == {}


def test_a_full_batch_is_flushed_and_committed_before_the_next_fills() -> None:
    records = [Record("t-enriched", 0, n, b"k", encode(enriched_article(n))) for n in range(5)]
    service, journal, consumer, _, stop = build([records[:3], records[3:]], batch_max_docs=2)
    service.run(stop)
    assert journal == ["bulk", "commit", "bulk", "commit", "bulk", "commit"]
    assert consumer.committed == {TopicPartition("t-enriched", 0): 5}


def test_a_programming_error_stops_the_service_without_dead_letters_or_commit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # After a bad deploy every message would fail the same way: dead-lettering them all
    # would empty the topic into the dead letters. Only a bad message is dead-lettered.
    def broken(*args: object, **kwargs: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'value'")

    monkeypatch.setattr("claimwire_index.service.prepare_action", broken)
    records, _ = mixed_records()
    service, journal, consumer, producer, stop = build([records])
    with pytest.raises(AttributeError):
        service.run(stop)
    assert journal == []
    assert producer.sent == []
    assert consumer.committed == {}


@pytest.mark.parametrize("handed_back", [True, False])
def test_buffered_messages_of_a_revoked_partition_are_neither_indexed_nor_committed(
    handed_back: bool,
) -> None:
    # Partition 0 is taken away while its messages wait in the buffer. Its new owner
    # restarts from the last commit; if that owner is us (an eager rebalance hands it
    # straight back with its position kept), we must seek back to the first dropped one.
    lost = [Record("t-enriched", 0, n, b"k", encode(enriched_article(n))) for n in range(3)]
    kept = [Record("t-enriched", 1, n, b"k", encode(enriched_article(10 + n))) for n in range(2)]
    revoked = {TopicPartition("t-enriched", 0)}
    after = Record("t-enriched", 0, 3, b"k", encode(enriched_article(3)))
    polls = [lost + kept, [after] if handed_back else []]  # a partition gone polls nothing
    service, journal, consumer, _, stop = build(
        polls, revoke_at={1: revoked}, handed_back=handed_back
    )
    service.run(stop)
    assert journal.bulk_ids == [enriched_article(10 + n).article_id for n in range(2)]
    assert consumer.committed == {TopicPartition("t-enriched", 1): 2}
    # The record polled after the rewind lies past the new position: read again later.
    assert consumer.seeks == ({TopicPartition("t-enriched", 0): 0} if handed_back else {})
