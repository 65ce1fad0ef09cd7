"""Shared fixtures. Integration tests talk to the real local stack (``make up``).

``make test`` starts Kafka and Elasticsearch when they are not running, so the
fixtures here only check that they answer and fail loudly when they do not:
an integration test never skips.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _reachable(host_port: str) -> bool:
    host, _, port = host_port.rpartition(":")
    try:
        with socket.create_connection((host or "localhost", int(port)), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """``host:port`` of the real broker; fails (never skips) when it does not answer."""
    servers = os.environ.get("CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
    if not _reachable(servers.split(",")[0]):
        pytest.fail(f"Kafka is not reachable at {servers}: run `make up` (make test does).")
    return servers


@pytest.fixture(scope="session")
def es_url() -> str:
    """URL of the real Elasticsearch node; fails (never skips) when it does not answer."""
    url = os.environ.get("CLAIMWIRE_ES_URL", "http://localhost:9200")
    host_port = url.split("://", 1)[-1].rstrip("/")
    if not _reachable(host_port):
        pytest.fail(f"Elasticsearch is not reachable at {url}: run `make up` (make test does).")
    return url


@pytest.fixture
def unique_id() -> str:
    """A short lowercase token for per-test topic names, groups and index prefixes."""
    return uuid.uuid4().hex[:10]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """``../shared`` beside the repository (present in CI); fails when it is missing."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the shared article and gold live there (CI has it).")
    yield SHARED
