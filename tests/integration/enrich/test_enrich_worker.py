"""``claimwire enrich`` against the real broker: outputs, dead letters, restarts, sharing.

Fixtures (``conftest.py``): ``enrich_settings`` (this test's topics and
group), ``broker`` (produce and read back), ``start_worker`` (a
``claimwire enrich`` subprocess), ``wire`` (distinct test articles).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import pytest
from claimwire_enrich.core import enrich_article
from claimwire_enrich.service.settings import EnrichSettings
from claimwire_schemas.cloudevents import from_headers
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import ArticleEnriched, ArticleRaw, Claim, DeadLetterReason, Stage

pytestmark = pytest.mark.integration

Broker = Any  # conftest.Broker
Worker = Any  # conftest.Worker
StartWorker = Callable[[str], Worker]
Wire = Callable[[int], ArticleRaw]


def _keys(records: Iterable[Any]) -> set[str]:
    return {r.key.decode() for r in records}


def _claim_ids(records: Iterable[Any]) -> set[str]:
    return {Claim.model_validate_json(r.value).claim_id for r in records}


def _expected_claim_ids(articles: Iterable[ArticleRaw]) -> set[str]:
    """What the core finds, run here in-process: the claims the worker must produce."""
    now = datetime.now(UTC)
    return {c.claim_id for a in articles for c in enrich_article(a, now=now).claims}


def _eventually(check: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return check()


def _all_committed(broker: Broker, group: str) -> bool:
    return all((c or 0) == end for c, end in broker.committed_and_end(group).values())


def test_raw_articles_come_out_enriched_with_their_claims_keyed_and_traced(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    articles = [wire(i) for i in range(12)]
    traces = {a.article_id: broker.send_article(a) for a in articles}
    expected_claims = _expected_claim_ids(articles)
    assert expected_claims, "the test articles must contain claims"
    worker = start_worker("w1")
    worker.wait_ready()

    enriched = broker.read(enrich_settings.topic_enriched, lambda rs: _keys(rs) >= set(traces))
    claims = broker.read(enrich_settings.topic_claims, lambda rs: _claim_ids(rs) >= expected_claims)

    assert _keys(enriched) == set(traces)
    for record in enriched:
        article = ArticleEnriched.model_validate_json(record.value)
        event = from_headers(record.headers)
        assert record.key.decode() == article.article_id
        assert event is not None and event.trace_id == traces[article.article_id]
    assert _claim_ids(claims) == expected_claims
    for record in claims:
        claim = Claim.model_validate_json(record.value)
        event = from_headers(record.headers)
        assert record.key.decode() == claim.article_id
        assert event is not None and event.trace_id == traces[claim.article_id]
    assert _eventually(
        lambda: worker.metric("claimwire_enrich_articles_total", outcome="enriched") == 12
    )
    assert worker.metric("claimwire_enrich_claims_total", outcome="produced") == len(claims)
    assert worker.metric("claimwire_enrich_processing_seconds_count") == 12

    assert worker.stop(signal.SIGTERM) == 0, worker.log()
    assert _all_committed(broker, enrich_settings.enrich_app_id)


def test_poison_messages_are_dead_lettered_with_their_reason_and_the_stream_goes_on(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    # All on partition 0, bad ones first: what comes after them must still be enriched.
    # The last one is a valid ArticleRaw that the core refuses (a NUL in the body).
    refused = wire(99).model_copy(update={"body": "Officials said 40 homes\x00 burned."})
    bad = {
        b"not json at all {": DeadLetterReason.NOT_JSON,
        b'{"article_id": "x1", "title": "no body"}': DeadLetterReason.SCHEMA_INVALID,
        b"\xff\xfe\x00 not utf-8": DeadLetterReason.DECODE_ERROR,
        refused.model_dump_json().encode(): DeadLetterReason.DECODE_ERROR,
    }
    for value in bad:
        broker.send_bytes(b"poison", value, partition=0)
    broker.send_bytes(b"tombstone", None, partition=0)
    good = [wire(i) for i in range(5)]
    for article in good:
        broker.send_article(article, partition=0)
    worker = start_worker("w1")
    worker.wait_ready()

    letters = broker.read(enrich_settings.topic_deadletter, lambda rs: len(rs) >= 5)
    enriched = broker.read(
        enrich_settings.topic_enriched, lambda rs: _keys(rs) >= {a.article_id for a in good}
    )

    assert _keys(enriched) == {a.article_id for a in good}
    assert len(letters) == 5
    by_value = {r.value: read_dead_letter(r.headers) for r in letters}
    for value, reason in bad.items():
        info = by_value[value]
        assert info.reason is reason
        assert info.stage is Stage.ENRICH
        assert info.source_topic == enrich_settings.topic_raw
        assert info.source_partition == 0
        assert info.error
    assert by_value[None].reason is DeadLetterReason.EMPTY
    assert sorted(read_dead_letter(r.headers).source_offset or 0 for r in letters) == [
        0,
        1,
        2,
        3,
        4,
    ]
    assert "NUL" in by_value[refused.model_dump_json().encode()].error
    assert {r.key for r in letters} == {b"poison", b"tombstone"}
    assert _eventually(
        lambda: worker.metric("claimwire_enrich_dead_letters_total", reason="not_json") == 1
    )
    assert worker.metric("claimwire_enrich_articles_total", outcome="dead_lettered") == 5
    assert _eventually(lambda: _all_committed(broker, enrich_settings.enrich_app_id)), (
        broker.committed_and_end(enrich_settings.enrich_app_id)
    )
    assert worker.stop() == 0


def test_a_worker_killed_mid_stream_and_restarted_loses_no_output(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    first, later = [wire(i) for i in range(200)], [wire(i) for i in range(200, 240)]
    for article in first:
        broker.send_article(article)
    expected_claims = _expected_claim_ids(first + later)
    victim = start_worker("victim")
    victim.wait_ready()
    seen_before_kill = broker.read(enrich_settings.topic_enriched, lambda rs: len(rs) >= 20)
    victim.stop(signal.SIGKILL)
    for article in later:
        broker.send_article(article)

    successor = start_worker("successor")
    successor.wait_ready()
    wanted = {a.article_id for a in first + later}
    enriched = broker.read(enrich_settings.topic_enriched, lambda rs: _keys(rs) >= wanted, 240)
    claims = broker.read(
        enrich_settings.topic_claims, lambda rs: _claim_ids(rs) >= expected_claims, 240
    )

    print(
        f"killed after {len(seen_before_kill)} of {len(first)} enriched records; "
        f"{len(enriched) - len(wanted)} redelivered after the restart"
    )
    assert _keys(enriched) == wanted
    assert _claim_ids(claims) == expected_claims
    assert broker.read(enrich_settings.topic_deadletter, lambda rs: False, 2) == []
    assert _eventually(lambda: _all_committed(broker, enrich_settings.enrich_app_id))
    assert successor.stop() == 0


def test_two_workers_in_one_group_share_the_partitions(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    # The second worker joins mid-stream, so the first goes through a rebalance while busy.
    before, after = [wire(i) for i in range(150)], [wire(i) for i in range(150, 190)]
    first = start_worker("a")
    first.wait_ready()
    for article in before:
        broker.send_article(article)
    broker.read(enrich_settings.topic_enriched, lambda rs: len(rs) >= 10)
    second = start_worker("b")
    workers = [first, second]

    def shared() -> bool:
        owned = [set((w.readyz() or {}).get("partitions", [])) for w in workers]
        return all(owned) and not owned[0] & owned[1] and len(owned[0] | owned[1]) == 4

    assert _eventually(shared, 120), [w.readyz() for w in workers]
    for article in after:
        broker.send_article(article)
    wanted = {a.article_id for a in before + after}
    enriched = broker.read(enrich_settings.topic_enriched, lambda rs: _keys(rs) >= wanted)

    assert _keys(enriched) == wanted
    assert _eventually(
        lambda: all(
            w.metric("claimwire_enrich_articles_total", outcome="enriched") > 0 for w in workers
        )
    )
    assert all(w.metric("claimwire_enrich_assigned_partitions") > 0 for w in workers)
    assert broker.read(enrich_settings.topic_deadletter, lambda rs: False, 2) == []
    assert _eventually(lambda: _all_committed(broker, enrich_settings.enrich_app_id))
    assert [w.stop() for w in workers] == [0, 0]


def test_when_even_the_dead_letter_is_refused_the_worker_exits_without_committing_it(
    enrich_settings: EnrichSettings, broker: Broker, start_worker: StartWorker, wire: Wire
) -> None:
    # A 5 kB poison message and a 1 kB produce limit: its dead letter cannot be written.
    broker.send_bytes(b"big", b"x" * 5000, partition=0)
    broker.send_article(wire(0), partition=0)
    worker = start_worker("w1", enrich_max_message_bytes=1024)

    exit_code = worker.process.wait(timeout=180)

    assert exit_code == 1, worker.log()
    assert "OutputRejectedError" in worker.log()
    committed, end = broker.committed_and_end(enrich_settings.enrich_app_id)[0]
    assert (committed, end) in {(None, 2), (0, 2)}
    assert broker.read(enrich_settings.topic_deadletter, lambda rs: False, 2) == []
    assert broker.read(enrich_settings.topic_enriched, lambda rs: False, 2) == []
