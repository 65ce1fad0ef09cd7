"""The stuck-event watchdog, with a fake clock and a fake exit."""

from __future__ import annotations

from claimwire_enrich.service.watchdog import EXIT_STUCK, StuckEventWatchdog


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_idle_worker_or_a_quick_event_never_exits() -> None:
    clock, exits = FakeClock(), []
    watchdog = StuckEventWatchdog(60, clock=clock, exit_process=exits.append)
    clock.now += 1000
    assert not watchdog.check()
    token = watchdog.begin()
    clock.now += 59
    assert not watchdog.check()
    watchdog.end(token)
    clock.now += 1000
    assert not watchdog.check()
    assert exits == []


def test_an_event_in_progress_over_the_limit_exits_for_a_restart() -> None:
    clock, exits = FakeClock(), []
    watchdog = StuckEventWatchdog(60, clock=clock, exit_process=exits.append)
    watchdog.begin()
    clock.now += 61
    assert watchdog.stuck_for() == 61
    assert watchdog.check()
    assert exits == [EXIT_STUCK]


def test_the_oldest_of_several_events_in_progress_counts() -> None:
    clock, exits = FakeClock(), []
    watchdog = StuckEventWatchdog(60, clock=clock, exit_process=exits.append)
    first = watchdog.begin()
    clock.now += 40
    second = watchdog.begin()
    clock.now += 10
    assert watchdog.stuck_for() == 50
    watchdog.end(first)
    assert watchdog.stuck_for() == 10  # only the second is still in progress
    clock.now += 55
    assert watchdog.check()  # the second one, 65 s old
    watchdog.end(second)
    watchdog.end(second)  # ending twice is harmless
    assert watchdog.stuck_for() == 0
    assert exits == [EXIT_STUCK]
