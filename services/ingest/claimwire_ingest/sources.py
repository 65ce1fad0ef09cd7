"""Where input comes from: paths, folders and globs on disk, and feed URLs.

The only module besides the adapters that does I/O: it finds files, reads
their bytes (within the size limit) and fetches feeds, then hands the bytes to
the pure parsers in ``formats``.
"""

from __future__ import annotations

import glob
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from claimwire_schemas.events import DeadLetterReason

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.formats import KIND_BY_FORMAT, format_for_path, parse_bytes
from claimwire_ingest.parsed import Format, ParseContext, Parsed, rejected

_GLOB_CHARS = frozenset("*?[")
# Of a file over the size limit, this much is kept for its dead-letter record.
HEAD_KEPT_BYTES = 1024 * 1024
USER_AGENT = "claimwire-ingest/0.1 (+https://example.org/claimwire)"


class SourceError(Exception):
    """A source that could not be read at all (missing file, unreachable feed URL)."""


@dataclass(frozen=True)
class Source:
    """One file or feed to read; ``fmt`` is None for a named file of a foreign suffix."""

    location: str
    fmt: Format | None
    is_url: bool = False


@dataclass
class Expansion:
    """What the command-line arguments expand to."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _walk(root: str) -> Iterator[str]:
    """Files under ``root``, sorted, a folder's files before its subfolders; hidden ones skipped."""
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(directory, name)


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def _files_named_by(argument: str) -> tuple[list[str], bool] | None:
    """The files one path argument names and whether it named a file itself.

    None when it names nothing (no such file or folder, a glob without files).
    Reads directory listings only.
    """
    if os.path.isfile(argument):
        return [argument], True
    if os.path.isdir(argument):
        return list(_walk(argument)), False
    if _GLOB_CHARS & set(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        files = [m for m in matches if os.path.isfile(m)]
        return (files, False) if files else None
    return None


def _feed_source(feed: str) -> Source | None:
    """A feed argument as a source (a URL, or an existing file); None when it is neither."""
    if is_url(feed):
        return Source(feed, "feed", is_url=True)
    if Path(feed).is_file():
        return Source(feed, "feed")
    return None


def expand_paths(paths: list[str], feeds: list[str]) -> Expansion:
    """Files (as named), folders (recursively, hidden entries skipped), globs (``**`` too), feeds.

    A file named explicitly is read whatever its suffix (a foreign one is
    rejected as ``unsupported_format``); files found in a folder or by a glob
    with a suffix ingest does not read are listed in ``skipped``; arguments that
    match nothing are listed in ``missing``. Order is stable (sorted), so runs
    repeat. Reads directory listings only.
    """
    expansion = Expansion()
    seen: set[str] = set()

    def add(path: str, explicit: bool) -> None:
        # abspath, not resolve(): no syscalls per file; symlinked twins are read twice.
        absolute = os.path.abspath(path)
        if absolute in seen:
            return
        seen.add(absolute)
        fmt = format_for_path(path)
        if fmt is None and not explicit:
            expansion.skipped.append(path)
        else:
            expansion.sources.append(Source(path, fmt))

    for argument in paths:
        named = _files_named_by(argument)
        if named is None:
            expansion.missing.append(argument)
            continue
        files, explicit = named
        for found in files:
            add(found, explicit=explicit)
    for feed in feeds:
        source = _feed_source(feed)
        if source is None:
            expansion.missing.append(feed)
        else:
            expansion.sources.append(source)
    return expansion


def _read_file(path: str, max_bytes: int) -> bytes:
    """The file's bytes; ``RejectedInput(too_large)`` past ``max_bytes`` (only the head is read)."""
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = os.path.getsize(path)
        raise RejectedInput(
            DeadLetterReason.TOO_LARGE, f"file of {size:,} bytes exceeds the limit of {max_bytes:,}"
        )
    return data


def fetch_url(url: str, timeout_s: float, max_bytes: int) -> tuple[bytes, str | None]:
    """GET ``url``: the body and the charset its Content-Type declares.

    Raises ``SourceError`` for network and HTTP errors and for bodies over
    ``max_bytes``. Blocking, bounded by ``timeout_s`` per socket operation.
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            data: bytes = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise SourceError(f"{url}: could not be fetched: {exc}") from None
    if len(data) > max_bytes:
        raise SourceError(f"{url}: response exceeds the limit of {max_bytes:,} bytes")
    return data, charset


def read_source(
    source: Source, ctx: ParseContext, *, max_file_bytes: int, fetch_timeout_s: float
) -> tuple[int, Iterator[Parsed]]:
    """Read one source: the number of bytes read and its parsed articles.

    A file too large, unreadable as the named format or of a foreign suffix
    yields one rejected ``Parsed`` (its head kept as the original bytes).
    Raises ``SourceError`` when the file cannot be opened or the URL fetched.
    """
    if source.is_url:
        data, charset = fetch_url(source.location, fetch_timeout_s, max_file_bytes)
        return len(data), parse_bytes("feed", data, source.location, ctx, charset)
    kind = KIND_BY_FORMAT[source.fmt] if source.fmt else "file"
    try:
        data = _read_file(source.location, max_file_bytes)
    except RejectedInput as error:
        with open(source.location, "rb") as handle:
            head = handle.read(HEAD_KEPT_BYTES)
        return len(head), iter([rejected(kind, source.location, head, error)])
    except OSError as exc:
        raise SourceError(f"{source.location}: could not be read: {exc.strerror}") from None
    if source.fmt is None:
        unsupported = RejectedInput(
            DeadLetterReason.UNSUPPORTED_FORMAT,
            f"unsupported file type {Path(source.location).suffix or '(no suffix)'}: "
            "expected .txt, .json, .jsonl, .html or an RSS/Atom feed",
        )
        return len(data), iter([rejected(kind, source.location, data, unsupported)])
    return len(data), parse_bytes(source.fmt, data, source.location, ctx)
