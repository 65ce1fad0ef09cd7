"""The benchmark corpus: deterministic, and as dense in claims as real wire copy."""

from __future__ import annotations

from datetime import UTC, datetime

from claimwire_enrich.core import enrich_article
from claimwire_schemas.events import ArticleRaw, Origin
from claimwire_schemas.ids import article_id

from bench.corpus import BACKGROUND, PLACES, GeneratedArticle, generate

NOW = datetime(2026, 4, 1, tzinfo=UTC)


def _claims_per_1000_words(articles: list[GeneratedArticle]) -> float:
    words = claims = 0
    for article in articles:
        raw = ArticleRaw(
            article_id=article_id(article.url, article.title, article.body),
            title=article.title,
            body=article.body,
            url=article.url,
            published_at=datetime.fromisoformat(article.published_at).replace(tzinfo=UTC),
            source=article.source,
            origin=Origin(kind="jsonl", location="corpus"),
            ingested_at=NOW,
        )
        words += len(article.body.split())
        claims += len(enrich_article(raw, now=NOW).claims)
    return 1000 * claims / words


BACKGROUND_TEXTS = {template.format(place=place) for template in BACKGROUND for place in PLACES}


def _background_paragraphs(article: GeneratedArticle) -> int:
    return sum(1 for paragraph in article.body.split("\n") if paragraph in BACKGROUND_TEXTS)


def test_the_same_arguments_give_the_same_corpus() -> None:
    assert generate(12, seed=3) == generate(12, seed=3)
    assert generate(12, seed=3) != generate(12, seed=4)
    assert generate(12, seed=3, background=0.0) != generate(12, seed=3)


def test_background_share_zero_leaves_only_quotes_and_figures() -> None:
    assert sum(_background_paragraphs(a) for a in generate(20, background=0.0)) == 0
    assert sum(_background_paragraphs(a) for a in generate(20)) > 20


def test_default_claim_density_is_that_of_a_real_wire_story() -> None:
    # The real story of ../shared/samples yields 15 claims in 739 words (about 20 per 1,000).
    assert 15 <= _claims_per_1000_words(generate(30)) <= 27
    assert _claims_per_1000_words(generate(30, background=0.0)) >= 35
