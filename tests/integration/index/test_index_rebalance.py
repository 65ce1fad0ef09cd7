"""Index services rebalanced while enriched events flow.

1 -> 2 -> 1 services, the second one SIGKILLed:
Two real ``claimwire index run`` processes share the consumer group: the
second one's arrival and its death each rebalance the partitions (the death
only once its session times out, as after a crash). Every article id and
claim id must end up in Elasticsearch exactly once, and every offset
committed.
"""

from __future__ import annotations

import signal
import threading
import urllib.request
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, enriched_article
from claimwire_schemas.events import ArticleEnriched, Claim
from kafka import KafkaConsumer
from prometheus_client import CollectorRegistry

pytestmark = pytest.mark.integration

CHUNK = 100  # articles per produce call, each with one claim
MIN_CHUNKS = 10


def articles_indexed_by(port: int) -> float:
    """``claimwire_index_docs_indexed_total`` of the articles alias, from a service's /metrics."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            text = response.read().decode()
    except OSError:
        return 0.0
    total = 0.0
    for line in text.splitlines():
        if line.startswith("claimwire_index_docs_indexed_total{") and "-articles" in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


class Flow:
    """Produces chunks of articles and claims on a thread until told the scenario is over."""

    def __init__(self, harness: Any) -> None:
        self.harness = harness
        self.events: list[ArticleEnriched | Claim] = []
        self.scenario_over = threading.Event()
        self.failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="flow", daemon=True)

    def start(self) -> Flow:
        self._thread.start()
        return self

    def _run(self) -> None:
        run = self.harness.settings.es_index_prefix
        chunk = 0
        try:
            while chunk < MIN_CHUNKS or not self.scenario_over.is_set():
                articles = [enriched_article(chunk * CHUNK + i, run=run) for i in range(CHUNK)]
                batch = [*articles, *(claim_of(a) for a in articles)]
                self.harness.produce_events(batch)
                self.events += batch
                chunk += 1
        except BaseException as exc:  # handed to the test thread in join()
            self.failure = exc

    def join(self) -> list[ArticleEnriched | Claim]:
        self.scenario_over.set()
        self._thread.join(timeout=300)
        assert not self._thread.is_alive(), "the producer did not finish"
        if self.failure is not None:
            raise self.failure
        return self.events


def stored_ids(harness: Any, kind: DocKind) -> list[str]:
    """Every stored document id of ``kind``, duplicates included, page by page."""
    id_field = "article_id" if kind == DocKind.ARTICLES else "claim_id"
    harness.es.indices.refresh(index=harness.alias(kind))
    ids: list[str] = []
    after: list[Any] | None = None
    while True:
        body: dict[str, Any] = {
            "size": 5000,
            "_source": False,
            "sort": [{id_field: "asc"}, {"_index": "asc"}],
        }
        if after is not None:
            body["search_after"] = after
        hits = harness.es.search(index=harness.alias(kind), body=body)["hits"]["hits"]
        ids += [hit["_id"] for hit in hits]
        if len(hits) < 5000:
            return ids
        after = hits[-1]["sort"]


def test_one_two_one_services_with_a_sigkill_store_every_id_exactly_once(
    harness_factory: Any,
) -> None:
    harness = harness_factory(index_batch_max_docs=50, index_session_timeout_s=6.0)
    first_port, second_port = harness.free_port(), harness.free_port()
    first = harness.start_cli("index", "run", index_http_port=first_port)
    second = None
    try:
        flow = Flow(harness).start()
        harness.wait_until(lambda: articles_indexed_by(first_port) > 0, 90, "the first indexing")
        second = harness.start_cli("index", "run", index_http_port=second_port)  # 1 -> 2
        harness.wait_until(
            lambda: articles_indexed_by(second_port) > 0, 120, "the second service indexing"
        )
        second.kill()  # 2 -> 1: no flush, no commit, no goodbye to the group
        second.wait(timeout=30)
        events = flow.join()
        articles = {e.article_id for e in events if isinstance(e, ArticleEnriched)}
        claims = {e.claim_id for e in events if isinstance(e, Claim)}
        total = len(articles) + len(claims)

        def state() -> str:
            return f"{harness.committed()} of {total} committed; first exit {first.poll()}"

        harness.wait_until(lambda: harness.committed() == total, 240, "every offset", state)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=60)
                except Exception:
                    process.kill()
                    raise
    assert first.returncode == 0
    article_ids = stored_ids(harness, DocKind.ARTICLES)
    claim_ids = stored_ids(harness, DocKind.CLAIMS)
    assert len(article_ids) == len(set(article_ids)), "an article is stored twice"
    assert len(claim_ids) == len(set(claim_ids)), "a claim is stored twice"
    assert set(article_ids) == articles
    assert set(claim_ids) == claims
    assert harness.dead_letters(expected=0, timeout_s=2) == []
    print(f"1 -> 2 -> 1 with a SIGKILL: {len(articles)} articles, {len(claims)} claims, once each")


def pending(registry: CollectorRegistry) -> float:
    return registry.get_sample_value("claimwire_index_pending_messages") or 0.0


def dropped(registry: CollectorRegistry) -> float:
    return registry.get_sample_value("claimwire_index_dropped_on_rebalance_total") or 0.0


def test_a_partition_handed_straight_back_is_read_again_from_what_was_dropped(
    harness_factory: Any,
) -> None:
    """kafka-python keeps the position of a partition revoked and re-assigned in one rebalance.

    The service drops what it buffered for every revoked partition; when the
    partition comes straight back, reading must resume at the first dropped
    offset, not at the kept position past it (which loses the dropped messages).
    """
    harness = harness_factory(index_batch_max_docs=5000, index_flush_interval_s=600.0)
    run = harness.settings.es_index_prefix
    articles = [enriched_article(i, run=run) for i in range(120)]
    harness.produce_events(articles)
    registry = CollectorRegistry()
    with harness.service(registry=registry):
        harness.wait_until(lambda: pending(registry) == len(articles), 60, "every article buffered")
        # A second member of the group subscribed to the claims topic only: the eager
        # rebalance revokes every partition, then hands the articles' ones straight back.
        other = KafkaConsumer(
            harness.settings.topic_claims,
            **harness.settings.kafka_client_options(),
            group_id=harness.settings.index_consumer_group,
            enable_auto_commit=False,
        )
        try:
            harness.wait_until(
                lambda: bool(other.poll(timeout_ms=200) is not None and other.assignment()),
                60,
                "the second member's assignment",
            )
            harness.wait_until(lambda: dropped(registry) == len(articles), 30, "the drop")
            harness.wait_until(
                lambda: pending(registry) == len(articles),
                30,
                "the dropped articles read again",
                lambda: f"{pending(registry)} pending",
            )
        finally:
            other.close(autocommit=False)
    assert harness.count(DocKind.ARTICLES) == len(articles)
