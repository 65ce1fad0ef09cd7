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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimwire_ingest.formats import ParseContext
from claimwire_ingest.runner import run_batch
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.sources import expand_paths, read_source

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
    ctx = ParseContext(max_body_bytes=settings.max_body_bytes)
    accepted = 0
    for source in expand_paths([str(folder)], []).sources:
        _, items = read_source(
            source, ctx, max_file_bytes=settings.max_file_bytes, fetch_timeout_s=1
        )
        accepted += sum(1 for p in items if p.rejected is None)
    elapsed = time.perf_counter() - started
    assert accepted > 0
    return elapsed


def one_run(folder: Path, settings: IngestSettings, expected: int) -> float:
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code, summary = run_batch([str(folder)], [], settings, progress=False, out=out, err=err)
    elapsed = time.perf_counter() - started
    if code != 0 or summary is None or summary.published != expected:
        sys.exit(f"run failed (exit {code}):\n{out.getvalue()}\n{err.getvalue()}")
    return elapsed


def profile_run(folder: Path, settings: IngestSettings, expected: int) -> list[dict[str, Any]]:
    profiler = cProfile.Profile()
    profiler.enable()
    one_run(folder, settings, expected)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}:{name}",
                "calls": calls,
                "own_s": round(own, 3),
                "cumulative_s": round(cumulative, 3),
            }
        )
    rows.sort(key=lambda r: r["own_s"], reverse=True)
    return rows[:12]


def delete_topics(settings: IngestSettings, prefix: str) -> None:
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(**settings.kafka_client_options())
    try:
        mine = [t for t in admin.list_topics() if t.startswith(prefix)]
        if mine:
            admin.delete_topics(mine)
    finally:
        admin.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
        print(f"pure core alone (read + parse, no Kafka): {args.articles / statistics.median(parse_s):,.0f} articles/s")
        run_s = []
        try:
            for n in range(args.runs):
                settings = base.model_copy(
                    update={
                        "topic_raw": f"t-{token}-{n}-raw",
                        "topic_deadletter": f"t-{token}-{n}-deadletter",
                    }
                )
                elapsed = one_run(folder, settings, args.articles)
                run_s.append(elapsed)
                print(f"run {n + 1}: {elapsed:.2f}s, {args.articles / elapsed:,.0f} articles/s")
            profiled = base.model_copy(
                update={"topic_raw": f"t-{token}-p-raw", "topic_deadletter": f"t-{token}-p-dl"}
            )
            top = profile_run(folder, profiled, args.articles)
        finally:
            delete_topics(base, f"t-{token}-")
    median_rate = args.articles / statistics.median(run_s)
    core_rate = args.articles / statistics.median(parse_s)
    share_core = core_rate and median_rate / core_rate
    limit = (
        "the pure core (decode, normalise, validate, pydantic) on one CPU: "
        f"parsing alone accounts for {share_core:.0%} of the end-to-end time"
        if share_core > 0.6
        else "publishing (serialising, producer batching, acks=all round trips): "
        f"parsing alone is only {share_core:.0%} of the end-to-end time"
    )
    print(f"median: {median_rate:,.0f} articles/s over {args.runs} runs")
    print(f"limited by: {limit}")
    print("where a profiled run spends its own time:")
    for row in top[:8]:
        print(f"  {row['own_s']:7.3f}s  {row['calls']:>8}  {row['function']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "ingest",
                "measured_at": datetime.now(UTC).isoformat(),
                "articles": args.articles,
                "input_bytes": size,
                "runs": args.runs,
                "run_seconds": [round(s, 3) for s in run_s],
                "median_articles_per_s": round(median_rate, 1),
                "parse_only_articles_per_s": round(core_rate, 1),
                "limited_by": limit,
                "profile_top_own_time": top,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "note": "shared machine: other engineers' tests run at the same time",
                },
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
