"""A slow article ahead of fast ones on one partition is never committed past.

With several actors per worker, the fast articles behind a slow one finish
first. If the group's commit moved past the slow article while it was still
being enriched, a crash at that moment would lose it: the next worker starts
after it. This test kills the worker the moment the commit first moves, then
restarts it, and requires every article's output.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from typing import Any

import pytest
from claimwire_enrich.service.settings import EnrichSettings
from claimwire_schemas.events import ArticleRaw

pytestmark = pytest.mark.integration

Broker = Any  # conftest.Broker
StartWorker = Callable[..., Any]
Wire = Callable[[int], ArticleRaw]

# About 900 kB of wire copy: seconds of enrichment and thousands of claims to produce,
# while each small article takes milliseconds (the raw topic accepts 10 MB messages).
SLOW_PARAGRAPHS = 1600
FAST_ARTICLES = 40


def _slow_article(wire: Wire) -> ArticleRaw:
    base = wire(10_000)
    body = "\n".join(wire(10_000 + i).body for i in range(SLOW_PARAGRAPHS))
    return base.model_copy(update={"body": body})


def _wait_for_first_commit(broker: Broker, group: str, timeout_s: float) -> int | None:
    """Poll the group's committed offset of partition 0 until it moves; return it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        committed, _ = broker.committed_and_end(group)[0]
        if committed:
            return int(committed)
        time.sleep(0.05)
    return None


def test_a_crash_when_the_commit_first_moves_loses_no_article_behind_a_slow_one(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    slow = _slow_article(wire)
    fast = [wire(i) for i in range(FAST_ARTICLES)]
    broker.send_article(slow, partition=0)
    for article in fast:
        broker.send_article(article, partition=0)
    group = enrich_settings.enrich_app_id

    victim = start_worker("victim", enrich_concurrency=4, enrich_commit_interval_s=0.2)
    victim.wait_ready()
    committed = _wait_for_first_commit(broker, group, timeout_s=180)
    victim.stop(signal.SIGKILL)
    assert committed is not None, victim.log()

    successor = start_worker("successor", enrich_concurrency=4)
    successor.wait_ready()
    wanted = {a.article_id for a in [slow, *fast]}

    def settled(records: list[Any]) -> bool:
        return {r.key.decode() for r in records} >= wanted

    enriched = broker.read(enrich_settings.topic_enriched, settled, timeout_s=180)
    letters = broker.read(enrich_settings.topic_deadletter, lambda rs: False, timeout_s=2)

    keys = {r.key.decode() for r in enriched}
    print(f"first commit at offset {committed} of {1 + FAST_ARTICLES}")
    assert letters == []
    assert slow.article_id in keys, f"the slow article was lost (first commit at {committed})"
    assert keys == wanted
    assert successor.stop() == 0
