"""Index service throughput against the local node, next to the sink's own limit.

Run with the local stack up (``make up``):

    .venv/bin/python bench/index_bench.py [--docs 5000] [--runs 3]

Each run produces ``--docs`` synthetic enriched articles (built with the
schema models) to a topic of its own, then runs the index service on them and
times it from its first indexed document to its last (start-up and the group
join are left out; they are reported apart). In the same run the same
documents go straight to Elasticsearch with ``elasticsearch.helpers.bulk``,
in chunks of the service's batch size: that is the sink's limit, and the
ratio says how much of it the service reaches. Medians over the runs go to
``bench/results/index.json``; topics, indices and templates are deleted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimwire_index.documents import to_action
from claimwire_index.elastic import apply_setup, create_client
from claimwire_index.names import DocKind, alias_name
from claimwire_index.runner import run_index_service
from claimwire_index.settings import IndexSettings
from claimwire_index.synthetic import encode, enriched_article, headers_for
from elasticsearch import helpers
from kafka import KafkaAdminClient
from prometheus_client import CollectorRegistry

from claimwire.stack.es_security import ADMIN_USER, INDEX_USER, identity_from_environment
from claimwire_base.kafka_io import create_producer, ensure_topics

RESULTS = Path(__file__).resolve().parent / "results" / "index.json"
POLL_S = 0.02


def _settings(run_id: str, prefix: str, user: str = INDEX_USER) -> IndexSettings:
    """The run's settings acting as ``user`` (the index service's user by default)."""
    return IndexSettings(
        **identity_from_environment(user),
        topic_enriched=f"bench-{run_id}-enriched",
        topic_claims=f"bench-{run_id}-claims",
        topic_deadletter=f"bench-{run_id}-deadletter",
        es_index_prefix=prefix,
        index_consumer_group=f"bench-{run_id}-index",
        index_http_host="127.0.0.1",
        index_http_port=0,
    )


def _produce(settings: IndexSettings, docs: int, run_id: str) -> float:
    """Produce the run's articles; returns the seconds it took (not part of any figure)."""
    producer = create_producer(settings)
    started = time.perf_counter()
    for n in range(docs):
        article = enriched_article(n, run=run_id)
        producer.send(
            settings.topic_enriched,
            key=article.article_id.encode(),
            value=encode(article),
            headers=headers_for(article),
        )
    producer.flush(timeout=300)
    producer.close()
    return time.perf_counter() - started


def _time_service(settings: IndexSettings, docs: int) -> dict[str, float]:
    """Run the service until every document is indexed; docs/s from first to last document."""
    registry = CollectorRegistry()
    stop = threading.Event()
    failures: list[BaseException] = []

    def target() -> None:
        try:
            run_index_service(settings, stop, registry, health_port=0)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    def indexed() -> float:
        value = registry.get_sample_value(
            "claimwire_index_docs_indexed_total",
            {"index": alias_name(settings.es_index_prefix, DocKind.ARTICLES)},
        )
        return value or 0.0

    thread = threading.Thread(target=target, daemon=True)
    started = time.perf_counter()
    thread.start()
    first_at = first_count = None
    while indexed() < docs:
        if failures or not thread.is_alive():
            raise RuntimeError(f"index service stopped early: {failures}")
        count = indexed()
        if first_at is None and count > 0:
            first_at, first_count = time.perf_counter(), count
        time.sleep(POLL_S)
    done_at = time.perf_counter()
    stop.set()
    thread.join(timeout=120)
    if failures:
        raise RuntimeError(f"index service failed: {failures[0]!r}")
    assert first_at is not None and first_count is not None
    return {
        "service_docs_per_s": (docs - first_count) / (done_at - first_at),
        "service_startup_s": first_at - started,
        "service_total_s": done_at - started,
    }


