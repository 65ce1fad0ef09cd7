"""Prometheus metrics of the ingest service, registered on the registry passed in."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram

OUTCOMES = ("published", "duplicate", "rejected", "failed")


@dataclass(frozen=True)
class IngestMetrics:
    articles: Counter
    input_bytes: Counter
    publish_latency: Histogram
    rejections: Counter


def create_metrics(registry: CollectorRegistry) -> IngestMetrics:
    """Counters and a histogram on ``registry`` (a fresh one per test, the default in a service).

    ``claimwire_ingest_articles_total{source,outcome}``: outcome is published
    (acknowledged by acks=all), duplicate, rejected (dead-lettered) or failed
    (not acknowledged); ``claimwire_ingest_input_bytes_total{source}``;
    ``claimwire_ingest_publish_latency_seconds``: send to acknowledgement;
    ``claimwire_ingest_rejections_total{reason}``.
    """
    return IngestMetrics(
        articles=Counter(
            "claimwire_ingest_articles",
            "Articles seen by ingest, by source kind and outcome.",
            ["source", "outcome"],
            registry=registry,
        ),
        input_bytes=Counter(
            "claimwire_ingest_input_bytes",
            "Bytes of input read, by source kind.",
            ["source"],
            registry=registry,
        ),
        publish_latency=Histogram(
            "claimwire_ingest_publish_latency_seconds",
            "From send to the broker's acks=all acknowledgement.",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=registry,
        ),
        rejections=Counter(
            "claimwire_ingest_rejections",
            "Inputs rejected and dead-lettered, by reason.",
            ["reason"],
            registry=registry,
        ),
    )
