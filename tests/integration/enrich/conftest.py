"""Fixtures for the enrich worker against the real broker.

Each test gets its own topics and consumer group (settings built with keyword
arguments), runs ``claimwire enrich`` as subprocesses configured through
``CLAIMWIRE_*`` variables derived from those settings, and deletes its topics
and group at the end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from claimwire_enrich.service.settings import EnrichSettings
from claimwire_schemas.cloudevents import CloudEvent, Headers, new_traceparent, to_headers
from claimwire_schemas.events import ArticleRaw, Origin
from claimwire_schemas.ids import article_id
from claimwire_schemas.topics import RAW
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import KafkaError
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from claimwire.stack.jvm import free_port
from claimwire_base.kafka_acls import scoped_env, service_login_env
from claimwire_base.kafka_io import create_producer, ensure_topics

CLAIMWIRE = Path(sys.executable).parent / "claimwire"
PARTITIONS = 4

# Fictional wire copy written for these tests; the index varies every number,
# name and place so that each article (and each of its claims) is distinct.
_CITIES = ["Harrowgate", "Lindqvist Bay", "Port Almera", "Ostrova", "Kellerby", "New Carran"]
_PEOPLE = ["Maria Okafor", "Tomas Reyes", "Ingrid Halvorsen", "Daniel Mbeki", "Priya Nair"]
_BODY = (
    "{city} officials said on Tuesday that {homes:,} households had lost power after "
    "the storm crossed the coast overnight.\n"
    '"We expect to restore most connections by Friday," said {person}, a spokesperson '
    'for the regional grid operator. "Crews are working around the clock."\n'
    "The operator estimated that repairs would cost about ${cost} million, and the "
    "council said it would probably ask the national government for {aid} percent of "
    "that sum.\n"
    "According to the weather service, wind gusts reached {gust} kilometres per hour, "
    "the strongest recorded in {city} since {year}."
)


def wire_article(index: int, now: datetime) -> ArticleRaw:
    """A distinct, valid raw article built from the template above."""
    city = _CITIES[index % len(_CITIES)]
    body = _BODY.format(
        city=city,
        homes=1200 + 37 * index,
        person=_PEOPLE[index % len(_PEOPLE)],
        cost=3 + index,
        aid=20 + index % 50,
        gust=90 + index % 60,
        year=1950 + index % 60,
    )
    url = f"https://wire.example.test/{index}/storm-{city.lower().replace(' ', '-')}"
    return ArticleRaw(
        article_id=article_id(url, f"Storm leaves {city} without power", body),
        url=url,
        title=f"Storm leaves {city} without power",
        body=body,
        published_at=now,
        source="Example Wire",
        origin=Origin(kind="file", location=f"tests/{index}.json"),
        ingested_at=now,
    )


@dataclass(frozen=True)
class Record:
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Headers


class Broker:
    """Produce raw messages and read topics back, with kafka-python."""

    def __init__(self, settings: EnrichSettings) -> None:
        self.settings = settings
        self._producer = create_producer(settings, linger_ms=0)

    def close(self) -> None:
        self._producer.close()

    def send_article(self, article: ArticleRaw, partition: int | None = None) -> str:
        """Produce ``article`` like ingest does; returns its trace id."""
        event = CloudEvent(
            id=f"ingest-{article.article_id}",
            source="claimwire/ingest",
            type=RAW.ce_type,
            time=article.ingested_at,
            traceparent=new_traceparent(),
        )
        self.send_bytes(
            article.article_id.encode(),
            article.model_dump_json().encode(),
            to_headers(event),
            partition,
        )
        return event.trace_id

    def send_bytes(
        self,
        key: bytes | None,
        value: bytes | None,
        headers: Headers | None = None,
        partition: int | None = None,
    ) -> None:
        future = self._producer.send(
            self.settings.topic_raw,
            key=key,
            value=value,
            headers=headers or [],
            partition=partition,
        )
        self._producer.flush()
        future.get(timeout=30)

    def read(
        self, topic: str, until: Callable[[list[Record]], bool], timeout_s: float = 120.0
    ) -> list[Record]:
        """Every record of ``topic`` from the start, polled until ``until`` holds or time is up."""
        consumer = KafkaConsumer(
            **self.settings.kafka_client_options(),
            enable_auto_commit=False,
        )
        try:
            partitions = [TopicPartition(topic, p) for p in range(PARTITIONS)]
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            records: list[Record] = []
            deadline = time.monotonic() + timeout_s
            while not until(records) and time.monotonic() < deadline:
                for batch in consumer.poll(timeout_ms=500).values():
                    records.extend(
                        Record(m.partition, m.offset, m.key, m.value, list(m.headers or []))
                        for m in batch
                    )
            return records
        finally:
            consumer.close()

    def committed_and_end(self, group: str) -> dict[int, tuple[int | None, int]]:
        """Per raw partition: the group's committed offset and the end offset."""
        consumer = KafkaConsumer(
            **self.settings.kafka_client_options(),
            group_id=group,
            enable_auto_commit=False,
        )
        try:
            partitions = [TopicPartition(self.settings.topic_raw, p) for p in range(PARTITIONS)]
            ends = consumer.end_offsets(partitions)
            return {tp.partition: (consumer.committed(tp), ends[tp]) for tp in partitions}
        finally:
            consumer.close(autocommit=False)


