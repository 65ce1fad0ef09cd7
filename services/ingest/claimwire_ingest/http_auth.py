"""Who may push articles: loopback by default, a bearer token when bound to anything else.

``binding_error`` is the start-up check; ``bearer_token_middleware`` the
per-request one. The token is a ``SecretStr``: it is compared in constant
time and never logged or echoed.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, Collection

from aiohttp import web
from aiohttp.typedefs import Middleware
from pydantic import SecretStr

from claimwire_ingest.settings import IngestSettings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1). Pure."""
    name = host.strip().strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def binding_error(settings: IngestSettings) -> str | None:
    """One line saying why the service must not start, or None when it may.

    Bound beyond loopback (``0.0.0.0``, a LAN address, a host name), anyone who
    can reach the port could publish: that needs ``CLAIMWIRE_INGEST_HTTP_TOKEN``.
    """
    host = settings.ingest_http_host
    if is_loopback(host) or settings.ingest_http_token is not None:
        return None
    return (
        f"CLAIMWIRE_INGEST_HTTP_HOST={host} is reachable from other machines: set "
        "CLAIMWIRE_INGEST_HTTP_TOKEN (clients send 'Authorization: Bearer <token>') "
        "or bind 127.0.0.1"
    )


def _bearer(request: web.Request) -> str | None:
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None


def bearer_token_middleware(token: SecretStr | None, open_paths: Collection[str]) -> Middleware:
    """An aiohttp middleware: with ``token`` set, a request to any path but ``open_paths``
    without ``Authorization: Bearer <token>`` gets 401 (JSON ``error``, and a
    ``WWW-Authenticate`` header) and reaches no handler. Without a token: lets all through.
    """
    expected = token.get_secret_value().encode() if token is not None else None

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if expected is None or request.path in open_paths:
            return await handler(request)
        given = _bearer(request)
        if given is None or not hmac.compare_digest(given.encode(), expected):
            return web.json_response(
                {"error": "missing or wrong bearer token (Authorization: Bearer <token>)"},
                status=401,
                headers={"WWW-Authenticate": 'Bearer realm="claimwire-ingest"'},
            )
        return await handler(request)

    return check
