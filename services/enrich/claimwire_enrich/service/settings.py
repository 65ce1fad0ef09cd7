"""``EnrichSettings``: the one settings object of the enrich worker.

Read once at start-up from ``CLAIMWIRE_*`` environment variables (tests pass
keyword arguments instead) and handed to ``create_app``.
"""

from __future__ import annotations

import ssl
import tempfile
from pathlib import Path

from faust.auth import SASLCredentials, SSLCredentials
from faust.types.auth import CredentialsT
from pydantic import Field, model_validator

from claimwire_base.settings import SETTINGS_CONFIG, KafkaSettings

MIB = 1024 * 1024


class EnrichSettings(KafkaSettings):
    """Kafka connection and topics plus the enrich worker's own knobs."""

    model_config = SETTINGS_CONFIG

    enrich_app_id: str = Field(
        default="claimwire-enrich",
        min_length=1,
        description="faust app id, which is also the Kafka consumer group of the workers.",
    )
    enrich_http_host: str = "0.0.0.0"
    enrich_http_port: int = Field(default=8082, ge=0, le=65535)
    enrich_data_dir: Path = Field(
        default=Path(tempfile.gettempdir()) / "claimwire-enrich",
        description="faust insists on a data directory; the app keeps no tables or state in it.",
    )
    enrich_concurrency: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Articles one worker has in progress at once, so it enriches the next "
        "while the broker acknowledges the last.",
    )
    enrich_stall_after_s: float = Field(
        default=120.0, gt=0, description="Not ready when lagging without a commit this long."
    )
    enrich_commit_interval_s: float = Field(
        default=1.0, gt=0, description="How often acked offsets are committed."
    )
    enrich_session_timeout_s: float = Field(
        default=45.0,
        ge=6,
        description="A worker that stops heartbeating loses its partitions after this long.",
    )
    enrich_send_timeout_s: float = Field(
        default=30.0, gt=0, description="How long one produce may wait for the broker's ack."
    )
    enrich_send_attempts: int = Field(
        default=3, ge=1, description="Produce attempts per record before dead-lettering."
    )
    enrich_retry_initial_s: float = Field(default=0.2, gt=0)
    enrich_retry_max_s: float = Field(default=5.0, gt=0, description="Cap of the backoff.")
    enrich_stuck_after_s: float = Field(
        default=180.0,
        gt=0,
        description="Exit for a restart when one event is in progress this long "
        "(longer than every send attempt and backoff together).",
    )
    enrich_max_message_bytes: int = Field(
        default=8 * MIB, ge=1024, description="Larger outputs are dead-lettered as too_large."
    )

    @model_validator(mode="after")
    def _backoff_is_capped_above_its_start(self) -> EnrichSettings:
        if self.enrich_retry_initial_s > self.enrich_retry_max_s:
            raise ValueError("enrich_retry_initial_s must not exceed enrich_retry_max_s")
        return self

    def faust_broker_urls(self) -> list[str]:
        """``kafka://host:port`` for each bootstrap server, the form faust wants."""
        servers = [s.strip() for s in self.kafka_bootstrap_servers.split(",") if s.strip()]
        return [f"kafka://{server}" for server in servers]

    def faust_credentials(self) -> CredentialsT | None:
        """faust's credentials for the configured protocol (secret unwrapped only here)."""
        protocol = self.kafka_security_protocol
        if protocol == "PLAINTEXT":
            return None
        context = ssl.create_default_context() if protocol.endswith("SSL") else None
        if protocol.startswith("SASL"):
            password = self.kafka_sasl_password
            return SASLCredentials(
                username=self.kafka_sasl_username,
                password=password.get_secret_value() if password else None,
                mechanism=self.kafka_sasl_mechanism,
                ssl_context=context,
            )
        return SSLCredentials(context)
