"""Settings shared by the services: Kafka and Elasticsearch connections.

Each service has one frozen settings class of its own (``IngestSettings``,
``EnrichSettings``, ``IndexSettings``) built from these bases, read once at
start-up from ``CLAIMWIRE_*`` environment variables and passed in. Tests
build them with keyword arguments instead of patching the environment.
"""

from __future__ import annotations

from typing import Any, Literal

from claimwire_schemas.topics import CLAIMS, DEADLETTER, ENRICHED, RAW
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

SETTINGS_CONFIG = SettingsConfigDict(env_prefix="CLAIMWIRE_", frozen=True, extra="ignore")


class KafkaSettings(BaseSettings):
    """Where the broker is, how to log in, and the topic names (docs/design.md's by default)."""

    model_config = SETTINGS_CONFIG

    kafka_bootstrap_servers: str = "localhost:9092"
    kafka_security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    topic_raw: str = RAW.name
    topic_enriched: str = ENRICHED.name
    topic_claims: str = CLAIMS.name
    topic_deadletter: str = DEADLETTER.name
    topic_partitions: int = 6
    topic_replication_factor: int = 1

    def kafka_client_options(self) -> dict[str, Any]:
        """Connection options for kafka-python clients (secrets unwrapped only here)."""
        options: dict[str, Any] = {
            "bootstrap_servers": self.kafka_bootstrap_servers.split(","),
            "security_protocol": self.kafka_security_protocol,
        }
        if self.kafka_security_protocol.startswith("SASL"):
            options["sasl_mechanism"] = self.kafka_sasl_mechanism
            options["sasl_plain_username"] = self.kafka_sasl_username
            options["sasl_plain_password"] = (
                self.kafka_sasl_password.get_secret_value() if self.kafka_sasl_password else None
            )
        return options

    def topic_names(self) -> list[str]:
        return [self.topic_raw, self.topic_enriched, self.topic_claims, self.topic_deadletter]


class ElasticsearchSettings(BaseSettings):
    """Where Elasticsearch is and how to log in; index names derive from ``es_index_prefix``.

    ``es_api_key`` (the base64 "encoded" form) wins over ``es_username``/``es_password``.
    Certificates are verified by default: ``es_ca_certs`` names the PEM file of the CA
    that signed the node's certificate (the local stack's is under ``.stack/``).
    """

    model_config = SETTINGS_CONFIG

    es_url: str = "https://localhost:9200"
    es_username: str | None = None
    es_password: SecretStr | None = None
    es_api_key: SecretStr | None = None
    es_ca_certs: str | None = None
    es_verify_certs: bool = True
    es_index_prefix: str = "claimwire"
    es_request_timeout_s: float = 30.0

    def es_client_options(self) -> dict[str, Any]:
        """Keyword arguments for ``elasticsearch.Elasticsearch`` (secrets unwrapped only here)."""
        options: dict[str, Any] = {
            "hosts": [self.es_url],
            "request_timeout": self.es_request_timeout_s,
            "verify_certs": self.es_verify_certs,
        }
        if self.es_ca_certs:
            options["ca_certs"] = self.es_ca_certs
        if not self.es_verify_certs:
            options["ssl_show_warn"] = False
        if self.es_api_key:
            options["api_key"] = self.es_api_key.get_secret_value()
        elif self.es_username and self.es_password:
            options["basic_auth"] = (self.es_username, self.es_password.get_secret_value())
        return options
