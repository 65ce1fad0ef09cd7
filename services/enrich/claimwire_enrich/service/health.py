"""``/healthz``, ``/readyz`` and ``/metrics`` on faust's own web server.

Readiness (docs/design.md): not ready before the worker joined its consumer group
or once it began shutting down, nor while the assigned partitions have lag but the
committed offsets have not moved for ``enrich_stall_after_s``. Progress is
judged from the offsets faust's monitor records on each commit, compared at
each probe, so a stall is noticed within one probe interval.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import faust
from faust.exceptions import ConsumerNotStarted
from faust.types import TP, AppT
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from claimwire_base.health import ProgressWatch
from claimwire_enrich.service.metrics import EnrichMetrics


@dataclass(frozen=True)
class ConsumerSnapshot:
    """Where the consumer stands on each assigned partition, at one instant."""

    joined: bool = False
    assigned: frozenset[TP] = frozenset()
    highwater: Mapping[TP, int | None] = field(default_factory=dict)
    committed: Mapping[TP, int] = field(default_factory=dict)
    read: Mapping[TP, int] = field(default_factory=dict)

    def lag(self) -> int:
        """Messages not yet committed: end offset minus the committed (else in-flight) offset.

        A partition whose end or position is not known yet counts 0. Pure.
        """
        total = 0
        for tp in self.assigned:
            end = self.highwater.get(tp)
            done = self.committed.get(tp, self.read.get(tp))
            if end is not None and done is not None:
                total += max(0, end - done)
        return total


class Readiness:
    """Joins the group state, the offsets and ``ProgressWatch`` into one answer.

    ``clock`` is injectable for unit tests; ``check`` is what ``/readyz`` serves.
    """

    def __init__(self, stall_after_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._watch = ProgressWatch(stall_after_s, clock)
        self._committed: dict[TP, int] = {}

    def check(self, snapshot: ConsumerSnapshot) -> tuple[bool, str, int]:
        """``(ready, reason, lag)`` for ``snapshot``; a moved commit counts as progress."""
        self._watch.record_connected(snapshot.joined)
        committed = dict(snapshot.committed)
        if committed != self._committed:
            self._committed = committed
            self._watch.record_commit()
        lag = snapshot.lag()
        self._watch.record_lag(lag)
        ready, reason = self._watch.check()
        return ready, reason, lag


def snapshot_of(app: AppT) -> ConsumerSnapshot | None:
    """The consumer's state from faust, or None while its consumer has not started.

    ``joined``: the consumer got a generation from the group coordinator (it
    is set on each assignment, even an empty one) and the app is not stopping.
    """
    consumer = app.consumer
    try:
        assigned = frozenset(consumer.assignment())
    except ConsumerNotStarted:
        return None
    return ConsumerSnapshot(
        joined=app.consumer_generation_id > 0 and not app.should_stop,
        assigned=assigned,
        highwater={tp: consumer.highwater(tp) for tp in assigned},
        committed=dict(app.monitor.tp_committed_offsets),
        # the last message taken is still in flight: it is where the work stands
        read=dict(app.monitor.tp_read_offsets),
    )


def install_health_views(
    app: faust.App, readiness: Readiness, registry: CollectorRegistry, metrics: EnrichMetrics
) -> None:
    """Add the three endpoints to ``app``'s web server."""

    @app.page("/healthz")
    class Healthz(View):
        async def get(self, request: Request, **kwargs: Any) -> Response:
            return self.json({"status": "ok"})

    @app.page("/readyz")
    class Readyz(View):
        async def get(self, request: Request, **kwargs: Any) -> Response:
            snapshot = snapshot_of(self.app)
            if snapshot is None:
                return self.json({"ready": False, "reason": "consumer not started"}, status=503)
            ready, reason, lag = readiness.check(snapshot)
            _export(snapshot, metrics)
            body = {
                "ready": ready,
                "reason": reason,
                "lag": lag,
                "partitions": sorted(tp.partition for tp in snapshot.assigned),
            }
            return self.json(body, status=200 if ready else 503)

    @app.page("/metrics")
    class Metrics(View):
        async def get(self, request: Request, **kwargs: Any) -> Response:
            snapshot = snapshot_of(self.app)
            if snapshot is not None:
                _export(snapshot, metrics)
            return self.bytes(
                generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
            )


def _export(snapshot: ConsumerSnapshot, metrics: EnrichMetrics) -> None:
    metrics.assigned_partitions.set(len(snapshot.assigned))
    metrics.consumer_lag.set(snapshot.lag())
