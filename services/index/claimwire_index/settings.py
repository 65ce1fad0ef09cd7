"""``IndexSettings``: the one settings object of the index service.

Read once at start-up from ``CLAIMWIRE_*`` environment variables (tests pass
keyword arguments instead) and handed to everything that needs it.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from claimwire_base.settings import SETTINGS_CONFIG, ElasticsearchSettings, KafkaSettings

MIB = 1024 * 1024


class IndexSettings(KafkaSettings, ElasticsearchSettings):
    """Kafka and Elasticsearch connections plus the index service's own knobs."""

    model_config = SETTINGS_CONFIG

    index_consumer_group: str = "claimwire-index"
    index_batch_max_docs: int = Field(default=500, ge=1)
    index_batch_max_bytes: int = Field(default=5 * MIB, ge=1024)
    index_flush_interval_s: float = Field(
        default=1.0, gt=0, description="A quiet topic is still indexed within about this long."
    )
    index_max_document_bytes: int = Field(
        default=4 * MIB, ge=1024, description="Larger documents are dead-lettered as too_large."
    )
    index_deadletter_max_bytes: int = Field(
        default=MIB,
        ge=16 * 1024,
        le=8 * MIB,
        description="A dead letter is cut to this size (headers say so): it must fit the "
        "producer's max_request_size (8 MiB) and the dead-letter topic's max.message.bytes.",
    )
    index_retry_initial_s: float = Field(default=0.5, gt=0)
    index_retry_max_s: float = Field(default=10.0, gt=0, description="Cap of the backoff.")
    index_retry_deadline_s: float = Field(
        default=900.0,
        gt=0,
        description="How long one batch may wait for Elasticsearch before the service exits "
        "without committing (a restart redelivers the batch).",
    )
    index_session_timeout_s: float = Field(default=45.0, ge=6)
    index_http_host: str = "0.0.0.0"
    index_http_port: int = Field(default=8083, ge=0, le=65535)
    index_stall_after_s: float = Field(
        default=120.0, gt=0, description="Not ready when lagging without a commit this long."
    )
    index_shards: int = Field(default=1, ge=1)
    index_auto_expand_replicas: str = "0-1"

    @model_validator(mode="after")
    def _document_fits_in_batch(self) -> IndexSettings:
        if self.index_max_document_bytes > self.index_batch_max_bytes:
            raise ValueError("index_max_document_bytes must not exceed index_batch_max_bytes")
        if self.index_retry_initial_s > self.index_retry_max_s:
            raise ValueError("index_retry_initial_s must not exceed index_retry_max_s")
        return self

    def consumer_topics(self) -> list[str]:
        """The topics the service consumes: enriched articles and claims."""
        return [self.topic_enriched, self.topic_claims]
