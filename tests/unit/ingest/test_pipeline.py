"""The batch message path with a fake sink: what is counted, skipped and dead-lettered."""

from __future__ import annotations

import concurrent.futures
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.formats import parse_bytes
from claimwire_ingest.metrics import IngestMetrics, create_metrics
from claimwire_ingest.parsed import ParseContext, Parsed
from claimwire_ingest.pipeline import Delivery, IngestRun
from claimwire_ingest.routing import SeenArticles
from claimwire_schemas.events import ArticleRaw
from prometheus_client import CollectorRegistry

from .conftest import FIXTURES, NOW


class FakeSink:
    """Resolves futures on ``flush`` (like a producer) and can fail chosen keys."""

    def __init__(self, fail: set[str] | None = None, resolve_on_flush: bool = True) -> None:
        self.published: list[ArticleRaw] = []
        self.dead_letters: list[tuple[Parsed, RejectedInput]] = []
        self._fail = fail or set()
        self._resolve_on_flush = resolve_on_flush
        self._open: list[Delivery] = []

    def publish(self, article: ArticleRaw) -> Delivery:
        self.published.append(article)
        return self._delivery(Delivery(article.article_id, article.origin.kind, None, _future()))

    def dead_letter(self, parsed: Parsed, error: RejectedInput) -> Delivery:
        self.dead_letters.append((parsed, error))
        return self._delivery(Delivery(parsed.location, parsed.kind, error.reason, _future()))

    def fail_nothing(self) -> None:
        self._fail = set()

    def _delivery(self, delivery: Delivery) -> Delivery:
        self._open.append(delivery)
        return delivery

    def flush(self, timeout_s: float) -> None:
        if not self._resolve_on_flush:
            return
        for delivery in self._open:
            if delivery.label in self._fail:
                delivery.future.set_exception(RuntimeError("broker said no"))
            else:
                delivery.future.set_result(None)
        self._open.clear()


def _future() -> concurrent.futures.Future[None]:
    return concurrent.futures.Future()


@pytest.fixture
def metrics() -> IngestMetrics:
    return create_metrics(CollectorRegistry())


def _items(ctx: ParseContext) -> Iterator[Parsed]:
    yield from parse_bytes("jsonl", (FIXTURES / "bad" / "mixed-lines.jsonl").read_bytes(), "m", ctx)
    yield from parse_bytes("txt", b"Tram line opens\n\nBERGEN - It opened.\n", "t1.txt", ctx)
    yield from parse_bytes("txt", b"Tram  line opens\n\nBERGEN -  It opened.\n", "t2.txt", ctx)


def test_publishes_good_dead_letters_bad_skips_duplicates(
    ctx: ParseContext, metrics: IngestMetrics
) -> None:
    sink = FakeSink()
    run = IngestRun(sink, SeenArticles(100), metrics, max_in_flight=10)
    for parsed in _items(ctx):
        run.process(parsed)
    summary = run.finish(timeout_s=1)
    assert summary.published == 3
    assert summary.duplicates == 1, "t2.txt differs from t1.txt only in whitespace"
    assert dict(summary.rejected) == {"not_json": 1, "bad_date": 1, "decode_error": 1}
    assert summary.dead_lettered == 3
    assert [p.location for p, _ in sink.dead_letters] == ["m:2", "m:3", "m:4"]
    assert summary.exit_code() == 1
    assert {r.location for r in summary.rejections} == {"m:2", "m:3", "m:4"}


def test_only_acknowledged_articles_count_as_published(
    ctx: ParseContext, metrics: IngestMetrics
) -> None:
    items = list(_items(ctx))
    failing = {p.result.article_id for p in items if isinstance(p.result, ArticleRaw)}
    first_failing = sorted(failing)[0]
    run = IngestRun(FakeSink(fail={first_failing}), SeenArticles(100), metrics, max_in_flight=10)
    for parsed in items:
        run.process(parsed)
    summary = run.finish(timeout_s=1)
    assert summary.published == 2
    assert summary.not_acknowledged == 1
    assert "broker said no" in summary.delivery_errors[0]
    assert summary.exit_code() == 2


def test_unresolved_deliveries_at_the_deadline_are_not_published(
    ctx: ParseContext, metrics: IngestMetrics
) -> None:
    run = IngestRun(FakeSink(resolve_on_flush=False), SeenArticles(100), metrics, max_in_flight=10)
    for parsed in _items(ctx):
        run.process(parsed)
    summary = run.finish(timeout_s=0.05)
    assert summary.published == 0
    assert summary.not_acknowledged == 6
    assert summary.exit_code() == 2


def test_clean_run_exits_zero(ctx: ParseContext, metrics: IngestMetrics) -> None:
    run = IngestRun(FakeSink(), SeenArticles(100), metrics, max_in_flight=1)
    for parsed in parse_bytes("txt", b"T\n\nB\n", "a.txt", ctx):
        run.process(parsed)
    summary = run.finish(timeout_s=1)
    assert (summary.published, summary.exit_code()) == (1, 0)


def _article(ctx: ParseContext, body: str, where: str) -> Parsed:
    data = json.dumps({"title": "Talks resume", "body": body, "url": URL}).encode()
    (parsed,) = parse_bytes("json", data, where, ctx)
    return parsed


URL = "https://news.example.com/world/2026/03/04/talks"


def test_a_corrected_body_is_a_new_revision_and_an_identical_one_a_duplicate(
    metrics: IngestMetrics,
) -> None:
    clock = iter(NOW + timedelta(seconds=s) for s in range(10))
    ctx = ParseContext(max_body_bytes=20_000, clock=lambda: next(clock))
    sink = FakeSink()
    run = IngestRun(sink, SeenArticles(100), metrics, max_in_flight=10)
    run.process(_article(ctx, "GENEVA - Talks resumed on Monday.", "first.json"))
    sink.flush(1)
    run.process(_article(ctx, "GENEVA - Talks resumed on Tuesday.", "corrected.json"))
    sink.flush(1)
    run.process(_article(ctx, "GENEVA - Talks resumed on Tuesday.", "again.json"))
    summary = run.finish(timeout_s=1)
    assert (summary.published, summary.duplicates) == (2, 1)
    first, corrected = sink.published
    assert first.article_id == corrected.article_id
    assert corrected.ingested_at > first.ingested_at
    assert corrected.body.endswith("Tuesday.")


def test_an_article_whose_publication_failed_is_published_when_it_comes_again(
    ctx: ParseContext, metrics: IngestMetrics
) -> None:
    article = _article(ctx, "GENEVA - Talks resumed on Monday.", "first.json")
    assert isinstance(article.result, ArticleRaw)
    sink = FakeSink(fail={article.result.article_id})
    run = IngestRun(sink, SeenArticles(100), metrics, max_in_flight=10)
    run.process(article)
    sink.flush(1)
    sink.fail_nothing()
    run.process(_article(ctx, "GENEVA - Talks resumed on Monday.", "retry.json"))
    summary = run.finish(timeout_s=1)
    assert (summary.not_acknowledged, summary.published, summary.duplicates) == (1, 1, 0)
    assert len(sink.published) == 2
