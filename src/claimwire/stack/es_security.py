"""The local node's identities: the admin password, the roles, the service users.

The distribution zip cannot create the ``.security`` index (its mapping needs the
``analysis-common`` module the zip lacks), so native users, native roles and API
keys are unavailable there. The local node therefore uses the file realm: the roles
go into ``config/roles.yml`` and the service users, with PBKDF2 password hashes,
into ``config/users`` and ``config/users_roles``; the ``elastic`` admin's password
is the keystore's ``bootstrap.password``. Compose's official images can use API keys
with the same role definitions (``deploy/elasticsearch/security/*.role.json``).

Secrets are generated here, kept in one owner-only JSON file under ``.stack/``
(mode 0600), and handed to child processes only through the environment
(``stack_environment``): never on a command line, never printed, never logged.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from claimwire.stack.jvm import StackError
from claimwire.stack.settings import StackSettings

ADMIN_USER = "elastic"
INDEX_USER = "claimwire_index"
SEARCH_USER = "claimwire_search"
KIBANA_USER = "claimwire_kibana"
INDEX_ROLE = "claimwire_index_writer"
SEARCH_ROLE = "claimwire_search_reader"
# user name -> (its role, the variable that carries its password to child processes)
SERVICE_USERS = {
    INDEX_USER: (INDEX_ROLE, "CLAIMWIRE_STACK_ES_INDEX_PASSWORD"),
    SEARCH_USER: (SEARCH_ROLE, "CLAIMWIRE_STACK_ES_SEARCH_PASSWORD"),
    KIBANA_USER: ("kibana_system", "CLAIMWIRE_STACK_ES_KIBANA_PASSWORD"),
}
ENV_ADMIN_PASSWORD = "CLAIMWIRE_STACK_ES_ADMIN_PASSWORD"
PBKDF2_ITERATIONS = 10_000
JsonObject = dict[str, Any]


def credentials_path(settings: StackSettings) -> Path:
    return settings.state_dir / "elasticsearch" / "credentials.json"


def ca_path(settings: StackSettings) -> Path:
    return settings.state_dir / "elasticsearch" / "config" / "certs" / "ca.crt"


def es_url(settings: StackSettings) -> str:
    return f"https://localhost:{settings.es_port}"


def load_credentials(settings: StackSettings) -> JsonObject:
    """The stored secrets (``{}`` before the first start). Raises StackError when unreadable."""
    path = credentials_path(settings)
    try:
        loaded: JsonObject = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise StackError(f"{path} is unreadable ({exc}): delete .stack/ to start afresh") from exc
    return loaded


def save_credentials(settings: StackSettings, credentials: JsonObject) -> None:
    """Replace the secrets file atomically; it is created with mode 0600. Idempotent."""
    path = credentials_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(credentials, handle, indent=2)
    partial.replace(path)


def ensure_admin_password(settings: StackSettings) -> str:
    """The ``elastic`` password, generated and stored on the first call. Idempotent."""
    credentials = load_credentials(settings)
    if "admin_password" not in credentials:
        credentials["admin_password"] = secrets.token_urlsafe(24)
        save_credentials(settings, credentials)
    password: str = credentials["admin_password"]
    return password


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def request(
    settings: StackSettings,
    method: str,
    path: str,
    authorization: str | None,
    body: JsonObject | None = None,
    timeout_s: float = 10.0,
) -> tuple[int, JsonObject]:
    """One HTTPS request to the local node, verified against the stack's CA.

    Returns (status, JSON body); an HTTP error status is returned, not raised.
    Raises OSError (URLError, TLS errors) when the node does not answer.
    """
    context = ssl.create_default_context(cafile=str(ca_path(settings)))
    data = json.dumps(body).encode() if body is not None else None
    call = urllib.request.Request(f"{es_url(settings)}{path}", data=data, method=method)
    call.add_header("Content-Type", "application/json")
    if authorization:
        call.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(call, timeout=timeout_s, context=context) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            payload = json.loads(error.read() or b"{}")
        except ValueError:
            payload = {}
        return error.code, payload


def role_definitions(settings: StackSettings) -> dict[str, JsonObject]:
    """The role files of ``deploy/elasticsearch/security`` by role name."""
    folder = settings.root / "deploy" / "elasticsearch" / "security"
    return {
        path.name.removesuffix(".role.json"): json.loads(path.read_text())
        for path in sorted(folder.glob("*.role.json"))
    }


def pbkdf2_hash(password: str, salt: bytes | None = None) -> str:
    """The file realm's ``{PBKDF2}`` hash of ``password`` (HMAC-SHA512, 256-bit key). Pure."""
    salt = salt if salt is not None else secrets.token_bytes(32)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, PBKDF2_ITERATIONS, 32)
    encoded_salt, encoded_digest = (base64.b64encode(b).decode() for b in (salt, digest))
    return f"{{PBKDF2}}{PBKDF2_ITERATIONS}${encoded_salt}${encoded_digest}"


