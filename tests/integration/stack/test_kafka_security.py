"""The local Kafka's SASL/SCRAM logins and ACLs, for real: what a service may not do, it cannot.

Runs under ``claimwire stack run`` (``make test``), which hands the admin's and
each service's login to this process through the environment.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from claimwire_schemas.topics import CLAIMS, ENRICHED, RAW
from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import (
    ACLFilter,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    ResourcePatternFilter,
    ResourceType,
)
from kafka.errors import TopicAuthorizationFailedError
from pydantic import SecretStr

from claimwire.stack.jvm import free_port
from claimwire.stack.kafka_auth import logins_file
from claimwire.stack.settings import StackSettings
from claimwire_base.kafka_acls import SERVICES, login_variables, scoped_env, service_login_env
from claimwire_base.kafka_io import KafkaLoginError, check_login, ensure_topics
from claimwire_base.settings import KafkaSettings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
ARTICLE = ROOT / "samples" / "2026-03-14-port-strike-lisbon.txt"


def _login(service: str) -> tuple[str, str]:
    user_var, password_var = login_variables(service)
    if user_var not in os.environ or password_var not in os.environ:
        pytest.fail(f"{user_var} is not set: run under `claimwire stack run` (make test does)")
    return os.environ[user_var], os.environ[password_var]


def _as(service: str, kafka_bootstrap: str, **topics: str) -> KafkaSettings:
    user, password = _login(service)
    return KafkaSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username=user,
        kafka_sasl_password=SecretStr(password),
        **topics,
    )


def _secrets() -> list[str]:
    """Every password of the local Kafka: the stack's file holds them all."""
    stored: dict[str, str] = json.loads(logins_file(StackSettings()).read_text())
    assert len(stored) >= 6 and all(len(p) >= 20 for p in stored.values())
    return list(stored.values())


@pytest.fixture
def run_topics(kafka_bootstrap: str, unique_id: str) -> Iterator[KafkaSettings]:
    """This run's four topics (created by the admin, deleted after), inside the ACL prefixes."""
    names = scoped_env(f"t-{unique_id}")
    admin = KafkaSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        topic_raw=names["CLAIMWIRE_TOPIC_RAW"],
        topic_enriched=names["CLAIMWIRE_TOPIC_ENRICHED"],
        topic_claims=names["CLAIMWIRE_TOPIC_CLAIMS"],
        topic_deadletter=names["CLAIMWIRE_TOPIC_DEADLETTER"],
        topic_partitions=1,
    )
    ensure_topics(admin)
    yield admin
    client = KafkaAdminClient(**admin.kafka_client_options())
    try:
        client.delete_topics(admin.topic_names())
    finally:
        client.close()


@pytest.mark.parametrize(
    ("service", "allowed", "denied"),
    [
        ("ingest", "topic_raw", CLAIMS.name),
        ("ingest", "topic_deadletter", ENRICHED.name),
        ("enrich", "topic_claims", RAW.name),
        ("index", "topic_deadletter", CLAIMS.name),
    ],
)
def test_a_service_writes_its_own_topics_and_no_other(
    kafka_bootstrap: str, run_topics: KafkaSettings, service: str, allowed: str, denied: str
) -> None:
    producer = KafkaProducer(
        **_as(service, kafka_bootstrap).kafka_client_options(),
        acks="all",
        enable_idempotence=True,
        max_block_ms=20_000,
    )
    try:
        metadata = producer.send(getattr(run_topics, allowed), b"allowed").get(timeout=30)
        assert metadata.offset >= 0
        with pytest.raises(TopicAuthorizationFailedError):
            producer.send(denied, b"not allowed").get(timeout=30)
    finally:
        producer.close(timeout=5)


def test_a_service_cannot_create_topics(kafka_bootstrap: str, unique_id: str) -> None:
    ingest = _as("ingest", kafka_bootstrap)
    with pytest.raises(TopicAuthorizationFailedError):
        ensure_topics(ingest, [f"{RAW.name}.t-{unique_id}-new"])


def test_a_wrong_password_is_refused_at_once(kafka_bootstrap: str) -> None:
    wrong = _as("ingest", kafka_bootstrap).model_copy(
        update={"kafka_sasl_password": SecretStr("not-the-password")}
    )
    with pytest.raises(KafkaLoginError, match="refused the login of 'claimwire-ingest'"):
        check_login(wrong)
    check_login(_as("ingest", kafka_bootstrap))  # the right one passes


