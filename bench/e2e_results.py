"""The end-to-end benchmark's results: one run's figures, their medians, the reports.

``summarise`` takes the medians over runs; ``write_outputs`` writes
``bench/results/latest.json``, ``latest.md`` and the chart ``latest.png``.
"""

from __future__ import annotations

import json
import os
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

from claimwire.stack.settings import ROOT

RESULTS = ROOT / "bench" / "results"


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


def rate_between(timeline: list[Sample], attr: str, lo: float, hi: float) -> float:
    """Slope of ``attr`` between the samples where it passes lo and hi of its final value."""
    final = getattr(timeline[-1], attr)
    if final <= 0:
        return 0.0
    a = next(s for s in timeline if getattr(s, attr) >= lo * final)
    b = next(s for s in timeline if getattr(s, attr) >= hi * final)
    return (getattr(b, attr) - getattr(a, attr)) / (b.t - a.t) if b.t > a.t else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


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
    chart(runs[len(runs) // 2])


def chart(run: RunResult) -> None:
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
