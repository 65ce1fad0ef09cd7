"""The enrich faust app: raw articles in, enriched articles and claims out.

One agent reads ``claimwire.articles.raw.v1`` as raw bytes (so that a
poison message reaches our code instead of faust's decoder) and for each
message: parses it, runs the pure core, produces the enriched article and
each claim keyed by ``article_id`` and waits for the broker's acks; on any
failure of that message it writes a dead letter and waits for its ack
instead. Only then does it ack the message to faust.

The agent runs ``enrich_concurrency`` actors on one shared stream, so a
worker enriches the next article while the broker acknowledges the outputs
of the last (waiting for acks one article at a time left the CPU idle for
most of each round trip). The actors may finish out of order; their acks
reach faust in offset order all the same (below).

How offsets move, and why they never pass an article that was neither
produced nor dead-lettered:

- faust commits per partition, every ``broker_commit_interval``, the offset
  after the longest run of *acked* messages (``Consumer._new_offset``). Its
  head-gap test is broken (it is skipped while the committed offset is None
  or 0 and off by one after), so an ack of a later offset while an earlier
  one is in flight can move the commit past the earlier one. The agent
  therefore never shows faust such an ack: ``OffsetOrderedAcks`` holds each
  finished message until every earlier message of its partition finished,
  and releases the acks oldest first (``ack_order.py``).
- faust acks a message when the agent moves past it, *even when the agent
  raised or was cancelled* (faust-streaming issue 315; the ack sits in a
  ``finally`` of the stream iterator). So the agent iterates a ``noack()``
  stream and acks explicitly, after the outputs or the dead letter were
  acknowledged by the broker: an exception or a task cancellation before
  that leaves the message unacked, hence uncommitted (and a SIGKILL commits
  nothing at all).
- The per-message ``except Exception`` is the one place a broad except is
  right: every failure of one message becomes its dead letter. When even the
  dead letter cannot be written the agent raises without acking, and its
  crashing supervisor stops the worker (exit status 1); the next worker
  reads from the last commit, which is before that message.
- On shutdown and on rebalance faust waits for the messages in flight to be
  acked, then commits (``stream_wait_empty``); messages prefetched but not
  started are dropped from the buffer and read again by whoever owns the
  partition next.
- One ack stays outside our hands: faust acks, unprocessed, a message it
  skips because it was fetched before a rebalance (old generation). faust
  clears its buffers when partitions are revoked, so this needs a fetch
  racing the rebalance; it is not covered by the tests.
- Duplicates are possible (a crash after produce, before commit): delivery
  is at-least-once, outputs are keyed and carry stable ids, so they
  overwrite themselves downstream.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

import faust
from claimwire_schemas.deadletter import short_error
from faust.transport.drivers.aiokafka import Producer as AIOKafkaProducer
from faust.types import EventT, Message, ProducerT, StreamT
from mode import CrashingSupervisor
from prometheus_client import CollectorRegistry

from claimwire_base.retry import RetryPolicy
from claimwire_enrich.core import enrich_article
from claimwire_enrich.service.ack_order import OffsetOrderedAcks
from claimwire_enrich.service.delivery import produce_all
from claimwire_enrich.service.health import Readiness, install_health_views
from claimwire_enrich.service.messages import (
    SourceMessage,
    dead_letter_record,
    failure_reason,
    output_records,
    parse_raw_article,
)
from claimwire_enrich.service.metrics import core_is_compiled, create_metrics
from claimwire_enrich.service.settings import EnrichSettings
from claimwire_enrich.service.watchdog import StuckEventWatchdog

log = logging.getLogger(__name__)

# Prefetched messages per partition; they are dropped and re-read on a
# rebalance, so a deep buffer only costs memory (articles can be large).
_STREAM_BUFFER = 256


class IdempotentProducer(AIOKafkaProducer):
    """faust's aiokafka producer with idempotence on (faust sets it only for transactions)."""

    def _settings_extra(self) -> Mapping[str, Any]:
        return {**super()._settings_extra(), "acks": "all", "enable_idempotence": True}


class EnrichApp(faust.App):
    """A faust App whose producer is idempotent with ``acks=all``."""

    def _new_producer(self) -> ProducerT:
        return IdempotentProducer(self.transport, loop=self.loop, beacon=self.beacon)


