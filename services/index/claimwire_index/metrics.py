"""Prometheus metrics of the index service, registered on the registry passed in."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_E2E_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400)
_BATCH_DOC_BUCKETS = (1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
_BATCH_BYTE_BUCKETS = tuple(float(2**n) for n in range(10, 27, 2))


@dataclass(frozen=True)
class IndexMetrics:
    docs_indexed: Counter
    docs_failed: Counter
    bulk_seconds: Histogram
    bulk_retries: Counter
    batch_documents: Histogram
    batch_bytes: Histogram
    end_to_end_seconds: Histogram
    consumer_lag: Gauge
    pending_messages: Gauge
    commits: Counter
    dropped_on_rebalance: Counter


def create_metrics(registry: CollectorRegistry) -> IndexMetrics:
    """Register the index service's metrics on ``registry``. Not idempotent per registry."""
    return IndexMetrics(
        docs_indexed=Counter(
            "claimwire_index_docs_indexed",
            "Documents Elasticsearch accepted, by alias.",
            ["index"],
            registry=registry,
        ),
        docs_failed=Counter(
            "claimwire_index_docs_failed",
            "Messages dead-lettered instead of indexed, by alias and reason.",
            ["index", "reason"],
            registry=registry,
        ),
        bulk_seconds=Histogram(
            "claimwire_index_bulk_seconds",
            "Duration of one bulk request, retries counted separately.",
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        ),
        bulk_retries=Counter(
            "claimwire_index_bulk_retries",
            "Bulk requests or documents sent again after a retriable failure, by cause.",
            ["cause"],
            registry=registry,
        ),
        batch_documents=Histogram(
            "claimwire_index_batch_documents",
            "Messages per flushed batch.",
            buckets=_BATCH_DOC_BUCKETS,
            registry=registry,
        ),
        batch_bytes=Histogram(
            "claimwire_index_batch_bytes",
            "Bulk body bytes per flushed batch.",
            buckets=_BATCH_BYTE_BUCKETS,
            registry=registry,
        ),
        end_to_end_seconds=Histogram(
            "claimwire_index_end_to_end_seconds",
            "From the article's ingested_at to Elasticsearch accepting the document.",
            ["index"],
            buckets=_E2E_BUCKETS,
            registry=registry,
        ),
        consumer_lag=Gauge(
            "claimwire_index_consumer_lag",
            "Messages behind the end of each consumed topic (assigned partitions).",
            ["topic"],
            registry=registry,
        ),
        pending_messages=Gauge(
            "claimwire_index_pending_messages",
            "Messages consumed but not yet indexed or dead-lettered and committed.",
            registry=registry,
        ),
        commits=Counter(
            "claimwire_index_commits",
            "Offset commits after a batch was fully indexed or dead-lettered.",
            registry=registry,
        ),
        dropped_on_rebalance=Counter(
            "claimwire_index_dropped_on_rebalance",
            "Buffered messages dropped because their partition was revoked; they are read"
            " again, by this service if the partition came back, else by its new owner.",
            registry=registry,
        ),
    )
