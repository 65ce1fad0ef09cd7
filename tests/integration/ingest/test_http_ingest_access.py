"""``POST /articles`` with a bearer token, and the probes while a large body is parsed.

The aiohttp app runs on a free port inside the test, against the real broker.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any, ClassVar

import aiohttp
import claimwire_ingest.http_app as http_app
import pytest
from aiohttp import web
from claimwire_ingest.http_app import create_app
from claimwire_ingest.metrics import create_metrics
from claimwire_ingest.publisher import Publisher, connect_producer, ensure_ingest_topics
from claimwire_ingest.settings import IngestSettings
from claimwire_schemas.events import ArticleRaw
from prometheus_client import CollectorRegistry
from pydantic import SecretStr

from claimwire.stack.jvm import free_port

from .conftest import ReadTopic, served

pytestmark = pytest.mark.integration

Answer = tuple[int, Any]
GOOD = {
    "title": "Tram line reopens after bridge repairs",
    "body": "KAVALA — The tram line will reopen on Friday after the bridge repairs, the city said.",
    "url": "https://example.org/city/tram-line-reopens",
}
SECOND = {
    "title": "Museum adds a night opening",
    "body": "PATRAS — The museum will open on Thursday nights from September, its director said.",
}


TOKEN = "s3cret-test-token"


async def _with_token(app: web.Application, port: int) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    async with served(app, port) as base, aiohttp.ClientSession() as http:
        for name, auth in (
            ("none", None),
            ("wrong", "Bearer not-the-token"),
            ("basic", f"Basic {TOKEN}"),
            ("right", f"Bearer {TOKEN}"),
        ):
            headers = {"Content-Type": "application/json"}
            if auth:
                headers["Authorization"] = auth
            data = json.dumps(GOOD).encode()
            async with http.post(f"{base}/articles", data=data, headers=headers) as resp:
                body = await resp.text()
                answers[name] = (resp.status, (body, resp.headers.get("WWW-Authenticate")))
        for path in ("/healthz", "/readyz", "/metrics"):
            async with http.get(f"{base}{path}") as resp:
                answers[path] = (resp.status, await resp.text())
    return answers


def test_with_a_token_posts_need_it_and_the_probes_stay_open(
    ingest_settings: IngestSettings, read_topic: ReadTopic
) -> None:
    settings = ingest_settings.model_copy(
        update={"ingest_http_host": "0.0.0.0", "ingest_http_token": SecretStr(TOKEN)}
    )
    registry = CollectorRegistry()
    metrics = create_metrics(registry)
    publisher = Publisher(connect_producer(settings), settings, metrics)
    try:
        ensure_ingest_topics(settings)
        answers = asyncio.run(
            _with_token(create_app(settings, publisher, metrics, registry), free_port())
        )
    finally:
        publisher.close()
    for refused in ("none", "wrong", "basic"):
        status, (body, challenge) = answers[refused]
        assert status == 401 and "bearer token" in body and TOKEN not in body, refused
        assert challenge is not None and challenge.startswith("Bearer")
    assert answers["right"][0] == 200
    assert [answers[p][0] for p in ("/healthz", "/readyz", "/metrics")] == [200, 200, 200]
    (record,) = read_topic(settings.topic_raw)  # only the authorised POST got through
    assert ArticleRaw.model_validate_json(record.value).title == GOOD["title"]
    assert read_topic(settings.topic_deadletter) == []


async def _health_during_a_slow_parse(app: web.Application, port: int, gate: Any) -> list[Any]:
    seen: list[Any] = []
    async with served(app, port) as base:
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
                data = json.dumps([SECOND] * 3).encode()
                headers = {"Content-Type": "application/json"}
                post = asyncio.create_task(
                    http.post(f"{base}/articles", data=data, headers=headers)
                )
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, gate.started.wait, 30)
                async with http.get(f"{base}/healthz") as resp:
                    # Recorded before the parse may go on: it is still blocked right now.
                    seen.append((resp.status, gate.release.is_set()))
                gate.release.set()
                async with await post as resp:
                    seen.append(resp.status)
        finally:
            gate.release.set()
    return seen


def test_parsing_a_post_does_not_block_the_health_endpoint(
    ingest_settings: IngestSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Gate:
        started = threading.Event()
        release = threading.Event()
        released: ClassVar[list[bool]] = []

    parse = http_app.parse_json_document

    def slow_parse(*args: Any, **kwargs: Any) -> Any:
        # Stands for a parse that takes long (a 16 MB body): it holds until the test has
        # had its /healthz answer. On the event loop it would block that answer, wait in
        # vain and record False.
        Gate.started.set()
        Gate.released.append(Gate.release.wait(15))
        return parse(*args, **kwargs)

    monkeypatch.setattr(http_app, "parse_json_document", slow_parse)
    registry = CollectorRegistry()
    metrics = create_metrics(registry)
    publisher = Publisher(connect_producer(ingest_settings), ingest_settings, metrics)
    try:
        ensure_ingest_topics(ingest_settings)
        app = create_app(ingest_settings, publisher, metrics, registry)
        seen = asyncio.run(_health_during_a_slow_parse(app, free_port(), Gate))
    finally:
        publisher.close()
    assert Gate.released == [True], "/healthz could not answer while the body was parsed"
    assert seen == [(200, False), 200]
