"""The four topics of docs/design.md: names, keys, payload models, CloudEvents types."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from claimwire_schemas.events import ArticleEnriched, ArticleRaw, Claim, DeadLetter


@dataclass(frozen=True)
class TopicSpec:
    name: str
    key: str
    model: type[BaseModel]
    ce_type: str
    summary: str


RAW = TopicSpec(
    name="claimwire.articles.raw.v1",
    key="article_id",
    model=ArticleRaw,
    ce_type="dev.claimwire.article.raw.v1",
    summary="Articles as ingest accepted them: normalised text and a stable article_id.",
)
ENRICHED = TopicSpec(
    name="claimwire.articles.enriched.v1",
    key="article_id",
    model=ArticleEnriched,
    ce_type="dev.claimwire.article.enriched.v1",
    summary="Articles with entities, quotations, amounts, dates, places and claim summaries.",
)
CLAIMS = TopicSpec(
    name="claimwire.claims.v1",
    key="article_id",
    model=Claim,
    ce_type="dev.claimwire.claim.v1",
    summary="One event per check-worthy claim, keyed by its article so they stay in order.",
)
DEADLETTER = TopicSpec(
    name="claimwire.deadletter.v1",
    key="original key",
    model=DeadLetter,
    ce_type="dev.claimwire.deadletter.v1",
    summary="Messages a stage could not process: original key and value bytes, reason in headers.",
)

ALL_TOPICS: tuple[TopicSpec, ...] = (RAW, ENRICHED, CLAIMS, DEADLETTER)
