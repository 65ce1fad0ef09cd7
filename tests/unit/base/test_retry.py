"""The shared retry policy: capped exponential backoff bounded by attempts and/or a deadline."""

from __future__ import annotations

import dataclasses

import pytest

from claimwire_base.retry import RetryPolicy


def test_backoff_doubles_up_to_its_cap() -> None:
    policy = RetryPolicy(initial_s=0.5, max_s=4.0, deadline_s=60)
    assert [policy.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert policy.delay(10_000) == 4.0


def test_attempts_count_the_first_try() -> None:
    assert RetryPolicy(initial_s=0.5, max_s=3.0, attempts=6).delays() == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert RetryPolicy(initial_s=0.5, max_s=3.0, attempts=1).delays() == []
    assert RetryPolicy(initial_s=0.5, max_s=3.0, attempts=3).next_delay(2, 0.0) is None


def test_the_last_wait_ends_on_the_deadline() -> None:
    policy = RetryPolicy(initial_s=1.0, max_s=4.0, deadline_s=10.0)
    assert policy.next_delay(3, 8.5) == 1.5
    assert policy.next_delay(3, 10.0) is None
    assert policy.delays() == [1.0, 2.0, 4.0, 3.0]


def test_whichever_bound_comes_first_ends_the_streak() -> None:
    few_attempts = RetryPolicy(initial_s=1.0, max_s=1.0, attempts=3, deadline_s=100.0)
    assert few_attempts.delays() == [1.0, 1.0]
    short_deadline = RetryPolicy(initial_s=1.0, max_s=1.0, attempts=100, deadline_s=2.5)
    assert short_deadline.delays() == [1.0, 1.0, 0.5]


def test_a_zero_deadline_never_waits() -> None:
    assert RetryPolicy(initial_s=0.5, max_s=5.0, deadline_s=0).next_delay(0, 0.0) is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"initial_s": 1.0, "max_s": 2.0},
        {"initial_s": 0.0, "max_s": 2.0, "attempts": 3},
        {"initial_s": 3.0, "max_s": 2.0, "attempts": 3},
        {"initial_s": 1.0, "max_s": 2.0, "attempts": 0},
        {"initial_s": 1.0, "max_s": 2.0, "deadline_s": -1.0},
    ],
)
def test_policies_that_never_give_up_or_cannot_wait_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_policy_is_frozen() -> None:
    policy = RetryPolicy(initial_s=1.0, max_s=2.0, attempts=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.attempts = 5  # type: ignore[misc]
