"""``read_single_article``: the one-article reader behind ``claimwire extract``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.readers import read_single_article
from claimwire_schemas.events import DeadLetterReason

from .conftest import FIXTURES, SAMPLES


@pytest.mark.parametrize(
    "name",
    [
        "2026-03-02-border-troops-kessaria.txt",
        "2026-03-04-geneva-talks-kessaria-dravonia.json",
        "2026-03-06-refugees-border-aid.html",
    ],
)
def test_reads_each_format_of_the_samples(name: str) -> None:
    article = read_single_article(str(SAMPLES / name))
    assert article.title and article.body and len(article.article_id) == 32


def test_same_article_same_id_on_every_read() -> None:
    path = str(SAMPLES / "2026-03-16-atacama-desalination-climate.html")
    assert read_single_article(path).article_id == read_single_article(path).article_id


def test_stdin_takes_one_json_object() -> None:
    payload = {"title": "Tram line opens", "body": "BERGEN — A tram line opened.", "author": "X"}
    article = read_single_article("-", stdin=json.dumps(payload).encode())
    assert article.title == "Tram line opens"
    assert article.origin.location == "<stdin>"


def test_stdin_array_is_refused() -> None:
    with pytest.raises(RejectedInput, match="expected one article, found 2"):
        read_single_article("-", stdin=b'[{"title":"a","body":"b"},{"title":"c","body":"d"}]')


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", DeadLetterReason.EMPTY),
        ("missing-title.json", DeadLetterReason.SCHEMA_INVALID),
        ("malformed.json", DeadLetterReason.NOT_JSON),
        ("no-text.html", DeadLetterReason.NO_ARTICLE_TEXT),
        ("bad-date.json", DeadLetterReason.BAD_DATE),
        ("photo-named-txt.txt", DeadLetterReason.BINARY),
    ],
)
def test_bad_files_raise_with_their_reason(name: str, reason: DeadLetterReason) -> None:
    with pytest.raises(RejectedInput) as caught:
        read_single_article(str(FIXTURES / "bad" / name))
    assert caught.value.reason is reason
    assert caught.value.message


def test_body_limit_applies() -> None:
    with pytest.raises(RejectedInput) as caught:
        read_single_article(str(FIXTURES / "bad" / "too-large.txt"), max_body_bytes=20_000)
    assert caught.value.reason is DeadLetterReason.TOO_LARGE


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "a", "body": "b"}\n')
    with pytest.raises(RejectedInput) as caught:
        read_single_article(str(path))
    assert caught.value.reason is DeadLetterReason.UNSUPPORTED_FORMAT


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_single_article(str(tmp_path / "nope.txt"))
