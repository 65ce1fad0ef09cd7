"""The core end to end: offsets, determinism, and bad input (each kind a test)."""

from __future__ import annotations

import re
from pathlib import Path

import claimwire_enrich.core as core
import pytest
from claimwire_enrich.core import enrich_article
from claimwire_enrich.errors import EnrichmentError
from claimwire_schemas.events import ArticleEnriched, Claim, DeadLetterReason

from .conftest import NOW, Enrich, MakeRaw

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def _assert_offsets(article: ArticleEnriched, claims: list[Claim]) -> None:
    body = article.body
    for entity in article.entities:
        for span in entity.mentions:
            assert body[span.start : span.end] == span.text
    for item in [*article.quotes, *article.amounts, *article.dates, *claims, *article.claims]:
        assert body[item.start : item.end] == item.text


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_every_span_of_the_sample_articles_is_exact(path: Path, make_raw: MakeRaw) -> None:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    result = enrich_article(make_raw(body.strip(), title=title), now=NOW)
    _assert_offsets(result.article, result.claims)
    assert result.article.warnings == []
    assert result.article.entities and result.article.quotes and result.claims


def test_the_result_is_deterministic(make_raw: MakeRaw) -> None:
    body = (SAMPLES / "2026-03-02-border-troops-kessaria.txt").read_text().partition("\n")[2]
    first = enrich_article(make_raw(body), now=NOW)
    second = enrich_article(make_raw(body), now=NOW)
    assert first.article == second.article
    assert first.claims == second.claims


def test_empty_body_gives_an_empty_record_with_a_warning(enrich: Enrich) -> None:
    result = enrich("   \n  ")
    article = result.article
    assert (article.entities, article.quotes, article.amounts, result.claims) == ([], [], [], [])
    assert any("no words" in w for w in article.warnings)


def test_one_paragraph_of_two_megabytes_is_enriched(enrich: Enrich) -> None:
    sentence = (
        'Minister Ada Quist said 300 new nurses would start work on Monday, "and more will '
        'follow," she added, while the Harbour Council (HC) disagreed. '
    )
    body = (sentence * (2_000_000 // len(sentence) + 1))[:2_000_000].rstrip()
    result = enrich(body)
    assert len(result.article.body) == len(body)
    names = {e.name for e in result.article.entities}
    assert {"Ada Quist", "Harbour Council"} <= names
    assert len(result.article.quotes) > 1000
    _assert_offsets(result.article, result.claims[:50])


def test_text_without_sentence_punctuation(enrich: Enrich) -> None:
    body = " ".join(["officials in Oslo said 40 ferries were late"] * 300)
    result = enrich(body)
    assert result.article.amounts and result.article.amounts[0].unit == "ferries"
    assert all(len(c.text) <= 1500 for c in result.claims)
    _assert_offsets(result.article, result.claims)


@pytest.mark.parametrize(
    "body",
    [
        'He said "this never ends and the paragraph stops here',
        "“Curly without an end, ” and ” stray closers ” everywhere “",
        '"Nested "inner "deeper" marks" and more" she said.',
        "It's the workers' union’s ‘plan’, isn't it?\n\"\n\"",
        '""\n"" "',
    ],
)
def test_unbalanced_and_mixed_quotation_marks(enrich: Enrich, body: str) -> None:
    result = enrich(body)
    _assert_offsets(result.article, result.claims)
    for quote in result.article.quotes:
        assert quote.text.strip() == quote.text and quote.text


def test_non_english_text_is_tagged_and_passed_on(enrich: Enrich) -> None:
    body = (
        "Die Bundesregierung in Berlin hat am Montag 500 neue Busse bestellt. "
        "„Wir brauchen mehr Verkehr auf der Schiene“, sagte Verkehrsministerin Anna Keller."
    )
    result = enrich(body)
    article = result.article
    assert article.language == "de"
    assert "Berlin" in {p.name for p in article.places}
    assert [q.text for q in article.quotes] == ["Wir brauchen mehr Verkehr auf der Schiene"]
    assert result.claims == []
    assert any("claims" in w for w in article.warnings)


def test_odd_number_formats_in_an_article(enrich: Enrich) -> None:
    body = "Police counted 10.000 marchers, the fund lost 1,5 million euros and 3k runners came."
    values = [(a.value, a.unit) for a in enrich(body).article.amounts]
    assert values == [(10000, "marchers"), (1.5e6, "EUR"), (3000, "runners")]


def test_an_extractor_that_fails_leaves_a_warning_and_the_rest_goes_on(
    enrich: Enrich, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> list[object]:
        raise ValueError("cannot read this number")

    monkeypatch.setattr(core, "find_amounts", broken)
    result = enrich("Mayor Tove Lind said 12 bridges were closed in Bergen.")
    assert result.article.amounts == []
    assert result.article.warnings == ["amounts: ValueError: cannot read this number"]
    assert {e.name for e in result.article.entities} >= {"Tove Lind", "Bergen"}


def test_a_bug_in_an_extractor_is_not_hidden(
    enrich: Enrich, monkeypatch: pytest.MonkeyPatch
) -> None:
    def buggy(*_args: object) -> list[object]:
        raise AttributeError("programming error")

    monkeypatch.setattr(core, "find_dates", buggy)
    with pytest.raises(AttributeError):
        enrich("It rained on Monday.")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("text with a NUL \x00 byte", DeadLetterReason.DECODE_ERROR),
        ("x" * (core.MAX_BODY_CHARS + 1), DeadLetterReason.TOO_LARGE),
    ],
)
def test_input_that_cannot_be_enriched_raises_enrichment_error(
    enrich: Enrich, body: str, reason: DeadLetterReason
) -> None:
    with pytest.raises(EnrichmentError) as info:
        enrich(body, article="fixed-id")  # the id hash itself would choke on a surrogate
    assert info.value.reason == reason
    assert re.search(r"\w", str(info.value))


def test_broken_unicode_that_slipped_past_validation_raises(make_raw: MakeRaw) -> None:
    # pydantic rejects lone surrogates; an object copied without validation still can hold one
    raw = make_raw("placeholder").model_copy(update={"body": "half a surrogate \ud800 here"})
    with pytest.raises(EnrichmentError) as info:
        enrich_article(raw, now=NOW)
    assert info.value.reason == DeadLetterReason.DECODE_ERROR


def test_a_sentence_repeated_in_one_article_is_one_claim() -> None:
    from datetime import UTC, datetime

    from claimwire_enrich.core import enrich_article
    from claimwire_schemas.events import ArticleRaw, Origin

    sentence = "The ministry said 4,500 troops would probably be sent to the border by Friday."
    raw = ArticleRaw(
        article_id="a-repeat",
        title="Troops sent",
        body=f"{sentence}\nOfficials met on Monday.\n{sentence}",
        source="Test Wire",
        origin=Origin(kind="file", location="test"),
        ingested_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    claims = enrich_article(raw, now=datetime(2026, 3, 1, tzinfo=UTC)).claims
    ids = [c.claim_id for c in claims]
    assert len(ids) == len(set(ids))
    assert [c.start for c in claims if c.text == sentence] == [0]
