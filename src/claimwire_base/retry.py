"""The one retry policy of the services: capped exponential backoff, bounded.

The enrich service bounds its sends by a number of attempts (a message it cannot
deliver is dead-lettered and the stream moves on); the index service bounds a
failure streak by a deadline (Elasticsearch away longer than that stops the
service, so the supervisor sees it). Both read the same frozen type.
"""

from __future__ import annotations

from dataclasses import dataclass

# 2**30 backoff steps are far past any cap; the bound keeps the float finite.
_MAX_DOUBLINGS = 30


@dataclass(frozen=True)
class RetryPolicy:
    """Waits double from ``initial_s`` up to ``max_s``, until a bound gives up.

    ``attempts`` counts every try, the first one included; ``deadline_s`` is how
    long one failure streak may last, measured from its first failure. At least
    one of the two is set; when both are, the first reached ends the retrying.
    Raises ``ValueError`` on construction for a policy that would never give up,
    a cap below its start or non-positive waits.
    """

    initial_s: float
    max_s: float
    attempts: int | None = None
    deadline_s: float | None = None

    def __post_init__(self) -> None:
        if self.attempts is None and self.deadline_s is None:
            raise ValueError("a retry policy needs attempts, a deadline or both")
        if self.initial_s <= 0:
            raise ValueError(f"initial_s must be positive, not {self.initial_s}")
        if self.max_s < self.initial_s:
            raise ValueError(f"max_s ({self.max_s}) is below initial_s ({self.initial_s})")
        if self.attempts is not None and self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, not {self.attempts}")
        if self.deadline_s is not None and self.deadline_s < 0:
            raise ValueError(f"deadline_s must not be negative, not {self.deadline_s}")

    def delay(self, retry: int) -> float:
        """The backoff before retry number ``retry`` (0-based), bounds aside. Pure."""
        return float(min(self.max_s, self.initial_s * 2 ** min(retry, _MAX_DOUBLINGS)))

    def next_delay(self, retry: int, failing_for_s: float) -> float | None:
        """The wait before retry ``retry`` of a streak ``failing_for_s`` old, or None to give up.

        A wait never runs past the deadline: the last one is shortened to end on it.
        Pure and idempotent.
        """
        if self.attempts is not None and retry + 1 >= self.attempts:
            return None
        if self.deadline_s is None:
            return self.delay(retry)
        remaining = self.deadline_s - failing_for_s
        if remaining <= 0:
            return None
        return min(self.delay(retry), remaining)

    def delays(self) -> list[float]:
        """Every wait of a streak in which the tries themselves take no time. Pure.

        With attempts only this is the exact schedule (``attempts - 1`` waits); with a
        deadline it is the longest one, as real tries use up part of the deadline.
        """
        waits: list[float] = []
        while (wait := self.next_delay(len(waits), sum(waits))) is not None:
            waits.append(wait)
        return waits
