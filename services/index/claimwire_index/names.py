"""Index, alias and template names: all derive from ``es_index_prefix``.

A document's concrete index is chosen by the month of its article's
publication, never by rollover or ingest time, so a redelivered or re-ingested
event lands in the index it went to before and overwrites itself. Undated
articles and their claims share one ``undated`` index behind the same alias.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

MAPPING_VERSION = 1
UNDATED = "undated"


class DocKind(StrEnum):
    """The two public document kinds, each behind its own alias."""

    ARTICLES = "articles"
    CLAIMS = "claims"


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already (not local time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def alias_name(prefix: str, kind: DocKind) -> str:
    """``claimwire-articles``: what Kibana and ``claimwire search`` read."""
    return f"{prefix}-{kind.value}"


def template_name(prefix: str, kind: DocKind) -> str:
    """``claimwire-articles-v1``: the composable index template of one mapping version."""
    return f"{prefix}-{kind.value}-v{MAPPING_VERSION}"


def index_pattern(prefix: str, kind: DocKind) -> str:
    """``claimwire-articles-v1-*``: every concrete index of one mapping version."""
    return f"{template_name(prefix, kind)}-*"


def concrete_index(prefix: str, kind: DocKind, published: datetime | None) -> str:
    """``claimwire-articles-v1-2024.10`` for any moment in October 2024 (UTC). Pure.

    ``claimwire-articles-v1-undated`` when the article has no publication date: the
    time of ingest is not a property of the article (a re-ingest in a later month
    would otherwise write a second document with the same id).
    """
    if published is None:
        return f"{template_name(prefix, kind)}-{UNDATED}"
    month = as_utc(published)
    return f"{template_name(prefix, kind)}-{month.year:04d}.{month.month:02d}"
