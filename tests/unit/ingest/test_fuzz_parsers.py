"""Property-based fuzz of every ingest parser: whatever the bytes, no exception escapes one input.

Each property feeds generated input to ``parse_bytes`` (every format
``formats`` reads) or ``parse_json_document`` (the HTTP path) and checks the
contract: at least one ``Parsed``, each an article or a rejection with a
reason, each keeping bytes of the input. Example counts stay small so the
unit suite stays fast (the profiles are in ``conftest``);
``HYPOTHESIS_PROFILE=long`` runs 2,000 of each.
"""

from __future__ import annotations

import json
import sys
from xml.sax.saxutils import escape

from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.formats import FORMAT_BY_SUFFIX, parse_bytes, parse_json_document
from claimwire_ingest.parsed import Format, ParseContext, Parsed
from claimwire_schemas.events import ArticleRaw
from hypothesis import given
from hypothesis import strategies as st

from .conftest import NOW

CTX = ParseContext(max_body_bytes=20_000, clock=lambda: NOW)
FORMATS: tuple[Format, ...] = tuple(sorted(set(FORMAT_BY_SUFFIX.values())))
# Labels a page or a header may declare: text codecs, non-text codecs, nonsense.
TEXT_CODECS = ("utf-8", "utf-16", "utf-32", "latin-1", "cp1252", "shift_jis", "iso2022_jp")
OTHER_CODECS = ("rot13", "zlib", "base64", "hex", "bz2", "uu", "quopri", "idna", "punycode")
CHARSETS = st.one_of(
    st.sampled_from((*TEXT_CODECS, *OTHER_CODECS)),
    st.text(st.characters(codec="ascii", categories=["L", "N", "P"]), max_size=12),
)
# JSON with the values that once broke readers: huge integers, deep nesting, odd strings.
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**4300, max_value=10**4400),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=200),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELD_NAMES = st.sampled_from(
    ["title", "body", "url", "published_at", "source", "author", "language"]
)
ARTICLE_FIELDS = st.dictionaries(FIELD_NAMES, JSON_VALUES | st.text(max_size=300), max_size=7)


def _json(value: object) -> bytes:
    # Huge integers need the digit limit lifted to be written; reading them is the test.
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    finally:
        sys.set_int_max_str_digits(limit)
    return text.encode("utf-8", "surrogatepass")


def _check(parsed: list[Parsed], data: bytes, location: str) -> None:
    """The contract of one input's results: some, each an article or a reasoned rejection,
    and a rejection of the input as a whole keeps the input's bytes."""
    assert parsed, "every input yields at least one result"
    for item in parsed:
        assert isinstance(item.result, ArticleRaw | RejectedInput)
        assert isinstance(item.original, bytes)
        if isinstance(item.result, RejectedInput):
            assert item.result.reason.value and item.result.message
            if item.location == location:
                assert item.original == data


@given(fmt=st.sampled_from(FORMATS), data=st.binary(max_size=2000), charset=CHARSETS | st.none())
def test_any_bytes_in_any_format(fmt: Format, data: bytes, charset: str | None) -> None:
    _check(list(parse_bytes(fmt, data, "fuzz", CTX, charset)), data, "fuzz")


@given(value=JSON_VALUES | ARTICLE_FIELDS | st.lists(ARTICLE_FIELDS, max_size=3))
def test_any_json_document_as_a_file_and_over_http(value: object) -> None:
    data = _json(value)
    _check(list(parse_bytes("json", data, "fuzz.json", CTX)), data, "fuzz.json")
    http = parse_json_document(data, "http:fuzz", CTX, kind="http", strict_utf8=True)
    _check(list(http), data, "http:fuzz")


@given(lines=st.lists(ARTICLE_FIELDS.map(_json) | st.binary(max_size=200), max_size=6))
def test_any_json_lines(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    _check(list(parse_bytes("jsonl", data, "fuzz.jsonl", CTX)), data, "fuzz.jsonl")


@given(text=st.text(max_size=1500), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_text_file(text: str, encoding: str) -> None:
    data = text.encode(encoding, "replace")
    _check(list(parse_bytes("txt", data, "fuzz.txt", CTX)), data, "fuzz.txt")


@given(
    charset=CHARSETS,
    title=st.text(max_size=80),
    paragraphs=st.lists(st.text(min_size=1, max_size=300), max_size=5),
    lang=st.text(max_size=12),
    date=st.text(max_size=30),
)
def test_any_html_page(
    charset: str, title: str, paragraphs: list[str], lang: str, date: str
) -> None:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page = (
        f'<html lang="{escape(lang)}"><head><meta charset="{escape(charset)}">'
        f'<meta property="article:published_time" content="{escape(date)}">'
        f"<title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
        f"{body}</article></body></html>"
    )
    data = page.encode("utf-8", "surrogatepass")
    _check(list(parse_bytes("html", data, "fuzz.html", CTX)), data, "fuzz.html")


ENTRY_TEXT = st.text(max_size=200).map(escape)


@given(
    entries=st.lists(
        st.tuples(ENTRY_TEXT, ENTRY_TEXT, ENTRY_TEXT, ENTRY_TEXT), min_size=0, max_size=4
    ),
    atom=st.booleans(),
    encoding=CHARSETS,
)
def test_any_rss_or_atom_feed(
    entries: list[tuple[str, str, str, str]], atom: bool, encoding: str
) -> None:
    if atom:
        items = "".join(
            f"<entry><title>{t}</title><link href='{u}'/><updated>{d}</updated>"
            f"<content type='html'>{b}</content></entry>"
            for t, b, u, d in entries
        )
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'
    else:
        items = "".join(
            f"<item><title>{t}</title><link>{u}</link><pubDate>{d}</pubDate>"
            f"<description>{b}</description></item>"
            for t, b, u, d in entries
        )
        doc = f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    data = f'<?xml version="1.0" encoding="{escape(encoding)}"?>{doc}'.encode("utf-8", "replace")
    _check(list(parse_bytes("feed", data, "fuzz.rss", CTX)), data, "fuzz.rss")
