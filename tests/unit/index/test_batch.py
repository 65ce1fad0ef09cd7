"""Batch bookkeeping: when a batch is due and which offsets it may commit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from claimwire_index.batch import BatchBuffer, Pending
from claimwire_index.documents import InvalidMessageError, to_action
from claimwire_index.synthetic import enriched_article
from claimwire_schemas.events import DeadLetterReason


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None = b"k"
    value: bytes | None = b"v"
    headers: list[tuple[str, bytes | None]] | None = None


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


ARTICLE = enriched_article(0)


def item(topic: str = "t", partition: int = 0, offset: int = 0) -> Pending:
    # The same article each time, so every action has the same size.
    return Pending(Record(topic, partition, offset), action=to_action(ARTICLE, "cw"))


def bad(topic: str = "t", partition: int = 0, offset: int = 0) -> Pending:
    error = InvalidMessageError(DeadLetterReason.NOT_JSON, "nope")
    return Pending(Record(topic, partition, offset), invalid=error)


def test_due_by_count() -> None:
    buffer = BatchBuffer(max_docs=3, max_bytes=10**9, max_age_s=60, clock=Clock())
    buffer.add(item(offset=0))
    buffer.add(bad(offset=1))
    assert not buffer.is_due()
    assert buffer.room() == 1
    buffer.add(item(offset=2))
    assert buffer.is_due()


def test_due_by_bytes() -> None:
    one = item()
    assert one.action is not None
    buffer = BatchBuffer(
        max_docs=100, max_bytes=2 * one.action.size_bytes, max_age_s=60, clock=Clock()
    )
    buffer.add(one)
    assert not buffer.is_due()
    assert buffer.would_overflow(item(offset=1)) is False
    buffer.add(item(offset=1))
    assert buffer.is_due()
    assert buffer.would_overflow(item(offset=2))


def test_due_by_age_of_the_first_message() -> None:
    clock = Clock()
    buffer = BatchBuffer(max_docs=100, max_bytes=10**9, max_age_s=1.0, clock=clock)
    assert buffer.seconds_until_due() is None
    assert not buffer.is_due()
    buffer.add(item())
    clock.now += 0.6
    buffer.add(item(offset=1))
    assert buffer.seconds_until_due() == pytest.approx(0.4)
    assert not buffer.is_due()
    clock.now += 0.4
    assert buffer.is_due()


def test_an_empty_buffer_never_overflows() -> None:
    buffer = BatchBuffer(max_docs=10, max_bytes=1024, max_age_s=1.0, clock=Clock())
    assert not buffer.would_overflow(item())


def test_drain_empties_and_offsets_point_after_the_last_message_per_partition() -> None:
    buffer = BatchBuffer(max_docs=100, max_bytes=10**9, max_age_s=60, clock=Clock())
    for pending in [item("a", 0, 5), item("a", 1, 9), bad("a", 0, 6), item("b", 0, 0)]:
        buffer.add(pending)
    batch = buffer.drain()
    assert len(buffer) == 0 and not buffer.is_due()
    assert batch.offsets_to_commit() == {("a", 0): 7, ("a", 1): 10, ("b", 0): 1}
    assert len(batch.actions()) == 3
    assert [p.message.offset for p in batch.invalid()] == [6]
    assert batch.bulk_bytes() == sum(a.size_bytes for _, a in batch.actions())


def test_dropping_revoked_partitions_forgets_their_messages_and_bytes() -> None:
    clock = Clock()
    buffer = BatchBuffer(max_docs=100, max_bytes=10**9, max_age_s=60, clock=clock)
    one = item("a", 0, 5).action
    assert one is not None
    for pending in [item("a", 0, 5), item("a", 1, 9), bad("a", 0, 6), item("b", 0, 0)]:
        buffer.add(pending)
    assert buffer.drop({("a", 0), ("c", 3)}) == {("a", 0): 5}
    assert len(buffer) == 2
    batch = buffer.drain()
    assert batch.offsets_to_commit() == {("a", 1): 10, ("b", 0): 1}
    assert batch.bulk_bytes() == 2 * one.size_bytes


def test_dropping_everything_leaves_an_empty_buffer_that_is_never_due() -> None:
    clock = Clock()
    buffer = BatchBuffer(max_docs=100, max_bytes=10**9, max_age_s=60, clock=clock)
    buffer.add(item("a", 0, 1))
    assert buffer.drop({("a", 0)}) == {("a", 0): 1}
    clock.now += 1000
    assert len(buffer) == 0 and not buffer.is_due() and buffer.seconds_until_due() is None
