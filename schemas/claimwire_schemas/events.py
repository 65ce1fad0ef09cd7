"""The event payloads of Claimwire's topics: a public API.

Producers write strictly, consumers read tolerantly (``COMPATIBILITY``):
every model is frozen and forbids unknown fields when built, so a producer
cannot publish what the committed JSON Schema does not describe, while
``read_event`` ignores fields it does not know, so an event from a newer
producer that added an optional field still reads. A change that breaks a
consumer needs a new topic version (``.v2``); adding an optional field is
compatible and keeps ``SCHEMA_VERSION`` at 1.

Field names follow known conventions where one exists: ECS for the times
Elasticsearch cares about (``ingested_at`` maps to ``event.ingested``),
schema.org ``Claim`` for claims (``claimant``, ``appearance``,
``datePublished``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[1] = 1

COMPATIBILITY = (
    "Compatibility within a major version (the `.v1` in a topic's name): a change may only "
    "add optional fields (with a default) or add values where a field's description says the "
    "set is open. Removing or renaming a field, changing its type, making it required or "
    "changing a key or an id's meaning needs a new topic version, published beside the old "
    "one. Producers write strictly (exactly the fields of the schema); consumers must read "
    "tolerantly: ignore fields they do not know, at every level, and never fail on them. "
    "Claimwire's own consumers do so. The JSON Schemas are closed (additionalProperties is "
    "false): they state exactly what a producer of this version writes; a consumer that "
    "validates with them must first drop, or not check, properties the schema does not name."
)

NonEmpty = Annotated[str, Field(min_length=1)]
Offset = Annotated[int, Field(ge=0)]
Score = Annotated[float, Field(ge=0.0, le=1.0)]


class _Event(BaseModel):
    # NaN and infinities are not JSON numbers, and Elasticsearch refuses them.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Origin(_Event):
    """Where ingest found the article: a file path, a feed URL, an HTTP client."""

    kind: Literal["file", "jsonl", "html", "feed", "http"]
    location: str = Field(description="Path, URL or remote address the article came from.")


class ArticleRaw(_Event):
    """An article as ingest accepted it: normalised text, stable id.

    Topic ``claimwire.articles.raw.v1``, key ``article_id``.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    article_id: NonEmpty = Field(
        description="Stable hash of the canonical URL, else of title+body."
    )
    url: str | None = Field(default=None, description="Canonical URL, when known.")
    title: NonEmpty
    body: NonEmpty = Field(description="Main text, Unicode NFC, paragraphs separated by '\\n'.")
    published_at: datetime | None = None
    source: str | None = Field(default=None, description="The outlet, e.g. 'Northwind Wire'.")
    author: str | None = None
    language_hint: str | None = Field(default=None, description="Language declared by the source.")
    origin: Origin
    ingested_at: datetime = Field(
        description="When ingest accepted the article (ECS event.ingested)."
    )


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    LOC = "LOC"
    NORP = "NORP"
    ROLE = "ROLE"


class Span(_Event):
    """Character offsets into the article body, ``body[start:end] == text``."""

    start: Offset
    end: Offset
    text: str


class Entity(_Event):
    name: NonEmpty = Field(description="Canonical name: 'Joe Biden', not 'President Biden'.")
    type: EntityType
    aliases: list[str] = Field(default_factory=list, description="Other forms used in the text.")
    count: Annotated[int, Field(ge=0)] = Field(description="Mentions in title and body.")
    mentions: list[Span] = Field(default_factory=list, description="Mentions in the body.")


class Quote(_Event):
    text: NonEmpty = Field(description="The quoted words, without quotation marks.")
    speaker: str | None = Field(description="Canonical entity or role; null when unknown.")
    speaker_type: EntityType | None = None
    verb: str | None = Field(default=None, description="Attribution verb: said, added, told.")
    start: Offset
    end: Offset
    partial: bool = Field(default=False, description="A fragment quoted inside a sentence.")
    attribution_rule: str | None = Field(
        default=None,
        description="The attribution pattern that chose the speaker (null: none did).",
    )


class AmountKind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    MEASURE = "measure"


class Amount(_Event):
    value: float
    value_max: float | None = Field(default=None, description="Upper bound of a range.")
    unit: str = Field(
        description=(
            "What is counted or measured: 'troops', 'kilometres'. Money: the ISO 4217 code"
            " ('USD', 'EUR'; pence and cents as hundredths of it), or the currency word when"
            " no code is known; percentages: 'percent' or 'percentage points'. Earlier"
            " producers wrote money units as words ('dollars'); the field stays a string,"
            " so the change is compatible within schema version 1."
        )
    )
    kind: AmountKind = AmountKind.COUNT
    approximate: bool = False
    currency: str | None = Field(
        default=None, description="ISO 4217 code of a sum of money ('USD'), when known."
    )
    text: str = Field(description="The phrase as written: 'around 10,000 troops'.")
    start: Offset
    end: Offset


class DateMention(_Event):
    text: str
    start: Offset
    end: Offset
    date_from: date = Field(description="First day the expression can mean.")
    date_to: date = Field(description="Last day the expression can mean (== date_from for a day).")
    relative: bool = Field(description="Resolved against the publication date.")


class GeoPoint(_Event):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class Place(_Event):
    name: NonEmpty
    geonames_id: int | None = None
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    feature: Literal["country", "city", "region", "continent", "other"] = "other"
    location: GeoPoint | None = None
    count: Annotated[int, Field(ge=0)] = 1


