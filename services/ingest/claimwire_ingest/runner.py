"""``claimwire ingest`` end to end: expand the arguments, connect, run the path, report.

The adapter around ``pipeline.IngestRun``: it owns the producer's lifetime
(connect, create topics, flush, close) and the terminal output.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TextIO

from prometheus_client import CollectorRegistry
from tqdm import tqdm

from claimwire_ingest.formats import KIND_BY_FORMAT
from claimwire_ingest.metrics import IngestMetrics, create_metrics
from claimwire_ingest.parsed import ParseContext
from claimwire_ingest.pipeline import IngestRun, RunSummary
from claimwire_ingest.publisher import (
    KafkaUnavailable,
    Publisher,
    connect_producer,
    ensure_ingest_topics,
)
from claimwire_ingest.routing import SeenArticles
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.sources import Expansion, SourceError, expand_paths, read_source

log = logging.getLogger(__name__)

EXIT_USAGE = 2
# A run shorter than this shows no progress bar: it would only flicker.
PROGRESS_DELAY_S = 2.0


def _run(
    expansion: Expansion,
    publisher: Publisher,
    settings: IngestSettings,
    metrics: IngestMetrics,
    progress: bool,
    err: TextIO,
) -> RunSummary:
    run = IngestRun(
        publisher,
        SeenArticles(settings.ingest_dedupe_capacity),
        metrics,
        settings.ingest_max_in_flight,
    )
    ctx = ParseContext(max_body_bytes=settings.ingest_max_body_bytes)
    bar = tqdm(
        expansion.sources,
        unit="file",
        disable=not progress,
        delay=PROGRESS_DELAY_S,
        leave=False,
        file=err,
    )
    for source in bar:
        try:
            size, items = read_source(
                source,
                ctx,
                max_file_bytes=settings.ingest_max_file_bytes,
                fetch_timeout_s=settings.ingest_feed_fetch_timeout_s,
            )
        except SourceError as exc:
            run.summary.source_errors.append(str(exc))
            continue
        metrics.input_bytes.labels(KIND_BY_FORMAT[source.fmt] if source.fmt else "file").inc(size)
        for parsed in items:
            run.process(parsed)
    summary = run.finish(settings.ingest_publish_timeout_s)
    summary.skipped = list(expansion.skipped)
    return summary


def run_batch(
    paths: Sequence[str],
    feeds: Sequence[str],
    settings: IngestSettings,
    *,
    progress: bool,
    out: TextIO,
    err: TextIO,
    registry: CollectorRegistry | None = None,
) -> tuple[int, RunSummary | None]:
    """Ingest ``paths`` and ``feeds``; print the summary to ``out``, errors to ``err``.

    Returns the exit code (0 clean, 1 something rejected or unreadable,
    2 usage error or Kafka trouble) and the summary (None when nothing ran).
    Publishes each new article once per run; a rerun publishes again, and the
    ids keep downstream documents single.
    """
    expansion = expand_paths(list(paths), list(feeds))
    if expansion.missing:
        for missing in expansion.missing:
            print(f"claimwire ingest: no such file, folder or match: {missing}", file=err)
        return EXIT_USAGE, None
    if not expansion.sources:
        print(
            "claimwire ingest: nothing to ingest (no .txt, .json, .jsonl, .html or feed)", file=err
        )
        return EXIT_USAGE, None
    metrics = create_metrics(registry or CollectorRegistry())
    try:
        producer = connect_producer(settings)
    except KafkaUnavailable as exc:
        print(f"claimwire ingest: {exc}; nothing was published", file=err)
        return EXIT_USAGE, None
    publisher = Publisher(producer, settings, metrics, reconnect=lambda: connect_producer(settings))
    try:
        ensure_ingest_topics(settings)
        summary = _run(expansion, publisher, settings, metrics, progress, err)
    except KafkaUnavailable as exc:
        print(f"claimwire ingest: {exc}; nothing was published", file=err)
        return EXIT_USAGE, None
    finally:
        publisher.close()
    print_summary(summary, out, err)
    return summary.exit_code(), summary


def print_summary(summary: RunSummary, out: TextIO, err: TextIO) -> None:
    """The end-of-run report: counts first, then each rejection with its reason."""
    print(f"published:  {summary.published}", file=out)
    print(f"duplicates: {summary.duplicates}", file=out)
    by_reason = ", ".join(f"{reason} {n}" for reason, n in sorted(summary.rejected.items()))
    print(
        f"rejected:   {summary.rejected_total}" + (f" ({by_reason})" if by_reason else ""), file=out
    )
    for rejection in summary.rejections:
        print(f"  {rejection.location}: {rejection.reason}: {rejection.message}", file=out)
    if summary.rejected_total > len(summary.rejections):
        print(f"  ... and {summary.rejected_total - len(summary.rejections)} more", file=out)
    if summary.skipped:
        print(f"skipped (not an article format): {len(summary.skipped)}", file=out)
        for skipped in summary.skipped[:10]:
            print(f"  {skipped}", file=out)
    for error in summary.source_errors:
        print(f"unreadable: {error}", file=err)
    if summary.not_acknowledged:
        print(
            f"NOT acknowledged by Kafka: {summary.not_acknowledged} record(s); "
            "they are not counted as published",
            file=err,
        )
        for error in summary.delivery_errors[:10]:
            print(f"  {error}", file=err)
