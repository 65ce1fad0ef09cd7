"""The end-to-end benchmark of `make bench`: the whole pipeline on the local stack.

Each run, on its own topics and index prefix:

1. Throughput: N generated articles are ingested at once; the clock stops when
   every article and claim is searchable. Stage rates come from the same run.
2. Latency: a fixed offered load of half the measured maximum is posted to the
   ingest HTTP endpoint for ``--latency-seconds``; a poller records when each
   article becomes searchable (p50, p95, p99 from ingest to searchable).
3. The sink's limit: the same enriched documents, read back from Kafka, bulk
   loaded straight into Elasticsearch with ``helpers.bulk``.

Writes ``bench/results/latest.json`` (medians over the runs, and each run),
``latest.md`` and ``latest.png``. Usage: ``python -m bench.e2e [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from claimwire_index.documents import decode_event, to_action
from claimwire_index.names import DocKind
from claimwire_schemas.ids import article_id
from elasticsearch import Elasticsearch, NotFoundError, helpers
from kafka import KafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from bench.corpus import BACKGROUND_SHARE, generate
from claimwire.demo.services import SERVICES, PipelineProcesses
from claimwire.stack.es_security import (
    ADMIN_USER,
    identity_environment,
    identity_from_environment,
)
from claimwire.stack.jvm import Service, running_pid
from claimwire.stack.settings import ROOT, StackSettings
from claimwire_base.kafka_acls import scoped_env
from claimwire_base.kafka_io import create_consumer, ensure_topics
from claimwire_base.settings import ElasticsearchSettings, KafkaSettings

RESULTS = ROOT / "bench" / "results"
MIN_SUSTAINED_S = 60.0  # issue 6: throughput sustained over at least 60 s


@dataclass
class Sample:
    t: float
    articles: int
    claims: int
    enriched: float


@dataclass
class RunResult:
    articles: int
    claims: int
    seconds: float
    e2e_articles_per_s: float
    e2e_claims_per_s: float
    ingest_articles_per_s: float
    enrich_articles_per_s: float
    index_docs_per_s: float
    offered_articles_per_s: float
    latency_p50_s: float
    latency_p95_s: float
    latency_p99_s: float
    sink_docs_per_s: float
    sink_ratio: float
    rss_mib: dict[str, float]
    cpu_cores: dict[str, float]  # CPU used during the throughput phase, in cores
    enrich_core_compiled: bool  # as the enrich worker itself reports it
    enrich_workers: int
    timeline: list[Sample] = field(default_factory=list)
    latencies: list[tuple[float, float]] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    """Child pids of every thread of ``pid``: a JVM (Elasticsearch's launcher) forks from
    a thread other than its main one. Raises FileNotFoundError when ``pid`` is gone."""
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]


def _rss_mib(pid: int | None) -> float:
    """Resident memory of ``pid`` and its children (a service runs under its supervisor)."""
    if pid is None:
        return 0.0
    total = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
        children = _children(pid)
    except FileNotFoundError:
        return total
    return total + sum(_rss_mib(child) for child in children)


def _cpu_seconds(pid: int | None) -> float:
    """User and system CPU seconds of ``pid`` and its children so far (0 when gone)."""
    if pid is None:
        return 0.0
    try:
        # fields after the command's closing parenthesis; utime and stime are 12th and 13th
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = _children(pid)
    except FileNotFoundError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu_seconds(child) for child in children)


def _metric(port: int, name: str, labels: dict[str, str]) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


class Run:
    """One isolated pipeline (topics, groups, prefix, ports) and its measurements."""

    def __init__(self, tag: str, workdir: Path, background: float, enrich_workers: int) -> None:
        self.tag = tag
        self.workdir = workdir
        self.background = background
        # the first worker is the service "enrich"; the others "enrich-2", "enrich-3", ...
        self.extra_enrich = {f"-{k}": _free_port() for k in range(2, enrich_workers + 1)}
        self.env = {
            # inside the services' prefixed ACLs: each runs as its own Kafka user
            **scoped_env(tag),
            "CLAIMWIRE_ES_INDEX_PREFIX": tag,
            "CLAIMWIRE_ENRICH_DATA_DIR": str(workdir / "enrich-data"),
            "CLAIMWIRE_INGEST_HTTP_PORT": str(_free_port()),
            "CLAIMWIRE_ENRICH_HTTP_PORT": str(_free_port()),
            "CLAIMWIRE_INDEX_HTTP_PORT": str(_free_port()),
        }
        self.kafka = KafkaSettings(
            topic_raw=self.env["CLAIMWIRE_TOPIC_RAW"],
            topic_enriched=self.env["CLAIMWIRE_TOPIC_ENRICHED"],
            topic_claims=self.env["CLAIMWIRE_TOPIC_CLAIMS"],
            topic_deadletter=self.env["CLAIMWIRE_TOPIC_DEADLETTER"],
        )
        # The benchmark's own look-ups, set-up and direct bulk load run as the admin; the
        # index service as the least-privilege index user (PipelineProcesses sees to that).
        self.admin_env = identity_environment(ADMIN_USER)
        self.es_settings = ElasticsearchSettings(
            es_index_prefix=tag, **identity_from_environment(ADMIN_USER)
        )
        self.es = Elasticsearch(**self.es_settings.es_client_options())
        self.processes = PipelineProcesses(state_dir=workdir / "services", env=self.env)
        self.rss: dict[str, float] = {}
        self.cpu_cores: dict[str, float] = {}
        self.enrich_core_compiled = False

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        ensure_topics(self.kafka)
        self._claimwire("index", "setup")
        for name in SERVICES:
            self.processes.start(name)
        for instance, port in self.extra_enrich.items():
            extra_env = {"CLAIMWIRE_ENRICH_HTTP_PORT": str(port)}
            self.processes.start("enrich", instance=instance, extra_env=extra_env)
        for name in SERVICES:
            self.processes.wait_healthy(name, timeout_s=120)
        for instance, port in self.extra_enrich.items():
            self.processes.wait_healthy("enrich", timeout_s=120, instance=instance, port=port)
        self.enrich_core_compiled = all(
            _metric(port, "claimwire_enrich_core_compiled", {}) == 1.0
            for port in self._enrich_ports()
        )

    def stop(self) -> None:
        for name in SERVICES:
            self.processes.stop(name)
        for instance in self.extra_enrich:
            self.processes.stop("enrich", instance=instance)
        self.es.indices.delete(index=f"{self.tag}*", ignore_unavailable=True)
        admin = KafkaAdminClient(**self.kafka.kafka_client_options())
        try:
            admin.delete_topics(self.kafka.topic_names())
        finally:
            admin.close()

    def _claimwire(self, *args: str) -> float:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "claimwire.cli", *args],
            env={**os.environ, **self.env, **self.admin_env},
            check=True,
            capture_output=True,
        )
        return time.monotonic() - started

    # -- measurements ----------------------------------------------------------------------
    def _enrich_ports(self) -> list[int]:
        return [self.processes.port("enrich"), *self.extra_enrich.values()]

    def _enrich_metric(self, name: str, labels: dict[str, str]) -> float:
        """A counter of the enrich workers, summed over all of them."""
        return sum(_metric(port, name, labels) for port in self._enrich_ports())

    def _count(self, kind: str) -> int:
        try:
            return int(self.es.count(index=f"{self.tag}-{kind}")["count"])
        except NotFoundError:  # the alias appears with the first document
            return 0

    def _pids(self) -> dict[str, int | None]:
        stack = StackSettings()
        pids = {name: self.processes.pid(name) for name in SERVICES}
        pids |= {f"enrich{i}": self.processes.pid("enrich", i) for i in self.extra_enrich}
        return pids | {
            name: running_pid(Service(name, stack)) for name in ("kafka", "elasticsearch")
        }

    def _sample_rss(self) -> None:
        for name, pid in self._pids().items():
            self.rss[name] = max(self.rss.get(name, 0.0), _rss_mib(pid))

    def _cpu(self) -> dict[str, float]:
        """CPU seconds so far of each service and JVM, and of this benchmark's finished
        children (the ``claimwire ingest`` command that feeds the throughput phase)."""
        cpu = {name: _cpu_seconds(pid) for name, pid in self._pids().items()}
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return cpu | {"ingest command": children.ru_utime + children.ru_stime}

    def throughput(self, n: int) -> tuple[float, int, list[Sample], float]:
        """Ingest ``n`` articles at once; seconds until all are searchable, claims, timeline."""
        corpus = self.workdir / "corpus.jsonl"
        with corpus.open("w") as out:
            for article in generate(n, seed=1, background=self.background):
                out.write(json.dumps(article.as_json()) + "\n")
        timeline: list[Sample] = []
        started = time.monotonic()
        ingest_seconds: list[float] = []
        ingest = threading.Thread(
            target=lambda: ingest_seconds.append(
                self._claimwire("ingest", str(corpus), "--no-progress")
            )
        )
        cpu_before = self._cpu()
        ingest.start()
        claims_expected = -1
        while True:
            time.sleep(1.0)
            enriched = self._enrich_metric(
                "claimwire_enrich_articles_total", {"outcome": "enriched"}
            )
            sample = Sample(
                time.monotonic() - started, self._count("articles"), self._count("claims"), enriched
            )
            timeline.append(sample)
            self._sample_rss()
            # A dead-lettered article never becomes searchable: stop, do not wait 30 min.
            lost = self._enrich_metric(
                "claimwire_enrich_articles_total", {"outcome": "dead_lettered"}
            )
            if lost:
                raise RuntimeError(
                    f"{lost:.0f} articles were dead-lettered; the enrich log says why"
                )
            if enriched >= n and claims_expected < 0:
                claims_expected = int(
                    self._enrich_metric("claimwire_enrich_claims_total", {"outcome": "produced"})
                )
            if claims_expected >= 0 and sample.articles >= n and sample.claims >= claims_expected:
                break
            if sample.t > 1800:
                raise RuntimeError(f"not finished after 30 min: {sample}")
        ingest.join()
        cpu_after, wall = self._cpu(), time.monotonic() - started
        self.cpu_cores = {
            name: (cpu_after[name] - cpu_before.get(name, 0.0)) / wall for name in cpu_after
        }
        return timeline[-1].t, claims_expected, timeline, ingest_seconds[0]

    def latency(self, rate: float, seconds: float) -> list[tuple[float, float]]:
        """Post ``rate`` articles/s for ``seconds``; (sent-at, latency) per article."""
        articles = generate(int(rate * seconds) + 1, seed=2, background=self.background)
        url = f"http://127.0.0.1:{self.processes.port('ingest')}/articles"
        sent: dict[str, float] = {}
        done: dict[str, float] = {}
        lock = threading.Lock()
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set() or len(done) < len(sent):
                with lock:
                    pending = [i for i in sent if i not in done][:2000]
                if pending:
                    hits = self.es.search(
                        index=f"{self.tag}-articles",
                        body={
                            "size": len(pending),
                            "_source": False,
                            "query": {"terms": {"article_id": pending}},
                        },
                    )["hits"]["hits"]
                    now = time.monotonic()
                    with lock:
                        for hit in hits:
                            done.setdefault(hit["_id"], now)
                time.sleep(0.1)

        poller = threading.Thread(target=poll)
        poller.start()
        tick = 0.1
        per_tick = rate * tick
        started = time.monotonic()
        budget = 0.0
        index = 0
        while index < len(articles):
            budget += per_tick
            batch = articles[index : index + int(budget)]
            budget -= len(batch)
            index += len(batch)
            if batch:
                body = json.dumps([a.as_json() for a in batch]).encode()
                request = urllib.request.Request(
                    url, data=body, headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=30):
                    pass
                now = time.monotonic()
                with lock:
                    for a in batch:
                        sent[article_id(a.url, a.title, a.body)] = now
            next_tick = started + (index / rate)
            time.sleep(max(0.0, next_tick - time.monotonic()))
        stop.set()
        poller.join(timeout=120)
        return sorted((sent[i] - started, done[i] - sent[i]) for i in done)

    def sink(self) -> tuple[int, float]:
        """Bulk-load the enriched documents of this run straight into Elasticsearch."""

        consumer = create_consumer(
            self.kafka,
            f"{self.tag}-sink",
            [self.kafka.topic_enriched, self.kafka.topic_claims],
        )
        actions: list[dict[str, Any]] = []
        idle = 0
        while idle < 5:
            batches = consumer.poll(timeout_ms=1000, max_records=5000)
            idle = 0 if batches else idle + 1
            for tp, records in batches.items():
                kind = DocKind.ARTICLES if tp.topic == self.kafka.topic_enriched else DocKind.CLAIMS
                for record in records:
                    action = to_action(decode_event(kind, record.value), f"{self.tag}-sink")
                    actions.append(
                        {"_index": action.index, "_id": action.doc_id, "_source": action.source}
                    )
        consumer.close()
        self._claimwire_env_setup(f"{self.tag}-sink")
        started = time.monotonic()
        helpers.bulk(self.es, actions, chunk_size=500, max_chunk_bytes=5 * 1024 * 1024)
        return len(actions), time.monotonic() - started

    def _claimwire_env_setup(self, prefix: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "claimwire.cli", "index", "setup"],
            env={**os.environ, **self.env, **self.admin_env, "CLAIMWIRE_ES_INDEX_PREFIX": prefix},
            check=True,
            capture_output=True,
        )


def _rate_between(timeline: list[Sample], attr: str, lo: float, hi: float) -> float:
    """Slope of ``attr`` between the samples where it passes lo and hi of its final value."""
    final = getattr(timeline[-1], attr)
    if final <= 0:
        return 0.0
    a = next(s for s in timeline if getattr(s, attr) >= lo * final)
    b = next(s for s in timeline if getattr(s, attr) >= hi * final)
    return (getattr(b, attr) - getattr(a, attr)) / (b.t - a.t) if b.t > a.t else 0.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def one_run(
    number: int, n: int, latency_seconds: float, background: float, enrich_workers: int
) -> RunResult:
    tag = f"claimwire-bench-{int(time.time())}-{number}"  # in the index user's claimwire-*
    with tempfile.TemporaryDirectory(prefix="claimwire-bench-") as tmp:
        run = Run(tag, Path(tmp), background, enrich_workers)
        try:
            run.start()
            seconds, claims, timeline, ingest_s = run.throughput(n)
            max_rate = n / seconds
            latencies = run.latency(rate=max_rate / 2, seconds=latency_seconds)
            sink_docs, sink_s = run.sink()
        except BaseException:
            # The run's folder goes away with it; keep the services' logs for the post-mortem.
            kept = shutil.copytree(
                Path(tmp) / "services",
                RESULTS / "failed" / tag,
                ignore=shutil.ignore_patterns("*.pid"),
                dirs_exist_ok=True,
            )
            print(f"  run failed; the services' logs are in {kept}", flush=True)
            raise
        finally:
            run.stop()
    pipeline_docs_per_s = (n + claims) / seconds
    lat = [latency for _, latency in latencies]
    return RunResult(
        articles=n,
        claims=claims,
        seconds=seconds,
        e2e_articles_per_s=max_rate,
        e2e_claims_per_s=claims / seconds,
        ingest_articles_per_s=n / ingest_s,
        enrich_articles_per_s=_rate_between(timeline, "enriched", 0.1, 0.9),
        index_docs_per_s=pipeline_docs_per_s,
        offered_articles_per_s=max_rate / 2,
        latency_p50_s=_percentile(lat, 0.50),
        latency_p95_s=_percentile(lat, 0.95),
        latency_p99_s=_percentile(lat, 0.99),
        sink_docs_per_s=sink_docs / sink_s,
        sink_ratio=pipeline_docs_per_s / (sink_docs / sink_s),
        rss_mib=dict(run.rss),
        cpu_cores=dict(run.cpu_cores),
        enrich_core_compiled=run.enrich_core_compiled,
        enrich_workers=enrich_workers,
        timeline=timeline,
        latencies=latencies,
    )


SUMMARY_KEYS = [
    "e2e_articles_per_s",
    "e2e_claims_per_s",
    "latency_p50_s",
    "latency_p95_s",
    "latency_p99_s",
    "sink_docs_per_s",
    "sink_ratio",
    "ingest_articles_per_s",
    "enrich_articles_per_s",
    "index_docs_per_s",
    "offered_articles_per_s",
    "seconds",
]


def summarise(runs: list[RunResult], background: float) -> dict[str, Any]:
    summary: dict[str, Any] = {
        key: statistics.median(getattr(r, key) for r in runs) for key in SUMMARY_KEYS
    }
    summary["rss_mib"] = {
        name: statistics.median(r.rss_mib.get(name, 0.0) for r in runs) for name in runs[0].rss_mib
    }
    summary["cpu_cores"] = {
        name: statistics.median(r.cpu_cores.get(name, 0.0) for r in runs)
        for name in runs[0].cpu_cores
    }
    summary["runs"] = len(runs)
    summary["claims_per_article"] = statistics.median(r.claims / r.articles for r in runs)
    summary["corpus_background_share"] = background
    summary["articles_per_run"] = runs[0].articles
    summary["cores"] = os.cpu_count()
    summary["enrich_core_compiled"] = all(r.enrich_core_compiled for r in runs)
    summary["enrich_workers"] = runs[0].enrich_workers
    return summary


def write_outputs(summary: dict[str, Any], runs: list[RunResult]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    detail = [
        {k: v for k, v in asdict(r).items() if k not in {"timeline", "latencies"}} for r in runs
    ]
    (RESULTS / "latest.json").write_text(json.dumps({**summary, "each_run": detail}, indent=2))
    rows = [
        f"| {key} | {summary[key]:.2f} | "
        + " | ".join(f"{getattr(r, key):.2f}" for r in runs)
        + " |"
        for key in SUMMARY_KEYS
    ]
    rss = [
        f"| rss {name} (MiB) | {value:.0f} | "
        + " | ".join(f"{r.rss_mib.get(name, 0):.0f}" for r in runs)
        + " |"
        for name, value in summary["rss_mib"].items()
    ]
    cpu = [
        f"| cpu {name} (cores) | {value:.2f} | "
        + " | ".join(f"{r.cpu_cores.get(name, 0):.2f}" for r in runs)
        + " |"
        for name, value in summary["cpu_cores"].items()
    ]
    header = "| figure | median | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " |"
    rule = "|---|---|" + "---|" * len(runs)
    build = "compiled with mypyc" if summary["enrich_core_compiled"] else "interpreted"
    (RESULTS / "latest.md").write_text(
        f"# Claimwire end-to-end benchmark\n\n{summary['runs']} runs of "
        f"{summary['articles_per_run']} articles on {summary['cores']} cores; latency at half "
        f"the measured maximum; {summary['enrich_workers']} enrich worker(s), core {build}; "
        f"{summary['claims_per_article']:.1f} claims per article (corpus background share "
        f"{summary['corpus_background_share']:.2f}).\n\n"
        + "\n".join([header, rule, *rows, *rss, *cpu])
        + "\n"
    )
    _chart(runs[len(runs) // 2])


def _chart(run: RunResult) -> None:
    # Here, not at the top: matplotlib is heavy and only the optional chart needs it.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7))
    ts = [s.t for s in run.timeline]
    top.plot(ts, [s.enriched for s in run.timeline], label="articles enriched")
    top.plot(ts, [s.articles for s in run.timeline], label="articles searchable")
    top.plot(ts, [s.claims for s in run.timeline], label="claims searchable")
    top.set_xlabel("seconds since ingest started")
    top.set_ylabel("cumulative count")
    top.set_title(f"Throughput: {run.e2e_articles_per_s:.0f} articles/s end to end")
    top.legend()
    bottom.scatter([t for t, _ in run.latencies], [lat for _, lat in run.latencies], s=4)
    bottom.axhline(run.latency_p99_s, color="red", linestyle="--", label="p99")
    bottom.set_xlabel("seconds since the fixed load started")
    bottom.set_ylabel("ingest to searchable (s)")
    bottom.set_title(f"Latency at {run.offered_articles_per_s:.0f} articles/s offered")
    bottom.legend()
    fig.tight_layout()
    fig.savefig(RESULTS / "latest.png", dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    # 10,000: the throughput phase lasts over 60 s even at 120 articles/s (the fastest
    # machine measured); 4,000 finished in about 33 s there.
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--latency-seconds", type=float, default=60.0)
    parser.add_argument(
        "--background",
        type=float,
        default=BACKGROUND_SHARE,
        help="share of background paragraphs in the corpus (0: every paragraph has claims, "
        "about twice the claim density of a real wire story)",
    )
    parser.add_argument(
        "--enrich-workers",
        type=int,
        default=1,
        help="enrich workers in one consumer group (the raw topic has 6 partitions)",
    )
    args = parser.parse_args()
    runs = []
    for number in range(args.runs):
        print(f"run {number + 1}/{args.runs}: {args.articles} articles ...", flush=True)
        result = one_run(
            number, args.articles, args.latency_seconds, args.background, args.enrich_workers
        )
        print(
            f"  {result.e2e_articles_per_s:.1f} articles/s, {result.e2e_claims_per_s:.1f} "
            f"claims/s, p99 {result.latency_p99_s:.2f}s, sink ratio {result.sink_ratio:.2f}",
            flush=True,
        )
        if result.seconds < MIN_SUSTAINED_S:
            print(
                f"  warning: the throughput phase lasted {result.seconds:.0f}s, under "
                f"{MIN_SUSTAINED_S:.0f}s; pass more --articles for a sustained rate",
                flush=True,
            )
        runs.append(result)
    summary = summarise(runs, args.background)
    write_outputs(summary, runs)
    print((RESULTS / "latest.md").read_text())


if __name__ == "__main__":
    main()
