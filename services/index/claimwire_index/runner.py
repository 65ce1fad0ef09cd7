"""Start-up and shutdown of the index service: builds the clients once and runs the loop."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack

from prometheus_client import CollectorRegistry

from claimwire_base.health import HealthServer, ProgressWatch
from claimwire_base.kafka_io import create_consumer, create_producer, ensure_topics
from claimwire_base.retry import RetryPolicy
from claimwire_index.bulk import BulkSink
from claimwire_index.deadletters import DeadLetterWriter
from claimwire_index.elastic import apply_setup_when_available, create_client
from claimwire_index.metrics import create_metrics
from claimwire_index.rebalance import PartitionRevocations
from claimwire_index.service import IndexService
from claimwire_index.settings import IndexSettings
from claimwire_index.stale_claims import StaleClaims

log = logging.getLogger(__name__)


class ShutdownRequestedError(Exception):
    """Raised inside a retry wait when the service is asked to stop."""


def interruptible_sleep(stop: threading.Event) -> Callable[[float], None]:
    """A ``sleep`` for retry loops that gives up at once when ``stop`` is set.

    A batch whose retries are interrupted is not committed: the next start
    redelivers it.
    """

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise ShutdownRequestedError("stop requested while waiting for Elasticsearch")

    return sleep


def run_index_service(
    settings: IndexSettings,
    stop: threading.Event,
    registry: CollectorRegistry | None = None,
    health_port: int | None = None,
) -> None:
    """Run the index service until ``stop`` is set; flush and commit before returning.

    Consumes the enriched and claims topics; emits Elasticsearch documents,
    dead letters and offset commits. Raises ``ElasticsearchUnavailableError`` when
    Elasticsearch stays away past the retry deadline and ``ShutdownRequestedError``
    when stopped during such a wait (both leave the batch uncommitted).
    """
    registry = registry if registry is not None else CollectorRegistry()
    metrics = create_metrics(registry)
    watch = ProgressWatch(settings.index_stall_after_s, time.monotonic)
    port = settings.index_http_port if health_port is None else health_port
    health = HealthServer(registry, watch.check, settings.index_http_host, port).start()
    log.info("health and metrics on port %d", health.port)
    policy = RetryPolicy(
        initial_s=settings.index_retry_initial_s,
        max_s=settings.index_retry_max_s,
        deadline_s=settings.index_retry_deadline_s,
    )
    sleep = interruptible_sleep(stop)
    with ExitStack() as cleanup:
        cleanup.callback(health.stop)
        client = create_client(settings)
        cleanup.callback(client.close)
        created = apply_setup_when_available(client, settings, policy, sleep, time.monotonic)
        log.info("index templates applied (created %s)", created or "no new index")
        ensure_topics(settings, [*settings.consumer_topics(), settings.topic_deadletter])
        producer = create_producer(settings)
        cleanup.callback(producer.close, timeout=10)
        revocations = PartitionRevocations()
        consumer = create_consumer(
            settings,
            settings.index_consumer_group,
            settings.consumer_topics(),
            max_poll_records=settings.index_batch_max_docs,
            session_timeout_ms=int(settings.index_session_timeout_s * 1000),
            # A batch may wait out an Elasticsearch outage without the group evicting us.
            max_poll_interval_ms=int((settings.index_retry_deadline_s + 60) * 1000),
            listener=revocations,
        )
        # Closed first (callbacks run last-in, first-out); never commits on its own.
        cleanup.callback(consumer.close, autocommit=False)
        sink = BulkSink(client, policy, metrics, sleep, time.monotonic, watch.record_connected)
        dead_letters = DeadLetterWriter(
            producer, settings.topic_deadletter, settings.index_deadletter_max_bytes
        )
        service = IndexService(
            settings,
            consumer,
            sink,
            dead_letters,
            metrics,
            watch,
            time.monotonic,
            revocations=revocations,
            stale_claims=StaleClaims(client, sink, settings.es_index_prefix),
        )
        watch.record_connected(True)
        log.info("indexing %s into %s-*", settings.consumer_topics(), settings.es_index_prefix)
        service.run(stop)