def faust_options(settings: EnrichSettings) -> dict[str, Any]:
    """The faust configuration of the enrich app. Pure."""
    return {
        "broker": settings.faust_broker_urls(),
        "broker_credentials": settings.faust_credentials(),
        "broker_commit_interval": settings.enrich_commit_interval_s,
        "broker_session_timeout": settings.enrich_session_timeout_s,
        "broker_heartbeat_interval": settings.enrich_session_timeout_s / 10,
        "consumer_auto_offset_reset": "earliest",
        "processing_guarantee": "at_least_once",
        "producer_acks": -1,
        "producer_request_timeout": settings.enrich_send_timeout_s,
        "producer_max_request_size": settings.enrich_max_message_bytes,
        "producer_compression_type": "gzip",
        # An article's outputs (its document and dozens of claims, sent together) share a
        # few batches instead of one 16 KiB batch each; the 5 ms wait is below the noise of
        # the acks we await anyway.
        "producer_max_batch_size": min(512 * 1024, settings.enrich_max_message_bytes),
        "producer_linger": 0.005,
        # Sends must go out now and be awaited, not be held until the commit.
        "stream_publish_on_commit": False,
        "stream_wait_empty": True,
        "stream_buffer_maxsize": _STREAM_BUFFER,
        # Stateless: no tables, no leader topic, no topics created by faust.
        "autodiscover": False,
        "store": "memory://",
        "datadir": str(settings.enrich_data_dir),
        "topic_disable_leader": True,
        "topic_allow_declare": False,
        "key_serializer": "raw",
        "value_serializer": "raw",
        "web_enabled": True,
        "web_bind": settings.enrich_http_host,
        "web_port": settings.enrich_http_port,
        "web_router_enabled": False,
        "web_tables_enabled": False,
        "web_stats_enabled": False,
        "web_graph_enabled": False,
        "web_metrics_enabled": False,
    }


def create_app(settings: EnrichSettings, registry: CollectorRegistry) -> faust.App:
    """Build the enrich app; nothing connects until a worker starts it."""
    app = EnrichApp(settings.enrich_app_id, **faust_options(settings))
    metrics = create_metrics(registry)
    compiled = core_is_compiled()
    metrics.core_compiled.set(int(compiled))
    log.info("enrichment core: %s", "compiled with mypyc" if compiled else "interpreted")
    readiness = Readiness(settings.enrich_stall_after_s)
    install_health_views(app, readiness, registry, metrics)
    policy = RetryPolicy(
        attempts=settings.enrich_send_attempts,
        initial_s=settings.enrich_retry_initial_s,
        max_s=settings.enrich_retry_max_s,
    )
    raw_topic = app.topic(settings.topic_raw, key_serializer="raw", value_serializer="raw")
    watchdog = StuckEventWatchdog(settings.enrich_stuck_after_s)
    # Shared by the actors: what each needs to ack a finished event, its stream and the event.
    ack_order: OffsetOrderedAcks[tuple[StreamT[Any], EventT]] = OffsetOrderedAcks()

    @app.task
    async def start_watchdog() -> None:
        watchdog.start()

    @app.agent(
        raw_topic,
        name="enrich",
        concurrency=settings.enrich_concurrency,
        supervisor_strategy=CrashingSupervisor,
    )
    async def enrich(stream: StreamT[bytes]) -> None:
        """Consumes raw articles; emits enriched articles and claims, or dead letters."""
        # The Stream class has noack(); the StreamT protocol faust hands agents does not.
        manual_acks = cast(faust.Stream[bytes], stream).noack()
        async for event in manual_acks.events():
            # before any await: begin order is the partition's offset order
            tp, offset = event.message.tp, event.message.offset
            ack_order.begin(tp, offset)
            started = time.perf_counter()
            in_progress = watchdog.begin()
            source = _source_message(event.message)
            claims_found = 0
            try:
                # read
                raw = parse_raw_article(source.value)
                # transform, in a thread so the web endpoints answer during a long article
                result = await asyncio.to_thread(enrich_article, raw, now=datetime.now(UTC))
                claims_found = len(result.claims)
                records = output_records(
                    result.article,
                    result.claims,
                    source,
                    enriched_topic=settings.topic_enriched,
                    claims_topic=settings.topic_claims,
                    now=datetime.now(UTC),
                )
                # write, and wait for the broker's acks
                await produce_all(app.producer, records, policy)
                metrics.articles.labels(outcome="enriched").inc()
                metrics.claims.labels(outcome="produced").inc(claims_found)
            except Exception as exc:  # the per-message boundary: dead-letter it
                reason = failure_reason(exc)
                log.warning("dead-lettering %s (%s): %s", source.position, reason, short_error(exc))
                letter = dead_letter_record(
                    source, exc, deadletter_topic=settings.topic_deadletter, now=datetime.now(UTC)
                )
                # Raises when even the dead letter is refused: no ack, the worker stops.
                await produce_all(app.producer, [letter], policy)
                metrics.articles.labels(outcome="dead_lettered").inc()
                metrics.claims.labels(outcome="dead_lettered").inc(claims_found)
                metrics.dead_letters.labels(reason=reason.value).inc()
            # commit-by-ack: faust's next commit may pass this offset once every earlier one
            # of its partition is acked too, so the acks go out oldest first
            for stream_of, finished in ack_order.finish(tp, offset, (manual_acks, event)):
                await stream_of.ack(finished)
            watchdog.end(in_progress)
            metrics.processing_seconds.observe(time.perf_counter() - started)

    return app


def _source_message(message: Message) -> SourceMessage:
    """Our frozen view of faust's message: position, bytes, headers as pairs."""
    headers = message.headers or []
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    return SourceMessage(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        key=message.key,
        value=message.value,
        headers=pairs,
    )
