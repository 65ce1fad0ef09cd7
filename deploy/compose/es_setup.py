"""Elasticsearch security for docker compose, run once by the setup job as ``elastic``.

Consumes (environment): CLAIMWIRE_ES_URL, CLAIMWIRE_ES_USERNAME/_PASSWORD (the
superuser), CLAIMWIRE_ES_CA_CERTS, KIBANA_SYSTEM_PASSWORD, ANALYST_PASSWORD.
Emits, idempotently:

- the en_US Hunspell dictionary (from the Python package that ships it) into the
  volume Elasticsearch reads as ``config/hunspell`` (loaded lazily, on first use);
- every role of ``deploy/elasticsearch/security/*.role.json``;
- the ``kibana_system`` password and the ``claimwire-analyst`` user;
- an API key for the index service (role ``claimwire_index_writer``) and one for
  ``claimwire search`` (``claimwire_search_reader``), each written to its own
  volume (mode 0600, owner uid 10001, the services' user); a stored key that still
  authenticates is kept.

Raises (exits non-zero, one line) when Elasticsearch refuses a request. No secret
is printed.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import ssl
import sys
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

ROLES_DIR = Path("/app/deploy/elasticsearch/security")
HUNSPELL_DIR = Path("/hunspell/en_US")
KEYS = {
    "index": ("claimwire_index_writer", Path("/keys/index/api_key")),
    "search": ("claimwire_search_reader", Path("/keys/search/api_key")),
}
SERVICE_UID = 10001


class SetupError(RuntimeError):
    """Elasticsearch refused a request; the message names it (never a secret)."""


def _context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=os.environ["CLAIMWIRE_ES_CA_CERTS"])


def _request(
    method: str, path: str, body: Any = None, authorization: str | None = None
) -> tuple[int, Any]:
    """One JSON request as the superuser (or with ``authorization``); (status, parsed body)."""
    if authorization is None:
        user = os.environ["CLAIMWIRE_ES_USERNAME"]
        token = f"{user}:{os.environ['CLAIMWIRE_ES_PASSWORD']}".encode()
        authorization = "Basic " + base64.b64encode(token).decode()
    request = urllib.request.Request(
        os.environ["CLAIMWIRE_ES_URL"].rstrip("/") + path,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": authorization, "Content-Type": "application/json"},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, context=_context(), timeout=30) as response:
            return int(response.status), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        return int(err.code), None


def _must(method: str, path: str, body: Any = None) -> Any:
    status, answer = _request(method, path, body)
    if status >= 300:
        raise SetupError(f"{method} {path}: HTTP {status}")
    return answer


def copy_dictionary() -> None:
    """en_US.aff and en_US.dic, from whichever installed package ships them."""
    wanted = {"en_US.aff", "en_US.dic"}
    found = {
        file.name: Path(str(file.locate()))
        for dist in metadata.distributions()
        for file in dist.files or []
        if file.name in wanted
    }
    if set(found) != wanted:
        raise SetupError("no installed package ships en_US.aff and en_US.dic")
    HUNSPELL_DIR.mkdir(parents=True, exist_ok=True)
    for name, source in found.items():
        shutil.copyfile(source, HUNSPELL_DIR / name)
        (HUNSPELL_DIR / name).chmod(0o644)


def roles() -> dict[str, dict[str, Any]]:
    return {
        path.name.removesuffix(".role.json"): json.loads(path.read_text())
        for path in sorted(ROLES_DIR.glob("*.role.json"))
    }


def put_roles_and_users(defined: dict[str, dict[str, Any]]) -> None:
    for name, body in defined.items():
        _must("PUT", f"/_security/role/{name}", body)
    _must(
        "POST",
        "/_security/user/kibana_system/_password",
        {"password": os.environ["KIBANA_SYSTEM_PASSWORD"]},
    )
    _must(
        "PUT",
        "/_security/user/claimwire-analyst",
        {
            "password": os.environ["ANALYST_PASSWORD"],
            "roles": ["claimwire_analyst"],
            "full_name": "Claimwire analyst (Kibana, read-only)",
        },
    )


def ensure_api_key(name: str, role: str, body: dict[str, Any], target: Path) -> str:
    """Keep a stored key that authenticates; else create one limited to ``role``."""
    if target.exists():
        status, _ = _request(
            "GET", "/_security/_authenticate", authorization=f"ApiKey {target.read_text()}"
        )
        if status == 200:
            return "kept"
    descriptor = {key: value for key, value in body.items() if key != "description"}
    created = _must(
        "POST",
        "/_security/api_key",
        {"name": f"claimwire-{name}", "role_descriptors": {role: descriptor}},
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(created["encoded"])
    os.chown(target, SERVICE_UID, SERVICE_UID)
    return "created"


def main() -> int:
    try:
        copy_dictionary()
        defined = roles()
        put_roles_and_users(defined)
        outcome = {
            name: ensure_api_key(name, role, defined[role], target)
            for name, (role, target) in KEYS.items()
        }
    except (SetupError, KeyError, OSError) as exc:
        print(f"es_setup: {exc}", file=sys.stderr)
        return 1
    print(
        f"elasticsearch: roles {', '.join(defined)}; kibana_system and claimwire-analyst set; "
        + "; ".join(f"{name} API key {what}" for name, what in outcome.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
