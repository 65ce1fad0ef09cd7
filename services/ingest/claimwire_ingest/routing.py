"""Where one parsed input goes: the dead-letter topic, nowhere (a duplicate) or the raw topic.

``route`` is the one decision the batch command (``pipeline.IngestRun``) and
the HTTP endpoint (``http_app``) share. It reads ``SeenArticles`` and never
changes it: an article counts as seen only once the broker acknowledged it
(``SeenArticles.track``), so a failed send leaves no trace and its retry is
published. Identity is the ``article_id`` (canonical URL, else text); the
``revision`` (hash of title and body) tells a corrected article, which is
published again, from a duplicate, which is not.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from claimwire_schemas.events import ArticleRaw
from claimwire_schemas.ids import content_revision

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.parsed import Parsed

Pending = concurrent.futures.Future[None]


@dataclass(frozen=True)
class Publish:
    """A new article, or a new revision of one: send it to the raw topic."""

    article: ArticleRaw
    revision: str


@dataclass(frozen=True)
class Duplicate:
    """This revision was acknowledged before, or is in flight now (``pending``: its send).

    A caller that must answer for the article (HTTP) waits for ``pending``:
    acknowledged, it is a duplicate; failed, the caller routes it again.
    """

    article: ArticleRaw
    revision: str
    pending: Pending | None = None


@dataclass(frozen=True)
class DeadLetter:
    """Rejected input: send the original bytes to the dead-letter topic."""

    error: RejectedInput


Route = Publish | Duplicate | DeadLetter


def revision_of(article: ArticleRaw) -> str:
    """The content revision of ``article`` (``ids.content_revision`` of title and body). Pure."""
    return content_revision(article.title, article.body)


@dataclass(frozen=True)
class Seen:
    """What ``SeenArticles`` knows of one article id at one moment."""

    acknowledged: str | None = None
    in_flight: dict[str, Pending] = field(default_factory=dict)


class SeenArticles:
    """Article ids with their last acknowledged revision (the ``capacity`` most recent), and
    the revisions whose send is in flight. Thread-safe: acknowledgements arrive on the
    producer's I/O thread."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._acknowledged: OrderedDict[str, str] = OrderedDict()
        self._in_flight: dict[str, dict[str, Pending]] = {}
        self._lock = threading.Lock()

    def lookup(self, article_id: str) -> Seen:
        """A snapshot of what is known of ``article_id``. Changes nothing."""
        with self._lock:
            return Seen(
                self._acknowledged.get(article_id), dict(self._in_flight.get(article_id, {}))
            )

    def track(self, article_id: str, revision: str, sent: Pending) -> None:
        """Note ``revision`` as in flight until ``sent`` resolves; then, acknowledged, remember
        it as the article's revision (evicting the least recent id beyond capacity), or,
        failed, forget it. Idempotent for one ``sent``."""
        with self._lock:
            self._in_flight.setdefault(article_id, {})[revision] = sent
        sent.add_done_callback(lambda done: self._settle(article_id, revision, done))

    def _settle(self, article_id: str, revision: str, done: Pending) -> None:
        with self._lock:
            revisions = self._in_flight.get(article_id, {})
            if revisions.get(revision) is done:
                del revisions[revision]
                if not revisions:
                    del self._in_flight[article_id]
            if done.cancelled() or done.exception() is not None:
                return
            self._acknowledged[article_id] = revision
            self._acknowledged.move_to_end(article_id)
            if len(self._acknowledged) > self._capacity:
                self._acknowledged.popitem(last=False)


def route(parsed: Parsed, seen: SeenArticles) -> Route:
    """Decide the fate of one parsed input; reads ``seen``, changes nothing.

    Rejected input is a ``DeadLetter``; a revision acknowledged before, or in
    flight, is a ``Duplicate``; anything else (new article, corrected
    revision, or a retry of one whose send failed) is ``Publish``.
    """
    result = parsed.result
    if isinstance(result, RejectedInput):
        return DeadLetter(result)
    revision = revision_of(result)
    known = seen.lookup(result.article_id)
    pending = known.in_flight.get(revision)
    if pending is not None:
        return Duplicate(result, revision, pending)
    if known.acknowledged == revision:
        return Duplicate(result, revision)
    return Publish(result, revision)
