"""Apache Kafka 4.x in KRaft combined mode (broker and controller in one JVM)."""

from __future__ import annotations

import base64
import shutil
import subprocess
import uuid
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from claimwire.stack.jvm import (
    Service,
    StackError,
    port_in_use,
    resolve_classpath,
    running_pid,
    start_jvm,
    wait_until,
)
from claimwire.stack.kafka_auth import (
    MECHANISM,
    ROLES,
    KafkaLogins,
    client_settings,
    ensure_logins,
    load_logins,
    logins_file,
    write_private,
)
from claimwire.stack.settings import StackSettings
from claimwire_base.kafka_acls import SERVICES, apply_acls, service_grants, to_acls
from claimwire_base.kafka_io import KafkaLoginError, check_login, ensure_topics
from claimwire_base.settings import KafkaSettings

LOG4J2 = """\
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.state.name = state.change.logger
logger.state.level = WARN
"""


_PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule"
_SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule"


def server_properties(settings: StackSettings, data_dir: str, logins: KafkaLogins) -> str:
    """The broker's configuration, passwords included: written to a 0600 file only."""
    controller = logins.user("controller")
    controller_password = logins.password("controller")
    supers = ";".join(f"User:{logins.user(role)}" for role in ("broker", "controller", "admin"))
    controller_jaas = (
        f'{_PLAIN_MODULE} required username="{controller}" password="{controller_password}" '
        f'user_{controller}="{controller_password}";'
    )
    broker_jaas = (
        f'{_SCRAM_MODULE} required username="{logins.user("broker")}" '
        f'password="{logins.password("broker")}";'
    )
    # A single node: every internal topic needs replication factor 1 and min ISR 1,
    # or consumer groups and idempotent producers hang waiting for replicas.
    # Clients log in with SCRAM-SHA-512; the controller listener uses PLAIN because
    # KRaft keeps SCRAM credentials in the very metadata the controller serves.
    return f"""\
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:{settings.kafka_controller_port}
listeners=CLIENT://127.0.0.1:{settings.kafka_port},CONTROLLER://127.0.0.1:{settings.kafka_controller_port}
advertised.listeners=CLIENT://localhost:{settings.kafka_port},CONTROLLER://127.0.0.1:{settings.kafka_controller_port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT
sasl.mechanism.controller.protocol=PLAIN
sasl.mechanism.inter.broker.protocol={MECHANISM}
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config={controller_jaas}
listener.name.client.sasl.enabled.mechanisms={MECHANISM}
listener.name.client.{MECHANISM.lower()}.sasl.jaas.config={broker_jaas}
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users={supers}
allow.everyone.if.no.acl.found=false
log.dirs={data_dir}
num.partitions=6
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=10485760
log.retention.hours=168
"""


def _kafka_uuid() -> str:
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")


def _answers(admin: KafkaSettings) -> bool:
    """True when the broker gives the admin its metadata (it is up and logins work).

    Raises KafkaLoginError at once when the broker refuses the admin's login.
    """

    check_login(admin, timeout_s=3.0)
    try:
        client = KafkaAdminClient(**admin.kafka_client_options(), request_timeout_ms=3000)
    except KafkaError:
        return False
    try:
        client.list_topics()
        return True
    except KafkaError:
        return False
    finally:
        client.close()


