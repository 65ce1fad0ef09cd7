"""The local stack is the real thing: a Kafka round trip and an Elasticsearch search."""

from __future__ import annotations

from typing import Any

import pytest
from kafka import KafkaAdminClient, TopicPartition

from claimwire_base.kafka_io import create_consumer, create_producer, ensure_topics
from claimwire_base.settings import KafkaSettings

pytestmark = pytest.mark.integration


def _settings(kafka_bootstrap: str, unique_id: str) -> KafkaSettings:
    return KafkaSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        topic_raw=f"t-{unique_id}-raw",
        topic_enriched=f"t-{unique_id}-enriched",
        topic_claims=f"t-{unique_id}-claims",
        topic_deadletter=f"t-{unique_id}-dlq",
        topic_partitions=3,
    )


def test_topics_are_created_once_with_the_configured_partitions(
    kafka_bootstrap: str, unique_id: str
) -> None:
    settings = _settings(kafka_bootstrap, unique_id)
    assert sorted(ensure_topics(settings)) == sorted(settings.topic_names())
    assert ensure_topics(settings) == []  # idempotent
    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        described = admin.describe_topics(settings.topic_names())
        partitions = {t["name"]: len(t["partitions"]) for t in described}
        admin.delete_topics(settings.topic_names())
    finally:
        admin.close()
    assert partitions == dict.fromkeys(settings.topic_names(), 3)


def test_idempotent_producer_round_trip_keeps_key_order_and_headers(
    kafka_bootstrap: str, unique_id: str
) -> None:
    settings = _settings(kafka_bootstrap, unique_id)
    ensure_topics(settings, [settings.topic_raw])
    producer = create_producer(settings)
    sent = [(f"key-{i % 4}".encode(), f"value-{i}".encode()) for i in range(40)]
    futures = [
        producer.send(settings.topic_raw, key=k, value=v, headers=[("ce_id", v)]) for k, v in sent
    ]
    producer.flush()
    metadata = [f.get(timeout=30) for f in futures]  # raises unless acks=all succeeded
    producer.close()
    assert all(m.offset >= 0 for m in metadata)

    consumer = create_consumer(settings, f"g-{unique_id}", [settings.topic_raw])
    received: list[tuple[bytes, bytes, bytes]] = []
    for _ in range(60):
        for records in consumer.poll(timeout_ms=1000).values():
            received.extend((r.key, r.value, dict(r.headers)["ce_id"]) for r in records)
        if len(received) >= len(sent):
            break
    consumer.commit()
    committed = {
        tp.partition: consumer.committed(tp)
        for tp in (TopicPartition(settings.topic_raw, p) for p in range(3))
    }
    consumer.close()

    assert sorted((k, v) for k, v, _ in received) == sorted(sent)
    assert all(v == h for _, v, h in received)
    for key in {k for k, _ in sent}:  # one key, one partition: order kept
        in_order = [v for k, v, _ in received if k == key]
        assert in_order == [v for k, v in sent if k == key]
    assert sum(c or 0 for c in committed.values()) == len(sent)


def test_elasticsearch_9_indexes_and_searches_over_tls(es_identities: Any, unique_id: str) -> None:
    es = es_identities.client()
    index = f"cwtest-{unique_id}"
    try:
        # No `GET /` (this distribution answers 405): the version comes from _nodes.
        nodes = es.nodes.info(filter_path="nodes.*.version")["nodes"]
        health = es.cluster.health()["status"]
        es.index(index=index, id="a1", document={"title": "Port strike ends in Lisbon"})
        es.index(index=index, id="a1", document={"title": "Port strike ends in Lisbon"})
        es.indices.refresh(index=index)
        hits = es.search(index=index, query={"match": {"title": "lisbon"}})["hits"]
    finally:
        es.indices.delete(index=index, ignore_unavailable=True)
        es.close()
    assert [node["version"].split(".")[0] for node in nodes.values()] == ["9"]
    assert health in {"green", "yellow"}
    assert hits["total"]["value"] == 1  # same _id twice: one document
    assert hits["hits"][0]["_id"] == "a1"
