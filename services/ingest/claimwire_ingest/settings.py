"""``IngestSettings``: read once from ``CLAIMWIRE_*`` variables at start-up and passed in."""

from __future__ import annotations

from pydantic import Field, SecretStr

from claimwire_base.settings import KafkaSettings

MIB = 1024 * 1024


class IngestSettings(KafkaSettings):
    """Limits, timeouts and the HTTP listener of the ingest service (frozen).

    Tests build it with keyword arguments (unique topic names, short timeouts)
    instead of patching the environment.
    """

    ingest_max_body_bytes: int = Field(
        default=512 * 1024,
        gt=0,
        description="Largest accepted article body, UTF-8 bytes after normalisation; "
        "keeps each raw event under the broker's 1 MB message limit.",
    )
    ingest_max_file_bytes: int = Field(
        default=64 * MIB, gt=0, description="Largest file read at all."
    )
    ingest_max_request_bytes: int = Field(default=16 * MIB, gt=0, description="Largest HTTP body.")
    ingest_max_batch_articles: int = Field(
        default=1000, gt=0, description="Most articles per POST."
    )
    ingest_deadletter_max_value_bytes: int = Field(
        default=900_000,
        gt=0,
        description="Original bytes kept in a dead-letter record; longer ones are cut "
        "(and the error says so) because the broker refuses messages over 1 MB.",
    )
    ingest_dedupe_capacity: int = Field(
        default=1_000_000, gt=0, description="Article ids remembered for duplicate detection."
    )
    ingest_max_in_flight: int = Field(
        default=5000, gt=0, description="Sends awaiting acknowledgement before ingest waits."
    )
    ingest_connect_timeout_s: float = Field(
        default=10.0, gt=0, description="Broker bootstrap limit."
    )
    ingest_publish_timeout_s: float = Field(
        default=120.0, gt=0, description="Delivery timeout of one send, retries included."
    )
    ingest_feed_fetch_timeout_s: float = Field(default=20.0, gt=0)
    ingest_ce_source: str = Field(default="claimwire/ingest", description="CloudEvents ``source``.")
    ingest_http_host: str = Field(
        default="127.0.0.1",
        description="Address of POST /articles; any but loopback needs ingest_http_token.",
    )
    ingest_http_port: int = Field(default=8081, ge=0, le=65535)
    ingest_http_token: SecretStr | None = Field(
        default=None,
        description="Bearer token POST /articles requires (always, once set); "
        "/healthz, /readyz and /metrics stay open.",
    )
