"""``claimwire ingest`` on the real broker: each good article once, each bad one dead-lettered."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from claimwire_ingest.parsed import ParseContext
from claimwire_ingest.routing import revision_of
from claimwire_ingest.runner import run_batch
from claimwire_ingest.settings import IngestSettings
from claimwire_ingest.sources import expand_paths, read_source
from claimwire_schemas.cloudevents import from_headers, headers_dict
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import ArticleRaw, Stage
from claimwire_schemas.topics import DEADLETTER, RAW

from claimwire.stack.jvm import free_port

from .conftest import FIXTURES, ROOT, SAMPLES, ReadTopic

pytestmark = pytest.mark.integration

# Location (relative to the run's folder) -> reason, for every bad input of the issue.
EXPECTED_REJECTIONS = {
    "bad/bad-date.json": "bad_date",
    "bad/broken-feed.rss#entry-2": "bad_feed_entry",
    "bad/broken-feed.rss#entry-3": "bad_feed_entry",
    "bad/broken-feed.rss#entry-4": "bad_date",
    "bad/damaged-utf8.txt": "decode_error",
    "bad/empty.txt": "empty",
    "bad/malformed.json": "not_json",
    "bad/missing-body.json": "schema_invalid",
    "bad/missing-title.json": "schema_invalid",
    "bad/mixed-lines.jsonl:2": "not_json",
    "bad/mixed-lines.jsonl:3": "bad_date",
    "bad/mixed-lines.jsonl:4": "decode_error",
    "bad/no-text.html": "no_article_text",
    "bad/photo-named-txt.txt": "binary",
    "bad/title-only.txt": "schema_invalid",
    "bad/too-large.txt": "too_large",
}


# One article per file in samples/ (README.md is skipped); the good fixtures add 7 and
# the bad files 3 good parts (JSON lines and feed entries next to bad ones).
SAMPLE_ARTICLES = sum(1 for p in SAMPLES.iterdir() if p.suffix in {".txt", ".json", ".html"})
GOOD_IN_MIXED_FOLDER = SAMPLE_ARTICLES + 7 + 3


def _mixed_folder(root: Path) -> Path:
    """The samples, the good fixtures and every bad input kind in one tree."""
    folder = root / "inbox"
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copytree(FIXTURES / "good", folder / "good")
    shutil.copytree(FIXTURES / "bad", folder / "bad")
    return folder


def _expected_ids(folder: Path, settings: IngestSettings) -> set[str]:
    """The article ids the pure core accepts in ``folder`` (unit-tested on its own)."""
    ctx = ParseContext(max_body_bytes=settings.ingest_max_body_bytes)
    ids = set()
    for source in expand_paths([str(folder)], []).sources:
        _, items = read_source(source, ctx, max_file_bytes=10**8, fetch_timeout_s=5)
        ids |= {p.result.article_id for p in items if isinstance(p.result, ArticleRaw)}
    return ids


def test_mixed_folder_publishes_good_once_and_dead_letters_bad(
    tmp_path: Path, ingest_settings: IngestSettings, read_topic: ReadTopic
) -> None:
    folder = _mixed_folder(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code, summary = run_batch([str(folder)], [], ingest_settings, progress=False, out=out, err=err)
    assert summary is not None, err.getvalue()
    assert code == 1, "anything rejected makes the exit code non-zero"

    raw = read_topic(ingest_settings.topic_raw)
    keys = Counter(r.key.decode() for r in raw)
    expected_ids = _expected_ids(folder, ingest_settings)
    assert len(expected_ids) == GOOD_IN_MIXED_FOLDER
    assert set(keys) == expected_ids
    assert max(keys.values()) == 1, f"published more than once: {keys.most_common(3)}"
    assert summary.published == len(raw) == GOOD_IN_MIXED_FOLDER
    # bad/duplicate-of-geneva.json: the same text under an http, www, AMP, tracked URL form
    assert summary.duplicates == 1
    for record in raw:
        article = ArticleRaw.model_validate_json(record.value)
        event = from_headers(record.headers)
        assert event is not None and event.type == RAW.ce_type
        assert article.article_id == record.key.decode()
        assert event.id == f"{article.article_id}.{revision_of(article)}"
        assert headers_dict(record.headers)["content-type"] == "application/json"

    dead = read_topic(ingest_settings.topic_deadletter)
    by_location = {}
    for record in dead:
        info = read_dead_letter(record.headers)
        assert info.stage is Stage.INGEST
        assert from_headers(record.headers) is not None
        assert headers_dict(record.headers)["ce_type"] == DEADLETTER.ce_type
        location = str(Path(info.source_location or "").relative_to(folder))
        assert location not in by_location, f"dead-lettered twice: {location}"
        by_location[location] = (info.reason.value, record.value, info.error)
    assert {k: v[0] for k, v in by_location.items()} == EXPECTED_REJECTIONS
    assert summary.dead_lettered == len(dead) == len(EXPECTED_REJECTIONS)
    assert dict(summary.rejected) == dict(Counter(EXPECTED_REJECTIONS.values()))

    # Original bytes, untouched: whole files, single JSON lines, single feed entries.
    for name in ("damaged-utf8.txt", "photo-named-txt.txt", "malformed.json", "too-large.txt"):
        assert by_location[f"bad/{name}"][1] == (FIXTURES / "bad" / name).read_bytes()
    assert by_location["bad/empty.txt"][1] in (b"", None)
    jsonl = (FIXTURES / "bad" / "mixed-lines.jsonl").read_bytes().split(b"\n")
    assert by_location["bad/mixed-lines.jsonl:4"][1] == jsonl[3]
    entry = by_location["bad/broken-feed.rss#entry-2"][1]
    assert entry.startswith(b"<item>") and b"/2026/02/untitled" in entry
    assert "published_at" in by_location["bad/bad-date.json"][2]

    report = out.getvalue()
    assert f"published:  {GOOD_IN_MIXED_FOLDER}" in report and "duplicates: 1" in report
    assert "rejected:   16" in report and "bad/title-only.txt: schema_invalid" in report


def test_command_line_over_the_samples_exits_zero(
    ingest_settings: IngestSettings, read_topic: ReadTopic
) -> None:
    env = {
        **os.environ,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": ingest_settings.kafka_bootstrap_servers,
        "CLAIMWIRE_TOPIC_RAW": ingest_settings.topic_raw,
        "CLAIMWIRE_TOPIC_DEADLETTER": ingest_settings.topic_deadletter,
    }
    done = subprocess.run(
        [sys.executable, "-m", "claimwire.cli", "ingest", "--no-progress", str(SAMPLES)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert f"published:  {SAMPLE_ARTICLES}" in done.stdout
    assert "samples/README.md" in done.stdout, "skipped files are listed, not dropped silently"
    assert len(read_topic(ingest_settings.topic_raw)) == SAMPLE_ARTICLES
    assert read_topic(ingest_settings.topic_deadletter) == []


def test_kafka_unreachable_clear_error_nothing_published(tmp_path: Path, unique_id: str) -> None:
    settings = IngestSettings(
        kafka_bootstrap_servers=f"127.0.0.1:{free_port()}",
        topic_raw=f"t-{unique_id}-raw",
        topic_deadletter=f"t-{unique_id}-deadletter",
        ingest_connect_timeout_s=2,
        ingest_publish_timeout_s=5,
    )
    out, err = io.StringIO(), io.StringIO()
    code, summary = run_batch([str(SAMPLES)], [], settings, progress=False, out=out, err=err)
    assert code == 2
    assert summary is None
    assert "published" not in out.getvalue()
    message = err.getvalue().strip()
    assert len(message.splitlines()) == 1
    assert "Kafka is not reachable at 127.0.0.1:" in message
    assert "nothing was published" in message


def test_kafka_unreachable_from_the_command_line() -> None:
    env = {
        **os.environ,
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",
        "CLAIMWIRE_INGEST_CONNECT_TIMEOUT_S": "2",
    }
    done = subprocess.run(
        [sys.executable, "-m", "claimwire.cli", "ingest", str(SAMPLES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Kafka is not reachable" in done.stderr
    assert "published" not in done.stdout


def test_missing_path_is_a_usage_error(ingest_settings: IngestSettings, tmp_path: Path) -> None:
    err = io.StringIO()
    code, _ = run_batch(
        [str(tmp_path / "nope")], [], ingest_settings, progress=False, out=io.StringIO(), err=err
    )
    assert code == 2
    assert "no such file" in err.getvalue()


def test_crash_inputs_are_dead_lettered_and_the_batch_goes_on(
    tmp_path: Path, ingest_settings: IngestSettings, read_topic: ReadTopic
) -> None:
    huge = b'{"title": "Budget", "body": "The budget grew.", "count": ' + b"9" * 5000 + b"}"
    text = "The harbour authority said the new ferry will carry 400 passengers a day. " * 3
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-huge-number.json").write_bytes(huge)
    for codec in ("rot13", "zlib", "base64"):
        page = (
            f'<html><head><meta charset="{codec}"><title>Ferry {codec}</title></head>'
            f"<body><article><h1>Ferry {codec}</h1><p>{text}</p></article></body></html>"
        )
        (folder / f"b-{codec}.html").write_text(page)
    (folder / "c-after.txt").write_text("Later story\n\nIt happened after the crash inputs.\n")
    out, err = io.StringIO(), io.StringIO()
    code, summary = run_batch([str(folder)], [], ingest_settings, progress=False, out=out, err=err)
    assert summary is not None, err.getvalue()
    assert (code, summary.published, dict(summary.rejected)) == (1, 4, {"not_json": 1})
    titles = {
        ArticleRaw.model_validate_json(r.value).title for r in read_topic(ingest_settings.topic_raw)
    }
    assert titles == {"Ferry rot13", "Ferry zlib", "Ferry base64", "Later story"}
    (dead,) = read_topic(ingest_settings.topic_deadletter)
    assert dead.value == huge
    assert read_dead_letter(dead.headers).reason.value == "not_json"
    assert "published:  4" in out.getvalue() and "a-huge-number.json: not_json" in out.getvalue()
