"""Kafka clients built the same way everywhere (kafka-python).

Producers are idempotent with ``acks=all``; consumers never auto-commit, so a
service commits only what it has handed on (docs/design.md, delivery rules).
No client is created at import time.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from kafka import ConsumerRebalanceListener, KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from claimwire_base.settings import KafkaSettings

log = logging.getLogger(__name__)


class KafkaLoginError(KafkaError):
    """The broker refused the configured user name or password (SASL)."""


def check_login(settings: KafkaSettings, timeout_s: float = 10.0) -> None:
    """Log in once to the first bootstrap server; KafkaLoginError when the broker refuses.

    kafka-python retries a refused login until its bootstrap timeout and then
    reports the broker as unreachable; this check fails at once and says why,
    in one line with the user name (never the password). Does nothing for
    PLAINTEXT or SSL. A broker that cannot be reached is not reported here
    (the clients that follow say so). Must not be called from a running event loop.
    """
    if not settings.kafka_security_protocol.startswith("SASL"):
        return
    # Here, not at the top: aiokafka (faust's client) serves only this SASL login check; the
    # ingest and index services, on kafka-python, load it only when they log in with SASL.
    from aiokafka.conn import create_conn
    from aiokafka.errors import KafkaError as AIOKafkaError
    from aiokafka.errors import SaslAuthenticationFailed

    host, _, port = settings.kafka_bootstrap_servers.split(",")[0].strip().rpartition(":")
    options = settings.kafka_client_options()

    async def login() -> None:
        conn = await create_conn(
            host or "localhost",
            int(port),
            security_protocol=options["security_protocol"],
            sasl_mechanism=options["sasl_mechanism"],
            sasl_plain_username=options["sasl_plain_username"],
            sasl_plain_password=options["sasl_plain_password"],
            request_timeout_ms=int(timeout_s * 1000),
        )
        conn.close()

    try:
        asyncio.run(asyncio.wait_for(login(), timeout_s))
    except SaslAuthenticationFailed:
        raise KafkaLoginError(
            f"Kafka at {settings.kafka_bootstrap_servers} refused the login of "
            f"{settings.kafka_sasl_username!r} ({settings.kafka_sasl_mechanism}): "
            f"wrong user name or password"
        ) from None
    except (OSError, TimeoutError, AIOKafkaError):
        return  # unreachable or closed: the clients that follow report it


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
    """Create the topics that do not exist yet; idempotent. Returns the names it created.

    Raises KafkaLoginError on a refused login, other KafkaErrors when the broker
    is unreachable or refuses the creation (a service's user may not create topics).
    """
    wanted = names or settings.topic_names()
    check_login(settings)
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
