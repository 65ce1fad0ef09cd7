"""Exit the worker when one event has been in progress for too long.

After a broker restart, faust/aiokafka can wait forever for an ack that never
comes (seen here: a produce retried on NotLeaderForPartition, then silence).
The agent releases acks in offset order per partition (``ack_order.py``), so
nothing at or after the stuck event was acked or committed, and exiting is
safe: the supervisor (``claimwire supervise``, or compose's restart policy)
starts the worker again and the event is redelivered. The check runs on its own thread because
a stuck event loop cannot watch itself.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

EXIT_STUCK = 75  # EX_TEMPFAIL: try again later


class StuckEventWatchdog:
    """``token = begin()`` when an event starts, ``end(token)`` when it was acked.

    Several events may be in progress at once (the agent's concurrency); the
    oldest one counts. ``start()`` starts the watching thread.
    """

    def __init__(
        self,
        limit_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        exit_process: Callable[[int], None] = os._exit,
        poll_s: float = 5.0,
    ) -> None:
        self._limit_s = limit_s
        self._clock = clock
        self._exit = exit_process
        self._poll_s = poll_s
        self._started: dict[int, float] = {}  # token -> when its event began
        self._tokens = itertools.count()

    def begin(self) -> int:
        """Note that an event started; returns the token to pass to ``end``."""
        token = next(self._tokens)
        self._started[token] = self._clock()
        return token

    def end(self, token: int) -> None:
        """Note that the event of ``token`` was acked. Idempotent."""
        self._started.pop(token, None)

    def stuck_for(self) -> float:
        """Seconds the oldest event in progress has taken (0 when idle). Pure read."""
        # a copy: begin/end run on the event loop while this runs on the watchdog thread
        started = list(self._started.values())
        return self._clock() - min(started) if started else 0.0

    def check(self) -> bool:
        """Exit the process when the current event is over the limit; True if it did."""
        stuck = self.stuck_for()
        if stuck <= self._limit_s:
            return False
        log.critical(
            "one event in progress for %.0fs (limit %.0fs): exiting for a restart",
            stuck,
            self._limit_s,
        )
        self._exit(EXIT_STUCK)
        return True

    def start(self) -> None:
        def loop() -> None:
            while not self.check():
                time.sleep(self._poll_s)

        threading.Thread(target=loop, name="stuck-event-watchdog", daemon=True).start()