def test_the_ingest_command_with_a_wrong_password_says_so_in_one_line(
    kafka_bootstrap: str,
) -> None:
    env = {
        **os.environ,
        "CLAIMWIRE_KAFKA_SASL_USERNAME": _login("ingest")[0],
        "CLAIMWIRE_KAFKA_SASL_PASSWORD": "not-the-password",
    }
    done = subprocess.run(
        [sys.executable, "-m", "claimwire.cli", "ingest", "--no-progress", str(ARTICLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "refused the login of 'claimwire-ingest' (SCRAM-SHA-512)" in lines[0]
    assert "not-the-password" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_no_password_in_ps_or_in_the_logs_of_a_running_service(
    kafka_bootstrap: str, run_topics: KafkaSettings, tmp_path: Path, unique_id: str
) -> None:
    names = scoped_env(f"t-{unique_id}")
    port = free_port()
    env = {
        **os.environ,
        **names,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CLAIMWIRE_ENRICH_HTTP_HOST": "127.0.0.1",
        "CLAIMWIRE_ENRICH_HTTP_PORT": str(port),
        "CLAIMWIRE_ENRICH_DATA_DIR": str(tmp_path / "faust"),
    }
    env.update(service_login_env("enrich", env))
    log_path = tmp_path / "enrich.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "claimwire.cli", "enrich"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        # Ready: it has logged in, joined its group and been assigned the partitions.
        deadline = time.monotonic() + 120
        while not _ready(port):
            assert worker.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, "the worker never became ready"
            time.sleep(0.5)
        ps = subprocess.run(
            ["ps", "-eww", "-o", "args"], capture_output=True, text=True, check=True
        ).stdout
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    stack = StackSettings()
    logs = log_path.read_text() + (stack.state_dir / "kafka.log").read_text(errors="replace")
    for secret in _secrets():
        assert secret not in ps
        assert secret not in logs
    for private in (logins_file(stack), stack.state_dir / "kafka" / "config" / "server.properties"):
        assert stat.S_IMODE(private.stat().st_mode) == 0o600, private


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, OSError):
        return False


def test_kafka_setup_creates_users_and_literal_acls_as_compose_does(
    kafka_bootstrap: str, unique_id: str
) -> None:
    names = {k: f"{v}-compose" for k, v in scoped_env(f"t-{unique_id}").items()}
    # Fixed users with a new password each run: the upsert must take effect. They are not
    # deleted after: on Kafka 4.1.1, deleting several SCRAM users and restarting the broker
    # left it with no SCRAM credential at all (reproduced here), and the e2e tests restart it.
    logins = {s: (f"cwtest-compose-{s}", f"pw-{unique_id}-{s}-0123456789") for s in SERVICES}
    env = {**os.environ, **names, "CLAIMWIRE_TOPIC_PARTITIONS": "1"}
    for service, (user, password) in logins.items():
        user_var, password_var = login_variables(service)
        env[user_var], env[password_var] = user, password
    admin = KafkaSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        topic_raw=names["CLAIMWIRE_TOPIC_RAW"],
        topic_enriched=names["CLAIMWIRE_TOPIC_ENRICHED"],
        topic_claims=names["CLAIMWIRE_TOPIC_CLAIMS"],
        topic_deadletter=names["CLAIMWIRE_TOPIC_DEADLETTER"],
    )
    try:
        for _ in range(2):  # idempotent
            done = subprocess.run(
                [sys.executable, "-m", "claimwire.cli", "stack", "kafka-setup"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert done.returncode == 0, done.stderr
            assert "pw-" not in done.stdout + done.stderr
        user, password = logins["ingest"]
        ingest = admin.model_copy(
            update={
                "kafka_security_protocol": "SASL_PLAINTEXT",
                "kafka_sasl_username": user,
                "kafka_sasl_password": SecretStr(password),
            }
        )
        check_login(ingest)
        producer = KafkaProducer(**ingest.kafka_client_options(), max_block_ms=20_000)
        try:
            assert producer.send(admin.topic_raw, b"allowed").get(timeout=30).offset >= 0
            # literal grants: another run's raw topic is not this user's
            with pytest.raises(TopicAuthorizationFailedError):
                producer.send(f"{admin.topic_raw}-other", b"denied").get(timeout=30)
        finally:
            producer.close(timeout=5)
    finally:
        _remove_acls_and_topics(admin, [user for user, _ in logins.values()])


def _remove_acls_and_topics(admin: KafkaSettings, users: list[str]) -> None:
    client = KafkaAdminClient(**admin.kafka_client_options())
    try:
        client.delete_topics(admin.topic_names())
        client.delete_acls(
            [
                ACLFilter(
                    principal=f"User:{user}",
                    host="*",
                    operation=ACLOperation.ANY,
                    permission_type=ACLPermissionType.ANY,
                    resource_pattern=ResourcePatternFilter(
                        ResourceType.ANY, None, ACLResourcePatternType.ANY
                    ),
                )
                for user in users
            ]
        )
    finally:
        client.close()
