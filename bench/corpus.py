"""A deterministic corpus of fictional wire stories for tests and benchmarks.

``generate(n, seed)`` always returns the same articles for the same arguments:
sizes from about 200 to 3,000 words, a mix of quotation-heavy and number-heavy
stories, officials quoted by name and by pronoun, organisations with acronyms,
places and amounts, between paragraphs of background. Everything here is invented.

Claim density is set by ``background``, the share of paragraphs that are
background (scene, history, context: no figures, nobody speaking). At the
default, the extractor finds about 20 claims per 1,000 words, as it does in the
real wire story of ``../shared/samples`` (15 claims in 739 words); with
``background=0`` every paragraph is quotations and figures, about twice that.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

FIRST = [
    "Ana",
    "Tomas",
    "Leila",
    "Marcus",
    "Ingrid",
    "Kofi",
    "Mei",
    "Rafael",
    "Sofia",
    "Dmitri",
    "Amara",
    "Jonas",
    "Priya",
    "Hugo",
    "Nadia",
    "Elias",
]
LAST = [
    "Duarte",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Tanaka",
    "Rivera",
    "Kowalski",
    "Mensah",
    "Brandt",
    "Castillo",
    "Novak",
    "Achebe",
    "Larsen",
    "Petrov",
    "Ibarra",
]
ROLES = [
    "Health Minister",
    "Defence Minister",
    "Finance Minister",
    "Mayor",
    "Governor",
    "Foreign Minister",
    "Interior Minister",
    "Central Bank Governor",
]
ORGS = [
    ("Regional Water Authority", "RWA"),
    ("National Statistics Office", "NSO"),
    ("Coastal Defence Council", "CDC"),
    ("Federation of Port Workers", "FPW"),
    ("Institute for Climate Research", "ICR"),
    ("Grain Exporters Association", "GEA"),
]
PLACES = [
    "Lisbon",
    "Nairobi",
    "Manila",
    "Ottawa",
    "Santiago",
    "Oslo",
    "Lagos",
    "Hanoi",
    "Lima",
    "Athens",
    "Warsaw",
    "Jakarta",
]
THINGS = [
    "troops",
    "households",
    "workers",
    "tonnes of grain",
    "patients",
    "vessels",
    "schools",
    "homes",
    "jobs",
    "families",
]
HEDGES = ["will likely", "will probably", "is expected to", "could", "may"]
FILLER = [
    "Officials gave no further details on the timetable, and the ministry declined to comment.",
    "Analysts said the figures would be revised once the full data were available.",
    "The announcement followed weeks of talks between regional and national authorities.",
    "Residents in the area said they had been waiting for a decision for months.",
    "The plan still needs the approval of parliament, where the government lacks a majority.",
    "Opposition lawmakers criticised the timing and called for an independent review.",
]

# Context paragraphs as wire stories carry them between the quotes and figures.
BACKGROUND = [
    "The {place} waterfront was quiet on the morning of the announcement, its cranes idle and "
    "its warehouses shuttered while crews waited for instructions from the port office.",
    "For decades the region around {place} has relied on a handful of industries, and "
    "families there have long complained that decisions about their future are taken far away.",
    "The dispute has its roots in an agreement signed after the last election, when the "
    "coalition promised a review of regional spending that never took place.",
    "Streets in the old town of {place} were lined with parked lorries as drivers queued "
    "outside the depot, many of them sleeping in their cabs between shifts.",
    "The council chamber, a converted textile hall near the river, was packed with residents "
    "who had come to hear the debate and stayed long after the session ended.",
    "Local newspapers in {place} have followed the story closely, and a community radio "
    "station has devoted its evening phone-in to the subject for much of the season.",
    "The issue has divided neighbouring towns along the coast, where fishing cooperatives and "
    "tourism businesses compete for the same harbour space and the same public money.",
    "Volunteers set up tables outside the library to help older residents fill in the forms, "
    "handing out tea and printed guides in several languages.",
    "The ministry building in the capital was surrounded by barriers for most of the week, "
    "and police closed several nearby streets to traffic during the afternoon protests.",
    "Farmers in the hills above {place} have watched the debate from a distance, their own "
    "concerns about irrigation and roads largely absent from the national conversation.",
]
BACKGROUND_SHARE = 0.75


@dataclass(frozen=True)
class GeneratedArticle:
    title: str
    body: str
    url: str
    published_at: str
    source: str

    def as_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "body": self.body,
            "url": self.url,
            "published_at": self.published_at,
            "source": self.source,
        }


def _person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    pronoun = (
        "she"
        if first in {"Ana", "Leila", "Ingrid", "Mei", "Sofia", "Amara", "Priya", "Nadia"}
        else "he"
    )
    return f"{first} {last}", last, pronoun


def _quote_paragraphs(rng: random.Random, place: str, thing: str) -> list[str]:
    name, last, pronoun = _person(rng)
    role = rng.choice(ROLES)
    amount = rng.randrange(2, 90) * 100
    hedge = rng.choice(HEDGES)
    return [
        f"{role} {name} said on Monday that about {amount:,} {thing} had been affected in "
        f'{place}. "We believe the situation {hedge} improve over the next several weeks," '
        f"{last} said.",
        f'"There is no reason for panic, but we must act quickly," {pronoun} added, '
        f'"because the cost of waiting is {rng.randrange(2, 9)} times higher."',
        f"{last} said the government had set aside {rng.randrange(10, 900)} million dollars for "
        f"the response.",
    ]


def _number_paragraphs(rng: random.Random, place: str, thing: str) -> list[str]:
    org, acronym = rng.choice(ORGS)
    low = rng.randrange(10, 60)
    return [
        f"The {org} ({acronym}) reported that some {rng.randrange(1, 50) * 1000:,} {thing} "
        f"in {place} were affected, up {rng.randrange(2, 30)}.{rng.randrange(0, 9)}% from a "
        f"year earlier.",
        f"{acronym} said between {low} and {low + rng.randrange(5, 40)} more {thing} "
        f"{rng.choice(HEDGES)} be added by the end of next year, at a cost of "
        f"${rng.randrange(1, 9)}.{rng.randrange(1, 9)} billion.",
    ]


def generate(
    n: int, seed: int = 7, start: date = date(2026, 3, 1), background: float = BACKGROUND_SHARE
) -> list[GeneratedArticle]:
    """``n`` articles; the same ``(n, seed, background)`` always gives the same list."""
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        place, thing = rng.choice(PLACES), rng.choice(THINGS)
        quote_heavy = i % 2 == 0
        target_words = rng.choice([200, 400, 800, 800, 1200, 3000])
        paragraphs: list[str] = []
        while sum(len(p.split()) for p in paragraphs) < target_words:
            if paragraphs and rng.random() < background:
                paragraphs.append(rng.choice(BACKGROUND).format(place=place))
                continue
            make = _quote_paragraphs if quote_heavy or rng.random() < 0.3 else _number_paragraphs
            paragraphs.extend(make(rng, place, thing))
            paragraphs.append(rng.choice(FILLER))
        published = start + timedelta(days=i % 60)
        articles.append(
            GeneratedArticle(
                title=f"{place}: {thing} figures questioned as officials respond (#{i})",
                body="\n".join(paragraphs),
                url=f"https://news.example.org/{seed}/{i}",
                published_at=published.isoformat(),
                source=rng.choice(["Northwind Wire", "Harbor Press", "Pacific Ledger"]),
            )
        )
    return articles