def worker_env(settings: EnrichSettings) -> dict[str, str]:
    """The environment that makes ``claimwire enrich`` build exactly ``settings``,
    logged in as the enrich service's own Kafka user when the stack handed one out."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWIRE_")}
    for name, value in settings.model_dump().items():
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if value is not None:
            env[f"CLAIMWIRE_{name.upper()}"] = str(value)
    env.update(service_login_env("enrich", os.environ))
    return env


class Worker:
    """One ``claimwire enrich`` subprocess with its own HTTP port and log files."""

    def __init__(self, settings: EnrichSettings, log_dir: Path, name: str) -> None:
        self.port = free_port()
        self.settings = settings.model_copy(update={"enrich_http_port": self.port})
        self.log_path = log_dir / f"{name}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [str(CLAIMWIRE), "enrich"],
                env=worker_env(self.settings),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
                return int(r.status), r.read()
        except urllib.error.HTTPError as err:
            return int(err.code), err.read()

    def readyz(self) -> dict[str, Any] | None:
        try:
            status, body = self.get("/readyz")
        except OSError:
            return None
        return dict(json.loads(body), status=status)

    def wait_ready(self, timeout_s: float = 120.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"worker exited with {self.process.returncode}:\n{self.log()}")
            state = self.readyz()
            if state and state["status"] == 200:
                return state
            time.sleep(0.5)
        pytest.fail(f"worker not ready after {timeout_s}s:\n{self.log()}")

    def metric(self, name: str, **labels: str) -> float:
        """The value of one sample of ``/metrics`` (0 when absent)."""
        _, body = self.get("/metrics")
        for family in text_string_to_metric_families(body.decode()):
            for sample in family.samples:
                if sample.name == name and all(
                    sample.labels.get(k) == v for k, v in labels.items()
                ):
                    return float(sample.value)
        return 0.0

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout_s: float = 60.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout_s)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]


@pytest.fixture
def enrich_settings(
    kafka_bootstrap: str, unique_id: str, tmp_path: Path
) -> Iterator[EnrichSettings]:
    """Settings with this test's own topics and group; topics and group deleted afterwards."""
    # Names inside the enrich user's prefixed ACLs: the workers run with its least privilege.
    names = scoped_env(f"t-{unique_id}")
    settings = EnrichSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        topic_raw=names["CLAIMWIRE_TOPIC_RAW"],
        topic_enriched=names["CLAIMWIRE_TOPIC_ENRICHED"],
        topic_claims=names["CLAIMWIRE_TOPIC_CLAIMS"],
        topic_deadletter=names["CLAIMWIRE_TOPIC_DEADLETTER"],
        topic_partitions=PARTITIONS,
        enrich_app_id=names["CLAIMWIRE_ENRICH_APP_ID"],
        enrich_http_host="127.0.0.1",
        enrich_data_dir=tmp_path / "faust",
        enrich_commit_interval_s=0.5,
        # a SIGKILLed worker's partitions move on after this long
        enrich_session_timeout_s=8,
    )
    ensure_topics(settings)
    yield settings
    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        admin.delete_topics(settings.topic_names(), raise_errors=False)
        admin.delete_groups([settings.enrich_app_id])
    except KafkaError as exc:  # cleanup must not hide the test's own result
        print(f"cleanup of {unique_id} incomplete: {exc!r}")
    finally:
        admin.close()


@pytest.fixture
def broker(enrich_settings: EnrichSettings) -> Iterator[Broker]:
    helper = Broker(enrich_settings)
    yield helper
    helper.close()


@pytest.fixture
def start_worker(
    enrich_settings: EnrichSettings, tmp_path: Path
) -> Iterator[Callable[..., Worker]]:
    """``start_worker(name, **overrides)``; any still running at the end is killed by its pid."""
    started: list[Worker] = []

    def start(name: str, **overrides: Any) -> Worker:
        worker = Worker(enrich_settings.model_copy(update=overrides), tmp_path, name)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait(timeout=30)


@pytest.fixture
def wire() -> Callable[[int], ArticleRaw]:
    """``wire(i)``: the i-th distinct test article, published now."""
    published = datetime.now(UTC).replace(microsecond=0)
    return lambda index: wire_article(index, published)
