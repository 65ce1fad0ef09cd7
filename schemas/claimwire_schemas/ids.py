"""Identities of docs/design.md: the same article or claim always gets the same id.

All functions here are pure and idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)
_SPACE = re.compile(r"\s+")


def _digest(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\x1f{text}".encode()).hexdigest()[:32]


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragment, tracking parameters and a trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        )
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def normalise_for_identity(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: what must not change an id."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(url: str | None, title: str, body: str) -> str:
    """Hash of the canonical URL when there is one, else of the normalised title and body."""
    if url and url.strip():
        return _digest("url", canonical_url(url))
    return _digest("text", normalise_for_identity(title) + "\n" + normalise_for_identity(body))


def claim_id(article: str, sentence: str) -> str:
    """Derived from the article id and the claim's sentence."""
    return _digest("claim", article + "\n" + normalise_for_identity(sentence))
