"""Ingest throughput: a folder of 10,000 small articles, published to the real broker.

Run with the local stack up (``make up``):

    .venv/bin/python bench/ingest_bench.py [--articles 10000] [--runs 5]

Each run ingests the whole folder with ``claimwire ingest``'s code path
(``runner.run_batch``) into a topic of its own, so runs do not share state;
the script prints the median articles/s over the runs and what limits it:
the same folder read and parsed without Kafka (the pure core alone), and the
functions where a profiled run spends its time. Results go to
``bench/results/ingest.json``. The topics are deleted afterwards.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import kafka.record.util
from claimwire_ingest.parsed import ParseContext
from claimwire_ingest.runner import run_batch
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.sources import expand_paths, read_source
from kafka import KafkaAdminClient

RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"
CITIES = ["Oslo", "Porto", "Valparaíso", "Nairobi", "Tromsø", "Busan", "Lyon", "Ottawa"]
SUBJECTS = ["port", "council", "ministry", "union", "rail operator", "utility", "court"]
VERBS = ["approved", "rejected", "delayed", "announced", "reviewed", "expanded"]


def write_articles(folder: Path, count: int, seed: int = 7) -> int:
    """``count`` small fictional .txt articles (about 600 bytes each); returns the bytes written."""
    rng = random.Random(seed)
    total = 0
    for n in range(count):
        city, subject, verb = rng.choice(CITIES), rng.choice(SUBJECTS), rng.choice(VERBS)
        amount = rng.randint(2, 900)
        text = (
            f"{city} {subject} {verb} plan number {n}\n\n"
            f"{city.upper()} — The {subject} {verb} a plan worth {amount} million on "
            f"Monday, officials said, the {n}th such decision this year.\n"
            f'"We expect work to start within {rng.randint(2, 30)} weeks," a spokesperson '
            f"for the {subject} said, adding that {rng.randint(10, 5000)} people would be "
            f"affected.\nCritics said the {subject} had not consulted residents.\n"
        )
        data = text.encode("utf-8")
        (folder / f"{n // 1000:02d}").mkdir(exist_ok=True)
        (folder / f"{n // 1000:02d}" / f"article-{n:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def parse_only(folder: Path, settings: IngestSettings) -> float:
    """Seconds to read and parse the folder with the pure core, no Kafka."""
    started = time.perf_counter()
    ctx = ParseContext(max_body_bytes=settings.ingest_max_body_bytes)
    accepted = 0
    for source in expand_paths([str(folder)], []).sources:
        _, items = read_source(
            source, ctx, max_file_bytes=settings.ingest_max_file_bytes, fetch_timeout_s=1
        )
        accepted += sum(1 for p in items if p.rejected is None)
    elapsed = time.perf_counter() - started
    if accepted == 0:
        sys.exit("the pure core accepted none of the generated articles")
    return elapsed


@dataclass(frozen=True)
class RunTimes:
    wall_s: float
    process_cpu_s: float
    main_thread_cpu_s: float


def one_run(folder: Path, settings: IngestSettings, expected: int) -> RunTimes:
    out, err = io.StringIO(), io.StringIO()
    wall, cpu, main_cpu = time.perf_counter(), time.process_time(), time.thread_time()
    code, summary = run_batch([str(folder)], [], settings, progress=False, out=out, err=err)
    times = RunTimes(
        wall_s=time.perf_counter() - wall,
        process_cpu_s=time.process_time() - cpu,
        main_thread_cpu_s=time.thread_time() - main_cpu,
    )
    if code != 0 or summary is None or summary.published != expected:
        sys.exit(f"run failed (exit {code}):\n{out.getvalue()}\n{err.getvalue()}")
    return times


# Where the main thread's time goes, by the cumulative time of these functions.
_PHASES = {
    "read_and_parse_s": [("sources.py", "read_source"), ("formats.py", "attempt")],
    "publish_calls_s": [("publisher.py", "publish"), ("publisher.py", "dead_letter")],
    "final_flush_s": [("pipeline.py", "finish")],
}


def profile_run(
    folder: Path, settings: IngestSettings, expected: int
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Main-thread phases and top functions by own time, from one profiled run."""
    profiler = cProfile.Profile()
    profiler.enable()
    one_run(folder, settings, expected)
    profiler.disable()
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]]
    raw = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    phases = {
        phase: round(
            sum(
                cumulative
                for (filename, _, name), (_, _, _, cumulative, _) in raw.items()
                if any(filename.endswith(f) and name == n for f, n in functions)
            ),
            3,
        )
        for phase, functions in _PHASES.items()
    }
    rows: list[dict[str, Any]] = [
        {
            "function": f"{Path(filename).name}:{line}:{name}",
            "calls": calls,
            "own_s": round(own, 3),
            "cumulative_s": round(cumulative, 3),
        }
        for (filename, line, name), (_, calls, own, cumulative, _) in raw.items()
    ]
    rows.sort(key=lambda r: r["own_s"], reverse=True)
    return phases, rows[:12]


