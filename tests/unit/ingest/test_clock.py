"""``ingested_at`` only grows: a corrected re-ingest always gets a later one than the first."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

from claimwire_ingest.parsed import IncreasingClock, ParseContext

from .conftest import NOW


def test_readings_grow_even_when_the_wall_clock_stands_still_or_steps_back() -> None:
    readings = iter([NOW, NOW, NOW - timedelta(seconds=5), NOW + timedelta(seconds=1)])
    clock = IncreasingClock(lambda: next(readings))
    first, second, third, fourth = clock(), clock(), clock(), clock()
    assert first == NOW
    assert second == NOW + timedelta(microseconds=1)
    assert third == NOW + timedelta(microseconds=2)
    assert fourth == NOW + timedelta(seconds=1)


def test_the_default_parse_clock_is_increasing_utc() -> None:
    ctx = ParseContext(max_body_bytes=100)
    readings = [ctx.clock() for _ in range(1000)]
    assert all(a < b for a, b in pairwise(readings))
    assert readings[0].utcoffset() == timedelta(0)
