"""The services' Kafka grants: exactly what each stage needs, on names tests can scope."""

from __future__ import annotations

from claimwire_enrich.service.settings import EnrichSettings
from claimwire_index.settings import IndexSettings
from claimwire_schemas.topics import CLAIMS, DEADLETTER, ENRICHED, RAW
from kafka.admin import ACLOperation, ACLResourcePatternType, ResourceType

from claimwire_base.kafka_acls import (
    ENRICH_GROUP,
    INDEX_GROUP,
    scoped_env,
    service_grants,
    service_login_env,
    to_acls,
)
from claimwire_base.settings import KafkaSettings


def _by_service() -> dict[str, set[tuple[str, str, str]]]:
    grants: dict[str, set[tuple[str, str, str]]] = {}
    for g in service_grants(KafkaSettings()):
        grants.setdefault(g.service, set()).add((g.operation, g.resource, g.name))
    return grants


def test_each_service_gets_only_its_stage() -> None:
    assert _by_service() == {
        "ingest": {("write", "topic", RAW.name), ("write", "topic", DEADLETTER.name)},
        "enrich": {
            ("read", "topic", RAW.name),
            ("read", "group", ENRICH_GROUP),
            ("write", "topic", ENRICHED.name),
            ("write", "topic", CLAIMS.name),
            ("write", "topic", DEADLETTER.name),
        },
        "index": {
            ("read", "topic", ENRICHED.name),
            ("read", "topic", CLAIMS.name),
            ("read", "group", INDEX_GROUP),
            ("write", "topic", DEADLETTER.name),
        },
    }


def test_the_groups_are_the_services_defaults() -> None:
    assert EnrichSettings.model_fields["enrich_app_id"].default == ENRICH_GROUP
    assert IndexSettings.model_fields["index_consumer_group"].default == INDEX_GROUP


def test_acls_name_the_services_users_and_the_pattern() -> None:
    users = {"ingest": "u-ingest", "enrich": "u-enrich", "index": "u-index"}
    acls = to_acls(service_grants(KafkaSettings()), users, "prefixed")
    assert {a.principal for a in acls} == {"User:u-ingest", "User:u-enrich", "User:u-index"}
    assert {a.resource_pattern.pattern_type for a in acls} == {ACLResourcePatternType.PREFIXED}
    ingest = [a for a in acls if a.principal == "User:u-ingest"]
    assert {a.operation for a in ingest} == {ACLOperation.WRITE}
    assert {a.resource_pattern.resource_type for a in ingest} == {ResourceType.TOPIC}
    literal = to_acls(service_grants(KafkaSettings()), users, "literal")
    assert {a.resource_pattern.pattern_type for a in literal} == {ACLResourcePatternType.LITERAL}


def test_scoped_names_stay_inside_the_prefixes() -> None:
    env = scoped_env("run1")
    defaults = [RAW.name, ENRICHED.name, CLAIMS.name, DEADLETTER.name, ENRICH_GROUP, INDEX_GROUP]
    assert sorted(env.values()) == sorted(f"{name}.run1" for name in defaults)


def test_a_service_login_is_handed_on_only_when_the_stack_gave_one() -> None:
    assert service_login_env("enrich", {}) == {}
    environ = {
        "CLAIMWIRE_STACK_KAFKA_ENRICH_USERNAME": "claimwire-enrich",
        "CLAIMWIRE_STACK_KAFKA_ENRICH_PASSWORD": "pw",
    }
    assert service_login_env("enrich", environ) == {
        "CLAIMWIRE_KAFKA_SASL_USERNAME": "claimwire-enrich",
        "CLAIMWIRE_KAFKA_SASL_PASSWORD": "pw",
    }
    assert service_login_env("index", environ) == {}
