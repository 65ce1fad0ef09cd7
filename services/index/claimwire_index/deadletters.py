"""Dead letters of the index service, produced with acks=all and waited for.

A batch's offsets are committed only after ``DeadLetterWriter.send_all`` has
returned, so a message that could not be indexed is committed only once the
broker holds its dead letter. Every record is cut to ``max_bytes`` first: a
dead letter the producer refused as too large would stop the service on the
same batch after every restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from claimwire_schemas.deadletter import DeadLetterRecord, build_dead_letter, fit_dead_letter
from claimwire_schemas.events import DeadLetterReason, Stage

from claimwire_index.batch import Message


class Producer(Protocol):
    """The calls of kafka-python's ``KafkaProducer`` the writer makes."""

    def send(
        self,
        topic: str,
        value: bytes | None = None,
        key: bytes | None = None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> Any: ...

    def flush(self, timeout: float | None = None) -> None: ...


def dead_letter_for(message: Message, reason: DeadLetterReason, error: str) -> DeadLetterRecord:
    """The dead letter of one consumed message: bytes untouched, the reason in headers."""
    return build_dead_letter(
        stage=Stage.INDEX,
        reason=reason,
        error=error,
        key=message.key,
        value=message.value,
        source_topic=message.topic,
        source_partition=message.partition,
        source_offset=message.offset,
        original_headers=message.headers,
    )


class DeadLetterWriter:
    """Produces dead-letter records to one topic and waits until the broker has them all."""

    def __init__(
        self, producer: Producer, topic: str, max_bytes: int, timeout_s: float = 120.0
    ) -> None:
        self._producer = producer
        self._topic = topic
        self._max_bytes = max_bytes
        self._timeout_s = timeout_s

    def send_all(self, records: Sequence[DeadLetterRecord]) -> None:
        """Produce ``records``, each cut to fit, and block until each is acknowledged (acks=all).

        Raises the producer's ``KafkaError`` when any send fails; the caller must
        then not commit. Not idempotent: a retry after a partial failure may
        write a record twice (dead letters are at-least-once).
        """
        if not records:
            return
        fitted = [fit_dead_letter(record, self._max_bytes) for record in records]
        futures = [
            self._producer.send(
                self._topic, value=record.value, key=record.key, headers=record.headers
            )
            for record in fitted
        ]
        self._producer.flush(timeout=self._timeout_s)
        for future in futures:
            future.get(timeout=self._timeout_s)