class ClaimType(StrEnum):
    """The typology fact-checkers use (Full Fact's, roughly)."""

    QUANTITY = "quantity"
    PREDICTION = "prediction"
    CAUSATION = "correlation_causation"
    RULES = "laws_rules"
    EXPERIENCE = "personal_experience"
    EVENT = "event"
    OTHER = "other"


class ClaimSummary(_Event):
    """A claim as embedded in its enriched article (the full event is ``Claim``)."""

    claim_id: NonEmpty
    text: NonEmpty
    claimant: str | None
    checkworthiness: Score
    start: Offset
    end: Offset
    attribution_rule: str | None = Field(
        default=None,
        description="The attribution pattern that chose the claimant (null: none did).",
    )


class ArticleEnriched(_Event):
    """An article with what enrich found in it.

    Topic ``claimwire.articles.enriched.v1``, key ``article_id``.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    article_id: NonEmpty
    url: str | None = None
    title: NonEmpty
    body: NonEmpty
    published_at: datetime | None = None
    source: str | None = None
    author: str | None = None
    language: NonEmpty = Field(description="ISO 639-1 code, or 'und'.")
    ingested_at: datetime
    enriched_at: datetime
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    claims: list[ClaimSummary] = Field(default_factory=list)
    warnings: list[str] = Field(
        default_factory=list, description="Extractors that gave up on this article, and why."
    )


class Claim(_Event):
    """One check-worthy assertion with its claimant (schema.org ``Claim``).

    Topic ``claimwire.claims.v1``, key ``article_id`` (so an article's claims
    stay in order with it); document id ``claim_id``.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    claim_id: NonEmpty = Field(description="Hash of article_id and the claim sentence.")
    article_id: NonEmpty
    text: NonEmpty = Field(description="The claim sentence or clause.")
    start: Offset
    end: Offset
    claimant: str | None = Field(description="Who makes the claim: person, organisation, outlet.")
    claimant_type: EntityType | None = None
    attribution_rule: str | None = Field(
        default=None,
        description="The attribution pattern that chose the claimant (null: none did).",
    )
    quoted: bool = Field(description="Made in a direct quotation.")
    appearance: str | None = Field(default=None, description="URL of the article it appears in.")
    author: str | None = Field(default=None, description="The outlet reporting it.")
    datePublished: datetime | None = None  # noqa: N815 - schema.org's name
    language: NonEmpty
    claim_type: ClaimType
    checkworthiness: Score
    certainty: Score = Field(description="1 = stated as fact; lower with each hedge.")
    hedges: list[str] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, description="Canonical names mentioned.")
    places: list[Place] = Field(default_factory=list)
    fingerprint: NonEmpty = Field(description="Same claim, same fingerprint, across articles.")
    ingested_at: datetime
    extracted_at: datetime


class Stage(StrEnum):
    INGEST = "ingest"
    ENRICH = "enrich"
    INDEX = "index"


class DeadLetterReason(StrEnum):
    EMPTY = "empty"
    NOT_JSON = "not_json"
    SCHEMA_INVALID = "schema_invalid"
    DECODE_ERROR = "decode_error"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    NO_ARTICLE_TEXT = "no_article_text"
    BAD_DATE = "bad_date"
    BAD_FEED_ENTRY = "bad_feed_entry"
    EXTRACTION_FAILED = "extraction_failed"
    MAPPING_CONFLICT = "mapping_conflict"
    DOCUMENT_REJECTED = "document_rejected"
    UNSUPPORTED_FORMAT = "unsupported_format"
    PRODUCE_FAILED = "produce_failed"  # the broker did not ack an output after retries


class DeadLetter(_Event):
    """Why a message failed, carried in the headers of a dead-letter record.

    Topic ``claimwire.deadletter.v1``: key and value are the original bytes,
    untouched, so the message can be replayed after a fix, unless the record
    would not fit the topic (then cut, with ``truncated`` and the original's
    size and hash); this model is written into ``x-claimwire-*`` headers by
    ``claimwire_schemas.deadletter``.
    """

    stage: Stage
    reason: DeadLetterReason
    error: Annotated[str, Field(max_length=1000)] = Field(description="Short, human-readable.")
    source_topic: str | None = None
    source_partition: int | None = None
    source_offset: int | None = None
    source_location: str | None = Field(default=None, description="File or URL, for ingest.")
    failed_at: datetime
    truncated: bool | None = Field(
        default=None,
        description="True when the record's value (or key) was cut to fit the topic's size limit.",
    )
    original_size: int | None = Field(
        default=None, description="Bytes of the original value, when truncated."
    )
    original_sha256: str | None = Field(
        default=None, description="Hex SHA-256 of the original value, when truncated."
    )
    original_key_sha256: str | None = Field(
        default=None, description="Hex SHA-256 of the original key, when the key was cut."
    )


EventT = TypeVar("EventT", bound=BaseModel)


def read_event(model: type[EventT], data: str | bytes) -> EventT:
    """The tolerant reader: parse a topic value as ``model``, ignoring unknown fields.

    Consumes JSON text or bytes; returns the frozen model. Fields a newer
    producer added (at any depth) are dropped, so a compatible change never
    breaks this reader. Raises ``pydantic.ValidationError`` for anything else
    (not JSON, a missing or wrong field). Pure.
    """
    return model.model_validate_json(data, extra="ignore")
