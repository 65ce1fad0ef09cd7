"""``routing.route`` and ``SeenArticles``: the one dedupe / dead letter / publish decision."""

from __future__ import annotations

import concurrent.futures

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.parsed import Parsed
from claimwire_ingest.routing import DeadLetter, Duplicate, Publish, SeenArticles, route
from claimwire_ingest.validate import article_from_fields
from claimwire_schemas.events import DeadLetterReason, Origin

from .conftest import NOW

URL = "https://news.example.com/world/talks"


def _parsed(body: str, url: str = URL) -> Parsed:
    fields = {"title": "Talks resume", "body": body, "url": url}
    article = article_from_fields(
        fields, Origin(kind="http", location="x"), max_body_bytes=1000, now=NOW
    )
    return Parsed("http", "x", b"{}", article)


def _sent(seen: SeenArticles, decision: object) -> concurrent.futures.Future[None]:
    assert isinstance(decision, Publish)
    future: concurrent.futures.Future[None] = concurrent.futures.Future()
    seen.track(decision.article.article_id, decision.revision, future)
    return future


def test_rejected_input_is_a_dead_letter() -> None:
    error = RejectedInput(DeadLetterReason.NOT_JSON, "bad")
    assert route(Parsed("http", "x", b"{", error), SeenArticles(10)) == DeadLetter(error)


def test_an_article_is_seen_only_once_its_send_is_acknowledged() -> None:
    seen = SeenArticles(10)
    sent = _sent(seen, route(_parsed("Monday."), seen))
    joined = route(_parsed("Monday."), seen)
    assert isinstance(joined, Duplicate) and joined.pending is sent
    sent.set_result(None)
    after = route(_parsed("Monday."), seen)
    assert isinstance(after, Duplicate) and after.pending is None


def test_a_failed_send_leaves_no_trace_so_the_retry_is_published() -> None:
    seen = SeenArticles(10)
    sent = _sent(seen, route(_parsed("Monday."), seen))
    sent.set_exception(RuntimeError("broker said no"))
    assert isinstance(route(_parsed("Monday."), seen), Publish)


def test_the_same_article_under_another_url_form_is_a_duplicate() -> None:
    seen = SeenArticles(10)
    _sent(seen, route(_parsed("Monday."), seen)).set_result(None)
    other_form = "http://www.news.example.com/world/talks/amp/?utm_source=x#top"
    assert isinstance(route(_parsed("Monday.", other_form), seen), Duplicate)


def test_a_corrected_body_is_a_new_revision_of_the_same_article() -> None:
    seen = SeenArticles(10)
    _sent(seen, route(_parsed("Monday."), seen)).set_result(None)
    corrected = route(_parsed("Tuesday."), seen)
    assert isinstance(corrected, Publish)
    assert corrected.article.article_id == _parsed("Monday.").result.article_id  # type: ignore[union-attr]
    _sent(seen, corrected).set_result(None)
    assert isinstance(route(_parsed("Tuesday."), seen), Duplicate)


def test_only_the_most_recent_ids_are_remembered() -> None:
    seen = SeenArticles(capacity=2)
    for url in ("https://e.com/a", "https://e.com/b", "https://e.com/c"):
        _sent(seen, route(_parsed("x", url), seen)).set_result(None)
    assert isinstance(route(_parsed("x", "https://e.com/a"), seen), Publish)
    assert isinstance(route(_parsed("x", "https://e.com/c"), seen), Duplicate)
