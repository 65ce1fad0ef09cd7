"""Attribution of one article: a speaker for each quotation, a claimant for a sentence.

Builds the article's indexes once (:class:`ArticleIndex`), then tries the patterns of
:data:`QUOTE_PATTERNS` on each quotation in order and those of :data:`CLAIM_PATTERNS`
on a sentence; every attribution names the pattern that decided it.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimwire_enrich.attribution.article import ArticleIndex
from claimwire_enrich.attribution.claim_patterns import claimant
from claimwire_enrich.attribution.quote_patterns import QUOTE_PATTERNS
from claimwire_enrich.attribution.speaker import NO_ATTRIBUTION, Attribution
from claimwire_enrich.attribution.subjects import Subjects
from claimwire_enrich.entities import EntityRec
from claimwire_enrich.mention import Mention
from claimwire_enrich.quotes import QuoteSpan
from claimwire_enrich.text import Sentence, SentenceIndex, Tokens


class AttributionResolver:
    """Speakers and claimants of one article (build once per article, then ask).

    Reads its inputs and never changes them; what it learns on the way (the gender a
    pronoun gives a person, the speakers quoted so far) stays inside it.
    """

    def __init__(
        self,
        body: str,
        sentences: list[Sentence],
        quotes: list[QuoteSpan],
        mentions: Sequence[Mention],
        entities: Sequence[EntityRec],
        title_roles: list[tuple[int, int, str, int]],
        tokens: Tokens | None = None,
        outlet: str | None = None,
    ) -> None:
        index = ArticleIndex(body, quotes, mentions, entities, title_roles, tokens, outlet)
        self.subjects = Subjects(index, sentences, SentenceIndex(sentences))

    def attribute_quotes(self) -> list[Attribution]:
        """One attribution per quotation, in order; the first pattern that finds a speaker
        decides (later quotations may inherit from earlier ones). Call once per article."""
        s = self.subjects
        results: list[Attribution] = []
        for i, q in enumerate(s.ix.quotes):
            att = NO_ATTRIBUTION
            for pattern in QUOTE_PATTERNS:
                found = pattern.find(s, q, i, results)
                if found is not None and found.speaker is not None:
                    att = Attribution(found.speaker, found.verb, pattern.name)
                    s.pronouns.heard(q.open_mark, found.speaker)
                    break
            results.append(att)
        return results

    def claimant(self, sent: Sentence) -> Attribution | None:
        """Who ``sent`` attributes its assertion to, if anyone ("X said", "according to X")."""
        return claimant(self.subjects, sent)
