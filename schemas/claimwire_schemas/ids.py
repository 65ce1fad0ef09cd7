"""Identities of docs/design.md: the same article or claim always gets the same id.

All functions here are pure and idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

# Click and campaign trackers: they say how a reader arrived, not which article it is.
_TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|ocid|cmpid|igshid"
    r"|yclid|twclid|_hsenc|_hsmi|mkt_tok)$",
    re.I,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Host prefixes that name a rendering of the same site, not another site.
_HOST_PREFIXES = ("www.", "amp.")
# A last path segment ending so (``story.amp``, ``story.amp.html``) is the AMP rendering.
_AMP_SUFFIX = re.compile(r"\.amp(?=(\.html?)?$)", re.I)


def _digest(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\x1f{text}".encode()).hexdigest()[:32]


def _is_amp_param(key: str, value: str) -> bool:
    """``?amp``, ``?amp=1`` and ``?outputType=amp`` ask for the AMP rendering."""
    return key.lower() == "amp" or (key.lower() == "outputtype" and value.lower() == "amp")


def _host(parts: SplitResult, scheme: str) -> str:
    """Lower-case host without a rendering prefix; the port unless ``scheme``'s default."""
    host = (parts.hostname or "").rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the text as written
        return parts.netloc.lower()
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    return host


def _path(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment.lower() != "amp"]
    if segments:
        segments[-1] = _AMP_SUFFIX.sub("", segments[-1])
    return "/".join(segments).rstrip("/") or "/"


def canonical_url(url: str) -> str:
    """The form of ``url`` that names the article, whichever way a reader reached it.

    Scheme http and https are one (https); host lower-cased without ``www.``,
    ``amp.`` or a trailing dot; default ports dropped; AMP renderings (an
    ``amp`` path segment, ``.amp`` suffix, ``?amp``, ``?outputType=amp``) are the
    article; tracking parameters (``utm_*``, ``fbclid``, ``gclid``...) dropped,
    the others sorted; trailing slash and fragment dropped. Path case is kept
    (servers may tell it apart). An already canonical URL comes back unchanged.
    Pure and idempotent.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = _host(parts, scheme)
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k) and not _is_amp_param(k, v)
        )
    )
    scheme = "https" if scheme == "http" else scheme
    return urlunsplit((scheme, host, _path(parts.path), query, ""))


def normalise_for_identity(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: what must not change an id."""
    # str.split() cuts at exactly the characters \s matches (both are str.isspace), so
    # joining its words by one space is the \s+ substitution and strip, about 3x faster:
    # the enrichment core makes one id per claim.
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def article_id(url: str | None, title: str, body: str) -> str:
    """Hash of the canonical URL when there is one, else of the normalised title and body."""
    if url and url.strip():
        return _digest("url", canonical_url(url))
    return _digest("text", normalise_for_identity(title) + "\n" + normalise_for_identity(body))


def claim_id(article: str, sentence: str) -> str:
    """Derived from the article id and the claim's sentence."""
    return _digest("claim", article + "\n" + normalise_for_identity(sentence))


def content_revision(title: str, body: str) -> str:
    """16 hex characters of the hash of the normalised title and body, exactly as published.

    Same ``article_id`` and a different revision is a corrected article, published
    again; the same revision again is a duplicate. Pure and idempotent.
    """
    return hashlib.sha256(f"revision\x1f{title}\n{body}".encode()).hexdigest()[:16]
