"""URL canonicalisation: every rule that makes one article one ``article_id``, one test each."""

from __future__ import annotations

import pytest
from claimwire_schemas.ids import article_id, canonical_url, content_revision

CANONICAL = "https://news.example.com/world/2026/03/04/talks"


def _same(*urls: str) -> None:
    assert {canonical_url(u) for u in urls} == {canonical_url(urls[0])}
    assert len({article_id(u, "T", "B") for u in urls}) == 1


def test_an_already_canonical_url_keeps_its_form_and_its_id() -> None:
    # Ids published before canonicalisation grew stay the same for canonical URLs.
    assert canonical_url(CANONICAL) == CANONICAL
    assert article_id(CANONICAL, "", "") == "2f85c827a4173f7034165973e498dddd"


def test_http_and_https_are_one_article() -> None:
    _same(CANONICAL, "http://news.example.com/world/2026/03/04/talks")


def test_www_prefix_is_dropped() -> None:
    _same(CANONICAL, "https://www.news.example.com/world/2026/03/04/talks")
    assert canonical_url("https://www.example.org/a") == "https://example.org/a"


def test_host_case_and_a_trailing_dot_do_not_matter() -> None:
    _same(CANONICAL, "https://NEWS.Example.COM/world/2026/03/04/talks")
    _same(CANONICAL, "https://news.example.com./world/2026/03/04/talks")


def test_path_case_does_matter() -> None:
    assert canonical_url(CANONICAL.upper().replace("HTTPS://", "https://")) != CANONICAL


@pytest.mark.parametrize("port", ["https://news.example.com:443", "http://news.example.com:80"])
def test_default_ports_are_dropped(port: str) -> None:
    _same(CANONICAL, port + "/world/2026/03/04/talks")


def test_other_ports_stay() -> None:
    assert canonical_url("https://news.example.com:8443/a") == "https://news.example.com:8443/a"


@pytest.mark.parametrize(
    "amp",
    [
        "https://news.example.com/world/2026/03/04/talks/amp",
        "https://news.example.com/world/2026/03/04/talks/amp/",
        "https://news.example.com/amp/world/2026/03/04/talks",
        "https://news.example.com/world/2026/03/04/talks.amp",
        "https://news.example.com/world/2026/03/04/talks?outputType=amp",
        "https://news.example.com/world/2026/03/04/talks?amp=1",
        "https://news.example.com/world/2026/03/04/talks?amp",
        "https://amp.news.example.com/world/2026/03/04/talks",
    ],
)
def test_amp_forms_are_the_article(amp: str) -> None:
    _same(CANONICAL, amp)


def test_amp_html_suffix_keeps_the_html_suffix() -> None:
    assert canonical_url("https://e.com/a/story.amp.html") == "https://e.com/a/story.html"


def test_a_word_containing_amp_is_not_amp() -> None:
    assert canonical_url("https://e.com/camp/ampere") == "https://e.com/camp/ampere"


@pytest.mark.parametrize(
    "tracking",
    [
        "utm_source=rss&utm_medium=feed&utm_campaign=x&utm_content=y&utm_term=z",
        "fbclid=IwAR0abc",
        "gclid=Cj0KCQ",
        "dclid=1&msclkid=2&mc_cid=3&mc_eid=4",
        "igshid=5&yclid=6&ocid=7&cmpid=8",
        "UTM_Source=Twitter",
    ],
)
def test_tracking_parameters_are_dropped(tracking: str) -> None:
    _same(CANONICAL, f"{CANONICAL}?{tracking}")


def test_real_parameters_stay_sorted() -> None:
    assert canonical_url(f"{CANONICAL}?page=2&id=7&utm_source=x") == f"{CANONICAL}?id=7&page=2"


def test_trailing_slash_is_dropped() -> None:
    _same(CANONICAL, CANONICAL + "/")
    assert canonical_url("https://example.org/") == "https://example.org/"
    assert canonical_url("https://example.org") == "https://example.org/"


def test_fragment_is_dropped() -> None:
    _same(CANONICAL, CANONICAL + "#comments", CANONICAL + "/?utm_source=x#top")


def test_every_rule_at_once() -> None:
    _same(CANONICAL, "HTTP://WWW.News.Example.com:80/amp/world/2026/03/04/talks/?utm_source=a#x")


def test_canonicalisation_is_idempotent() -> None:
    for url in (CANONICAL, "http://www.e.com:80/a/amp/?b=1&a=2&fbclid=x#f", "https://e.com"):
        assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_content_revision_changes_with_the_text_only() -> None:
    first = content_revision("Talks resume", "GENEVA - Talks resumed on Monday.")
    assert first == content_revision("Talks resume", "GENEVA - Talks resumed on Monday.")
    assert first != content_revision("Talks resume", "GENEVA - Talks resumed on Tuesday.")
    assert first != content_revision("Talks resumed", "GENEVA - Talks resumed on Monday.")
    assert len(first) == 16 and int(first, 16) >= 0
