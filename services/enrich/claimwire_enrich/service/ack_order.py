"""Release acks to faust strictly in offset order, per partition.

Why: faust-streaming 0.15.3 commits past a message that is still in flight
when later offsets of its partition are acked first. ``Consumer._new_offset``
skips its head-gap test while the committed offset is None or 0, and
otherwise tests ``min(acked) - committed > 1`` (one too many), so with
several actors on one partition a fast article acked after a slow one
started moves the commit past the slow one; a crash then loses it.

The cure is to never show faust an ack that has an unfinished offset of the
same partition before it. Each event is *begun* when the agent receives it
and *finished* when its outputs or its dead letter were acknowledged by the
broker; ``finish`` hands back the finished events that may now be acked, in
offset order, which is only ever a contiguous run starting at the oldest
begun offset. faust then only ever sees the acks of a contiguous prefix, and
its commit cannot pass an article that is still being enriched.

Begin order is offset order: faust hands a partition's messages to the
agent's actors from one FIFO channel and tracks each one synchronously as it
hands it over, and the agent calls ``begin`` before its first ``await``. A
``begin`` that breaks that order raises ``AckOrderError`` rather than risk a
commit past an unfinished article.

Pure bookkeeping: no I/O, no locks (everything runs on the worker's event
loop, and neither method awaits).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


class AckOrderError(RuntimeError):
    """An offset was begun below one already begun in its partition, or finished twice."""


@dataclass
class _Partition(Generic[T]):
    begun: deque[int] = field(default_factory=deque)  # ascending, unreleased
    finished: dict[int, T] = field(default_factory=dict)  # offset -> what to ack


class OffsetOrderedAcks(Generic[T]):
    """Per-partition gate: finished events come out only as a contiguous oldest-first run.

    ``T`` is whatever the caller needs to ack one event (the agent keeps the
    event with the stream that delivered it).
    """

    def __init__(self) -> None:
        self._partitions: dict[Hashable, _Partition[T]] = {}

    def begin(self, partition: Hashable, offset: int) -> None:
        """Note that ``offset`` of ``partition`` is now in flight.

        Raises ``AckOrderError`` when ``offset`` is not above every offset of
        that partition still in flight. Not idempotent.
        """
        state = self._partitions.setdefault(partition, _Partition())
        if state.begun and offset <= state.begun[-1]:
            raise AckOrderError(
                f"offset {offset} of {partition} begun after {state.begun[-1]}: "
                "acks could no longer be released in offset order"
            )
        state.begun.append(offset)

    def finish(self, partition: Hashable, offset: int, ack: T) -> list[T]:
        """Note that ``offset`` is done; return what may be acked now, oldest first.

        Consumes the partition and offset of a begun event and the value the
        caller will need to ack it. Emits the acks of the longest run of
        finished offsets at the head of the partition (empty while an older
        offset is still in flight). Raises ``AckOrderError`` for an offset
        that was not begun or was already finished.
        """
        state = self._partitions.get(partition)
        if state is None or offset not in state.begun or offset in state.finished:
            raise AckOrderError(f"offset {offset} of {partition} finished without being in flight")
        state.finished[offset] = ack
        ready: list[T] = []
        while state.begun and state.begun[0] in state.finished:
            ready.append(state.finished.pop(state.begun.popleft()))
        if not state.begun:
            del self._partitions[partition]
        return ready

    def in_flight(self, partition: Hashable) -> int:
        """How many offsets of ``partition`` are begun and not yet released. Pure read."""
        state = self._partitions.get(partition)
        return len(state.begun) if state else 0
