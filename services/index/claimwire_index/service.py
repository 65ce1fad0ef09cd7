"""The index service's message path: read, transform, bulk, dead-letter, commit.

``IndexService.run`` is the whole loop; ``commit_after_bulk`` is the one
place offsets are committed, and only after every message of the batch was
accepted by Elasticsearch (and the stale claims of re-enriched articles
deleted) or written to the dead-letter topic. A crash at any point leaves the
batch uncommitted: it is redelivered and, with stable document ids and
external versions, overwrites itself or conflicts with itself (success).
Messages buffered for a partition the group took away are dropped, never
indexed or committed: the partition's new owner restarts from the last commit,
and if that owner is this service again, it seeks back to the first dropped one.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from claimwire_schemas.deadletter import DeadLetterRecord
from kafka import KafkaConsumer, TopicPartition
from kafka.errors import CommitFailedError
from kafka.structs import OffsetAndMetadata

from claimwire_base.health import ProgressWatch
from claimwire_index.batch import Batch, BatchBuffer, Message, Pending, TopicPartitionKey
from claimwire_index.bulk import BulkSink, Rejection
from claimwire_index.deadletters import DeadLetterWriter, dead_letter_for
from claimwire_index.documents import IndexAction, InvalidMessageError, prepare_action
from claimwire_index.metrics import IndexMetrics
from claimwire_index.names import DocKind, alias_name
from claimwire_index.rebalance import PartitionRevocations
from claimwire_index.settings import IndexSettings
from claimwire_index.stale_claims import StaleClaims

log = logging.getLogger(__name__)

# Short enough that SIGTERM and a quiet topic's flush deadline are noticed promptly.
MAX_POLL_WAIT_S = 0.5


class IndexService:
    """Consumes enriched articles and claims and keeps Elasticsearch in step with them."""

    def __init__(
        self,
        settings: IndexSettings,
        consumer: KafkaConsumer,
        sink: BulkSink,
        dead_letters: DeadLetterWriter,
        metrics: IndexMetrics,
        watch: ProgressWatch,
        clock: Callable[[], float],
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        revocations: PartitionRevocations,
        stale_claims: StaleClaims,
    ) -> None:
        self._settings = settings
        self._consumer = consumer
        self._revocations = revocations
        self._sink = sink
        self._stale_claims = stale_claims
        self._dead_letters = dead_letters
        self._metrics = metrics
        self._watch = watch
        self._wall_clock = wall_clock
        self._kinds = {
            settings.topic_enriched: DocKind.ARTICLES,
            settings.topic_claims: DocKind.CLAIMS,
        }
        self._buffer = BatchBuffer(
            max_docs=settings.index_batch_max_docs,
            max_bytes=settings.index_batch_max_bytes,
            max_age_s=settings.index_flush_interval_s,
            clock=clock,
        )

    def run(self, stop: threading.Event) -> None:
        """Consume until ``stop`` is set, then index and commit what is buffered.

        Raises ``ElasticsearchUnavailableError`` (Elasticsearch gone past the deadline),
        ``BulkRequestRejectedError`` or a ``KafkaError`` from the dead-letter
        producer; in each case the current batch stays uncommitted.
        """
        while not stop.is_set():
            for message in self._poll():
                pending = self._prepare(message)
                if self._buffer.would_overflow(pending):
                    self.commit_after_bulk(self._buffer.drain())
                self._buffer.add(pending)
                self._metrics.pending_messages.set(len(self._buffer))
                if self._buffer.is_due():
                    self.commit_after_bulk(self._buffer.drain())
            if self._buffer.is_due():
                self.commit_after_bulk(self._buffer.drain())
        self.commit_after_bulk(self._buffer.drain())

    def commit_after_bulk(self, batch: Batch) -> None:
        """Index a batch, delete stale claims, dead-letter what cannot be indexed, then commit.

        Consumes a drained batch; emits bulk requests, the deletes of claims
        that re-enriched articles dropped, dead-letter records and one offset
        commit, in that order, each finished before the next starts. Raises
        (without committing) when any step fails. Idempotent per batch: a
        repeat overwrites the same documents or conflicts with them.
        """
        if not batch:
            return
        pairs = batch.actions()
        result = self._sink.index([action for _, action in pairs])
        rejected_by_es = [(pairs[r.position][0], r) for r in result.rejected]
        replaced = [pairs[position][1] for position in result.replaced]
        self._stale_claims.remove(
            [action for action in replaced if action.kind == DocKind.ARTICLES]
        )
        self._dead_letters.send_all(self._dead_letter_records(batch.invalid(), rejected_by_es))
        self._commit(batch.offsets_to_commit())
        self._metrics.pending_messages.set(len(self._buffer))
        self._record_batch(batch, [pairs[p][1] for p in result.accepted], rejected_by_es)

    def _poll(self) -> Iterator[Message]:
        wait_s = self._buffer.seconds_until_due()
        timeout_s = MAX_POLL_WAIT_S if wait_s is None else min(wait_s, MAX_POLL_WAIT_S)
        polled = self._consumer.poll(
            timeout_ms=int(timeout_s * 1000), max_records=max(1, self._buffer.room())
        )
        # A rebalance runs inside poll (or on kafka-python's IO thread just before it):
        # drop what we buffered for partitions it revoked before this poll's records join.
        revoked = self._revocations.take()
        rewound = self._drop_revoked(revoked) if revoked else set()
        self._record_lag()
        for tp, records in polled.items():
            if (tp.topic, tp.partition) not in rewound:  # read again from the rewound offset
                yield from records

    def _drop_revoked(self, revoked: set[TopicPartitionKey]) -> set[TopicPartitionKey]:
        """Drop the buffered messages of ``revoked``; rewind those handed straight back.

        In an eager rebalance every partition is revoked, and kafka-python keeps
        the position of one that is assigned to us again: without a seek back to
        the first dropped offset, the dropped messages would be skipped (lost).
        A partition now owned by another member needs nothing: it restarts from
        the last commit. Returns the partitions rewound (their polled records,
        past the new position, must be skipped).
        """
        size_before = len(self._buffer)
        first_dropped = self._buffer.drop(revoked)
        dropped = size_before - len(self._buffer)
        self._metrics.dropped_on_rebalance.inc(dropped)
        self._metrics.pending_messages.set(len(self._buffer))
        assigned = self._consumer.assignment()
        rewound = set()
        for (topic, partition), offset in first_dropped.items():
            tp = TopicPartition(topic, partition)
            if tp in assigned:
                self._consumer.seek(tp, offset)
                rewound.add((topic, partition))
        log.info(
            "partitions revoked %s; dropped %d buffered messages; read again from %s",
            sorted(revoked),
            dropped,
            {f"{t}/{p}": first_dropped[(t, p)] for t, p in sorted(rewound)},
        )
        return rewound

    def _prepare(self, message: Message) -> Pending:
        """The per-message boundary: a message leaves as an action, or as a dead letter if bad.

        Only ``InvalidMessageError`` (not JSON, schema, too large) means "this message
        is bad". Any other exception is a bug of ours and propagates: the service stops
        without committing, rather than dead-lettering every message after a bad deploy.
        """
        kind = self._kinds[message.topic]
        try:
            action = prepare_action(
                kind,
                message.value,
                self._settings.es_index_prefix,
                self._settings.index_max_document_bytes,
                message.headers,
            )
        except InvalidMessageError as exc:
            return Pending(message, invalid=exc)
        return Pending(message, action=action)

    def _dead_letter_records(
        self, invalid: list[Pending], rejected_by_es: list[tuple[Pending, Rejection]]
    ) -> list[DeadLetterRecord]:
        records = []
        for item in invalid:
            assert item.invalid is not None
            records.append(dead_letter_for(item.message, item.invalid.reason, item.invalid.error))
            log.warning("dead-lettered %s/%s/%s: %s", *_position(item.message), item.invalid.error)
        for item, rejection in rejected_by_es:
            records.append(dead_letter_for(item.message, rejection.reason, rejection.error))
            log.warning("dead-lettered %s/%s/%s: %s", *_position(item.message), rejection.error)
        return records

    def _commit(self, offsets: dict[tuple[str, int], int]) -> None:
        # Only partitions still ours: their new owner restarts from the last commit and
        # overwrites what we indexed, whereas our commit could move its offset backwards.
        assigned = self._consumer.assignment()
        to_commit = {
            TopicPartition(topic, partition): OffsetAndMetadata(offset, "", -1)
            for (topic, partition), offset in offsets.items()
            if TopicPartition(topic, partition) in assigned
        }
        if not to_commit:
            return
        try:
            self._consumer.commit(to_commit)
        except CommitFailedError as exc:
            log.warning("commit refused after a rebalance; the batch will be redelivered: %s", exc)
            return
        self._metrics.commits.inc()
        self._watch.record_commit()

    def _record_batch(
        self,
        batch: Batch,
        accepted: list[IndexAction],
        rejected_by_es: list[tuple[Pending, Rejection]],
    ) -> None:
        prefix = self._settings.es_index_prefix
        now = self._wall_clock()
        self._metrics.batch_documents.observe(len(batch))
        self._metrics.batch_bytes.observe(batch.bulk_bytes())
        for kind in self._kinds.values():
            # one label lookup per index, not per document: batches hold thousands
            alias = alias_name(prefix, kind)
            of_kind = [action for action in accepted if action.kind == kind]
            self._metrics.docs_indexed.labels(index=alias).inc(len(of_kind))
            latency = self._metrics.end_to_end_seconds.labels(index=alias)
            for action in of_kind:
                latency.observe(max(0.0, (now - action.ingested_at).total_seconds()))
        for item in batch.invalid():
            assert item.invalid is not None
            alias = alias_name(prefix, self._kinds[item.message.topic])
            self._metrics.docs_failed.labels(index=alias, reason=item.invalid.reason.value).inc()
        for item, rejection in rejected_by_es:
            alias = alias_name(prefix, self._kinds[item.message.topic])
            self._metrics.docs_failed.labels(index=alias, reason=rejection.reason.value).inc()

    def _record_lag(self) -> None:
        lag_by_topic: dict[str, int] = defaultdict(int)
        for tp in self._consumer.assignment():
            highwater = self._consumer.highwater(tp)
            position = self._consumer.position(tp, timeout_ms=100)
            if highwater is not None and position is not None:
                lag_by_topic[tp.topic] += max(0, highwater - position)
        for topic in self._kinds:
            self._metrics.consumer_lag.labels(topic=topic).set(lag_by_topic.get(topic, 0))
        self._watch.record_lag(sum(lag_by_topic.values()))


def _position(message: Message) -> tuple[str, int, int]:
    return message.topic, message.partition, message.offset