def delete_topics(settings: IngestSettings, prefix: str) -> None:
    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        mine = [t for t in admin.list_topics() if t.startswith(prefix)]
        if mine:
            admin.delete_topics(mine)
    finally:
        admin.close()


def _limit(median: RunTimes, core_rate: float, rate: float, phases: dict[str, float]) -> str:
    cpu_share = median.process_cpu_s / median.wall_s
    io_thread_cpu = median.process_cpu_s - median.main_thread_cpu_s
    parse, publish = phases["read_and_parse_s"], phases["publish_calls_s"]
    where = (
        f"in the main thread {parse / (parse + publish):.0%} of the work is reading and "
        f"parsing (the pure core alone runs at {core_rate:,.0f} articles/s) and "
        f"{publish / (parse + publish):.0%} is kafka-python encoding records; its I/O thread "
        f"(batching, gzip, CRC) adds {io_thread_cpu:.1f}s of CPU per run"
    )
    if cpu_share > 0.8:
        return (
            f"CPU in one Python process ({cpu_share:.0%} of wall time on CPU; the GIL lets one "
            f"thread run at a time): {where}. Broker acknowledgements are not the limit: the "
            f"final flush waits {phases['final_flush_s']:.2f}s"
        )
    return (
        f"waiting ({cpu_share:.0%} of wall time on CPU, at {rate:,.0f} articles/s): the broker, "
        f"the disk or other load on this shared machine; {where}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    token = f"bench-{uuid.uuid4().hex[:8]}"
    base = IngestSettings(topic_partitions=6)
    with tempfile.TemporaryDirectory(prefix="claimwire-ingest-bench-") as tmp:
        folder = Path(tmp)
        size = write_articles(folder, args.articles)
        print(f"{args.articles} articles, {size / 1e6:.1f} MB, in {folder}")
        parse_s = [parse_only(folder, base) for _ in range(3)]
        core_rate = args.articles / statistics.median(parse_s)
        print(f"pure core alone (read + parse, no Kafka): {core_rate:,.0f} articles/s")
        runs: list[RunTimes] = []
        try:
            for n in range(args.runs):
                settings = base.model_copy(
                    update={
                        "topic_raw": f"t-{token}-{n}-raw",
                        "topic_deadletter": f"t-{token}-{n}-deadletter",
                    }
                )
                runs.append(one_run(folder, settings, args.articles))
                print(
                    f"run {n + 1}: {runs[-1].wall_s:.2f}s, "
                    f"{args.articles / runs[-1].wall_s:,.0f} articles/s"
                )
            profiled = base.model_copy(
                update={"topic_raw": f"t-{token}-p-raw", "topic_deadletter": f"t-{token}-p-dl"}
            )
            phases, top = profile_run(folder, profiled, args.articles)
        finally:
            delete_topics(base, f"t-{token}-")
    median = sorted(runs, key=lambda r: r.wall_s)[len(runs) // 2]
    rate = args.articles / statistics.median(r.wall_s for r in runs)
    limit = _limit(median, core_rate, rate, phases)
    print(f"median: {rate:,.0f} articles/s over {args.runs} runs")
    print(f"limited by: {limit}")
    print("top functions of a profiled run (main thread, own time):")
    for row in top[:8]:
        print(f"  {row['own_s']:7.3f}s  {row['calls']:>8}  {row['function']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "ingest",
        "measured_at": datetime.now(UTC).isoformat(),
        "articles": args.articles,
        "input_bytes": size,
        "runs": [asdict(r) for r in runs],
        "median_articles_per_s": round(rate, 1),
        "parse_only_articles_per_s": round(core_rate, 1),
        "main_thread_phases_s": phases,
        "limited_by": limit,
        "profile_top_own_time": top,
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "python": platform.python_version(),
            "crc32c_in_c": kafka.record.util.crc32c_c is not None,
            "note": "shared machine: other engineers' tests may run at the same time",
        },
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
