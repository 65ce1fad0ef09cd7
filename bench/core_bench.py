"""Throughput of the enrichment core alone (no Kafka): articles and words per second.

Generates a deterministic corpus of wire-style articles of about 800 words from
templates (invented people, organisations and figures; real places so the
gazetteer works), enriches every article several times on one core, and
prints the median articles/s and words/s over the runs. Writes
``bench/results/core.json``. Not a test: speed depends on the machine.

usage: python bench/core_bench.py [--articles 200] [--runs 5] [--words 800]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from claimwire_enrich.core import enrich_article
from claimwire_enrich.gazetteer import gazetteer
from claimwire_enrich.service.metrics import core_is_compiled
from claimwire_schemas.events import ArticleRaw, Origin
from claimwire_schemas.ids import article_id

RESULTS = Path(__file__).resolve().parent / "results" / "core.json"

_FIRST = ["Marta", "Jonas", "Aylin", "Tomasz", "Ines", "Kofi", "Priya", "Henrik", "Lucia", "Omar"]
_LAST = ["Varga", "Lindqvist", "Okonkwo", "Sato", "Moreau", "Haddad", "Petrov", "Alvarez", "Nkosi"]
_ORGS = [
    ("Regional Development Agency", "RDA"),
    ("National Statistics Office", "NSO"),
    ("Coastal Shipping Federation", "CSF"),
    ("Institute for Energy Studies", "IES"),
    ("Union of Transport Workers", "UTW"),
]
_PLACES = ["Portugal", "Kenya", "Chile", "Norway", "Vietnam", "Canada", "Poland", "Morocco"]
_CITIES = ["Lisbon", "Nairobi", "Santiago", "Oslo", "Hanoi", "Ottawa", "Warsaw", "Rabat"]
_UNITS = ["workers", "households", "vessels", "schools", "patients", "tonnes", "flights"]
_TITLES = ["Finance Minister", "Deputy Director", "spokesperson", "Transport Secretary"]

_TEMPLATES = [
    "{city}, {month} {day} ({outlet}) — The {org} ({acr}) said on {weekday} that about "
    "{n:,} {unit} had been affected in {place} since early {month2}, a figure it expects to "
    "rise by {pct}% before the end of the year.",
    '"We believe the situation will probably get worse over the coming weeks," {title} {first} '
    '{last} told reporters in {city}. "Nobody should underestimate the costs."',
    "{last} said the government would spend ${money} million on new equipment and hire some "
    "{n2:,} additional {unit}, according to a statement published on {weekday}.",
    "The {acr}, which represents {small} member organisations, warned that delays could cost "
    "the economy between {lo} and {hi} percent of output this year.",
    '"This is not a temporary problem," she said. "It is the result of years of neglect, and '
    'it will take at least {small} years to fix."',
    "Opposition lawmakers in {place} criticised the plan, saying it relied on forecasts that "
    "had been revised down three times since {month2}.",
    "Last month, {first} {last} of the {org} estimated that {n2:,} {unit} were at risk, "
    "more than twice the number recorded in {year}.",
    "{place}'s {org2} has denied that it ignored earlier warnings and said it had sent two "
    'teams to {city} to review the data, which it described as "incomplete."',
]


def make_article(index: int, words: int) -> ArticleRaw:
    """One deterministic article of about ``words`` words."""
    rng = random.Random(index)
    paragraphs: list[str] = []
    count = 0
    published = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=index % 28)
    while count < words:
        org, acr = rng.choice(_ORGS)
        values = {
            "city": rng.choice(_CITIES), "month": "March", "day": published.day,
            "outlet": "Northwind Wire", "org": org, "acr": acr, "org2": rng.choice(_ORGS)[0],
            "weekday": rng.choice(["Monday", "Tuesday", "Friday"]), "n": rng.randint(1000, 90000),
            "unit": rng.choice(_UNITS), "place": rng.choice(_PLACES), "month2": "February",
            "pct": rng.randint(2, 30), "title": rng.choice(_TITLES), "first": rng.choice(_FIRST),
            "last": rng.choice(_LAST), "money": rng.randint(5, 900), "n2": rng.randint(100, 9000),
            "small": rng.randint(3, 40), "lo": rng.randint(1, 4), "hi": rng.randint(5, 9),
            "year": rng.randint(2015, 2024),
        }  # fmt: skip
        paragraph = rng.choice(_TEMPLATES).format(**values)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    body = "\n".join(paragraphs)
    title = f"Article {index}: officials warn of rising costs"
    return ArticleRaw(
        article_id=article_id(None, title, body),
        title=title,
        body=body,
        published_at=published,
        source="Northwind Wire",
        origin=Origin(kind="file", location=f"bench/{index}"),
        ingested_at=published,
    )


def run(articles: int, runs: int, words: int) -> dict[str, object]:
    corpus = [make_article(i, words) for i in range(articles)]
    total_words = sum(len(a.body.split()) for a in corpus)
    gazetteer()  # built once per process, outside the timed runs
    now = datetime(2026, 4, 1, tzinfo=UTC)
    enrich_article(corpus[0], now=now)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for article in corpus:
            enrich_article(article, now=now)
        elapsed = time.perf_counter() - start
        rates.append(articles / elapsed)
    median = statistics.median(rates)
    return {
        "articles": articles,
        "runs": runs,
        "mean_words_per_article": round(total_words / articles, 1),
        "articles_per_s_median": round(median, 1),
        "words_per_s_median": round(median * total_words / articles),
        "articles_per_s_runs": [round(r, 1) for r in rates],
        "compiled": core_is_compiled(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args(argv)
    result = run(args.articles, args.runs, args.words)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"core: {result['articles_per_s_median']} articles/s, "
        f"{result['words_per_s_median']} words/s (median of {args.runs} runs, "
        f"{result['mean_words_per_article']} words/article, "
        f"{'compiled' if result['compiled'] else 'interpreted'}) -> {RESULTS}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
