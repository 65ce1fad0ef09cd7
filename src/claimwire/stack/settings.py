"""Settings of the local stack (``CLAIMWIRE_STACK_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[3]


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
    start_timeout_s: float = 180.0
    stop_timeout_s: float = 30.0

    @property
    def maven_dir(self) -> Path:
        return self.root / "deploy" / "local" / "maven"
