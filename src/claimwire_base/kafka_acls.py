"""Who may do what on Kafka: one ACL per service and operation, shared by stack and compose.

Each service logs in as its own SCRAM user and gets only what its stage needs:

- ingest: write the raw and dead-letter topics;
- enrich: read raw (in its consumer group, the faust app id), write enriched,
  claims and dead-letter;
- index: read enriched and claims (in its consumer group), write dead-letter.

Nobody but the admin (a super user) creates topics or ACLs. faust runs with
``topic_disable_leader`` and ``topic_allow_declare`` off, so the enrich worker
needs no topic of its own (no ``<app_id>-__assignor-__leader``).

The local stack grants these on name *prefixes*, so that a test or benchmark
run may use its own topics and groups (``<topic>.<run>``, see ``scoped_env``)
under the same least privilege; compose grants them on the literal names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from claimwire_schemas.topics import CLAIMS, DEADLETTER, ENRICHED, RAW
from kafka import KafkaAdminClient
from kafka.admin import (
    ACL,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    ResourcePattern,
    ResourceType,
    UserScramCredentialUpsertion,
)
from kafka.errors import KafkaError

from claimwire_base.settings import KafkaSettings

# The consumer groups' defaults (EnrichSettings.enrich_app_id, IndexSettings.index_consumer_group);
# a unit test keeps them equal, without importing faust here.
ENRICH_GROUP = "claimwire-enrich"
INDEX_GROUP = "claimwire-index"
SERVICES = ("ingest", "enrich", "index")
Pattern = Literal["literal", "prefixed"]


@dataclass(frozen=True)
class Grant:
    """One permission: ``principal`` may ``operation`` on a topic or group named ``name``."""

    service: str
    resource: Literal["topic", "group"]
    name: str
    operation: Literal["read", "write"]


def service_grants(
    topics: KafkaSettings, enrich_group: str = ENRICH_GROUP, index_group: str = INDEX_GROUP
) -> list[Grant]:
    """Every grant of the three services for these topic and group names. Pure."""
    return [
        Grant("ingest", "topic", topics.topic_raw, "write"),
        Grant("ingest", "topic", topics.topic_deadletter, "write"),
        Grant("enrich", "topic", topics.topic_raw, "read"),
        Grant("enrich", "group", enrich_group, "read"),
        Grant("enrich", "topic", topics.topic_enriched, "write"),
        Grant("enrich", "topic", topics.topic_claims, "write"),
        Grant("enrich", "topic", topics.topic_deadletter, "write"),
        Grant("index", "topic", topics.topic_enriched, "read"),
        Grant("index", "topic", topics.topic_claims, "read"),
        Grant("index", "group", index_group, "read"),
        Grant("index", "topic", topics.topic_deadletter, "write"),
    ]


def to_acls(grants: list[Grant], users: Mapping[str, str], pattern: Pattern) -> list[ACL]:
    """kafka-python ACL objects for ``grants``; ``users`` maps a service to its user name.

    Pure. KeyError when a service has no user.
    """
    resource_type = {"topic": ResourceType.TOPIC, "group": ResourceType.GROUP}
    operation = {"read": ACLOperation.READ, "write": ACLOperation.WRITE}
    pattern_type = (
        ACLResourcePatternType.PREFIXED if pattern == "prefixed" else ACLResourcePatternType.LITERAL
    )
    return [
        ACL(
            principal=f"User:{users[g.service]}",
            host="*",
            operation=operation[g.operation],
            permission_type=ACLPermissionType.ALLOW,
            resource_pattern=ResourcePattern(resource_type[g.resource], g.name, pattern_type),
        )
        for g in grants
    ]


def apply_acls(admin: KafkaSettings, acls: list[ACL]) -> int:
    """Create ``acls`` on the broker, logged in as ``admin`` (a super user).

    Idempotent: Kafka keeps one copy of an ACL created twice. Returns how many
    were sent. Raises kafka.errors.KafkaError when the broker refuses any.
    """

    client = KafkaAdminClient(**admin.kafka_client_options())
    try:
        result = client.create_acls(acls)
    finally:
        client.close()
    failed = result.get("failed", [])
    if failed:
        raise KafkaError(f"the broker refused {len(failed)} ACL(s): {failed[0]}")
    return len(acls)


def ensure_users(admin: KafkaSettings, logins: Mapping[str, tuple[str, str]]) -> list[str]:
    """Create or update the SCRAM-SHA-512 user of each service, logged in as ``admin``.

    ``logins`` maps a service to (user, password). Idempotent (an upsert: a
    changed password replaces the old one). Returns the user names. Raises
    kafka.errors.KafkaError when the broker refuses any.
    """

    upserts = [
        UserScramCredentialUpsertion(user, "SCRAM-SHA-512", password)
        for user, password in logins.values()
    ]
    client = KafkaAdminClient(**admin.kafka_client_options())
    try:
        result = client.alter_user_scram_credentials(upserts)
    finally:
        client.close()
    refused = {user: error for user, error in result.items() if error}
    if refused:
        user, error = next(iter(refused.items()))
        raise KafkaError(f"the broker refused the SCRAM user {user}: {error}")
    return [user for user, _ in logins.values()]


def scoped_env(run: str) -> dict[str, str]:
    """``CLAIMWIRE_*`` topic and group names of one isolated run, inside the services' prefixes.

    ``<topic>.<run>`` and ``<group>.<run>``: covered by the local stack's prefixed
    ACLs, so a test's or benchmark's services run with their own least privilege.
    """
    return {
        "CLAIMWIRE_TOPIC_RAW": f"{RAW.name}.{run}",
        "CLAIMWIRE_TOPIC_ENRICHED": f"{ENRICHED.name}.{run}",
        "CLAIMWIRE_TOPIC_CLAIMS": f"{CLAIMS.name}.{run}",
        "CLAIMWIRE_TOPIC_DEADLETTER": f"{DEADLETTER.name}.{run}",
        "CLAIMWIRE_ENRICH_APP_ID": f"{ENRICH_GROUP}.{run}",
        "CLAIMWIRE_INDEX_CONSUMER_GROUP": f"{INDEX_GROUP}.{run}",
    }


def login_variables(service: str) -> tuple[str, str]:
    """The variables through which a launcher hands ``service`` its own user and password."""
    return (
        f"CLAIMWIRE_STACK_KAFKA_{service.upper()}_USERNAME",
        f"CLAIMWIRE_STACK_KAFKA_{service.upper()}_PASSWORD",
    )


def service_login_env(service: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The ``CLAIMWIRE_KAFKA_SASL_*`` login of ``service`` when ``environ`` carries one.

    The local stack exports each service's login under ``login_variables``;
    whoever starts that service (demo, tests, bench) maps it onto the variables
    the service reads. Empty when there is none (compose sets the login directly).
    Pure.
    """
    user_var, password_var = login_variables(service)
    if user_var not in environ or password_var not in environ:
        return {}
    return {
        "CLAIMWIRE_KAFKA_SASL_USERNAME": environ[user_var],
        "CLAIMWIRE_KAFKA_SASL_PASSWORD": environ[password_var],
    }
