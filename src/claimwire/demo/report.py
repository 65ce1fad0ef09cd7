"""The short report `make demo` prints: counts, top claimants, top entities, clusters."""

from __future__ import annotations

from typing import Any


def _terms(es: Any, index: str, field: str, size: int = 5) -> list[tuple[str, int]]:
    body = {"size": 0, "aggs": {"top": {"terms": {"field": field, "size": size}}}}
    buckets = es.search(index=index, body=body)["aggregations"]["top"]["buckets"]
    return [(b["key"], b["doc_count"]) for b in buckets]


def _line(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{key} ({count})" for key, count in pairs) or "none"


def print_report(es: Any, prefix: str) -> None:
    """Print counts and aggregations over the two aliases. Read-only.

    No refresh: the caller waited until a count saw every document, so they are
    searchable, and the read-only search user may not refresh.
    """
    articles, claims = f"{prefix}-articles", f"{prefix}-claims"
    n_articles = es.count(index=articles)["count"]
    n_claims = es.count(index=claims)["count"]
    quotes = es.search(
        index=articles,
        body={"size": 0, "aggs": {"q": {"value_count": {"field": "quotes.speaker"}}}},
    )["aggregations"]["q"]["value"]
    print(f"    articles:    {n_articles}")
    print(f"    claims:      {n_claims}")
    print(f"    quotations with a known speaker: {int(quotes)}")
    print(f"    top claimants:  {_line(_terms(es, claims, 'claimant'))}")
    print(f"    top people:     {_line(_terms(es, articles, 'entities.persons'))}")
    print(f"    top orgs:       {_line(_terms(es, articles, 'entities.organisations'))}")
    print(f"    top places:     {_line(_terms(es, articles, 'places.names'))}")
    clusters = es.search(
        index=claims,
        body={
            "size": 0,
            "aggs": {
                "clusters": {
                    "terms": {"field": "fingerprint", "size": 3, "min_doc_count": 2},
                    "aggs": {
                        "claimants": {"terms": {"field": "claimant", "size": 5}},
                        "sample": {"top_hits": {"size": 1, "_source": ["text"]}},
                    },
                }
            },
        },
    )["aggregations"]["clusters"]["buckets"]
    print("    the same claim from several sources:")
    for bucket in clusters:
        text = bucket["sample"]["hits"]["hits"][0]["_source"]["text"]
        claimants = [(b["key"], b["doc_count"]) for b in bucket["claimants"]["buckets"]]
        who = f"by {_line(claimants)}" if claimants else "no claimant known"
        print(f"      - {bucket['doc_count']} claims like “{text[:90]}”, {who}")
    if not clusters:
        print("      (none)")
