"""Prometheus metrics of the enrich worker, registered in the registry passed in."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# Articles take milliseconds normally and seconds when huge; the buckets cover both.
_PROCESSING_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


@dataclass(frozen=True)
class EnrichMetrics:
    """The worker's metrics; ``create_metrics`` builds them."""

    articles: Counter
    claims: Counter
    processing_seconds: Histogram
    dead_letters: Counter
    assigned_partitions: Gauge
    consumer_lag: Gauge
    core_compiled: Gauge


def core_is_compiled() -> bool:
    """True when this process runs the mypyc build of the enrichment core (``make compiled``).

    Looks at how ``claimwire_enrich.amounts`` would be loaded: from a C extension or a
    ``.py`` file. Pure apart from reading ``sys.path``.
    """
    spec = importlib.util.find_spec("claimwire_enrich.amounts")
    return spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)


def create_metrics(registry: CollectorRegistry) -> EnrichMetrics:
    """Register the enrich metrics in ``registry`` (a fresh one per app, so per test)."""
    return EnrichMetrics(
        articles=Counter(
            "claimwire_enrich_articles",
            "Raw articles handled, by outcome (enriched, dead_lettered).",
            ["outcome"],
            registry=registry,
        ),
        claims=Counter(
            "claimwire_enrich_claims",
            "Claims extracted, by outcome (produced, or dead_lettered with their article).",
            ["outcome"],
            registry=registry,
        ),
        processing_seconds=Histogram(
            "claimwire_enrich_processing_seconds",
            "From taking a raw article to the broker's ack of its outputs or dead letter.",
            buckets=_PROCESSING_BUCKETS,
            registry=registry,
        ),
        dead_letters=Counter(
            "claimwire_enrich_dead_letters",
            "Dead letters written, by reason.",
            ["reason"],
            registry=registry,
        ),
        assigned_partitions=Gauge(
            "claimwire_enrich_assigned_partitions",
            "Partitions of the raw topic assigned to this worker, at the last scrape or probe.",
            registry=registry,
        ),
        consumer_lag=Gauge(
            "claimwire_enrich_consumer_lag",
            "Messages of the assigned partitions not yet committed, at the last scrape or probe.",
            registry=registry,
        ),
        core_compiled=Gauge(
            "claimwire_enrich_core_compiled",
            "1 when the worker runs the mypyc-compiled enrichment core, 0 when interpreted.",
            registry=registry,
        ),
    )
