"""Faults: the service killed, stopped, and cut off from Elasticsearch mid-stream.

The shared Elasticsearch node is never stopped: the outage is a TCP proxy of
this test's own that stops forwarding for half a minute.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, enriched_article
from prometheus_client import CollectorRegistry

pytestmark = pytest.mark.integration

OUTAGE_S = 30.0


def scrape(port: int, name: str) -> float | None:
    """One sample of ``name`` from the service's /metrics, or None before it answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            text = response.read().decode()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


def stop_process(process: subprocess.Popen[bytes], sig: int, timeout_s: float = 60) -> int:
    process.send_signal(sig)
    try:
        return process.wait(timeout=timeout_s)
    finally:
        if process.poll() is None:
            process.kill()


def assert_each_id_once(harness: Any, kind: DocKind, expected: int) -> None:
    """Exactly ``expected`` documents, none of them stored twice (in any monthly index).

    Reads every id back rather than trusting a cardinality aggregation, which is
    approximate even below its precision threshold.
    """
    id_field = "article_id" if kind == DocKind.ARTICLES else "claim_id"
    harness.es.indices.refresh(index=harness.alias(kind))
    response = harness.es.search(
        index=harness.alias(kind),
        body={
            "size": expected + 100,
            "track_total_hits": True,
            "_source": [id_field],
            "query": {"match_all": {}},
        },
    )
    ids = [hit["_source"][id_field] for hit in response["hits"]["hits"]]
    assert response["hits"]["total"]["value"] == expected
    assert len(ids) == expected
    assert len(set(ids)) == expected, "a document is stored twice"


def test_sigkill_mid_stream_then_restart_loses_and_duplicates_nothing(harness_factory: Any) -> None:
    harness = harness_factory(index_batch_max_docs=50)
    total = 4000
    run = harness.settings.es_index_prefix
    harness.produce_events([enriched_article(i, run=run) for i in range(total)])
    port = harness.free_port()
    first = harness.start_cli("index", "run", index_http_port=port)
    try:
        harness.wait_until(lambda: harness.count(DocKind.ARTICLES) > 0, 90, "the first documents")
    finally:
        first.kill()  # SIGKILL: no flush, no commit, no goodbye to the group
        first.wait(timeout=30)
    indexed_at_kill = harness.count(DocKind.ARTICLES)
    committed_at_kill = harness.committed()
    print(f"killed with {indexed_at_kill} indexed and {committed_at_kill} committed of {total}")
    assert indexed_at_kill < total, "the service finished before it could be killed"
    assert committed_at_kill <= indexed_at_kill

    second = harness.start_cli("index", "run", index_http_port=port)
    try:

        def state() -> str:
            return (
                f"{harness.count(DocKind.ARTICLES)} indexed, {harness.committed()} committed, "
                f"second process exit code {second.poll()}"
            )

        harness.wait_until(
            lambda: harness.count(DocKind.ARTICLES) == total, 180, f"{total} articles", state
        )
        harness.wait_until(lambda: harness.committed() == total, 60, f"{total} committed", state)
    finally:
        exit_code = stop_process(second, signal.SIGTERM)
    assert exit_code == 0
    assert_each_id_once(harness, DocKind.ARTICLES, total)


def test_sigterm_flushes_and_commits_what_was_consumed(harness_factory: Any) -> None:
    # Neither count, bytes nor time would flush this batch: only the shutdown does.
    harness = harness_factory(index_flush_interval_s=600, index_batch_max_docs=10_000)
    run = harness.settings.es_index_prefix
    articles = [enriched_article(i, run=run) for i in range(7)]
    claims = [claim_of(a) for a in articles] + [claim_of(a, 1) for a in articles]
    port = harness.free_port()
    process = harness.start_cli("index", "run", index_http_port=port)
    try:
        harness.wait_until(
            lambda: scrape(port, "claimwire_index_pending_messages") is not None, 60, "/metrics"
        )
        harness.produce_events([*articles, *claims])
        harness.wait_until(
            lambda: scrape(port, "claimwire_index_pending_messages") == 21,
            60,
            "21 messages consumed and buffered",
        )
        assert harness.count(DocKind.ARTICLES) == 0
        assert harness.committed() == 0
    finally:
        exit_code = stop_process(process, signal.SIGTERM)
    assert exit_code == 0
    assert harness.count(DocKind.ARTICLES) == 7
    assert harness.count(DocKind.CLAIMS) == 14
    assert harness.committed() == 21


def test_elasticsearch_outage_loses_nothing_and_commits_nothing_early(
    harness: Any, es_proxy: Any
) -> None:
    run = harness.settings.es_index_prefix
    service_settings = harness.settings.model_copy(update={"es_url": es_proxy.url})
    registry = CollectorRegistry()
    port = harness.free_port()
    before = [enriched_article(i, run=run) for i in range(40)]
    during = [enriched_article(i, run=run) for i in range(40, 80)]
    with harness.service(settings=service_settings, registry=registry, health_port=port):
        harness.produce_events(before)
        harness.wait_until(lambda: harness.committed() == 40, 60, "40 committed before the cut")
        assert harness.count(DocKind.ARTICLES) == 40

        es_proxy.cut()
        harness.produce_events(during)
        outage_ends = time.monotonic() + OUTAGE_S
        observations = []
        while time.monotonic() < outage_ends:
            committed = harness.committed()
            indexed = harness.count(DocKind.ARTICLES)  # directly, not through the proxy
            observations.append((committed, indexed))
            time.sleep(1.0)
        with pytest.raises(urllib.error.HTTPError) as not_ready:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5)
        assert not_ready.value.code == 503
        assert json.loads(not_ready.value.read())["reason"] == "not connected"
        retries = registry.get_sample_value(
            "claimwire_index_bulk_retries_total", {"cause": "connection"}
        )
        assert retries is not None and retries >= 3

        es_proxy.restore()
        harness.wait_until(lambda: harness.count(DocKind.ARTICLES) == 80, 60, "80 after restore")
        harness.wait_until(lambda: harness.committed() == 80, 30, "80 committed after restore")

    assert len(observations) >= OUTAGE_S - 5
    assert all(committed == 40 and indexed == 40 for committed, indexed in observations), (
        f"offsets moved or documents appeared during the outage: {observations}"
    )
    assert_each_id_once(harness, DocKind.ARTICLES, 80)