def _time_direct_bulk(settings: IndexSettings, docs: int, run_id: str) -> float:
    """The same documents through ``helpers.bulk`` into a prefix of their own; docs/s."""
    direct = settings.model_copy(update={"es_index_prefix": f"{settings.es_index_prefix}-direct"})
    client = create_client(direct, request_timeout=120)
    apply_setup(client, direct)
    actions = []
    for n in range(docs):
        action = to_action(enriched_article(n, run=run_id), direct.es_index_prefix)
        actions.append({"_index": action.index, "_id": action.doc_id, "_source": action.source})
    started = time.perf_counter()
    indexed, errors = helpers.bulk(
        client,
        actions,
        chunk_size=settings.index_batch_max_docs,
        max_chunk_bytes=settings.index_batch_max_bytes,
        raise_on_error=True,
    )
    elapsed = time.perf_counter() - started
    assert indexed == docs and not errors
    client.transport.close()
    return docs / elapsed


def _clean_up(settings: IndexSettings) -> None:
    client = create_client(settings)
    prefix = settings.es_index_prefix
    quiet = client.options(ignore_status=404)
    quiet.indices.delete(index=f"{prefix}-*")
    for template in quiet.indices.get_index_template(name=f"{prefix}-*").get("index_templates", []):
        quiet.indices.delete_index_template(name=template["name"])
    client.close()
    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        admin.delete_topics(
            [settings.topic_enriched, settings.topic_claims, settings.topic_deadletter],
            raise_errors=False,
        )
        admin.delete_groups([settings.index_consumer_group])
    finally:
        admin.close()


def one_run(docs: int) -> dict[str, float]:
    """Produce, index with the service, index directly; figures of this run."""
    run_id = uuid.uuid4().hex[:8]
    prefix = f"claimwire-bench-{run_id}"  # in the index user's claimwire-*
    settings = _settings(run_id, prefix)
    admin = _settings(run_id, prefix, user=ADMIN_USER)
    ensure_topics(
        settings, [settings.topic_enriched, settings.topic_claims, settings.topic_deadletter]
    )
    try:
        setup_client = create_client(admin)
        apply_setup(setup_client, admin)  # the admin's job; the service may not put templates
        setup_client.close()
        produce_s = _produce(settings, docs, run_id)
        figures = _time_service(settings, docs)
        figures["direct_bulk_docs_per_s"] = _time_direct_bulk(admin, docs, run_id)
        figures["produce_s"] = produce_s
        figures["ratio"] = figures["service_docs_per_s"] / figures["direct_bulk_docs_per_s"]
        return figures
    finally:
        _clean_up(admin)


def measure(docs: int = 5000, runs: int = 3) -> dict[str, Any]:
    """Median figures over ``runs`` runs of ``docs`` documents (also used by the e2e bench)."""
    per_run = []
    for number in range(runs):
        figures = one_run(docs)
        per_run.append(figures)
        print(
            f"run {number + 1}/{runs}: service {figures['service_docs_per_s']:.0f} docs/s, "
            f"direct bulk {figures['direct_bulk_docs_per_s']:.0f} docs/s, "
            f"ratio {figures['ratio']:.2f}",
            file=sys.stderr,
        )
    settings = IndexSettings()
    sample = enriched_article(0)
    return {
        "docs": docs,
        "runs": runs,
        "service_docs_per_s": statistics.median(r["service_docs_per_s"] for r in per_run),
        "direct_bulk_docs_per_s": statistics.median(r["direct_bulk_docs_per_s"] for r in per_run),
        "ratio": statistics.median(r["ratio"] for r in per_run),
        "service_startup_s": statistics.median(r["service_startup_s"] for r in per_run),
        "doc_bytes": to_action(sample, "bench").size_bytes,
        "batch_max_docs": settings.index_batch_max_docs,
        "batch_max_bytes": settings.index_batch_max_bytes,
        "per_run": per_run,
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "measured_at": datetime.now(UTC).isoformat(),
    }


def _cpus() -> int:
    return os.cpu_count() or 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = measure(args.docs, args.runs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"index service: {result['service_docs_per_s']:.0f} docs/s; "
        f"helpers.bulk: {result['direct_bulk_docs_per_s']:.0f} docs/s; "
        f"ratio {result['ratio']:.2f} (median of {args.runs} runs of {args.docs} docs) "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
