"""``OffsetOrderedAcks``: acks leave only as a contiguous, oldest-first run per partition."""

from __future__ import annotations

import pytest
from claimwire_enrich.service.ack_order import AckOrderError, OffsetOrderedAcks


def test_a_fast_event_behind_a_slow_one_is_held_until_the_slow_one_finishes() -> None:
    gate: OffsetOrderedAcks[str] = OffsetOrderedAcks()
    for offset in (10, 11, 12):
        gate.begin("p0", offset)

    assert gate.finish("p0", 12, "ack-12") == []
    assert gate.finish("p0", 11, "ack-11") == []
    assert gate.in_flight("p0") == 3
    assert gate.finish("p0", 10, "ack-10") == ["ack-10", "ack-11", "ack-12"]
    assert gate.in_flight("p0") == 0


def test_in_order_finishes_are_released_at_once() -> None:
    gate: OffsetOrderedAcks[int] = OffsetOrderedAcks()
    gate.begin("p0", 0)
    gate.begin("p0", 1)

    assert gate.finish("p0", 0, 0) == [0]
    assert gate.finish("p0", 1, 1) == [1]


def test_release_stops_at_the_first_event_still_in_flight() -> None:
    gate: OffsetOrderedAcks[int] = OffsetOrderedAcks()
    for offset in (5, 6, 7, 8):
        gate.begin("p0", offset)
    assert gate.finish("p0", 6, 6) == []
    assert gate.finish("p0", 8, 8) == []

    assert gate.finish("p0", 5, 5) == [5, 6]  # 7 is still in flight, 8 waits for it
    assert gate.finish("p0", 7, 7) == [7, 8]


def test_partitions_do_not_hold_each_other() -> None:
    gate: OffsetOrderedAcks[str] = OffsetOrderedAcks()
    gate.begin("p0", 0)
    gate.begin("p1", 0)
    gate.begin("p1", 1)

    assert gate.finish("p1", 1, "p1-1") == []
    assert gate.finish("p1", 0, "p1-0") == ["p1-0", "p1-1"]
    assert gate.in_flight("p0") == 1


def test_offsets_may_skip_numbers_a_partition_never_delivered() -> None:
    gate: OffsetOrderedAcks[int] = OffsetOrderedAcks()
    gate.begin("p0", 3)
    gate.begin("p0", 9)  # 4..8 were never handed to the agent (e.g. another generation)

    assert gate.finish("p0", 9, 9) == []
    assert gate.finish("p0", 3, 3) == [3, 9]


def test_a_begin_below_an_offset_in_flight_is_refused() -> None:
    gate: OffsetOrderedAcks[int] = OffsetOrderedAcks()
    gate.begin("p0", 4)

    with pytest.raises(AckOrderError, match="begun after 4"):
        gate.begin("p0", 3)


def test_finishing_twice_or_without_beginning_is_refused() -> None:
    gate: OffsetOrderedAcks[int] = OffsetOrderedAcks()
    gate.begin("p0", 1)
    gate.begin("p0", 2)
    gate.finish("p0", 2, 2)

    with pytest.raises(AckOrderError):
        gate.finish("p0", 2, 2)
    with pytest.raises(AckOrderError):
        gate.finish("p0", 7, 7)
    with pytest.raises(AckOrderError):
        gate.finish("p9", 0, 0)


def test_a_partition_read_again_after_a_rebalance_starts_afresh() -> None:
    gate: OffsetOrderedAcks[int] = OffsetOrderedAcks()
    gate.begin("p0", 20)
    assert gate.finish("p0", 20, 20) == [20]

    gate.begin("p0", 15)  # the partition came back and is re-read from an older commit
    assert gate.finish("p0", 15, 15) == [15]
