"""Apache Kafka 4.x in KRaft combined mode (broker and controller in one JVM)."""

from __future__ import annotations

import base64
import subprocess
import uuid

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from claimwire.kafka_io import ensure_topics
from claimwire.settings import KafkaSettings
from claimwire.stack.jvm import (
    Service,
    StackError,
    port_in_use,
    resolve_classpath,
    running_pid,
    start_jvm,
    wait_until,
)
from claimwire.stack.settings import StackSettings

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


def server_properties(settings: StackSettings, data_dir: str) -> str:
    # A single node: every internal topic needs replication factor 1 and min ISR 1,
    # or consumer groups and idempotent producers hang waiting for replicas.
    return f"""\
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:{settings.kafka_controller_port}
listeners=PLAINTEXT://127.0.0.1:{settings.kafka_port},CONTROLLER://127.0.0.1:{settings.kafka_controller_port}
advertised.listeners=PLAINTEXT://localhost:{settings.kafka_port},CONTROLLER://127.0.0.1:{settings.kafka_controller_port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
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


def _answers(bootstrap: str) -> bool:
    try:
        admin = KafkaAdminClient(bootstrap_servers=[bootstrap], request_timeout_ms=3000)
    except KafkaError:
        return False
    try:
        admin.list_topics()
        return True
    except KafkaError:
        return False
    finally:
        admin.close()


def start_kafka(settings: StackSettings, topics: KafkaSettings) -> str:
    """Start the broker unless it runs; format storage on first start; create the topics.

    Idempotent. Returns a one-line status. Raises StackError with a clear reason.
    """
    service = Service("kafka", settings)
    bootstrap = f"localhost:{settings.kafka_port}"
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
        properties.write_text(server_properties(settings, str(data_dir)))
        log4j = config_dir / "log4j2.properties"
        log4j.write_text(LOG4J2)
        jvm_args = ["-cp", classpath, f"-Dlog4j2.configurationFile={log4j}"]
        if not (data_dir / "meta.properties").exists():
            _format_storage(settings, jvm_args, properties)
        start_jvm(service, [*jvm_args, "kafka.Kafka", str(properties)], settings.kafka_heap)
    wait_until(lambda: _answers(bootstrap), service, "ready (metadata from a client)")
    created = ensure_topics(topics.model_copy(update={"kafka_bootstrap_servers": bootstrap}))
    note = f", created topics {', '.join(created)}" if created else ""
    return f"kafka running on {bootstrap} (pid {running_pid(service)}){note}"


def _format_storage(settings: StackSettings, jvm_args: list[str], properties: object) -> None:
    result = subprocess.run(
        [
            settings.java,
            *jvm_args,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            _kafka_uuid(),
            "-c",
            str(properties),
            "--standalone",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(f"Formatting Kafka storage failed:\n{result.stdout}{result.stderr}")
