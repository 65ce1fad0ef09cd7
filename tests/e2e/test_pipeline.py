"""End to end against the real stack: files in, exact documents out, through faults."""

from __future__ import annotations

import json
import signal
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from claimwire_schemas.cloudevents import headers_dict
from claimwire_schemas.deadletter import read_dead_letter
from kafka import KafkaProducer

from claimwire.demo.flow import Expected
from claimwire.stack.jvm import free_port

from .conftest import Pipeline

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def _consume_all(pipeline: Pipeline, topic: str, expect: int, timeout_s: float = 60) -> list:
    from claimwire_base.kafka_io import create_consumer

    consumer = create_consumer(pipeline.kafka, f"check-{topic}-{time.time_ns()}", [topic])
    records: list = []
    deadline = time.monotonic() + timeout_s
    try:
        while len(records) < expect and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=1000).values():
                records.extend(batch)
    finally:
        consumer.close()
    return records


def _assert_exact(pipeline: Pipeline, expected: Expected, timeout_s: float = 240.0) -> None:
    pipeline.wait_for(expected, timeout_s)
    article_ids, claim_ids = pipeline.ids("articles"), pipeline.ids("claims")
    assert sorted(article_ids) == sorted(expected.article_ids)
    assert sorted(claim_ids) == sorted(expected.claim_ids)


def test_articles_in_exactly_those_articles_and_claims_out_with_the_trace_intact(
    pipeline: Pipeline, corpus: tuple[Path, Expected]
) -> None:
    folder, expected = corpus
    pipeline.start()
    result = pipeline.ingest(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_exact(pipeline, expected)

    raw = _consume_all(pipeline, pipeline.kafka.topic_raw, len(expected.article_ids))
    enriched = _consume_all(pipeline, pipeline.kafka.topic_enriched, len(expected.article_ids))
    trace_of = {r.key: headers_dict(r.headers)["traceparent"].split("-")[1] for r in raw}
    assert len(trace_of) == len(expected.article_ids)
    for record in enriched:
        assert headers_dict(record.headers)["traceparent"].split("-")[1] == trace_of[record.key]
    docs = pipeline.es.search(
        index=f"{pipeline.prefix}-articles",
        body={"size": 1000, "_source": ["article_id", "trace.id"]},
    )["hits"]["hits"]
    for doc in docs:
        key = doc["_source"]["article_id"].encode()
        assert doc["_source"]["trace"]["id"] == trace_of[key]


def test_enrich_and_index_killed_mid_stream_lose_and_duplicate_nothing(
    pipeline: Pipeline, corpus: tuple[Path, Expected]
) -> None:
    folder, expected = corpus
    pipeline.start()
    assert pipeline.ingest(folder).returncode == 0
    deadline = time.monotonic() + 120
    while pipeline.count("claims") < 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    pipeline.processes.kill("enrich", sig=signal.SIGKILL)
    pipeline.processes.kill("index", sig=signal.SIGKILL)
    pipeline.start("enrich", "index")
    _assert_exact(pipeline, expected)


def test_two_enrich_workers_share_the_partitions_and_the_counts_stay_exact(
    pipeline: Pipeline, corpus: tuple[Path, Expected]
) -> None:
    folder, expected = corpus
    pipeline.start()
    second_port = free_port()
    pipeline.processes.start(
        "enrich", instance="-2", extra_env={"CLAIMWIRE_ENRICH_HTTP_PORT": str(second_port)}
    )
    time.sleep(10)  # let the group rebalance over both workers before the data arrives
    assert pipeline.ingest(folder).returncode == 0
    _assert_exact(pipeline, expected)
    first = pipeline.metrics("enrich")
    enriched_by_first = first.get(
        ("claimwire_enrich_articles_total", (("outcome", "enriched"),)), 0.0
    )
    assert 0 < enriched_by_first < len(expected.article_ids), (
        "both workers should have taken part; the first enriched "
        f"{enriched_by_first} of {len(expected.article_ids)}"
    )


def test_poison_messages_on_every_topic_are_dead_lettered_and_the_stream_goes_on(
    pipeline: Pipeline, corpus: tuple[Path, Expected]
) -> None:
    folder, expected = corpus
    pipeline.start()
    producer = KafkaProducer(**pipeline.kafka.kafka_client_options())
    poison = {
        pipeline.kafka.topic_raw: b"this is not json",
        pipeline.kafka.topic_enriched: b'{"article_id": "x", "unexpected": true}',
        pipeline.kafka.topic_claims: b"\xff\xfe binary",
    }
    for topic, value in poison.items():
        producer.send(topic, key=b"poison", value=value).get(timeout=30)
    producer.close()
    assert pipeline.ingest(folder).returncode == 0
    _assert_exact(pipeline, expected)

    dead = _consume_all(pipeline, pipeline.kafka.topic_deadletter, len(poison))
    by_source = {read_dead_letter(r.headers).source_topic: r for r in dead}
    assert set(by_source) == set(poison)
    for topic, record in by_source.items():
        info = read_dead_letter(record.headers)
        assert record.value == poison[topic]  # the original bytes, for a replay
        assert record.key == b"poison"
        assert info.error
    stages = Counter(read_dead_letter(r.headers).stage.value for r in dead)
    assert stages == {"enrich": 1, "index": 2}


def test_the_broker_restarted_mid_stream_the_services_reconnect_and_finish(
    pipeline: Pipeline, corpus: tuple[Path, Expected], tmp_path: Path
) -> None:
    from claimwire.stack.jvm import Service, stop_process
    from claimwire.stack.kafka import start_kafka
    from claimwire.stack.settings import StackSettings
    from claimwire_base.settings import KafkaSettings

    folder, expected = corpus
    pipeline.start()
    assert pipeline.ingest(folder).returncode == 0
    deadline = time.monotonic() + 120
    while pipeline.count("articles") < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    stack = StackSettings()
    assert stop_process(Service("kafka", stack)), "the local broker was not started by make up"
    time.sleep(5)
    start_kafka(stack, KafkaSettings())
    # A service may exit on the outage and be restarted by its supervisor (backoff, and
    # the enrich watchdog's 60 s here), so this waits longer than the others.
    _assert_exact(pipeline, expected, timeout_s=420)


def test_every_service_exposes_metrics_that_match_what_happened(
    pipeline: Pipeline, corpus: tuple[Path, Expected]
) -> None:
    folder, expected = corpus
    pipeline.start()
    # Through the ingest service this time, so its own counters see the articles.
    articles = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
    request = urllib.request.Request(
        f"http://127.0.0.1:{pipeline.processes.port('ingest')}/articles",
        data=json.dumps(articles).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
    _assert_exact(pipeline, expected)
    time.sleep(2)  # counters move right after the acks; give the scrape a moment
    ingest = pipeline.metrics("ingest")
    enrich = pipeline.metrics("enrich")
    index = pipeline.metrics("index")
    published = ("claimwire_ingest_articles_total", (("outcome", "published"), ("source", "http")))
    assert ingest[published] == len(expected.article_ids)
    assert enrich[("claimwire_enrich_articles_total", (("outcome", "enriched"),))] == len(
        expected.article_ids
    )
    assert enrich[("claimwire_enrich_claims_total", (("outcome", "produced"),))] == len(
        expected.claim_ids
    )
    indexed = sum(
        value for (name, _), value in index.items() if name == "claimwire_index_docs_indexed_total"
    )
    assert indexed == len(expected.article_ids) + len(expected.claim_ids)
