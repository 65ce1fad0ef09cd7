"""``POST /articles`` for push sources, plus ``/healthz``, ``/readyz`` and ``/metrics`` (aiohttp).

The handler runs the same pure core as the batch command: the body is one
JSON article or an array of them; each gets a result (published, duplicate,
rejected with reason and field, or failed), and the response is sent only
after every record of the request is acknowledged (acks=all) or failed.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from claimwire_schemas.events import ArticleRaw, DeadLetterReason
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.formats import parse_json_document
from claimwire_ingest.http_auth import bearer_token_middleware, binding_error
from claimwire_ingest.metrics import IngestMetrics, create_metrics
from claimwire_ingest.parsed import ParseContext, Parsed
from claimwire_ingest.pipeline import Delivery
from claimwire_ingest.publisher import (
    KafkaUnavailable,
    Publisher,
    connect_producer,
    ensure_ingest_topics,
)
from claimwire_ingest.routing import Duplicate, Pending, Publish, SeenArticles, route
from claimwire_ingest.settings import IngestSettings

log = logging.getLogger(__name__)

JSON_TYPES = ("application/json",)
# Routing rounds per request: join an in-flight send, then (if it failed) send itself.
_ROUNDS = 3
# Probes and scrapes stay open: orchestrators and Prometheus carry no token.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# A request whose body is not JSON at all: the client's fault as a whole (400),
# unlike an article that is JSON but breaks the schema (422).
_WHOLE_BODY_REASONS = {
    DeadLetterReason.NOT_JSON,
    DeadLetterReason.DECODE_ERROR,
    DeadLetterReason.EMPTY,
}


@dataclass
class _Item:
    """One article of a request and its fate."""

    parsed: Parsed
    status: str = "pending"
    delivery: Delivery | None = None

    def result(self, index: int) -> dict[str, Any]:
        entry: dict[str, Any] = {"index": index, "status": self.status}
        outcome = self.parsed.result
        if isinstance(outcome, ArticleRaw):
            entry["article_id"] = outcome.article_id
        else:
            entry.update(reason=outcome.reason.value, error=outcome.message)
            if outcome.field:
                entry["field"] = outcome.field
        return entry


class ArticleEndpoint:
    """The request handlers; one instance per process, sharing the duplicate memory."""

    def __init__(
        self,
        settings: IngestSettings,
        publisher: Publisher,
        metrics: IngestMetrics,
        registry: CollectorRegistry,
    ) -> None:
        self._settings = settings
        self._publisher = publisher
        self._metrics = metrics
        self._registry = registry
        self._seen = SeenArticles(settings.ingest_dedupe_capacity)
        self._ctx = ParseContext(max_body_bytes=settings.ingest_max_body_bytes)

    async def healthz(self, _request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(self, _request: web.Request) -> web.Response:
        ready, reason = self._publisher.readiness()
        return web.json_response({"ready": ready, "reason": reason}, status=200 if ready else 503)

    async def metrics(self, _request: web.Request) -> web.Response:
        body = generate_latest(self._registry)
        response = web.Response(body=body)
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    async def post_articles(self, request: web.Request) -> web.Response:
        """Consume one JSON article or an array; answer with a result per article.

        200 all published (or duplicates); 400 the body is not UTF-8 JSON;
        413 too large or too many articles; 415 not ``application/json``;
        422 at least one article broke the schema (the others were published;
        ``field`` names the culprit); 503 Kafka did not acknowledge. Every
        rejected body or article is dead-lettered before the answer.
        """
        location = f"http:{request.remote or 'unknown'}"
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            error = RejectedInput(
                DeadLetterReason.TOO_LARGE,
                f"request body over the limit of {self._settings.ingest_max_request_bytes:,} bytes "
                "(body not kept)",
            )
            return await self._reject_request(Parsed("http", location, b"", error), 413)
        self._metrics.input_bytes.labels("http").inc(len(body))
        charset = (request.charset or "utf-8").lower()
        if request.content_type not in JSON_TYPES or charset not in ("utf-8", "utf8"):
            error = RejectedInput(
                DeadLetterReason.UNSUPPORTED_FORMAT,
                f"Content-Type {request.headers.get('Content-Type', '(none)')!r}: "
                "send application/json in UTF-8",
            )
            return await self._reject_request(Parsed("http", location, body, error), 415)
        # A large body takes a while to parse: off the event loop, so /healthz still answers.
        items = await asyncio.get_running_loop().run_in_executor(None, self._parse, body, location)
        if len(items) > self._settings.ingest_max_batch_articles:
            error = RejectedInput(
                DeadLetterReason.TOO_LARGE,
                f"{len(items)} articles in one request; the limit is "
                f"{self._settings.ingest_max_batch_articles}",
            )
            return await self._reject_request(Parsed("http", location, body, error), 413)
        await self._deliver(items)
        return self._answer(items, is_batch=body.lstrip().startswith(b"["))

    def _parse(self, body: bytes, location: str) -> list[_Item]:
        parsed = parse_json_document(body, location, self._ctx, kind="http", strict_utf8=True)
        return [_Item(p) for p in parsed]

    async def _deliver(self, items: list[_Item]) -> None:
        """Route each item (``routing.route``), send what must be sent, await every outcome.

        An item whose revision is already in flight waits for that send: acknowledged,
        it is a duplicate; failed, it is routed again and so published itself. An
        article counts as seen only once acknowledged. At most ``_ROUNDS`` rounds;
        what is still undecided then is ``failed`` (the client retries).
        """
        for _ in range(_ROUNDS):
            undecided = [item for item in items if item.status == "pending"]
            if not undecided:
                return
            await self._round(undecided)
        for item in items:
            if item.status == "pending":
                item.status = "failed"

    async def _round(self, items: list[_Item]) -> None:
        """One routing round over the undecided ``items``; decides all it can."""
        to_send, joined = self._plan(items)
        deliveries: list[Delivery] = []
        if to_send:
            loop = asyncio.get_running_loop()
            # producer.send can block on metadata or a full buffer: keep it off the event loop.
            deliveries = await loop.run_in_executor(None, self._send_all, to_send)
        futures = [d.future for d in deliveries] + [pending for _, pending in joined]
        if not futures:
            return
        waits = [asyncio.wrap_future(f) for f in futures]
        await asyncio.wait(waits, timeout=self._settings.ingest_publish_timeout_s + 5)
        for (item, _decision), delivery in zip(to_send, deliveries, strict=True):
            item.delivery = delivery
            if not _acknowledged(delivery.future):
                item.status = "failed"
            else:
                item.status = "rejected" if delivery.is_dead_letter else "published"
        for item, pending in joined:
            if _acknowledged(pending):
                self._duplicate(item)
            elif not pending.done():
                item.status = "failed"  # no outcome in time: the client retries
            # else: that send failed, so the next round routes this item again

    def _plan(
        self, items: list[_Item]
    ) -> tuple[list[tuple[_Item, Publish | None]], list[tuple[_Item, Pending]]]:
        """Route each item: what to send (a dead letter has no Publish) and what joins a send.

        Marks settled duplicates on the way; sends nothing itself.
        """
        to_send: list[tuple[_Item, Publish | None]] = []
        joined: list[tuple[_Item, Pending]] = []
        queued: set[tuple[str, str]] = set()
        for item in items:
            decision = route(item.parsed, self._seen)
            if isinstance(decision, Duplicate) and decision.pending is not None:
                joined.append((item, decision.pending))
            elif isinstance(decision, Duplicate):
                self._duplicate(item)
            elif isinstance(decision, Publish):
                key = (decision.article.article_id, decision.revision)
                if key not in queued:  # a repeat within the request joins it next round
                    queued.add(key)
                    to_send.append((item, decision))
            else:
                to_send.append((item, None))
        return to_send, joined

    def _duplicate(self, item: _Item) -> None:
        item.status = "duplicate"
        self._metrics.articles.labels("http", "duplicate").inc()

    def _send_all(self, items: list[tuple[_Item, Publish | None]]) -> list[Delivery]:
        deliveries = []
        for item, publish in items:
            outcome = item.parsed.result
            if publish is not None:
                delivery = self._publisher.publish(publish.article)
                self._seen.track(publish.article.article_id, publish.revision, delivery.future)
            elif isinstance(outcome, RejectedInput):
                delivery = self._publisher.dead_letter(item.parsed, outcome)
            else:  # route() gives a Publish for every article: no third case
                raise TypeError(f"nothing to send for {item.parsed.location}")
            deliveries.append(delivery)
        return deliveries

    async def _reject_request(self, parsed: Parsed, status: int) -> web.Response:
        item = _Item(parsed)
        await self._deliver([item])
        if item.status == "failed":
            status = 503
        error = parsed.rejected
        return web.json_response(
            {"error": error.message if error else None, "results": [item.result(0)]},
            status=status,
        )

    def _answer(self, items: list[_Item], *, is_batch: bool) -> web.Response:
        results = [item.result(i) for i, item in enumerate(items)]
        counts = {s: sum(1 for i in items if i.status == s) for s in ("published", "duplicate")}
        rejected = [i.parsed.rejected for i in items if i.parsed.rejected is not None]
        payload: dict[str, Any] = {
            "published": counts["published"],
            "duplicates": counts["duplicate"],
            "rejected": len(rejected),
            "results": results,
        }
        if any(i.status == "failed" for i in items):
            payload["error"] = "Kafka did not acknowledge every record; retry the request"
            return web.json_response(payload, status=503)
        if not rejected:
            return web.json_response(payload, status=200)
        first = rejected[0]
        payload["error"] = first.message
        if first.field:
            payload["field"] = first.field
        whole_body = not is_batch and first.reason in _WHOLE_BODY_REASONS
        return web.json_response(payload, status=400 if whole_body else 422)


def _acknowledged(future: Pending) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def create_app(
    settings: IngestSettings,
    publisher: Publisher,
    metrics: IngestMetrics,
    registry: CollectorRegistry,
) -> web.Application:
    """The aiohttp application; the caller owns the publisher's lifetime.

    With ``ingest_http_token`` set, every path but ``OPEN_PATHS`` needs it as a
    bearer token (401 otherwise).
    """
    endpoint = ArticleEndpoint(settings, publisher, metrics, registry)
    app = web.Application(
        client_max_size=settings.ingest_max_request_bytes,
        middlewares=[bearer_token_middleware(settings.ingest_http_token, OPEN_PATHS)],
    )
    app.router.add_post("/articles", endpoint.post_articles)
    app.router.add_get("/healthz", endpoint.healthz)
    app.router.add_get("/readyz", endpoint.readyz)
    app.router.add_get("/metrics", endpoint.metrics)
    return app


def serve(settings: IngestSettings) -> int:
    """Run the HTTP service until SIGTERM/SIGINT.

    Returns 2 without starting when bound beyond loopback without a token
    (``http_auth.binding_error``) or when Kafka is not reachable at start.
    """
    refused = binding_error(settings)
    if refused:
        print(f"claimwire ingest-http: {refused}", file=sys.stderr)
        return 2
    registry = CollectorRegistry()
    metrics = create_metrics(registry)
    try:
        producer = connect_producer(settings)
    except KafkaUnavailable as exc:
        print(f"claimwire ingest-http: {exc}", file=sys.stderr)
        return 2
    publisher = Publisher(producer, settings, metrics, reconnect=lambda: connect_producer(settings))
    try:
        ensure_ingest_topics(settings)
    except KafkaUnavailable as exc:
        publisher.close()
        print(f"claimwire ingest-http: {exc}", file=sys.stderr)
        return 2
    app = create_app(settings, publisher, metrics, registry)

    async def close_publisher(_app: web.Application) -> None:
        await asyncio.get_running_loop().run_in_executor(None, publisher.close)

    app.on_cleanup.append(close_publisher)
    log.info(
        "serving POST /articles on %s:%d", settings.ingest_http_host, settings.ingest_http_port
    )
    web.run_app(
        app,
        host=settings.ingest_http_host,
        port=settings.ingest_http_port,
        print=None,
        handle_signals=True,
    )
    return 0
