"""``make chaos``: a pipeline rebalanced and crashed while articles flow; nothing may be lost.

On the running local stack (or any Kafka and Elasticsearch the settings
name), in topics, groups and indices of its own:

1. one index service and one enrich worker; the first third of the corpus;
2. a second enrich worker and a second index service join (1 -> 2), the
   second third is ingested while they rebalance;
3. the first enrich worker is SIGKILLed mid-stream (2 -> 1: its partitions
   move after the session timeout), the last third is ingested, and the
   second index service is stopped gracefully (2 -> 1);
4. wait until every expected id is indexed (or the deadline passes), then
   read back every document id per concrete index and every dead letter.

The corpus is the benchmark's generated wire copy; the expected ids come
from running the same pure core in-process. ``run_chaos`` returns the
``ChaosReport``; it raises ``ChaosError`` when a step cannot run at all.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimwire_schemas.deadletter import read_dead_letter
from elasticsearch import Elasticsearch, NotFoundError, helpers
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from bench.chaos_report import ChaosReport, kind_report
from bench.corpus import generate
from claimwire.demo.flow import Expected, expected_output
from claimwire.demo.services import PipelineProcesses
from claimwire.stack.es_security import (
    ADMIN_USER,
    identity_environment,
    identity_from_environment,
)
from claimwire.stack.jvm import free_port
from claimwire_base.kafka_acls import scoped_env, service_login_env
from claimwire_base.kafka_io import ensure_topics
from claimwire_base.settings import ElasticsearchSettings, KafkaSettings

PARTITIONS = 6
SESSION_TIMEOUT_S = 10  # a SIGKILLed member's partitions move on after this long


class ChaosError(RuntimeError):
    """A step of the scenario could not run (a service did not start, ingest failed)."""


@dataclass(frozen=True)
class ChaosPlan:
    """How big the run is and how long it may take."""

    articles: int = 3000
    seed: int = 7
    deadline_s: float = 600.0


class ChaosPipeline:
    """One isolated pipeline: its settings, processes and clients. ``close`` removes it all."""

    def __init__(self, workdir: Path) -> None:
        tag = f"chaos-{uuid.uuid4().hex[:8]}"
        # Topics and groups inside the services' prefixed ACLs, so each service runs as its
        # own Kafka user with its least privilege; the harness itself uses the admin login.
        scoped = scoped_env(tag)
        base = KafkaSettings()
        self.kafka = base.model_copy(
            update={
                "topic_raw": scoped["CLAIMWIRE_TOPIC_RAW"],
                "topic_enriched": scoped["CLAIMWIRE_TOPIC_ENRICHED"],
                "topic_claims": scoped["CLAIMWIRE_TOPIC_CLAIMS"],
                "topic_deadletter": scoped["CLAIMWIRE_TOPIC_DEADLETTER"],
                "topic_partitions": PARTITIONS,
            }
        )
        # The harness sets up, counts and cleans up as the admin; the services it starts act
        # as their own least-privilege identities (PipelineProcesses hands them theirs).
        self.es_settings = ElasticsearchSettings(
            es_index_prefix=f"claimwire-{tag}", **identity_from_environment(ADMIN_USER)
        )
        self.env = {
            **scoped,
            "CLAIMWIRE_TOPIC_PARTITIONS": str(PARTITIONS),
            # under claimwire-*, the only indices the index service's role may write
            "CLAIMWIRE_ES_INDEX_PREFIX": f"claimwire-{tag}",
            "CLAIMWIRE_ENRICH_DATA_DIR": str(workdir / "enrich-data"),
            "CLAIMWIRE_ENRICH_SESSION_TIMEOUT_S": str(SESSION_TIMEOUT_S),
            "CLAIMWIRE_INDEX_SESSION_TIMEOUT_S": str(SESSION_TIMEOUT_S),
            "CLAIMWIRE_ENRICH_HTTP_HOST": "127.0.0.1",
            "CLAIMWIRE_INDEX_HTTP_HOST": "127.0.0.1",
            "CLAIMWIRE_ENRICH_HTTP_PORT": str(free_port()),
            "CLAIMWIRE_INDEX_HTTP_PORT": str(free_port()),
        }
        self.tag = tag
        self.workdir = workdir
        self.processes = PipelineProcesses(state_dir=workdir / "services", env=self.env)
        self.es = Elasticsearch(**self.es_settings.es_client_options())

    def setup(self) -> None:
        """Create the topics and the index templates. Idempotent."""
        ensure_topics(self.kafka)
        self._claimwire("index", "setup", extra_env=identity_environment(ADMIN_USER))

    def _claimwire(
        self, *args: str, login: str | None = None, extra_env: dict[str, str] | None = None
    ) -> None:
        """Run a ``claimwire`` command on this pipeline, as ``login``'s Kafka user if given."""
        env = {**os.environ, **self.env, **(extra_env or {})}
        if login:
            env.update(service_login_env(login, env))
        done = subprocess.run(
            [sys.executable, "-m", "claimwire.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise ChaosError(f"claimwire {' '.join(args)} failed:\n{done.stderr[-2000:]}")

    def start(self, name: str, instance: str = "") -> None:
        """Start one service (a second instance on its own HTTP port) and wait for health."""
        port: int | None = None
        extra: dict[str, str] = {}
        if instance:
            port = free_port()
            extra[f"CLAIMWIRE_{name.upper()}_HTTP_PORT"] = str(port)
        self.processes.start(name, instance=instance, extra_env=extra)
        try:
            self.processes.wait_healthy(name, timeout_s=120, instance=instance, port=port)
        except RuntimeError as exc:
            raise ChaosError(str(exc)) from exc

    def ingest(self, folder: Path) -> None:
        self._claimwire("ingest", str(folder), "--no-progress", login="ingest")

    def indexed(self, kind: str) -> int:
        """Documents behind the alias of ``kind`` (0 before the first one made the alias)."""
        alias = f"{self.es_settings.es_index_prefix}-{kind}"
        self.es.indices.refresh(index=alias, ignore_unavailable=True)
        try:
            return int(self.es.count(index=alias)["count"])
        except NotFoundError:  # the alias appears with the first document
            return 0

    def stored(self, kind: str) -> Iterator[tuple[str, str]]:
        """``(concrete index, _id)`` of every document behind the alias of ``kind``."""
        alias = f"{self.es_settings.es_index_prefix}-{kind}"
        self.es.indices.refresh(index=alias, ignore_unavailable=True)
        hits = helpers.scan(
            self.es, index=alias, query={"query": {"match_all": {}}, "_source": False}
        )
        for hit in hits:
            yield hit["_index"], hit["_id"]

    def dead_letter_reasons(self) -> Counter[str]:
        """Every record of the dead-letter topic, counted by its reason header."""
        consumer = KafkaConsumer(
            **self.kafka.kafka_client_options(), enable_auto_commit=False, group_id=None
        )
        try:
            partitions = [TopicPartition(self.kafka.topic_deadletter, p) for p in range(PARTITIONS)]
            consumer.assign(partitions)
            ends = consumer.end_offsets(partitions)
            consumer.seek_to_beginning(*partitions)
            reasons: Counter[str] = Counter()
            deadline = time.monotonic() + 60
            while (
                any(consumer.position(tp) < ends[tp] for tp in partitions)
                and time.monotonic() < deadline
            ):
                for batch in consumer.poll(timeout_ms=500).values():
                    for record in batch:
                        reasons[read_dead_letter(record.headers).reason.value] += 1
            return reasons
        finally:
            consumer.close()

    def close(self) -> None:
        """Stop every process and delete the run's topics and indices."""
        for name in ("ingest", "enrich", "index"):
            for instance in ("", "-2"):
                self.processes.stop(name, instance=instance)
        self.es.indices.delete(
            index=f"{self.es_settings.es_index_prefix}-*", ignore_unavailable=True
        )
        self.es.options(ignore_status=404).indices.delete_index_template(
            name=f"{self.es_settings.es_index_prefix}-*"
        )
        admin = KafkaAdminClient(**self.kafka.kafka_client_options())
        try:
            admin.delete_topics(self.kafka.topic_names())
        finally:
            admin.close()


def _write_slices(workdir: Path, plan: ChaosPlan) -> list[Path]:
    """The corpus as .json files in three folders, one per phase."""
    folders = [workdir / f"slice-{i}" for i in range(3)]
    for folder in folders:
        folder.mkdir(parents=True)
    for i, article in enumerate(generate(plan.articles, seed=plan.seed)):
        target = folders[i * 3 // plan.articles] / f"article-{i:05d}.json"
        target.write_text(json.dumps(article.as_json()))
    return folders


def _wait(
    condition: Callable[[], bool], timeout_s: float, what: str, progress: Callable[[str], None]
) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(1.0)
    progress(f"gave up waiting for {what} after {timeout_s:.0f}s")
    return False


def _union(parts: list[Expected]) -> Expected:
    return Expected(
        {i for p in parts for i in p.article_ids}, {i for p in parts for i in p.claim_ids}
    )


def run_chaos(plan: ChaosPlan, progress: Callable[[str], None] = print) -> ChaosReport:
    """Run the scenario of this module's docstring; return what was lost and duplicated.

    Consumes the plan; emits progress lines through ``progress``. Raises
    ``ChaosError`` when a service does not start or ingest fails. Leaves
    nothing behind (processes, topics, indices) whatever happens.
    """
    events: list[str] = []

    def step(text: str) -> None:
        events.append(text)
        progress(f"==> {text}")

    with tempfile.TemporaryDirectory(prefix="claimwire-chaos-") as tmp:
        workdir = Path(tmp)
        slices = _write_slices(workdir, plan)
        step(f"computing the expected ids of {plan.articles} articles with the core")
        expected = [expected_output(folder) for folder in slices]
        everything = _union(expected)
        pipeline = ChaosPipeline(workdir)
        try:
            pipeline.setup()
            step("index x1, enrich x1; ingest the first third")
            pipeline.start("index")
            pipeline.start("enrich")
            pipeline.ingest(slices[0])
            first_half = len(expected[0].article_ids) // 2
            _wait(lambda: pipeline.indexed("articles") >= first_half, 300, "a start", progress)

            step("enrich x2, index x2 (rebalance 1 -> 2); ingest the second third")
            pipeline.start("enrich", "-2")
            pipeline.start("index", "-2")
            pipeline.ingest(slices[1])
            some_of_second = len(expected[0].article_ids) + len(expected[1].article_ids) // 4
            _wait(lambda: pipeline.indexed("articles") >= some_of_second, 300, "flow", progress)

            step("SIGKILL the first enrich worker mid-stream (2 -> 1); ingest the last third")
            pipeline.processes.kill("enrich", sig=signal.SIGKILL)
            pipeline.ingest(slices[2])
            step("stop the second index service (2 -> 1)")
            pipeline.processes.stop("index", instance="-2")

            step("wait until every expected article and claim is indexed")
            wanted = {"articles": everything.article_ids, "claims": everything.claim_ids}
            _wait(
                lambda: all(pipeline.indexed(k) >= len(ids) for k, ids in wanted.items()),
                plan.deadline_s,
                "every document",
                progress,
            )
            articles = kind_report(everything.article_ids, pipeline.stored("articles"))
            claims = kind_report(everything.claim_ids, pipeline.stored("claims"))
            letters = pipeline.dead_letter_reasons()
        finally:
            pipeline.close()
    return ChaosReport(
        articles_in=plan.articles,
        articles=articles,
        claims=claims,
        dead_letters=dict(letters),
        events=tuple(events),
    )


def report_json(report: ChaosReport) -> dict[str, Any]:
    """The report as JSON-ready numbers (for ``--json`` and the test's failure message)."""
    return {
        "articles_in": report.articles_in,
        "articles_indexed": report.articles.indexed,
        "claims_expected": report.claims.expected,
        "claims_indexed": report.claims.indexed,
        "duplicates": len(report.articles.duplicated) + len(report.claims.duplicated),
        "dead_letters": dict(report.dead_letters),
        "lost": len(report.articles.lost) + len(report.claims.lost),
        "unexpected": report.articles.unexpected + report.claims.unexpected,
        "events": list(report.events),
    }


def main() -> int:
    """``python -m bench.chaos [--articles N]``: run, print the report, exit 1 on any loss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ChaosPlan.articles)
    parser.add_argument("--seed", type=int, default=ChaosPlan.seed)
    parser.add_argument("--deadline", type=float, default=ChaosPlan.deadline_s)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    try:
        report = run_chaos(ChaosPlan(args.articles, args.seed, args.deadline))
    except ChaosError as exc:
        print(f"chaos: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report_json(report), indent=2) if args.json else "\n".join(report.lines()))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
