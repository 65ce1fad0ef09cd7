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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    url = os.environ.get("CLAIMWIRE_ES_URL", "https://localhost:9200")
    host_port = url.split("://", 1)[-1].rstrip("/")
    if not _reachable(host_port):
        pytest.fail(f"Elasticsearch is not reachable at {url}: run `make up` (make test does).")
    return url


@dataclass(frozen=True)
class EsIdentities:
    """The local node's identities: the admin, the index service's user, the search user.

    From the environment ``claimwire stack run`` sets (``CLAIMWIRE_STACK_ES_*``), else
    from the stack's own files (after ``make up``). Secrets reach the processes the
    tests start only through their environment (``env``), never their arguments.
    """

    url: str
    ca_certs: str
    passwords: dict[str, str] = field(repr=False)  # never in a test report

    def settings(self, user: str) -> dict[str, Any]:
        """Keyword arguments of an ``ElasticsearchSettings`` subclass for ``user``."""
        return {
            "es_url": self.url,
            "es_ca_certs": self.ca_certs,
            "es_username": user,
            "es_password": self.passwords[user],
            "es_api_key": None,
        }

    def env(self, user: str) -> dict[str, str]:
        """``CLAIMWIRE_ES_*`` variables that make a child process act as ``user``."""
        return {
            "CLAIMWIRE_ES_URL": self.url,
            "CLAIMWIRE_ES_CA_CERTS": self.ca_certs,
            "CLAIMWIRE_ES_USERNAME": user,
            "CLAIMWIRE_ES_PASSWORD": self.passwords[user],
            "CLAIMWIRE_ES_API_KEY": "",
        }

    def client(self, user: str = "elastic") -> Any:
        from elasticsearch import Elasticsearch

        return Elasticsearch(
            self.url,
            ca_certs=self.ca_certs,
            basic_auth=(user, self.passwords[user]),
            request_timeout=30,
        )


@pytest.fixture(scope="session")
def es_identities(es_url: str) -> EsIdentities:
    """The identities of the local node; fails (never skips) when none are known."""
    from claimwire.stack.es_security import (
        ADMIN_USER,
        ENV_ADMIN_PASSWORD,
        SERVICE_USERS,
        stack_environment,
    )
    from claimwire.stack.settings import StackSettings

    env = dict(os.environ)
    if ENV_ADMIN_PASSWORD not in env:
        env.update(stack_environment(StackSettings()))
    if ENV_ADMIN_PASSWORD not in env:
        pytest.fail(
            "No Elasticsearch credentials: run the tests under `claimwire stack run` "
            "(make test does) or after `make up`."
        )
    passwords = {ADMIN_USER: env[ENV_ADMIN_PASSWORD]}
    passwords |= {user: env[variable] for user, (_, variable) in SERVICE_USERS.items()}
    return EsIdentities(es_url, env["CLAIMWIRE_ES_CA_CERTS"], passwords)


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
