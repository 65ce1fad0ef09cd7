"""Elasticsearch pushing back for real: a write block, a 429, a frozen node.

Each test makes the shared node refuse or stall in a way an operator would
meet, then lets it recover, and checks that nothing was dead-lettered,
nothing committed early, and every document stored exactly once.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, enriched_article
from prometheus_client import CollectorRegistry

from claimwire.stack.jvm import Service, running_pid
from claimwire.stack.settings import StackSettings

pytestmark = pytest.mark.integration

FREEZE_S = 30.0


def retries(registry: CollectorRegistry, cause: str) -> float:
    value = registry.get_sample_value("claimwire_index_bulk_retries_total", {"cause": cause})
    return 0.0 if value is None else value


def assert_each_id_once(harness: Any, kind: DocKind, expected: set[str]) -> None:
    """The stored ids are exactly ``expected``, none of them in two documents."""
    harness.es.indices.refresh(index=harness.alias(kind))
    hits = harness.es.search(
        index=harness.alias(kind),
        body={"size": len(expected) + 100, "query": {"match_all": {}}, "_source": False},
    )["hits"]["hits"]
    ids = [hit["_id"] for hit in hits]
    assert len(ids) == len(set(ids)), "a document is stored twice"
    assert set(ids) == expected


@contextmanager
def write_block(harness: Any, index: str) -> Iterator[None]:
    """``index.blocks.write`` on ``index`` for the duration; always lifted again."""
    harness.es.indices.put_settings(index=index, body={"index.blocks.write": True})
    try:
        yield
    finally:
        harness.es.indices.put_settings(index=index, body={"index.blocks.write": None})


@contextmanager
def flood_stage_block(harness: Any, index: str) -> Iterator[None]:
    """The block Elasticsearch puts on an index when a disk passes the flood-stage watermark.

    Every write to ``index`` then gets a real per-item ``429 Too Many Requests``
    (``TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark``), as on a full
    disk; always lifted again. (Elasticsearch 9 no longer trips the in-flight requests
    breaker for a small bulk request, and its write queue size is a static node setting.)
    """
    setting = "index.blocks.read_only_allow_delete"
    harness.es.indices.put_settings(index=index, body={setting: True})
    try:
        yield
    finally:
        harness.es.indices.put_settings(index=index, body={setting: None})


def test_a_write_block_is_waited_out_and_nothing_is_dead_lettered(harness: Any) -> None:
    run = harness.settings.es_index_prefix
    before = [enriched_article(i, run=run) for i in range(10)]
    during = [enriched_article(i, run=run) for i in range(10, 30)]
    registry = CollectorRegistry()
    with harness.service(registry=registry):
        harness.produce_events(before)
        harness.wait_until(lambda: harness.committed() == 10, 60, "10 committed before the block")
        with write_block(harness, f"{run}-articles-v1-2024.10"):
            harness.produce_events([*during, *(claim_of(a) for a in during)])
            harness.wait_until(
                lambda: retries(registry, "blocked") >= 3, 60, "three retries of blocked writes"
            )
            assert harness.committed() == 10, "offsets moved while the index was blocked"
            assert harness.count(DocKind.ARTICLES) == 10
        harness.wait_until(lambda: harness.committed() == 50, 60, "50 committed after the block")
    assert harness.dead_letters(expected=0, timeout_s=2) == []
    assert_each_id_once(harness, DocKind.ARTICLES, {a.article_id for a in before + during})
    assert_each_id_once(harness, DocKind.CLAIMS, {claim_of(a).claim_id for a in during})


def test_a_real_429_is_retried_until_elasticsearch_takes_the_batch(harness: Any) -> None:
    run = harness.settings.es_index_prefix
    before = [enriched_article(i, run=run) for i in range(5)]
    during = [enriched_article(i, run=run) for i in range(5, 25)]
    registry = CollectorRegistry()
    with harness.service(registry=registry):
        harness.produce_events(before)
        harness.wait_until(lambda: harness.committed() == 5, 60, "5 committed before the limit")
        with flood_stage_block(harness, f"{run}-articles-v1-2024.10"):
            harness.produce_events(during)
            harness.wait_until(lambda: retries(registry, "blocked") >= 3, 60, "three 429 retries")
            assert harness.committed() == 5, "offsets moved while Elasticsearch answered 429"
            assert harness.count(DocKind.ARTICLES) == 5
        harness.wait_until(lambda: harness.committed() == 25, 60, "25 committed after the 429s")
    assert harness.dead_letters(expected=0, timeout_s=2) == []
    assert_each_id_once(harness, DocKind.ARTICLES, {a.article_id for a in before + during})


def elasticsearch_pids() -> list[int]:
    """The stack's Elasticsearch process and every process under it (the launcher starts the
    server JVM as its child, so stopping the launcher alone would freeze nothing)."""
    root = running_pid(Service("elasticsearch", StackSettings()))
    if root is None:
        pytest.fail("no Elasticsearch of this stack to freeze (run under `claimwire stack run`)")
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree.extend(children)
        frontier = children
    return tree


def test_a_frozen_elasticsearch_loses_and_duplicates_nothing(harness: Any) -> None:
    run = harness.settings.es_index_prefix
    pids = elasticsearch_pids()
    before = [enriched_article(i, run=run) for i in range(40)]
    during = [enriched_article(i, run=run) for i in range(40, 120)]
    with harness.service(harness.settings.model_copy(update={"es_request_timeout_s": 5.0})):
        harness.produce_events(before)
        harness.wait_until(lambda: harness.committed() == 40, 60, "40 committed before the freeze")
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            harness.produce_events([*during, *(claim_of(a) for a in during)])
            frozen_until = time.monotonic() + FREEZE_S
            committed_while_frozen = set()
            while time.monotonic() < frozen_until:  # the scenario's length, not a wait for state
                committed_while_frozen.add(harness.committed())
                time.sleep(1.0)
        finally:
            for pid in pids:
                os.kill(pid, signal.SIGCONT)
        assert committed_while_frozen == {40}, "offsets moved while Elasticsearch was frozen"
        harness.wait_until(lambda: harness.committed() == 200, 120, "200 committed after thawing")
    assert harness.dead_letters(expected=0, timeout_s=2) == []
    assert_each_id_once(harness, DocKind.ARTICLES, {a.article_id for a in before + during})
    assert_each_id_once(harness, DocKind.CLAIMS, {claim_of(a).claim_id for a in during})
