"""The faust app is built from settings without touching the broker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimwire_enrich.service.app import create_app
from claimwire_enrich.service.settings import EnrichSettings
from prometheus_client import CollectorRegistry


def _settings(tmp_path: Path, **overrides: Any) -> EnrichSettings:
    return EnrichSettings(
        kafka_bootstrap_servers="broker-a:9092,broker-b:9092",
        topic_raw="t-raw",
        enrich_app_id="enrich-under-test",
        enrich_http_port=18099,
        enrich_data_dir=tmp_path,
        **overrides,
    )


def test_one_agent_reads_the_raw_topic_with_the_configured_concurrency(tmp_path: Path) -> None:
    app = create_app(_settings(tmp_path, enrich_concurrency=3), CollectorRegistry())
    assert list(app.agents) == ["enrich"]
    agent = app.agents["enrich"]
    assert agent.concurrency == 3
    assert agent.channel.get_topic_name() == "t-raw"


def test_the_app_is_stateless_and_serves_its_health_endpoints(tmp_path: Path) -> None:
    app = create_app(_settings(tmp_path), CollectorRegistry())
    conf = app.conf
    assert conf.id == "enrich-under-test"  # also the consumer group
    assert [str(url) for url in conf.broker] == ["kafka://broker-a:9092", "kafka://broker-b:9092"]
    assert conf.topic_disable_leader and not conf.topic_allow_declare
    assert conf.web_port == 18099
    assert sorted(app.web.views) == ["/healthz", "/metrics", "/readyz"]


def test_sends_are_awaited_not_held_until_commit(tmp_path: Path) -> None:
    conf = create_app(_settings(tmp_path), CollectorRegistry()).conf
    assert conf.stream_publish_on_commit is False
    assert conf.stream_wait_empty is True
    assert conf.broker_commit_interval == 1.0


def test_the_producer_is_idempotent_with_acks_all(tmp_path: Path) -> None:
    producer = create_app(_settings(tmp_path), CollectorRegistry()).producer
    options = {**producer._settings_default(), **producer._settings_extra()}  # type: ignore[attr-defined]
    assert options["acks"] == "all"
    assert options["enable_idempotence"] is True


def test_each_app_registers_its_metrics_in_its_own_registry(tmp_path: Path) -> None:
    first, second = CollectorRegistry(), CollectorRegistry()
    create_app(_settings(tmp_path), first)
    create_app(_settings(tmp_path), second)
    assert first.get_sample_value("claimwire_enrich_consumer_lag") == 0.0
    assert second.get_sample_value("claimwire_enrich_consumer_lag") == 0.0
