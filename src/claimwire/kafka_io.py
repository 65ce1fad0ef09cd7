"""Kafka clients built the same way everywhere (kafka-python).

Producers are idempotent with ``acks=all``; consumers never auto-commit, so a
service commits only what it has handed on (docs/design.md, delivery rules).
No client is created at import time.
"""

from __future__ import annotations

import logging
from typing import Any

from kafka import ConsumerRebalanceListener, KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from claimwire.settings import KafkaSettings

log = logging.getLogger(__name__)


def create_producer(settings: KafkaSettings, **overrides: Any) -> KafkaProducer:
    """An idempotent, acks=all, gzip-batching producer. Raises NoBrokersAvailable."""
    options: dict[str, Any] = {
        **settings.kafka_client_options(),
        "acks": "all",
        "enable_idempotence": True,
        "compression_type": "gzip",
        "linger_ms": 20,
        "batch_size": 256 * 1024,
        "max_request_size": 8 * 1024 * 1024,
        "retries": 2**31 - 1,
        "delivery_timeout_ms": 120_000,
    }
    options.update(overrides)
    return KafkaProducer(**options)


def create_consumer(
    settings: KafkaSettings,
    group_id: str,
    topics: list[str],
    listener: ConsumerRebalanceListener | None = None,
    **overrides: Any,
) -> KafkaConsumer:
    """A consumer in ``group_id`` that commits only when told to; ``listener`` sees rebalances."""
    options: dict[str, Any] = {
        **settings.kafka_client_options(),
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "max_partition_fetch_bytes": 8 * 1024 * 1024,
    }
    options.update(overrides)
    consumer = KafkaConsumer(**options)
    consumer.subscribe(topics, listener=listener)
    return consumer


def ensure_topics(settings: KafkaSettings, names: list[str] | None = None) -> list[str]:
    """Create the topics that do not exist yet; idempotent. Returns the names it created."""
    wanted = names or settings.topic_names()
    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        existing = set(admin.list_topics())
        missing = [n for n in wanted if n not in existing]
        if not missing:
            return []
        new = [
            NewTopic(
                name=n,
                num_partitions=settings.topic_partitions,
                replication_factor=settings.topic_replication_factor,
            )
            for n in missing
        ]
        try:
            admin.create_topics(new)
        except TopicAlreadyExistsError:
            log.info("topics created concurrently by someone else: %s", missing)
        return missing
    finally:
        admin.close()