def _write_owner_only(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    partial.replace(path)  # the node's file watcher sees one complete file


def write_file_realm(settings: StackSettings, config_dir: Path) -> None:
    """Write ``roles.yml``, ``users`` and ``users_roles`` into the node's config folder.

    Generates each service user's password once (kept in the credentials file);
    the hashes are re-salted on every call. Idempotent in effect.
    """
    roles = role_definitions(settings)
    # Block YAML, one role per top-level key: the node reads roles.yml role by role,
    # each starting at column 0 (a multi-line JSON document is not read).
    _write_owner_only(
        config_dir / "roles.yml",
        "".join(yaml.safe_dump({name: role}, sort_keys=False) for name, role in roles.items()),
    )
    credentials = load_credentials(settings)
    passwords: JsonObject = credentials.setdefault("users", {})
    if set(passwords) != set(SERVICE_USERS):
        for user in SERVICE_USERS:
            passwords.setdefault(user, secrets.token_urlsafe(24))
        save_credentials(settings, credentials)
    users = "".join(f"{user}:{pbkdf2_hash(passwords[user])}\n" for user in SERVICE_USERS)
    _write_owner_only(config_dir / "users", users)
    by_role: dict[str, list[str]] = {}
    for user, (role, _) in SERVICE_USERS.items():
        by_role.setdefault(role, []).append(user)
    users_roles = "".join(f"{role}:{','.join(names)}\n" for role, names in by_role.items())
    _write_owner_only(config_dir / "users_roles", users_roles)


# What each service user must be allowed (checked on every start: a role file the
# node could not read leaves its users with no rights at all).
EXPECTED_RIGHTS = {
    INDEX_USER: {"index": [{"names": ["claimwire-check"], "privileges": ["index"]}]},
    SEARCH_USER: {"index": [{"names": ["claimwire-check"], "privileges": ["read"]}]},
}


def identities_work(settings: StackSettings) -> bool:
    """True when every service user authenticates and holds the rights of its role."""
    passwords = load_credentials(settings).get("users", {})
    for user in SERVICE_USERS:
        auth = basic(user, passwords.get(user, ""))
        try:
            status, _ = request(settings, "GET", "/_security/_authenticate", auth)
            rights = EXPECTED_RIGHTS.get(user)
            if status == 200 and rights:
                path = "/_security/user/_has_privileges"
                status, answer = request(settings, "POST", path, auth, rights)
                status = status if answer.get("has_all_requested") else 403
        except OSError:
            return False
        if status != 200:
            return False
    return True


def stack_environment(settings: StackSettings) -> dict[str, str]:
    """The variables that let a child process use the local node (empty before the first start).

    ``CLAIMWIRE_ES_URL`` and ``CLAIMWIRE_ES_CA_CERTS`` point at the node; each identity
    has its own ``CLAIMWIRE_STACK_ES_*_PASSWORD``; ``CLAIMWIRE_ES_USERNAME``/``_PASSWORD``
    default to the read-only search user (least privilege) unless the caller's
    environment names an identity already.
    """
    credentials = load_credentials(settings)
    passwords = credentials.get("users", {})
    if "admin_password" not in credentials or set(passwords) != set(SERVICE_USERS):
        return {}
    env = {
        "CLAIMWIRE_ES_URL": es_url(settings),
        "CLAIMWIRE_ES_CA_CERTS": str(ca_path(settings)),
        ENV_ADMIN_PASSWORD: credentials["admin_password"],
    }
    for user, (_, variable) in SERVICE_USERS.items():
        env[variable] = passwords[user]
    if not (os.environ.get("CLAIMWIRE_ES_API_KEY") or os.environ.get("CLAIMWIRE_ES_USERNAME")):
        env["CLAIMWIRE_ES_USERNAME"] = SEARCH_USER
        env["CLAIMWIRE_ES_PASSWORD"] = passwords[SEARCH_USER]
    return env


def identity_from_environment(user: str) -> dict[str, Any]:
    """Settings overrides acting as ``user`` of the local stack, from ``claimwire stack run``'s
    environment; ``{}`` when that environment does not carry the user's password.

    For the benchmark and tools run under ``claimwire stack run``. Pure but for reading
    ``os.environ``.
    """
    variable = ENV_ADMIN_PASSWORD if user == ADMIN_USER else SERVICE_USERS[user][1]
    password = os.environ.get(variable)
    if not password:
        return {}
    return {"es_username": user, "es_password": password, "es_api_key": None}


def identity_environment(user: str) -> dict[str, str]:
    """``identity_from_environment`` as ``CLAIMWIRE_ES_*`` variables for a child process."""
    identity = identity_from_environment(user)
    if not identity:
        return {}
    return {
        "CLAIMWIRE_ES_USERNAME": identity["es_username"],
        "CLAIMWIRE_ES_PASSWORD": identity["es_password"],
        "CLAIMWIRE_ES_API_KEY": "",
    }
