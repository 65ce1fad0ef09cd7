"""Helpers for the ingest unit tests: a fixed clock and the fixture folder."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from claimwire_ingest.parsed import ParseContext
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
SAMPLES = Path(__file__).resolve().parents[3] / "samples"
NOW = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def ctx() -> ParseContext:
    return ParseContext(max_body_bytes=20_000, clock=lambda: NOW)


# Property-based tests: few examples in the unit suite, many on demand (HYPOTHESIS_PROFILE=long).
settings.register_profile(
    "unit",
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("long", parent=settings.get_profile("unit"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "unit"))
