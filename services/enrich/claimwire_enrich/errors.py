"""The errors the enrichment core raises."""

from __future__ import annotations

from claimwire_schemas.events import DeadLetterReason


class EnrichmentError(Exception):
    """An article the core cannot enrich at all: the service dead-letters it.

    ``reason`` is a dead-letter reason; ``message`` one human-readable line.
    Extractors that merely give up on an article do not raise this: they leave
    a warning in ``ArticleEnriched.warnings`` instead.
    """

    def __init__(self, reason: DeadLetterReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason.value}: {self.message}"
