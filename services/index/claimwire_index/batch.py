"""Batches of consumed messages: when to flush, and which offsets a flush may commit.

Pure bookkeeping, no Kafka: a message is anything with the fields of a
kafka-python ``ConsumerRecord`` that the service reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from claimwire_index.documents import IndexAction, InvalidMessageError

TopicPartitionKey = tuple[str, int]


class Message(Protocol):
    """What the service reads from a consumed record (kafka-python's ``ConsumerRecord``)."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def value(self) -> bytes | None: ...
    @property
    def headers(self) -> Sequence[tuple[str, bytes | None]] | None: ...


@dataclass(frozen=True)
class Pending:
    """A consumed message and what the core made of it: an action or the reason it has none."""

    message: Message
    action: IndexAction | None = None
    invalid: InvalidMessageError | None = None


@dataclass(frozen=True)
class Batch:
    """The messages of one flush, in consumption order."""

    items: tuple[Pending, ...]

    def __len__(self) -> int:
        return len(self.items)

    def actions(self) -> list[tuple[Pending, IndexAction]]:
        """The items that became bulk actions, each with its message."""
        return [(item, item.action) for item in self.items if item.action is not None]

    def invalid(self) -> list[Pending]:
        """The items the core refused (not JSON, schema, too large)."""
        return [item for item in self.items if item.invalid is not None]

    def bulk_bytes(self) -> int:
        return sum(action.size_bytes for _, action in self.actions())

    def offsets_to_commit(self) -> dict[TopicPartitionKey, int]:
        """Per partition, the offset after the last message in the batch (Kafka's commit rule)."""
        offsets: dict[TopicPartitionKey, int] = {}
        for item in self.items:
            key = (item.message.topic, item.message.partition)
            offsets[key] = max(offsets.get(key, 0), item.message.offset + 1)
        return offsets


class BatchBuffer:
    """Collects pending messages and says when they are due: by count, bytes or age.

    ``clock`` is a monotonic clock in seconds (injectable for tests).
    """

    def __init__(
        self,
        max_docs: int,
        max_bytes: int,
        max_age_s: float,
        clock: Callable[[], float],
    ) -> None:
        self._max_docs = max_docs
        self._max_bytes = max_bytes
        self._max_age_s = max_age_s
        self._clock = clock
        self._items: list[Pending] = []
        self._bytes = 0
        self._opened_at = 0.0

    def __len__(self) -> int:
        return len(self._items)

    def add(self, item: Pending) -> None:
        if not self._items:
            self._opened_at = self._clock()
        self._items.append(item)
        if item.action is not None:
            self._bytes += item.action.size_bytes

    def room(self) -> int:
        """How many more messages fit before the count limit."""
        return max(0, self._max_docs - len(self._items))

    def seconds_until_due(self) -> float | None:
        """Time left before the age limit flushes the buffer; None when it is empty."""
        if not self._items:
            return None
        return max(0.0, self._opened_at + self._max_age_s - self._clock())

    def is_due(self) -> bool:
        if not self._items:
            return False
        return (
            len(self._items) >= self._max_docs
            or self._bytes >= self._max_bytes
            or self._clock() - self._opened_at >= self._max_age_s
        )

    def would_overflow(self, item: Pending) -> bool:
        """True when adding ``item`` would push the bulk request past the byte limit."""
        size = item.action.size_bytes if item.action is not None else 0
        return bool(self._items) and self._bytes + size > self._max_bytes

    def drop(self, partitions: set[TopicPartitionKey]) -> dict[TopicPartitionKey, int]:
        """Forget the buffered messages of ``partitions`` (revoked).

        Returns, per partition that had any buffered, the offset of the first
        one dropped: where reading must resume if the partition is ours again.
        """
        first_dropped: dict[TopicPartitionKey, int] = {}
        kept = []
        for item in self._items:
            key = (item.message.topic, item.message.partition)
            if key in partitions:
                offset = item.message.offset
                first_dropped[key] = min(first_dropped.get(key, offset), offset)
            else:
                kept.append(item)
        self._items = kept
        self._bytes = sum(item.action.size_bytes for item in kept if item.action is not None)
        return first_dropped

    def drain(self) -> Batch:
        """Everything buffered, as a batch; the buffer is empty afterwards."""
        batch = Batch(tuple(self._items))
        self._items = []
        self._bytes = 0
        return batch
