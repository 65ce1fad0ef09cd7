"""The broker stopped and restarted while ``claimwire ingest`` is publishing: nothing is lost.

The real local broker (the one ``claimwire stack`` started for this worktree)
is stopped as soon as the first articles of a run of a few thousand reach the
raw topic, while the command is still running, and started again. Every
article must be on the raw topic afterwards (at least once) and the command's
report must count every one of them as published.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from claimwire_ingest.parsed import ParseContext
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.sources import expand_paths, read_source
from claimwire_schemas.events import ArticleRaw
from kafka import KafkaConsumer, TopicPartition

from bench.corpus import generate
from claimwire.stack.jvm import Service, running_pid, stop_process
from claimwire.stack.kafka import start_kafka
from claimwire.stack.settings import StackSettings
from claimwire_base.settings import KafkaSettings

from .conftest import ROOT, ReadTopic

pytestmark = pytest.mark.integration

ARTICLES = 3000


def _corpus(folder: Path) -> set[str]:
    """``ARTICLES`` article files; returns the ids the pure core gives them."""
    folder.mkdir()
    for i, article in enumerate(generate(ARTICLES, seed=12)):
        (folder / f"article-{i:04d}.json").write_text(json.dumps(article.as_json()))
    ctx = ParseContext(max_body_bytes=IngestSettings().ingest_max_body_bytes)
    ids = set()
    for source in expand_paths([str(folder)], []).sources:
        _, items = read_source(source, ctx, max_file_bytes=10**8, fetch_timeout_s=5)
        ids |= {p.result.article_id for p in items if isinstance(p.result, ArticleRaw)}
    assert len(ids) == ARTICLES
    return ids


def _published_so_far(settings: KafkaSettings, topic: str) -> int:
    consumer = KafkaConsumer(**settings.kafka_client_options(), group_id=None)
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        ends = consumer.end_offsets([TopicPartition(topic, p) for p in partitions])
        return sum(ends.values())
    finally:
        consumer.close()


def test_broker_restarted_during_ingest_every_article_arrives(
    tmp_path: Path, ingest_settings: IngestSettings, read_topic: ReadTopic
) -> None:
    stack = StackSettings()
    broker = Service("kafka", stack)
    if running_pid(broker) is None:
        pytest.fail("the local broker was not started by `make up` / `claimwire stack run`")
    ids = _corpus(tmp_path / "inbox")
    env = {
        **os.environ,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": ingest_settings.kafka_bootstrap_servers,
        "CLAIMWIRE_TOPIC_RAW": ingest_settings.topic_raw,
        "CLAIMWIRE_TOPIC_DEADLETTER": ingest_settings.topic_deadletter,
        # Few sends in flight: the run lasts long enough to be caught in the middle.
        "CLAIMWIRE_INGEST_MAX_IN_FLIGHT": "10",
    }
    ingest = subprocess.Popen(
        [sys.executable, "-m", "claimwire.cli", "ingest", "--no-progress", str(tmp_path / "inbox")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        topic = ingest_settings.topic_raw
        for _ in range(600):
            if _published_so_far(ingest_settings, topic) > 0 or ingest.poll() is not None:
                break
        published_before = _published_so_far(ingest_settings, topic)
        assert ingest.poll() is None, "ingest finished before the broker could be stopped"
        assert stop_process(broker)
        assert ingest.poll() is None, "the broker must go down while ingest still runs"
        start_kafka(stack, KafkaSettings())
        out, err = ingest.communicate(timeout=400)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.communicate()
        if running_pid(broker) is None:
            start_kafka(stack, KafkaSettings())
    assert 0 < published_before < ARTICLES
    assert ingest.returncode == 0, err
    assert re.search(rf"^published:\s+{ARTICLES}$", out, re.M), out
    assert "rejected:   0" in out
    keys = {r.key.decode() for r in read_topic(ingest_settings.topic_raw)}
    assert keys == ids, f"{len(ids - keys)} articles missing from the raw topic"
