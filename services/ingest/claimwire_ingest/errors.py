"""The one error the ingest core raises for bad input."""

from __future__ import annotations

from claimwire_schemas.events import DeadLetterReason


class RejectedInput(Exception):  # noqa: N818 - the name the other services import
    """Input that cannot become an article, with a reason from the dead-letter vocabulary.

    ``reason`` is what goes into the dead-letter record's ``x-claimwire-reason``
    header; ``message`` is one human-readable line that names the field or the
    byte at fault (``"published_at: 'yesterday' is not an ISO 8601 date"``);
    ``field`` is the input field at fault when there is one (HTTP answers name it).
    """

    def __init__(self, reason: DeadLetterReason, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.reason.value}: {self.message}"

    def __repr__(self) -> str:
        return f"RejectedInput({self.reason.value!r}, {self.message!r}, field={self.field!r})"