def start_kafka(settings: StackSettings, topics: KafkaSettings) -> str:
    """Start the broker unless it runs; format storage on first start; topics and ACLs.

    The first start generates the logins (``kafka_auth``) and creates the SCRAM
    users while formatting. Every start then creates, as the admin, the four
    topics and the services' prefixed ACLs (``kafka_acls``). Idempotent.
    Returns a one-line status (no secret). Raises StackError with a clear reason.
    """

    service = Service("kafka", settings)
    bootstrap = f"localhost:{settings.kafka_port}"
    fresh = load_logins(settings) is None
    logins = ensure_logins(settings)
    admin = client_settings(settings, logins, "admin")
    if running_pid(service) is None:
        for port in (settings.kafka_port, settings.kafka_controller_port):
            if port_in_use(port):
                raise StackError(
                    f"Port {port} is taken by another process, so Kafka cannot start. "
                    f"Stop it, or set CLAIMWIRE_STACK_KAFKA_PORT / _CONTROLLER_PORT."
                )
        classpath = resolve_classpath(settings, "kafka")
        config_dir = service.home / "config"
        data_dir = service.home / "data"
        config_dir.mkdir(parents=True, exist_ok=True)
        properties = config_dir / "server.properties"
        write_private(properties, server_properties(settings, str(data_dir), logins))
        log4j = config_dir / "log4j2.properties"
        log4j.write_text(LOG4J2)
        jvm_args = ["-cp", classpath, f"-Dlog4j2.configurationFile={log4j}"]
        if fresh and (data_dir / "meta.properties").exists():
            # Formatted by a version without logins: its broker would know no SCRAM user.
            print(f"Kafka storage in {data_dir} has no SCRAM users: formatting it anew.")
            shutil.rmtree(data_dir)
        if not (data_dir / "meta.properties").exists():
            _format_storage(settings, jvm_args, properties, logins, config_dir)
        start_jvm(service, [*jvm_args, "kafka.Kafka", str(properties)], settings.kafka_heap)
    try:
        wait_until(lambda: _answers(admin), service, "ready (metadata for the admin)")
    except KafkaLoginError as exc:
        raise StackError(
            f"{exc}. The logins in {logins_file(settings)} do not match the "
            f"broker's storage: stop the stack (make down) and delete {service.home}."
        ) from None
    names = topics.model_copy(
        update={
            "kafka_bootstrap_servers": bootstrap,
            "kafka_security_protocol": admin.kafka_security_protocol,
            "kafka_sasl_mechanism": admin.kafka_sasl_mechanism,
            "kafka_sasl_username": admin.kafka_sasl_username,
            "kafka_sasl_password": admin.kafka_sasl_password,
        }
    )
    try:
        created = ensure_topics(names)
        apply_acls(admin, to_acls(service_grants(names), _service_users(logins), "prefixed"))
    except KafkaError as exc:
        raise StackError(f"Kafka refused the setup of topics or ACLs: {exc}") from None
    note = f", created topics {', '.join(created)}" if created else ""
    pid = running_pid(service)
    return f"kafka running on {bootstrap}, SASL/SCRAM with ACLs (pid {pid}){note}"


def _service_users(logins: KafkaLogins) -> dict[str, str]:
    return {service: logins.user(service) for service in SERVICES}


def _format_storage(
    settings: StackSettings,
    jvm_args: list[str],
    properties: Path,
    logins: KafkaLogins,
    config_dir: Path,
) -> None:
    """Format the storage with the SCRAM users of every role but the (PLAIN) controller.

    The users and passwords go in a java argument file (0600, deleted after), so
    they never appear on a command line that ``ps`` shows.
    """
    scram = [
        f"--add-scram {MECHANISM}=[name={logins.user(role)},password={logins.password(role)}]"
        for role in ROLES
        if role != "controller"
    ]
    argfile = config_dir / "format.args"
    write_private(
        argfile,
        "\n".join(
            [
                "kafka.tools.StorageTool format",
                f"-t {_kafka_uuid()}",
                f"-c {properties}",
                "--standalone",
                *scram,
            ]
        )
        + "\n",
    )
    try:
        result = subprocess.run(
            [settings.java, *jvm_args, f"@{argfile}"],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        argfile.unlink(missing_ok=True)
    if result.returncode != 0:
        output = _redact(result.stdout + result.stderr, logins)
        raise StackError(f"Formatting Kafka storage failed:\n{output}")


def _redact(text: str, logins: KafkaLogins) -> str:
    for role in ROLES:
        text = text.replace(logins.password(role), "******")
    return text
