"""Readiness from consumer snapshots, settings and faust options: no broker."""

from __future__ import annotations

import pytest
from claimwire_enrich.service.health import ConsumerSnapshot, Readiness
from claimwire_enrich.service.settings import EnrichSettings
from faust.types import TP
from pydantic import ValidationError

P0, P1 = TP("raw", 0), TP("raw", 1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_lag_counts_from_the_commit_else_from_the_message_in_flight() -> None:
    snapshot = ConsumerSnapshot(
        joined=True,
        assigned=frozenset({P0, P1, TP("raw", 2)}),
        highwater={P0: 100, P1: 50, TP("raw", 2): None},
        committed={P0: 90},
        read={P0: 95, P1: 45},
    )
    assert snapshot.lag() == (100 - 90) + (50 - 45)


def test_unassigned_partitions_do_not_count() -> None:
    snapshot = ConsumerSnapshot(
        joined=True, assigned=frozenset({P0}), highwater={P0: 10, P1: 99}, committed={P0: 10}
    )
    assert snapshot.lag() == 0


def test_not_ready_until_joined() -> None:
    readiness = Readiness(stall_after_s=30, clock=Clock())
    ready, reason, _ = readiness.check(ConsumerSnapshot(joined=False))
    assert not ready
    assert "not connected" in reason


def test_lag_without_a_moving_commit_turns_not_ready_after_the_stall_timeout() -> None:
    clock = Clock()
    readiness = Readiness(stall_after_s=30, clock=clock)
    stuck = ConsumerSnapshot(
        joined=True, assigned=frozenset({P0}), highwater={P0: 10}, committed={P0: 4}
    )
    assert readiness.check(stuck)[0]
    clock.now += 29
    assert readiness.check(stuck)[0]
    clock.now += 2
    ready, reason, lag = readiness.check(stuck)
    assert (ready, lag) == (False, 6)
    assert "lag 6" in reason


def test_a_moving_commit_keeps_a_lagging_consumer_ready() -> None:
    clock = Clock()
    readiness = Readiness(stall_after_s=30, clock=clock)
    for committed in range(1, 6):
        clock.now += 20
        snapshot = ConsumerSnapshot(
            joined=True, assigned=frozenset({P0}), highwater={P0: 100}, committed={P0: committed}
        )
        assert readiness.check(snapshot)[0]


def test_no_lag_is_ready_however_long_nothing_arrives() -> None:
    clock = Clock()
    readiness = Readiness(stall_after_s=30, clock=clock)
    idle = ConsumerSnapshot(
        joined=True, assigned=frozenset({P0}), highwater={P0: 7}, committed={P0: 7}
    )
    clock.now += 3600
    assert readiness.check(idle) == (True, "ok", 0)


def test_settings_defaults_and_broker_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    # `claimwire stack run` (make test) exports the local stack's SASL login
    for name in (
        "CLAIMWIRE_ENRICH_APP_ID",
        "CLAIMWIRE_ENRICH_HTTP_PORT",
        "CLAIMWIRE_KAFKA_SECURITY_PROTOCOL",
    ):
        monkeypatch.delenv(name, raising=False)
    settings = EnrichSettings(kafka_bootstrap_servers="k1:9092, k2:9093")
    assert settings.faust_broker_urls() == ["kafka://k1:9092", "kafka://k2:9093"]
    assert settings.enrich_app_id == "claimwire-enrich"
    assert settings.enrich_http_port == 8082
    assert settings.faust_credentials() is None


def test_the_http_port_comes_from_its_environment_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWIRE_ENRICH_HTTP_PORT", "9182")
    assert EnrichSettings().enrich_http_port == 9182


def test_settings_are_frozen_and_checked() -> None:
    settings = EnrichSettings()
    with pytest.raises(ValidationError):
        settings.enrich_app_id = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        EnrichSettings(enrich_retry_initial_s=10, enrich_retry_max_s=1)
    with pytest.raises(ValidationError):
        EnrichSettings(enrich_send_attempts=0)


def test_sasl_credentials_unwrap_the_secret_only_for_faust() -> None:
    settings = EnrichSettings(
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_username="enrich",
        kafka_sasl_password="s3cret",
    )
    assert "s3cret" not in repr(settings)
    credentials = settings.faust_credentials()
    assert getattr(credentials, "password", None) == "s3cret"
    assert getattr(credentials, "username", None) == "enrich"
