"""``POST /articles`` against the real broker, the aiohttp app on a free port inside the test."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from claimwire_ingest.http_app import create_app
from claimwire_ingest.metrics import create_metrics
from claimwire_ingest.publisher import Publisher, connect_producer, ensure_ingest_topics
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.validate import article_from_fields
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import ArticleRaw, Origin
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from claimwire.stack.jvm import free_port

from .conftest import FreezeBroker, ReadTopic, served

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
THIRD = {
    "title": "Night trains return to the coast line",
    "body": "VARNA — Night trains will run again on the coast line from July, the railway said.",
}
NO_TITLE = {"body": "A body without a title."}
ORIGIN = Origin(kind="http", location="test")
NOW = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
BAD_DATE = {**SECOND, "title": "Other", "published_at": "the 32nd of May"}

Answer = tuple[int, Any]
MAX_BATCH = 3
MAX_REQUEST_BYTES = 64 * 1024


async def _exchange(app: web.Application, port: int) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    async with served(app, port) as base, aiohttp.ClientSession() as http:

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
        await post("twice", json.dumps([THIRD, THIRD]).encode(), "application/json")
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
    return answers


def _assert_refusals_and_probes(answers: dict[str, Answer]) -> None:
    """The refused requests of ``_exchange`` and the probes and counters after them."""
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
        'claimwire_ingest_articles_total{outcome="published",source="http"} 3.0'
        in (answers["metrics"][1])
    )
    assert (
        'claimwire_ingest_articles_total{outcome="duplicate",source="http"} 2.0'
        in (answers["metrics"][1])
    )


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
        answers = asyncio.run(_exchange(app, free_port()))
    finally:
        publisher.close()

    status, body = answers["single"]
    assert status == 200 and body["published"] == 1
    assert body["results"][0]["status"] == "published"
    good_id = body["results"][0]["article_id"]

    status, body = answers["again"]
    assert status == 200 and body["duplicates"] == 1
    assert body["results"][0] == {"index": 0, "status": "duplicate", "article_id": good_id}

    status, body = answers["twice"]
    assert status == 200 and [r["status"] for r in body["results"]] == ["published", "duplicate"]

    status, body = answers["batch"]
    assert status == 422
    assert [r["status"] for r in body["results"]] == ["published", "rejected", "rejected"]
    assert body["results"][1]["field"] == "title"
    assert body["results"][1]["reason"] == "schema_invalid"
    assert body["results"][2]["reason"] == "bad_date"
    assert body["results"][2]["field"] == "published_at"
    assert body["field"] == "title" and body["error"].startswith("title")

    _assert_refusals_and_probes(answers)

    raw = read_topic(ingest_settings.topic_raw)
    titles = sorted(ArticleRaw.model_validate_json(r.value).title for r in raw)
    assert titles == sorted([GOOD["title"], SECOND["title"], THIRD["title"]])
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
    port = free_port()
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
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",
        "CLAIMWIRE_INGEST_CONNECT_TIMEOUT_S": "2",
        "CLAIMWIRE_INGEST_HTTP_PORT": str(free_port()),
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


async def _metric(http: aiohttp.ClientSession, base: str, name: str) -> float:
    async with http.get(f"{base}/metrics") as resp:
        text = await resp.text()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels.get("source", "http") == "http":
                return float(sample.value)
    return 0.0


async def _concurrent_duplicates(app: web.Application, port: int, unblock: Any) -> list[Answer]:
    """Two POSTs of one article, the second while the first is in flight; then a third.

    ``unblock`` (which lets the broker accept again) runs once one of the two has
    failed for good, or both have answered.
    """
    async with served(app, port) as base, aiohttp.ClientSession() as http:

        async def post() -> Answer:
            data = json.dumps(GOOD).encode()
            headers = {"Content-Type": "application/json"}
            async with http.post(f"{base}/articles", data=data, headers=headers) as resp:
                return resp.status, await resp.json()

        first = asyncio.create_task(post())
        # The first request is read (and so in flight) once its bytes are counted.
        for _ in range(400):
            if await _metric(http, base, "claimwire_ingest_input_bytes_total") > 0:
                break
            await asyncio.sleep(0.025)
        second = asyncio.create_task(post())
        pending = {first, second}
        while pending:  # until one of them failed for good, or both answered
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            if any(task.result()[0] == 503 for task in done):
                break
        await asyncio.get_running_loop().run_in_executor(None, unblock)
        answers = [await first, await second]
        answers.append(await post())
    return answers


def test_a_concurrent_duplicate_is_answered_only_once_the_article_is_published(
    ingest_settings: IngestSettings, read_topic: ReadTopic, frozen_broker: FreezeBroker
) -> None:
    settings = ingest_settings.model_copy(update={"ingest_publish_timeout_s": 6})
    registry = CollectorRegistry()
    metrics = create_metrics(registry)
    publisher = Publisher(
        connect_producer(settings), settings, metrics, reconnect=lambda: connect_producer(settings)
    )
    try:
        ensure_ingest_topics(settings)
        warm_up = publisher.publish(
            article_from_fields(SECOND, ORIGIN, max_body_bytes=10**5, now=NOW)
        )
        warm_up.future.result(timeout=30)  # metadata known: the frozen broker is the only delay
        app = create_app(settings, publisher, metrics, registry)
        # The broker stops answering: the first POST is in flight until its delivery
        # timeout fails it; the second arrives meanwhile; the broker thaws only after that.
        thaw = frozen_broker()
        first, second, third = asyncio.run(_concurrent_duplicates(app, free_port(), thaw))
    finally:
        publisher.close()
    raw = [r for r in read_topic(settings.topic_raw) if r.key.decode() != warm_up.label]
    answered_ok = [a for a in (first, second) if a[0] == 200]
    # The promise: a 200 (published or duplicate) means the article is on the raw topic.
    assert raw or not answered_ok, f"answered {answered_ok} but nothing was published"
    assert sorted([first[0], second[0]]) == [200, 503], (first, second)
    assert [r["status"] for a in answered_ok for r in a[1]["results"]] == ["published"]
    assert third[0] == 200 and third[1]["results"][0]["status"] == "duplicate"
    assert {r.key.decode() for r in raw} == {third[1]["results"][0]["article_id"]}
