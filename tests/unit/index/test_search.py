"""``claimwire search``: request bodies and terminal rendering."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from claimwire_index.names import DocKind
from claimwire_index.search import (
    MARK_END,
    MARK_START,
    SearchRequest,
    build_body,
    build_query,
    parse_when,
    render_table,
    render_top,
    to_json,
    to_rows,
    to_top,
    wrap_marked,
)
from claimwire_index.templates import PROPERTIES, all_fields


def fields_in(body: object) -> set[str]:
    """Every field name a query body refers to."""
    found: set[str] = set()
    if isinstance(body, dict):
        for key, value in body.items():
            if key in {"match", "term", "range"}:
                found |= set(value)
            elif key == "fields" and isinstance(value, list):
                found |= {f.split("^")[0] for f in value}
            elif key == "field":
                found.add(value)
            else:
                found |= fields_in(value)
    elif isinstance(body, list):
        for item in body:
            found |= fields_in(item)
    return found


def test_no_words_and_no_filters_matches_everything_newest_first() -> None:
    body = build_body(SearchRequest())
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"@timestamp": {"order": "desc"}}]


def test_words_use_simple_query_string_so_syntax_never_fails() -> None:
    query = build_query(SearchRequest(query='troops AND (border OR "burns" ~ / \\ [ ] { }'))
    clause = query["bool"]["must"][0]["simple_query_string"]
    assert clause["query"] == 'troops AND (border OR "burns" ~ / \\ [ ] { }'
    assert clause["default_operator"] == "and"


def test_filters_for_articles() -> None:
    request = SearchRequest(
        query="troops",
        claimant="Singh",
        entity="Council of Vell",
        place="Kessaria",
        date_from=date(2024, 10, 1),
        date_to=date(2024, 10, 31),
        source="Northwind Wire",
    )
    query = build_query(request)
    filters = query["bool"]["filter"]
    assert {"term": {"source": {"value": "Northwind Wire", "case_insensitive": True}}} in filters
    assert {"range": {"@timestamp": {"gte": "2024-10-01", "lte": "2024-10-31||/d"}}} in filters
    assert fields_in(query) <= set(all_fields(PROPERTIES[DocKind.ARTICLES])) | {"@timestamp"}


def test_filters_for_claims_use_claim_fields() -> None:
    request = SearchRequest(
        query="troops",
        claims=True,
        claimant="Singh",
        entity="Vell",
        place="Kessaria",
        date_to=datetime(2024, 10, 3, 12, 0),
    )
    query = build_query(request)
    assert {"match": {"claimant.text": {"query": "Singh", "operator": "and"}}} in (
        query["bool"]["filter"]
    )
    assert {"range": {"@timestamp": {"lte": "2024-10-03T12:00:00"}}} in query["bool"]["filter"]
    assert fields_in(query) <= set(all_fields(PROPERTIES[DocKind.CLAIMS]))


@pytest.mark.parametrize("top", ["claimants", "entities", "places"])
@pytest.mark.parametrize("claims", [False, True])
def test_top_aggregates_keyword_fields_only(top: str, claims: bool) -> None:
    body = build_body(SearchRequest(top=top, claims=claims, size=5))
    assert body["size"] == 0
    kind = DocKind.CLAIMS if claims else DocKind.ARTICLES
    mapped = all_fields(PROPERTIES[kind])
    for agg in body["aggs"].values():
        assert mapped[agg["terms"]["field"]] == "keyword"
        assert agg["terms"]["size"] == 5


def test_parse_when_accepts_days_and_instants_and_explains_bad_input() -> None:
    assert parse_when("2024-10-03") == date(2024, 10, 3)
    assert parse_when("2024-10-03T10:00:00+02:00").hour == 10
    with pytest.raises(ValueError, match="not a date"):
        parse_when("yesterday")


def test_wrap_marked_keeps_highlights_per_line() -> None:
    text = f"the {MARK_START}troops crossed{MARK_END} the river near the old bridge at dawn"
    lines = wrap_marked(text, 12, "<", ">")
    assert all(len(line.replace("<", "").replace(">", "")) <= 12 for line in lines)
    assert lines[0] == "the <troops>"
    assert lines[1].startswith("<crossed>")
    assert " ".join(lines).replace("<", "").replace(">", "") == text.replace(
        MARK_START, ""
    ).replace(MARK_END, "")


RESPONSE = {
    "hits": {
        "total": {"value": 1},
        "hits": [
            {
                "_id": "c1",
                "_score": 3.2,
                "_source": {
                    "@timestamp": "2024-10-03T12:00:00+00:00",
                    "text": "They sent troops.",
                    "claimant": "Ada Lindqvist",
                    "checkworthiness": 0.8,
                    "source": "Northwind Wire",
                    "article_id": "a1",
                    "url": None,
                    "certainty": 1.0,
                },
                "highlight": {"text": [f"They sent {MARK_START}troops{MARK_END}."]},
            }
        ],
    },
    "aggregations": {"claimants": {"buckets": [{"key": "Ada Lindqvist", "doc_count": 4}]}},
}


def test_table_shows_date_claimant_score_and_highlight() -> None:
    request = SearchRequest(query="troops", claims=True)
    table = render_table(to_rows(RESPONSE, request), request, 1, 100, bold=False)
    assert "1 claims match" in table
    line = table.splitlines()[1]
    assert line.startswith("2024-10-03")
    assert "Ada Lindqvist (0.80)" in line
    assert "They sent «troops»." in line


def test_json_output_is_parseable_with_em_highlights() -> None:
    request = SearchRequest(query="troops", claims=True)
    out = json.loads(to_json(RESPONSE, request))
    assert out["total"] == 1
    assert out["hits"][0]["text"] == "They sent <em>troops</em>."
    assert out["hits"][0]["claimant"] == "Ada Lindqvist"


def test_top_rendering() -> None:
    request = SearchRequest(top="claimants", claims=True)
    assert to_top(RESPONSE) == [("claimants", "Ada Lindqvist", 4)]
    assert "4  Ada Lindqvist" in render_top(to_top(RESPONSE), request)
    assert render_top([], request) == "no claimants found.\n"
