"""The whole pipeline as subprocesses against the real stack, one isolated run per test.

Each test gets its own topics, consumer groups, index prefix and ports, so the
end-to-end tests never see each other's data, and the shared stack stays clean.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch, NotFoundError
from kafka import KafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from bench.corpus import generate
from claimwire.demo.flow import Expected, expected_output
from claimwire.demo.services import SERVICES, PipelineProcesses
from claimwire.stack.jvm import free_port
from claimwire_base.kafka_acls import scoped_env, service_login_env
from claimwire_base.kafka_io import ensure_topics
from claimwire_base.settings import ElasticsearchSettings, KafkaSettings


@dataclass
class Pipeline:
    """One isolated pipeline: settings, processes and the real clients to check it."""

    env: dict[str, str]
    kafka: KafkaSettings
    es_settings: ElasticsearchSettings
    processes: PipelineProcesses
    es: Elasticsearch

    @property
    def prefix(self) -> str:
        return self.es_settings.es_index_prefix

    def start(self, *names: str) -> None:
        for name in names or tuple(SERVICES):
            self.processes.start(name)
        for name in names or tuple(SERVICES):
            self.processes.wait_healthy(name, timeout_s=120)

    def ingest(self, folder: Path) -> subprocess.CompletedProcess[str]:
        """``claimwire ingest FOLDER``, logged in as the ingest service's own Kafka user."""
        env = self.processes_env()
        return subprocess.run(
            [sys.executable, "-m", "claimwire.cli", "ingest", str(folder), "--no-progress"],
            env={**env, **service_login_env("ingest", env), "PYTHONUNBUFFERED": "1"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def processes_env(self) -> dict[str, str]:
        return {**os.environ, **self.env}

    def count(self, kind: str) -> int:
        """Documents behind the alias; 0 until the alias exists (it comes with the first)."""
        self.es.indices.refresh(index=f"{self.prefix}-{kind}", ignore_unavailable=True)
        try:
            return int(self.es.count(index=f"{self.prefix}-{kind}")["count"])
        except NotFoundError:
            return 0

    def ids(self, kind: str) -> list[str]:
        field = "article_id" if kind == "articles" else "claim_id"
        hits = self.es.search(
            index=f"{self.prefix}-{kind}",
            body={"size": 10000, "_source": [field], "query": {"match_all": {}}},
        )["hits"]["hits"]
        return [h["_id"] for h in hits]

    def wait_for(self, expected: Expected, timeout_s: float = 240.0) -> tuple[int, int]:
        """Wait until both aliases hold at least the expected counts; return the counts."""
        deadline = time.monotonic() + timeout_s
        counts = (0, 0)
        while time.monotonic() < deadline:
            counts = (self.count("articles"), self.count("claims"))
            if counts[0] >= len(expected.article_ids) and counts[1] >= len(expected.claim_ids):
                return counts
            time.sleep(1.0)
        logs = "\n".join(f"--- {n}\n{self.processes.log(n)}" for n in SERVICES)
        raise AssertionError(
            f"timed out at {counts}, expected "
            f"{len(expected.article_ids)}/{len(expected.claim_ids)}\n{logs}"
        )

    def metrics(self, name: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        import urllib.request

        url = f"http://127.0.0.1:{self.processes.port(name)}/metrics"
        with urllib.request.urlopen(url, timeout=5) as response:
            text = response.read().decode()
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        }


def write_corpus(folder: Path, n: int, seed: int) -> Path:
    """``n`` generated articles as .json files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(generate(n, seed=seed)):
        (folder / f"article-{i:04d}.json").write_text(json.dumps(article.as_json()))
    return folder


@pytest.fixture
def pipeline(
    kafka_bootstrap: str, es_identities: Any, unique_id: str, tmp_path: Path
) -> Iterator[Pipeline]:
    # Topics and groups inside the services' prefixed ACLs: each service runs as its own
    # Kafka user (PipelineProcesses hands it its login), with its least privilege.
    topics = scoped_env(f"e2e-{unique_id}")
    prefix = f"claimwire-e2e-{unique_id}"
    env = {
        **topics,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CLAIMWIRE_TOPIC_PARTITIONS": "4",
        **es_identities.env("claimwire_index"),
        "CLAIMWIRE_ES_INDEX_PREFIX": prefix,
        "CLAIMWIRE_ENRICH_DATA_DIR": str(tmp_path / "enrich-data"),
        # A worker stuck on one event exits for its supervisor sooner than in production.
        "CLAIMWIRE_ENRICH_STUCK_AFTER_S": "60",
        "CLAIMWIRE_INGEST_HTTP_PORT": str(free_port()),
        "CLAIMWIRE_ENRICH_HTTP_PORT": str(free_port()),
        "CLAIMWIRE_INDEX_HTTP_PORT": str(free_port()),
        "CLAIMWIRE_INGEST_HTTP_HOST": "127.0.0.1",
        "CLAIMWIRE_ENRICH_HTTP_HOST": "127.0.0.1",
        "CLAIMWIRE_INDEX_HTTP_HOST": "127.0.0.1",
    }
    kafka = KafkaSettings(
        kafka_bootstrap_servers=kafka_bootstrap,
        topic_raw=topics["CLAIMWIRE_TOPIC_RAW"],
        topic_enriched=topics["CLAIMWIRE_TOPIC_ENRICHED"],
        topic_claims=topics["CLAIMWIRE_TOPIC_CLAIMS"],
        topic_deadletter=topics["CLAIMWIRE_TOPIC_DEADLETTER"],
        topic_partitions=4,
    )
    ensure_topics(kafka)
    es_settings = ElasticsearchSettings(**es_identities.settings("elastic"), es_index_prefix=prefix)
    es = Elasticsearch(**es_settings.es_client_options())  # the admin: set-up and checks
    processes = PipelineProcesses(state_dir=tmp_path / "services", env=env)
    subprocess.run(
        [sys.executable, "-m", "claimwire.cli", "index", "setup"],
        env={**os.environ, **env, **es_identities.env("elastic")},
        check=True,
        capture_output=True,
    )
    yield Pipeline(env, kafka, es_settings, processes, es)
    for name in SERVICES:
        processes.stop(name)
        processes.stop(name, instance="-2")
    es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
    es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")
    es.close()
    admin = KafkaAdminClient(**kafka.kafka_client_options())
    try:
        admin.delete_topics(kafka.topic_names())
    finally:
        admin.close()


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Expected]:
    folder = write_corpus(tmp_path / "corpus", n=40, seed=11)
    return folder, expected_output(folder)
