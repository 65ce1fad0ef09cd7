"""Helpers for the ingest unit tests: a fixed clock and the fixture folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from claimwire_ingest.parsed import ParseContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
SAMPLES = Path(__file__).resolve().parents[3] / "samples"
NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def ctx() -> ParseContext:
    return ParseContext(max_body_bytes=20_000, clock=lambda: NOW)
