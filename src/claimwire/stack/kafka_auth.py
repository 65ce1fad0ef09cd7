"""The local Kafka's logins: generated once, kept in ``.stack/`` (mode 0600), handed on by env.

Users (SCRAM-SHA-512 unless said otherwise):

- ``claimwire-broker``: the broker's own login on its listener (super user);
- ``claimwire-controller``: PLAIN, on the controller listener only (KRaft cannot
  check SCRAM there: the credentials live in the metadata it serves), super user;
- ``claimwire-admin``: setup (topics, ACLs) and the tests' helpers (super user);
- ``claimwire-ingest``, ``claimwire-enrich``, ``claimwire-index``: the services,
  with the ACLs of ``claimwire_base.kafka_acls``.

Passwords never reach a command line, a log or the terminal: the broker reads
them from its 0600 properties file, and child processes get them through the
environment (``client_env``).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from pydantic import SecretStr

from claimwire.stack.settings import StackSettings
from claimwire_base.kafka_acls import SERVICES, login_variables
from claimwire_base.settings import KafkaSettings

MECHANISM: Final = "SCRAM-SHA-512"
ROLES = ("broker", "controller", "admin", *SERVICES)


@dataclass(frozen=True)
class KafkaLogins:
    """User name and password of every role of the local Kafka."""

    passwords: dict[str, SecretStr]

    @staticmethod
    def user(role: str) -> str:
        return f"claimwire-{role}"

    def password(self, role: str) -> str:
        return self.passwords[role].get_secret_value()

    def __repr__(self) -> str:  # never shows a password, even in a traceback's locals
        return f"KafkaLogins(roles={sorted(self.passwords)})"


def logins_file(settings: StackSettings) -> Path:
    return settings.state_dir / "kafka-logins.json"


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (created 0600, never wider)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.chmod(path, 0o600)  # an older file with wider bits is narrowed too


def load_logins(settings: StackSettings) -> KafkaLogins | None:
    """The stored logins, or None before the first start."""
    path = logins_file(settings)
    if not path.exists():
        return None
    stored = json.loads(path.read_text())
    return KafkaLogins({role: SecretStr(stored[role]) for role in ROLES})


def ensure_logins(settings: StackSettings) -> KafkaLogins:
    """The stored logins; generated and stored (0600) on the first call. Idempotent."""
    existing = load_logins(settings)
    if existing is not None:
        return existing
    # URL-safe tokens: no quote, comma, bracket or space to escape in JAAS or --add-scram.
    generated = {role: secrets.token_urlsafe(24) for role in ROLES}
    write_private(logins_file(settings), json.dumps(generated))
    return KafkaLogins({role: SecretStr(p) for role, p in generated.items()})


def client_settings(settings: StackSettings, logins: KafkaLogins, role: str) -> KafkaSettings:
    """``KafkaSettings`` for the local broker, logged in as ``role``."""
    return KafkaSettings(
        kafka_bootstrap_servers=f"localhost:{settings.kafka_port}",
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism=MECHANISM,
        kafka_sasl_username=logins.user(role),
        kafka_sasl_password=logins.passwords[role],
    )


def client_env(settings: StackSettings) -> dict[str, str]:
    """Environment for processes that use the local stack: empty before the first start.

    The default login (``CLAIMWIRE_KAFKA_SASL_*``) is the admin's, for setup and
    test helpers; each service's own login travels in ``login_variables(service)``
    for whoever starts that service (``kafka_acls.service_login_env``).
    """
    logins = load_logins(settings)
    if logins is None:
        return {}
    env = {
        "CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS": f"localhost:{settings.kafka_port}",
        "CLAIMWIRE_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "CLAIMWIRE_KAFKA_SASL_MECHANISM": MECHANISM,
        "CLAIMWIRE_KAFKA_SASL_USERNAME": logins.user("admin"),
        "CLAIMWIRE_KAFKA_SASL_PASSWORD": logins.password("admin"),
    }
    for service in SERVICES:
        user_var, password_var = login_variables(service)
        env[user_var] = logins.user(service)
        env[password_var] = logins.password(service)
    return env
