"""Fixtures for ingest against the real broker: unique topics (deleted afterwards) and a reader."""

from __future__ import annotations

import os
import signal
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import web
from claimwire_ingest.settings import IngestSettings
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from claimwire.stack.jvm import Service, running_pid
from claimwire.stack.settings import StackSettings
from claimwire_base.settings import KafkaSettings

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SAMPLES = ROOT / "samples"

ReadTopic = Callable[[str], list[ConsumerRecord]]
FreezeBroker = Callable[[], Callable[[], None]]


@asynccontextmanager
async def served(app: web.Application, port: int) -> AsyncIterator[str]:
    """Serve ``app`` on 127.0.0.1:``port`` for the block; yields its base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
def ingest_settings(kafka_bootstrap: str, unique_id: str) -> Iterator[IngestSettings]:
    """Settings with this test's own raw and dead-letter topics; the topics go afterwards."""
    settings = IngestSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        topic_raw=f"t-{unique_id}-raw",
        topic_deadletter=f"t-{unique_id}-deadletter",
        topic_partitions=3,
        ingest_max_body_bytes=20_000,
        ingest_connect_timeout_s=10,
        ingest_publish_timeout_s=60,
    )
    yield settings
    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        mine = [t for t in admin.list_topics() if t.startswith(f"t-{unique_id}-")]
        if mine:
            admin.delete_topics(mine)
    finally:
        admin.close()


@pytest.fixture
def read_topic(kafka_bootstrap: str) -> ReadTopic:
    """Everything on a topic, from the beginning to the end offsets at call time.

    Producers in these tests have been acknowledged (acks=all) before this is
    called, so the end offsets are final and the counts exact.
    """

    def read(topic: str) -> list[ConsumerRecord]:
        consumer = KafkaConsumer(
            # the stack's admin login, from the environment (or none without SASL)
            **KafkaSettings(kafka_bootstrap_servers=kafka_bootstrap).kafka_client_options(),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        try:
            partitions = consumer.partitions_for_topic(topic) or set()
            assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
            consumer.assign(assigned)
            consumer.seek_to_beginning(*assigned)
            end = consumer.end_offsets(assigned)
            records: list[ConsumerRecord] = []
            for _ in range(200):
                if all(consumer.position(tp) >= end[tp] for tp in assigned):
                    break
                for batch in consumer.poll(timeout_ms=500).values():
                    records.extend(batch)
            else:
                pytest.fail(f"could not read {topic} to its end offsets {end}")
            return records
        finally:
            consumer.close()

    return read


@pytest.fixture
def frozen_broker() -> Iterator[FreezeBroker]:
    """``freeze()`` stops the local broker (SIGSTOP) and returns ``thaw()`` (SIGCONT).

    The broker is the one ``claimwire stack`` started for this worktree (its pid
    file names it); it is always thawed when the test ends.
    """
    pid = running_pid(Service("kafka", StackSettings()))
    if pid is None:
        pytest.fail("the local broker was not started by `make up` / `claimwire stack run`")
    frozen = False

    def thaw() -> None:
        nonlocal frozen
        if frozen:
            os.kill(pid, signal.SIGCONT)
            frozen = False

    def freeze() -> Callable[[], None]:
        nonlocal frozen
        os.kill(pid, signal.SIGSTOP)
        frozen = True
        return thaw

    try:
        yield freeze
    finally:
        thaw()
