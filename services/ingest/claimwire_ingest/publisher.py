"""The Kafka adapter: raw articles and dead letters out, one idempotent acks=all producer.

Every send returns a ``Delivery`` whose future resolves when the broker has
acknowledged the record on all in-sync replicas (or failed for good), so an
article is counted as published only once it really is.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from claimwire_schemas.cloudevents import CloudEvent, new_traceparent, to_headers
from claimwire_schemas.deadletter import DeadLetterRecord, build_dead_letter, short_error
from claimwire_schemas.events import ArticleRaw, Stage
from claimwire_schemas.topics import RAW
from kafka.errors import KafkaError, KafkaTimeoutError

from claimwire_base.kafka_io import KafkaLoginError, check_login, create_producer, ensure_topics
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.metrics import IngestMetrics
from claimwire_ingest.parsed import Parsed
from claimwire_ingest.pipeline import Delivery
from claimwire_ingest.routing import revision_of
from claimwire_ingest.settings import IngestSettings

log = logging.getLogger(__name__)


class KafkaUnavailable(Exception):  # noqa: N818 - a condition, not a programming error
    """The broker could not be reached or refused the connection; the message says which."""


def article_event(article: ArticleRaw, source: str) -> CloudEvent:
    """The CloudEvent of a raw article: a new trace starts here, at ingest.

    Its id is ``article_id.revision``: the same for a redelivery of one revision
    (a duplicate to CloudEvents consumers), new for a corrected article. Pure
    apart from the trace's random ids.
    """
    return CloudEvent(
        id=f"{article.article_id}.{revision_of(article)}",
        source=source,
        type=RAW.ce_type,
        time=article.ingested_at,
        traceparent=new_traceparent(),
    )


def dead_letter_record(
    parsed: Parsed, error: RejectedInput, max_value_bytes: int
) -> DeadLetterRecord:
    """The dead-letter record of rejected input: its original bytes, the reason in headers.

    Originals over ``max_value_bytes`` are cut (the broker refuses messages over
    its limit, and the record must get through) and the error says so. Pure.
    """
    original = parsed.original
    message = error.message
    if len(original) > max_value_bytes:
        message = f"{message} (original cut from {len(original):,} to {max_value_bytes:,} bytes)"
        original = original[:max_value_bytes]
    return build_dead_letter(
        stage=Stage.INGEST,
        reason=error.reason,
        error=message,
        key=None,
        value=original,
        source_location=parsed.location,
    )


def ensure_ingest_topics(settings: IngestSettings) -> None:
    """Create the raw and dead-letter topics when missing; ``KafkaUnavailable`` on failure."""
    try:
        ensure_topics(settings, [settings.topic_raw, settings.topic_deadletter])
    except KafkaError as exc:
        raise KafkaUnavailable(f"could not create topics: {exc}") from None


def connect_producer(settings: IngestSettings) -> Any:
    """``claimwire_base.kafka_io.create_producer`` with ingest's timeouts.

    Raises ``KafkaUnavailable`` with a one-line explanation when the broker
    refuses the login or no broker answers within ``connect_timeout_s``.
    """
    delivery_ms = int(settings.ingest_publish_timeout_s * 1000)
    try:
        check_login(settings, timeout_s=settings.ingest_connect_timeout_s)
    except KafkaLoginError as exc:
        raise KafkaUnavailable(str(exc)) from None
    try:
        return create_producer(
            settings,
            bootstrap_timeout_ms=int(settings.ingest_connect_timeout_s * 1000),
            max_block_ms=int(settings.ingest_connect_timeout_s * 1000),
            # kafka-python wants delivery > linger + request: leave room for one retry.
            request_timeout_ms=min(30_000, delivery_ms // 2),
            delivery_timeout_ms=delivery_ms,
        )
    except KafkaError as exc:
        raise KafkaUnavailable(
            f"Kafka is not reachable at {settings.kafka_bootstrap_servers} "
            f"(waited {settings.ingest_connect_timeout_s:g}s): {exc}"
        ) from None


class Publisher:
    """Sends ``ArticleRaw`` events to the raw topic and rejected input to the dead-letter topic.

    Key of a raw event = ``article_id`` (one partition per article), value =
    the model's JSON, headers = CloudEvents binary mode plus a fresh
    ``traceparent``. Dead letters keep the original bytes (cut to
    ``deadletter_max_value_bytes``) with the reason in ``x-claimwire-*``
    headers. Thread-safe as far as the producer is (kafka-python's is).

    With ``reconnect``, a producer one of whose sends expired (delivery timeout)
    is replaced by a new one before the next send: kafka-python's idempotent
    producer (3.0) never sends to that partition again after an expired batch
    (its sequence stays unresolved), so without this a retry would never publish.
    """

    def __init__(
        self,
        producer: Any,
        settings: IngestSettings,
        metrics: IngestMetrics,
        clock: Callable[[], float] = time.monotonic,
        reconnect: Callable[[], Any] | None = None,
    ) -> None:
        self._producer = producer
        self._settings = settings
        self._metrics = metrics
        self._clock = clock
        self._reconnect = reconnect
        self._swap = threading.Lock()
        # Written from the producer's I/O thread; a plain attribute swap is atomic.
        self._last_failure: str | None = None
        self._expired: Any = None  # the producer one of whose batches expired

    def _current_producer(self) -> Any:
        """The producer to send with: a new one when the current one had a batch expire.

        Raises ``KafkaUnavailable`` when the new one cannot connect (the send fails).
        """
        with self._swap:
            if self._reconnect is not None and self._expired is self._producer:
                old = self._producer
                self._producer = self._reconnect()
                log.warning("a send expired: the Kafka producer was replaced by a new one")
                # Its stuck records fail on a forced close; their senders see the failure.
                threading.Thread(target=old.close, kwargs={"timeout": 0}, daemon=True).start()
            return self._producer

    def _send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: list[tuple[str, bytes]],
        delivery: Delivery,
    ) -> Delivery:
        started = self._clock()
        outcome = "rejected" if delivery.is_dead_letter else "published"
        try:
            producer = self._current_producer()
        except KafkaUnavailable as exc:
            producer = None
            error: Exception = exc

        def acknowledged(_metadata: object) -> None:
            self._metrics.publish_latency.observe(self._clock() - started)
            self._metrics.articles.labels(delivery.kind, outcome).inc()
            self._last_failure = None
            delivery.future.set_result(None)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KafkaTimeoutError):
                self._expired = producer
            self._metrics.articles.labels(delivery.kind, "failed").inc()
            self._last_failure = short_error(exc)
            delivery.future.set_exception(exc)

        if producer is None:
            failed(error)
            return delivery
        try:
            sent = producer.send(topic, key=key, value=value, headers=headers)
        except KafkaError as exc:  # metadata timeout, record too large: never queued
            failed(exc)
            return delivery
        sent.add_callback(acknowledged)
        sent.add_errback(failed)
        return delivery

    def publish(self, article: ArticleRaw) -> Delivery:
        """Queue ``article`` for the raw topic; the returned future says when it is acknowledged."""
        headers = to_headers(article_event(article, self._settings.ingest_ce_source))
        value = article.model_dump_json().encode("utf-8")
        delivery = Delivery(
            article.article_id, article.origin.kind, None, concurrent.futures.Future()
        )
        return self._send(
            self._settings.topic_raw, article.article_id.encode(), value, headers, delivery
        )

    def dead_letter(self, parsed: Parsed, error: RejectedInput) -> Delivery:
        """Queue the dead-letter record of ``parsed``: original bytes; reason, error in headers."""
        self._metrics.rejections.labels(error.reason.value).inc()
        record = dead_letter_record(parsed, error, self._settings.ingest_deadletter_max_value_bytes)
        delivery = Delivery(parsed.location, parsed.kind, error.reason, concurrent.futures.Future())
        return self._send(
            self._settings.topic_deadletter, record.key, record.value, record.headers, delivery
        )

    def readiness(self) -> tuple[bool, str]:
        """For ``/readyz``: connected at start, and the latest send was not refused.

        A failed send makes the service not ready until a later one succeeds, so
        an orchestrator stops routing pushes to an instance whose broker is gone.
        """
        if self._last_failure is not None:
            return False, f"last send failed: {self._last_failure}"
        return True, "ok"

    def flush(self, timeout_s: float) -> None:
        """Block until every queued record is acknowledged or failed, at most ``timeout_s``."""
        try:
            self._producer.flush(timeout=timeout_s)
        except KafkaTimeoutError:
            log.warning("flush did not finish within %.0fs", timeout_s)

    def close(self, timeout_s: float = 10.0) -> None:
        """Flush for at most ``timeout_s``, then close; records still unsent then fail."""
        try:
            self._producer.close(timeout=timeout_s)
        except KafkaTimeoutError:
            log.warning("records still unsent after %.0fs were dropped at close", timeout_s)
            self._producer.close(timeout=0)
