"""The consumer's rebalance listener: which partitions were taken from this service.

kafka-python runs the listener on its IO thread while the service's thread
waits inside ``poll``; the service takes the revoked partitions after each
poll and drops what it buffered for them, before anything of theirs can be
indexed or committed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from kafka import ConsumerRebalanceListener, TopicPartition

from claimwire_index.batch import TopicPartitionKey


class PartitionRevocations(ConsumerRebalanceListener):  # type: ignore[misc]
    """Collects revoked (or lost) partitions until the service takes them. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._revoked: set[TopicPartitionKey] = set()

    def on_partitions_revoked(self, revoked: Iterable[TopicPartition]) -> None:
        """Remember ``revoked``; also called for partitions lost to a forced eviction."""
        with self._lock:
            self._revoked |= {(tp.topic, tp.partition) for tp in revoked}

    def on_partitions_assigned(self, assigned: Iterable[TopicPartition]) -> None:
        """Nothing to do: a newly assigned partition starts from its committed offset."""

    def take(self) -> set[TopicPartitionKey]:
        """The partitions revoked since the last call (and forget them)."""
        with self._lock:
            revoked, self._revoked = self._revoked, set()
        return revoked
