"""``article_id`` and ``claim_id`` are stable: the same article or claim, the same id."""

from __future__ import annotations

import re
import sys
import unicodedata

from claimwire_schemas.ids import article_id, canonical_url, claim_id, normalise_for_identity


def test_tracking_parameters_fragment_and_case_do_not_change_the_id() -> None:
    plain = article_id("https://news.example.com/world/story?page=2", "T", "B")
    tracked = article_id(
        "HTTPS://News.Example.com/world/story/?utm_source=x&page=2&fbclid=abc#comments",
        "Other title",
        "Other body",
    )
    assert plain == tracked


def test_real_query_parameters_do_change_the_id() -> None:
    assert article_id("https://e.com/s?id=1", "T", "B") != article_id(
        "https://e.com/s?id=2", "T", "B"
    )


def test_query_order_does_not_matter() -> None:
    assert canonical_url("https://e.com/s?b=2&a=1") == canonical_url("https://e.com/s?a=1&b=2")


def test_whitespace_and_case_do_not_change_the_text_id() -> None:
    first = article_id(None, "Talks resume", "The port reopened.\nUnions agreed.")
    second = article_id("", "  Talks   resume ", "The port  reopened.\n\n  Unions agreed.  ")
    assert first == second


def test_unicode_normal_forms_do_not_change_the_text_id() -> None:
    composed = article_id(None, "Café talks", "Body")
    decomposed = article_id(None, "Cafe\u0301 talks", "Body")
    assert composed == decomposed


def test_different_text_different_id() -> None:
    assert article_id(None, "Title", "Body one") != article_id(None, "Title", "Body two")


def test_url_and_text_ids_live_in_different_spaces() -> None:
    assert article_id("https://e.com/a", "T", "B") != article_id(None, "T", "B")


def test_claim_id_depends_on_article_and_normalised_sentence() -> None:
    base = claim_id("a1", "Prices rose 5%.")
    assert claim_id("a1", "  prices   rose 5%. ") == base
    assert claim_id("a2", "Prices rose 5%.") != base


def test_ids_are_32_hex_characters() -> None:
    value = article_id(None, "T", "B")
    assert len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def test_whitespace_collapses_as_the_regex_form_did() -> None:
    # normalise_for_identity joins str.split()'s words: every id must stay what the
    # substitution of \s+ and a strip gave, for every whitespace character.
    def regex_form(text: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]
    assert spaces == [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    for w in [*spaces, "\r\n", " \t "]:
        for text in (f"{w}Ａ{w}{w}ß b{w}", f"a{w}", w, "", f"{w}{w}x"):
            assert normalise_for_identity(text) == regex_form(text)
