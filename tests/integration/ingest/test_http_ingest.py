"""``POST /articles`` against the real broker, the aiohttp app on a free port inside the test."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from claimwire_ingest.http_app import create_app
from claimwire_ingest.metrics import create_metrics
from claimwire_ingest.publisher import Publisher, connect_producer
from claimwire_ingest.runner import ensure_ingest_topics
from claimwire_ingest.settings import IngestSettings
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import ArticleRaw
from prometheus_client import CollectorRegistry

from .conftest import ReadTopic

pytestmark = pytest.mark.integration

GOOD = {
    "title": "Harbour ferry adds night crossings",
    "body": "PIRAEUS — The ferry will run four night crossings from May, the operator said.",
    "url": "https://example.org/harbour/night-crossings",
    "published_at": "2026-04-01T08:00:00Z",
}
SECOND = {
    "title": "City library extends opening hours",
    "body": "THESSALONIKI — The city library will open until 22:00 on weekdays from June.",
}
NO_TITLE = {"body": "A body without a title."}
BAD_DATE = {**SECOND, "title": "Other", "published_at": "the 32nd of May"}

Answer = tuple[int, Any]
MAX_BATCH = 3
MAX_REQUEST_BYTES = 64 * 1024


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _exchange(app: web.Application, port: int) -> dict[str, Answer]:
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    base = f"http://127.0.0.1:{port}"
    answers: dict[str, Answer] = {}
    try:
        async with aiohttp.ClientSession() as http:

            async def post(name: str, data: bytes, content_type: str) -> None:
                headers = {"Content-Type": content_type}
                async with http.post(f"{base}/articles", data=data, headers=headers) as resp:
                    answers[name] = (resp.status, await resp.json())

            async def get(name: str, path: str) -> None:
                async with http.get(f"{base}{path}") as resp:
                    answers[name] = (resp.status, await resp.text())

            await post("single", json.dumps(GOOD).encode(), "application/json")
            await post("again", json.dumps(GOOD).encode(), "application/json")
            batch = json.dumps([SECOND, NO_TITLE, BAD_DATE]).encode()
            await post("batch", batch, "application/json; charset=utf-8")
            await post("no_title", json.dumps(NO_TITLE).encode(), "application/json")
            await post("wrong_type", b"title=x&body=y", "application/x-www-form-urlencoded")
            await post("malformed", b'{"title": "x",', "application/json")
            too_many = json.dumps([SECOND] * (MAX_BATCH + 1)).encode()
            await post("too_many", too_many, "application/json")
            huge = json.dumps({**GOOD, "body": "word " * MAX_REQUEST_BYTES}).encode()
            await post("too_big", huge, "application/json")
            await get("healthz", "/healthz")
            await get("readyz", "/readyz")
            await get("metrics", "/metrics")
    finally:
        await runner.cleanup()
    return answers


def test_post_articles_end_to_end(ingest_settings: IngestSettings, read_topic: ReadTopic) -> None:
    ingest_settings = ingest_settings.model_copy(
        update={
            "ingest_max_batch_articles": MAX_BATCH,
            "ingest_max_request_bytes": MAX_REQUEST_BYTES,
        }
    )
    registry = CollectorRegistry()
    metrics = create_metrics(registry)
    publisher = Publisher(connect_producer(ingest_settings), ingest_settings, metrics)
    try:
        ensure_ingest_topics(ingest_settings)
        app = create_app(ingest_settings, publisher, metrics, registry)
        answers = asyncio.run(_exchange(app, _free_port()))
    finally:
        publisher.close()

    status, body = answers["single"]
    assert status == 200 and body["published"] == 1
    assert body["results"][0]["status"] == "published"
    good_id = body["results"][0]["article_id"]

    status, body = answers["again"]
    assert status == 200 and body["duplicates"] == 1
    assert body["results"][0] == {"index": 0, "status": "duplicate", "article_id": good_id}

    status, body = answers["batch"]
    assert status == 422
    assert [r["status"] for r in body["results"]] == ["published", "rejected", "rejected"]
    assert body["results"][1]["field"] == "title"
    assert body["results"][1]["reason"] == "schema_invalid"
    assert body["results"][2]["reason"] == "bad_date"
    assert body["results"][2]["field"] == "published_at"
    assert body["field"] == "title" and body["error"].startswith("title")

    status, body = answers["no_title"]
    assert status == 422 and body["field"] == "title" and "title: missing" in body["error"]

    status, body = answers["wrong_type"]
    assert status == 415 and "application/json" in body["error"]

    status, body = answers["malformed"]
    assert status == 400 and "malformed JSON" in body["error"]

    status, body = answers["too_many"]
    assert status == 413 and f"the limit is {MAX_BATCH}" in body["error"]

    status, body = answers["too_big"]
    assert status == 413 and "over the limit" in body["error"]

    assert answers["healthz"][0] == 200
    assert answers["readyz"][0] == 200
    assert (
        'claimwire_ingest_articles_total{outcome="published",source="http"} 2.0'
        in (answers["metrics"][1])
    )
    assert (
        'claimwire_ingest_articles_total{outcome="duplicate",source="http"} 1.0'
        in (answers["metrics"][1])
    )

    raw = read_topic(ingest_settings.topic_raw)
    titles = sorted(ArticleRaw.model_validate_json(r.value).title for r in raw)
    assert titles == sorted([GOOD["title"], SECOND["title"]])
    assert good_id in {r.key.decode() for r in raw}
    assert all(ArticleRaw.model_validate_json(r.value).origin.kind == "http" for r in raw)

    dead = read_topic(ingest_settings.topic_deadletter)
    reasons = sorted(read_dead_letter(r.headers).reason.value for r in dead)
    assert reasons == sorted(
        [
            "schema_invalid",
            "bad_date",
            "schema_invalid",
            "unsupported_format",
            "not_json",
            "too_large",
            "too_large",
        ]
    )
    originals = {r.value for r in dead}
    assert b"title=x&body=y" in originals and b'{"title": "x",' in originals
    assert json.dumps(NO_TITLE).encode() in originals


def _wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    for _ in range(120):
        if process.poll() is not None:
            pytest.fail(f"ingest-http exited early: {process.communicate()[1]}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"ingest-http did not answer {url}")


def test_ingest_http_command_serves_until_sigterm(
    ingest_settings: IngestSettings, read_topic: ReadTopic
) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": ingest_settings.kafka_bootstrap_servers,
        "CLAIMWIRE_TOPIC_RAW": ingest_settings.topic_raw,
        "CLAIMWIRE_TOPIC_DEADLETTER": ingest_settings.topic_deadletter,
        "CLAIMWIRE_INGEST_HTTP_HOST": "127.0.0.1",
        "CLAIMWIRE_INGEST_HTTP_PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "claimwire.cli", "ingest-http"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/articles",
            data=json.dumps(GOOD).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.loads(response.read())
        assert response.status == 200 and answer["published"] == 1
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    (record,) = read_topic(ingest_settings.topic_raw)
    assert ArticleRaw.model_validate_json(record.value).title == GOOD["title"]


def test_ingest_http_command_without_kafka_exits_2() -> None:
    env = {
        **os.environ,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{_free_port()}",
        "CLAIMWIRE_INGEST_CONNECT_TIMEOUT_S": "2",
        "CLAIMWIRE_INGEST_HTTP_PORT": str(_free_port()),
    }
    done = subprocess.run(
        [sys.executable, "-m", "claimwire.cli", "ingest-http"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Kafka is not reachable" in done.stderr
