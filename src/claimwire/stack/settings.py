"""Settings of the local stack (``CLAIMWIRE_STACK_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[3]
_LOGIN = (
    "Each service's own Kafka user and password (ingest, enrich, index): set by the local "
    "stack for the processes it starts; `claimwire stack kafka-setup` creates them (compose)."
)


class StackSettings(BaseSettings):
    """Ports, heap sizes and folders of the local Kafka and Elasticsearch."""

    model_config = SettingsConfigDict(env_prefix="CLAIMWIRE_STACK_", frozen=True, extra="ignore")

    root: Path = ROOT
    state_dir: Path = ROOT / ".stack"
    java: str = "java"
    mvn: str = "mvn"
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    kafka_heap: str = "768m"
    es_port: int = 9200
    es_heap: str = "1g"
    # Each service's own Kafka login: the local stack exports its generated ones in these
    # for whoever starts a service; `claimwire stack kafka-setup` creates these users.
    kafka_ingest_username: str | None = Field(default=None, description=_LOGIN)
    kafka_ingest_password: SecretStr | None = None
    kafka_enrich_username: str | None = None
    kafka_enrich_password: SecretStr | None = None
    kafka_index_username: str | None = None
    kafka_index_password: SecretStr | None = None
    # Elasticsearch 9 needs Java 21+ (Kafka runs on `java`, 17+). When this home has no
    # Java 21+, the `java` on PATH is tried; `make up` says in one line when neither fits.
    es_java_home: Path = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
    # Elasticsearch refuses to run as root: as root it runs as this uid in a user namespace.
    es_namespace_uid: int = 1000
    start_timeout_s: float = 180.0
    stop_timeout_s: float = 30.0

    @property
    def maven_dir(self) -> Path:
        return self.root / "deploy" / "local" / "maven"
