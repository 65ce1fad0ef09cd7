"""Synthetic enriched articles and claims, built with the schema models.

For the index service's tests and ``bench/index_bench.py``: every optional
field is filled, so a document built from them exercises the whole mapping.
The wording is invented for this project (fictional places and people).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimwire_schemas.cloudevents import CloudEvent, Headers, new_traceparent, to_headers
from claimwire_schemas.events import (
    Amount,
    AmountKind,
    ArticleEnriched,
    Claim,
    ClaimSummary,
    ClaimType,
    DateMention,
    Entity,
    EntityType,
    GeoPoint,
    Place,
    Quote,
    Span,
)
from claimwire_schemas.ids import article_id, claim_id
from claimwire_schemas.topics import CLAIMS, ENRICHED

_SPEAKERS = ("Ada Lindqvist", "Tomas Varga", "Mirela Osei", "Jonah Pereira", "Lena Kowal")
_ORGS = ("Northmark Ministry of Defence", "Harbour Relief Agency", "Council of Vell")
_PLACES = (
    ("Kessaria", "KS", 41.2, 23.9),
    ("Dravonia", "DV", 44.8, 20.4),
    ("Port Elm", "PE", -33.9, 18.4),
)


def _body(n: int, speaker: str, org: str, place: str, amount: int) -> str:
    return (
        f"{speaker} said the {org} would send {amount} troops to {place} within a week. "
        f'"We will not stand by while the border burns," {speaker} told reporters on Tuesday. '
        f"Officials in {place} disputed the figure, saying fewer than {amount // 2} had arrived. "
        f"Report number {n} was filed from the capital."
    )


def enriched_article(
    n: int,
    run: str = "test",
    published_at: datetime | None = datetime(2024, 10, 3, 12, 0, tzinfo=UTC),
    ingested_at: datetime | None = None,
    body_padding: int = 0,
) -> ArticleEnriched:
    """Article number ``n`` of a run: distinct id per (run, n), every field filled. Pure."""
    speaker = _SPEAKERS[n % len(_SPEAKERS)]
    org = _ORGS[n % len(_ORGS)]
    place, country, lat, lon = _PLACES[n % len(_PLACES)]
    amount = 1000 + 10 * n
    body = _body(n, speaker, org, place, amount) + (" padding" * body_padding)
    url = f"https://news.example.test/{run}/{n}"
    aid = article_id(url, "", "")
    ingested = ingested_at or datetime.now(UTC)
    quote_text = "We will not stand by while the border burns,"
    quote_start = body.index(quote_text)
    sentence = body.split(". ")[0] + "."
    amount_text = f"{amount} troops"
    amount_start = body.index(amount_text)
    return ArticleEnriched(
        article_id=aid,
        url=url,
        title=f"{speaker} pledges {amount} troops for {place} ({run} #{n})",
        body=body,
        published_at=published_at,
        source="Northwind Wire",
        author="Staff reporter",
        language="en",
        ingested_at=ingested,
        enriched_at=ingested + timedelta(milliseconds=5),
        entities=[
            Entity(
                name=speaker,
                type=EntityType.PERSON,
                aliases=[speaker.split()[-1]],
                count=2,
                mentions=[Span(start=0, end=len(speaker), text=speaker)],
            ),
            Entity(name=org, type=EntityType.ORG, count=1),
            Entity(name=place, type=EntityType.LOC, count=2),
            Entity(name="Kessarians", type=EntityType.NORP, count=1),
            Entity(name="defence minister", type=EntityType.ROLE, count=1),
        ],
        quotes=[
            Quote(
                text=quote_text,
                speaker=speaker,
                speaker_type=EntityType.PERSON,
                verb="told",
                start=quote_start,
                end=quote_start + len(quote_text),
            ),
        ],
        amounts=[
            Amount(
                value=float(amount),
                unit="troops",
                kind=AmountKind.COUNT,
                text=amount_text,
                start=amount_start,
                end=amount_start + len(amount_text),
            ),
        ],
        dates=[
            DateMention(
                text="Tuesday",
                start=body.index("Tuesday"),
                end=body.index("Tuesday") + 7,
                date_from=datetime(2024, 10, 1).date(),
                date_to=datetime(2024, 10, 1).date(),
                relative=True,
            ),
        ],
        places=[
            Place(
                name=place,
                geonames_id=100 + n % len(_PLACES),
                country_code=country,
                feature="country",
                location=GeoPoint(lat=lat, lon=lon),
                count=2,
            ),
        ],
        claims=[
            ClaimSummary(
                claim_id=claim_id(aid, sentence),
                text=sentence,
                claimant=speaker,
                checkworthiness=0.8,
                start=0,
                end=len(sentence),
            ),
        ],
        warnings=["dates: one relative date resolved against publication"],
    )


def claim_of(article: ArticleEnriched, position: int = 0) -> Claim:
    """A full ``Claim`` event of ``article``; ``position`` > 0 gives distinct variants. Pure."""
    base = article.claims[0]
    text = base.text if position == 0 else f"{base.text[:-1]} (variant {position})."
    return Claim(
        claim_id=claim_id(article.article_id, text),
        article_id=article.article_id,
        text=text,
        start=base.start,
        end=base.end,
        claimant=base.claimant,
        claimant_type=EntityType.PERSON,
        quoted=False,
        appearance=article.url,
        author=article.source,
        datePublished=article.published_at,
        language=article.language,
        claim_type=ClaimType.QUANTITY,
        checkworthiness=base.checkworthiness,
        certainty=0.9,
        hedges=["would"],
        amounts=list(article.amounts),
        entities=[e.name for e in article.entities],
        places=list(article.places),
        fingerprint=f"fp-{article.article_id[:12]}-{position}",
        ingested_at=article.ingested_at,
        extracted_at=article.enriched_at,
    )


def summaries_of(claims: list[Claim]) -> list[ClaimSummary]:
    """The ``ClaimSummary`` an enriched article lists for each of ``claims``. Pure."""
    return [
        ClaimSummary(
            claim_id=c.claim_id,
            text=c.text,
            claimant=c.claimant,
            checkworthiness=c.checkworthiness,
            start=c.start,
            end=c.end,
        )
        for c in claims
    ]


def encode(event: ArticleEnriched | Claim) -> bytes:
    """The Kafka message value of an event (its JSON)."""
    return event.model_dump_json().encode()


def headers_for(event: ArticleEnriched | Claim) -> Headers:
    """CloudEvents headers such as enrich would set."""
    if isinstance(event, ArticleEnriched):
        event_id, ce_type = event.article_id, ENRICHED.ce_type
    else:
        event_id, ce_type = event.claim_id, CLAIMS.ce_type
    ce = CloudEvent(
        id=event_id,
        source="claimwire/enrich",
        type=ce_type,
        time=datetime.now(UTC),
        traceparent=new_traceparent(),
    )
    return to_headers(ce)
