"""The message path of a batch run: parsed input in; published, duplicate or dead-lettered out.

``IngestRun.process`` is the whole path for one piece of input, top to
bottom: ``routing.route`` decides (the same decision as the HTTP endpoint's),
a rejection goes to the dead-letter topic, a duplicate is counted and
skipped, anything else is published. Deliveries are reaped in order and
counted only once acknowledged. The sink is a protocol, so unit tests drive
the path with a fake one and integration tests with ``Publisher``.
"""

from __future__ import annotations

import concurrent.futures
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Protocol

from claimwire_schemas.events import ArticleRaw, DeadLetterReason

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.metrics import IngestMetrics
from claimwire_ingest.parsed import Parsed, SourceKind
from claimwire_ingest.routing import DeadLetter, Duplicate, SeenArticles, route

MAX_LISTED = 50


@dataclass(frozen=True)
class Delivery:
    """One record handed to the producer. ``future`` resolves to None once acknowledged."""

    label: str
    kind: SourceKind
    reason: DeadLetterReason | None
    future: concurrent.futures.Future[None]

    @property
    def is_dead_letter(self) -> bool:
        return self.reason is not None


class Sink(Protocol):
    def publish(self, article: ArticleRaw) -> Delivery: ...

    def dead_letter(self, parsed: Parsed, error: RejectedInput) -> Delivery: ...

    def flush(self, timeout_s: float) -> None: ...


@dataclass(frozen=True)
class Rejection:
    location: str
    reason: str
    message: str


@dataclass
class RunSummary:
    """What a run did. ``published`` and ``dead_lettered`` count acknowledged records only."""

    published: int = 0
    duplicates: int = 0
    dead_lettered: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    not_acknowledged: int = 0
    delivery_errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    source_errors: list[str] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def exit_code(self) -> int:
        """0 all good; 1 something was rejected or unreadable; 2 Kafka did not acknowledge."""
        if self.not_acknowledged:
            return 2
        return 1 if self.rejected_total or self.source_errors else 0


class IngestRun:
    """One batch run over parsed input; ``finish`` flushes and returns the summary."""

    def __init__(
        self, sink: Sink, seen: SeenArticles, metrics: IngestMetrics, max_in_flight: int
    ) -> None:
        self._sink = sink
        self._seen = seen
        self._metrics = metrics
        self._max_in_flight = max_in_flight
        self._pending: deque[Delivery] = deque()
        self.summary = RunSummary()

    def process(self, parsed: Parsed) -> None:
        """Publish, skip as duplicate, or dead-letter one piece of input (``routing.route``).

        A published article counts as seen only once acknowledged; one whose send
        failed is published again when it comes again. A duplicate of a revision
        still in flight shares that send's fate (counted, and reported, there).
        Never raises for input.
        """
        decision = route(parsed, self._seen)
        if isinstance(decision, DeadLetter):
            error = decision.error
            self.summary.rejected[error.reason.value] += 1
            if len(self.summary.rejections) < MAX_LISTED:
                self.summary.rejections.append(
                    Rejection(parsed.location, error.reason.value, error.message)
                )
            self._track(self._sink.dead_letter(parsed, error))
        elif isinstance(decision, Duplicate):
            self.summary.duplicates += 1
            self._metrics.articles.labels(parsed.kind, "duplicate").inc()
        else:
            delivery = self._sink.publish(decision.article)
            self._seen.track(decision.article.article_id, decision.revision, delivery.future)
            self._track(delivery)

    def _track(self, delivery: Delivery) -> None:
        self._pending.append(delivery)
        self._reap(keep_at_most=self._max_in_flight, deadline=None)

    def _reap(self, keep_at_most: int, deadline: float | None) -> None:
        """Count finished deliveries, oldest first (so counts follow send order).

        Blocks on the oldest while more than ``keep_at_most`` are pending, until
        ``deadline`` (``time.monotonic()``; None waits as long as the producer's
        own delivery timeout, which always resolves the future).
        """
        while self._pending:
            oldest = self._pending[0]
            if not oldest.future.done():
                if len(self._pending) <= keep_at_most:
                    return
                timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
                concurrent.futures.wait([oldest.future], timeout=timeout)
                if not oldest.future.done():
                    return
            self._pending.popleft()
            self._count(oldest)

    def _count(self, delivery: Delivery) -> None:
        exc = delivery.future.exception()
        if exc is not None:
            self.summary.not_acknowledged += 1
            if len(self.summary.delivery_errors) < MAX_LISTED:
                self.summary.delivery_errors.append(f"{delivery.label}: {exc}")
        elif delivery.is_dead_letter:
            self.summary.dead_lettered += 1
        else:
            self.summary.published += 1

    def finish(self, timeout_s: float) -> RunSummary:
        """Flush the sink, count every delivery; unresolved ones count as not acknowledged."""
        deadline = time.monotonic() + timeout_s
        self._sink.flush(timeout_s)
        self._reap(keep_at_most=0, deadline=deadline)
        while self._pending:
            delivery = self._pending.popleft()
            self.summary.not_acknowledged += 1
            self.summary.delivery_errors.append(f"{delivery.label}: no acknowledgement in time")
        return self.summary
