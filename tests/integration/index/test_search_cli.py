"""``claimwire search`` on documents the index service put into the real node."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from claimwire_index.names import DocKind
from claimwire_index.synthetic import claim_of, enriched_article

pytestmark = pytest.mark.integration

SPECIAL_QUERIES = [
    'troops AND (border OR "burns',
    "(",
    ")",
    '"',
    "\\",
    "/",
    "a:b",
    "[1 TO",
    "{}",
    "~",
    "^2",
    "*",
    "?",
    "!",
    "troops||",
    "&&",
    "title:(x",
    '+-=&&||><!(){}[]^"~*?:\\/',
]


@pytest.fixture
def indexed(harness: Any) -> Any:
    """Nine articles (three per place) and their claims, indexed by the service."""
    run = harness.settings.es_index_prefix
    articles = [
        enriched_article(i, run=run, published_at=datetime(2024, 10, 1 + i, 9, tzinfo=UTC))
        for i in range(9)
    ]
    claims = [claim_of(a) for a in articles]
    harness.produce_events([*articles, *claims])
    with harness.service():
        harness.wait_until(lambda: harness.committed() == 18, 60, "18 committed")
    # count() refreshes the alias: the claims must be searchable too, not only committed
    assert harness.count(DocKind.ARTICLES) == 9
    assert harness.count(DocKind.CLAIMS) == 9
    return harness


def search(harness: Any, *args: str, **settings: Any) -> Any:
    """``claimwire search ARGS`` as the read-only search user."""
    result = harness.run_cli(
        "search", *args, **(harness.identities.settings("claimwire_search") | settings)
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_full_text_finds_every_article_with_highlights(indexed: Any) -> None:
    result = search(indexed, "troops", "--json", "--size", "20")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["total"] == 9
    assert len(out["hits"]) == 9
    assert all("<em>troops</em>" in hit["title"] for hit in out["hits"])


def test_table_output_is_readable(indexed: Any) -> None:
    result = search(indexed, "border burns", "--size", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "9 articles match; showing 3."
    assert lines[1].startswith("2024-10-0")
    assert "«" in result.stdout and "»" in result.stdout
    assert "Northwind Wire" in lines[1]


def test_filters_narrow_claims(indexed: Any) -> None:
    result = search(indexed, "troops", "--claims", "--claimant", "lindqvist", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert len(hits) == 2  # articles 0 and 5 quote Ada Lindqvist
    assert {hit["claimant"] for hit in hits} == {"Ada Lindqvist"}

    result = search(
        indexed, "--place", "Kessaria", "--from", "2024-10-01", "--to", "2024-10-04", "--json"
    )
    assert json.loads(result.stdout)["total"] == 2  # articles 0 and 3, published 1 and 4 Oct

    result = search(indexed, "--source", "northwind wire", "--entity", "Council of Vell", "--json")
    assert json.loads(result.stdout)["total"] == 3  # articles 2, 5, 8


def test_top_claimants(indexed: Any) -> None:
    result = search(indexed, "--claims", "--top", "claimants", "--json")
    assert result.returncode == 0, result.stderr
    top = json.loads(result.stdout)["top"]
    assert {row["key"]: row["count"] for row in top}["Ada Lindqvist"] == 2
    assert sum(row["count"] for row in top) == 9
    table = search(indexed, "--top", "places").stdout
    assert "3  Kessaria" in table


@pytest.mark.parametrize("claims", [False, True])
def test_lucene_special_characters_never_make_a_traceback(indexed: Any, claims: bool) -> None:
    for query in SPECIAL_QUERIES:
        args = [query, "--claims"] if claims else [query]
        result = search(indexed, *args)
        assert result.returncode == 0, f"{query!r}: {result.stderr}"
        assert "match; showing" in result.stdout, query


def test_missing_index_and_unreachable_node_are_clear_messages(harness: Any) -> None:
    result = search(harness, "troops", es_index_prefix=f"{harness.settings.es_index_prefix}-none")
    assert result.returncode == 1
    assert "no index" in result.stderr and "claimwire index setup" in result.stderr

    result = search(harness, "troops", es_url=f"https://127.0.0.1:{harness.free_port()}")
    assert result.returncode == 1
    assert "cannot reach Elasticsearch" in result.stderr

    result = harness.run_cli("search", "troops", "--from", "last tuesday")
    assert result.returncode == 2
    assert "not a date" in result.stderr


def test_index_setup_command_is_idempotent(harness: Any) -> None:
    for _ in range(2):
        result = harness.run_cli("index", "setup", **harness.identities.settings("elastic"))
        assert result.returncode == 0, result.stderr
    prefix = harness.settings.es_index_prefix
    assert f"template {prefix}-claims-v1 -> alias {prefix}-claims" in result.stdout
    assert harness.es.indices.exists_alias(name=f"{prefix}-articles")
    assert harness.count(DocKind.CLAIMS) == 0
