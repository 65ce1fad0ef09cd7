"""Roles and the indexes speaker resolution needs: who "the spokesperson" is.

A role is a noun that can speak without a name ("the spokesperson said", "a
senior official said"). ``ArticleIndex`` lists every role written outside
quotations with the organisation it belongs to ("NSC spokesperson",
"Dravonian government spokesperson") and the person it is given to when the
text says so ("Jane Roe, the ministry's spokesperson", "Press Secretary
Jane Roe"), so a later "the spokesperson said" resolves to that label or
person. It also finds the organisation behind an unnamed source: the author
the text gave for "the report" or "the study", and the organisation that "it"
is in "..., it said". It holds the article's mention and quotation indexes
that the subject rules (``subjects``) and the patterns read; nothing here
changes after it is built.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from claimwire_schemas.events import EntityType

from claimwire_enrich import lexicon as lx
from claimwire_enrich.attribution.documents import DOCUMENT_BY, DOCUMENT_OF, SPEECH_AFTER
from claimwire_enrich.attribution.speaker import Speaker
from claimwire_enrich.entities import EntityRec
from claimwire_enrich.mention import ORG, PERSON, Mention
from claimwire_enrich.quotes import QuoteSpan
from claimwire_enrich.text import Tokens

ROLE_WORD = re.compile(r"\b(" + "|".join(sorted(lx.ROLE_NOUNS, key=len, reverse=True)) + r")\b")
ROLE_PHRASE_END = re.compile(
    r"\b(the|a|an|one|another|its|his|her|their|(?-i:[A-Z])[\w-]*['’]s)\s+((?:[\w'’().-]+\s+){0,6}?)"
    r"(" + "|".join(sorted(lx.ROLE_NOUNS, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
# "a spokesman for the health ministry" ending a subject: the spokesman is its head.
ROLE_OF_SOMEONE_END = re.compile(
    r"\b(the|a|an)\s+(?:[\w-]+\s+){0,3}?("
    + "|".join(sorted(lx.ROLE_NOUNS, key=len, reverse=True))
    + r")\s+(?:for|of|at|from|with|in)\s+[^,.;:\"“”]{1,60}$",
    re.IGNORECASE,
)
_ORG_ROLE_NOUNS = lx.words_of(
    "company firm group agency ministry institute union forum lender regulator broadcaster "
    "insurer airline bank council department organisation organization charity bureau unit "
    "authority commission committee office"
)
_SPOKES = {"spokesperson", "spokesman", "spokeswoman"}
# Letters a description's word and a name's word share to be the same word ("disaster" and
# "Disasters"); five made "the interior ministry" the International ... Office.
_STEM = 6
_ORG_NOUN_AFTER_THE = re.compile(
    r"\s+(?:for|of|at|from|with)\s+the\s+(?P<modifiers>(?:[a-z]+\s+){0,2}?)"
    r"(" + "|".join(sorted(_ORG_ROLE_NOUNS)) + r")\b"
)


def role_gender(noun: str) -> str | None:
    """ "m" for spokesman, "f" for spokeswoman, None for spokesperson: who "he"/"she" can be."""
    if noun in lx.MALE_ROLE_NOUNS:
        return "m"
    return "f" if noun in lx.FEMALE_ROLE_NOUNS else None


_BETWEEN_ORG_AND_ROLE = re.compile(r"^(?:'s|’s)?(?:\s*\([A-Z.]+\))?\s+(?:[a-z][\w-]*\s+){0,3}$")
_APPOSITIVE_ROLE = re.compile(r",\s+(?:the|a|an|its|their)\s+[^,]{0,80}$")
_ROLE_OF = re.compile(r"\s+(?:for|of|at|from|with)\s+(?:the\s+)?")
_GOVERNMENT_NOUN = re.compile(r"\s+(government|ministry|military|army|police)\b")
_LONG_WORD = re.compile(r"[a-z]{4,}")


_ENTITY_TYPES = {t.value: t for t in EntityType}  # a dict lookup is cheaper than the call
# What comes before a name that opens a sentence: its start, or "The".
_OPENS_SENTENCE = re.compile(r"(?:^|\n|[.!?][\"”’]?\s+)(?:The\s+)?$")


def _same_role(a: str, b: str) -> bool:
    return a == b or (a in _SPOKES and b in _SPOKES)


class ArticleIndex:
    """The roles of one article, and its mention and quotation indexes (read-only after init)."""

    def __init__(
        self,
        body: str,
        quotes: list[QuoteSpan],
        mentions: Sequence[Mention],
        entities: Sequence[EntityRec],
        title_roles: list[tuple[int, int, str, int]],
        tokens: Tokens | None = None,
        outlet: str | None = None,
    ) -> None:
        self.body = body
        self.outlet = outlet
        self.tokens = tokens if tokens is not None else Tokens(body)
        self.quotes = quotes
        self.entities = entities
        self.mentions = [m for m in mentions if m.entity >= 0 and entities[m.entity].mentions]
        self.m_starts = [m.start for m in self.mentions]
        self._m_ends = sorted((m.end, i) for i, m in enumerate(self.mentions))
        self._m_end_keys = [e for e, _ in self._m_ends]
        self._q_spans = [(q.open_mark, q.close_mark) for q in quotes]
        self.q_starts = [q.open_mark for q in quotes]
        self.roles = self._collect_roles(title_roles)
        self._r_starts = [r[0] for r in self.roles]

    def _collect_roles(
        self, title_roles: list[tuple[int, int, str, int]]
    ) -> list[tuple[int, str, str, int]]:
        """(offset, role noun, label, person entity or -1) for roles outside quotations."""
        roles: list[tuple[int, str, str, int]] = []
        for start, _end, title, mention_index in title_roles:
            words = title.lower().split()
            noun = words[-1] if words else ""
            person = -1
            if mention_index >= 0:
                person = self._entity_of_mention_at(start, title)
            roles.append((start, noun, title, person))
        tok = self.tokens
        role_nouns = lx.ROLE_NOUNS  # looked up once, not for every word (a module attribute)
        for i, noun in enumerate(tok.low):
            if noun not in role_nouns or not tok.raw[i][:1].islower():
                continue
            start = tok.starts[i]
            if self.inside_quote(start):
                continue
            label = self._role_label(start, start + len(tok.raw[i]), noun)
            person = self._appositive_person(start)
            roles.append((start, noun, label, person))
        roles.sort(key=lambda x: x[0])
        return roles

    def _entity_of_mention_at(self, title_start: int, title: str) -> int:
        idx = bisect.bisect_left(self.m_starts, title_start + len(title))
        if idx < len(self.mentions):
            m = self.mentions[idx]
            if m.start - (title_start + len(title)) <= 2:
                return m.entity
        return -1

    def _role_label(self, start: int, end: int, noun: str) -> str:
        body = self.body
        i = bisect.bisect_left(self._m_end_keys, start - 60)
        best: Mention | None = None
        while i < len(self._m_ends) and self._m_ends[i][0] <= start:
            m = self.mentions[self._m_ends[i][1]]
            between = body[m.end : start]
            if (
                self.entities[m.entity].kind != PERSON
                and _BETWEEN_ORG_AND_ROLE.match(between)
                and not any(
                    w in lx.FUNCTION_WORDS or w in lx.SPEECH_VERBS for w in between.lower().split()
                )
            ):
                best = m
            i += 1
        if best is None:
            after = _ROLE_OF.match(body[end : end + 20])
            if after:
                idx = bisect.bisect_left(self.m_starts, end + after.end())
                if idx < len(self.mentions) and self.mentions[idx].start == end + after.end():
                    best = self.mentions[idx]
                    tail = _GOVERNMENT_NOUN.match(
                                    body[best.end : best.end + 20])  # fmt: skip
                    if tail:
                        return f"{best.text} {tail.group(1)} {noun}"
                else:  # "a spokeswoman for the agency": the agency named before
                    named = _ORG_NOUN_AFTER_THE.match(body, end, end + 60)
                    if named and named.group("modifiers"):
                        # "a spokesman for the health ministry": the one organisation named
                        # with those words, else the description itself
                        described = named.group("modifiers") + named.group(2)
                        found = self._organisation_described(described)
                        return f"{found.name if found else described} {noun}"
                    if named:
                        best = self._recent_organisation_mention(start, named.group(2).lower())
        if best is None:
            return noun
        ent = self.entities[best.entity]
        short = ent.acronym or (best.text if ent.kind != ORG else ent.name)
        return f"{short} {noun}"

    def _appositive_person(self, role_start: int) -> int:
        body = self.body
        window_start = max(0, role_start - 100)
        hit = _APPOSITIVE_ROLE.search(body, window_start, role_start + 1)
        if not hit:
            return -1
        m = self.mention_ending_at(hit.start())
        if m is not None and self.entities[m.entity].kind == PERSON:
            return m.entity
        return -1

    def role_speaker(
        self, start: int, end: int, determiner: str, modifiers: str = ""
    ) -> Speaker | None:
        noun = self.body[start:end].lower()
        i = bisect.bisect_right(self._r_starts, start) - 1
        own = None
        if i >= 0 and self.roles[i][0] == start:
            own = self.roles[i]
            i -= 1
        if own is not None and own[2] != noun:
            return self._role_result(own)
        if own is not None and own[3] >= 0:
            return self._role_result(own)
        described = self._organisation_described(modifiers + " " + noun)
        if described is not None:
            return described
        if noun in _ORG_ROLE_NOUNS and determiner in ("the", "") and not modifiers.strip():
            recent = self._recent_organisation(start, noun)
            if recent is not None:
                return (
                    recent  # "the agency said": the agency last named, else the last organisation
                )
        if determiner in ("the", "") or own is None:
            # The last same role the text tied to someone ("a spokesperson for the
            # commission"), past bare repeats of it ("the spokesperson said" before).
            earlier = self._earlier_role(i, noun)
            if earlier is not None:
                return earlier
        if noun in _ORG_ROLE_NOUNS and determiner == "the" and modifiers.strip():
            # "the national disaster agency said", none named: the description is the source
            return Speaker(f"{modifiers.strip()} {noun}".lower(), EntityType.ROLE)
        if (noun.endswith("s") and noun not in _SPOKES) or noun in _ORG_ROLE_NOUNS:
            return None  # "officials said", "the lender said" with no lender named: nobody known
        return Speaker(noun, EntityType.ROLE)

    def _earlier_role(self, i: int, noun: str) -> Speaker | None:
        """The last same role at or before ``roles[i]`` the text tied to someone, else the
        last bare mention of it ("the spokesperson"); None when there is none."""
        bare = None
        while i >= 0:
            role = self.roles[i]
            if _same_role(role[1], noun):
                if role[2] != role[1] or role[3] >= 0:
                    return self._role_result(role)
                bare = bare or role
            i -= 1
        return self._role_result(bare) if bare is not None else None

    def _recent_organisation(self, pos: int, noun: str) -> Speaker | None:
        """The last organisation named before ``pos`` whose name has ``noun`` in it, else
        the last organisation named."""
        m = self._recent_organisation_mention(pos, noun)
        return self.speaker_of(m) if m is not None else None

    def _recent_organisation_mention(self, pos: int, noun: str) -> Mention | None:
        last_org = None
        for m in self._organisations_before(0, pos):
            if noun in self.entities[m.entity].name.lower().split():
                return m
            last_org = last_org or m
        return last_org

    def _organisations_before(self, start: int, pos: int) -> Iterator[Mention]:
        """Organisations named outside quotations in [start, pos), the latest first.

        Never the outlet: "the agency" a spokeswoman speaks for is not the news agency
        reporting it, however recently the story named itself ("she told the news agency").
        """
        i = bisect.bisect_left(self.m_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= start:
            m = self.mentions[i]
            entity = self.entities[m.entity]
            if not m.in_quote and entity.kind == ORG and entity.name != self.outlet:
                yield m
            i -= 1

    def _organisation_described(self, description: str) -> Speaker | None:
        """ "the country's disaster agency" -> the one organisation named with those words."""
        stems = {
            w[:_STEM]
            for w in _LONG_WORD.findall(description.lower())
            if w not in lx.COMMON_WORDS and w not in lx.ROLE_NOUNS
        }
        if not stems:
            return None
        hits = [
            i
            for i, e in enumerate(self.entities)
            if e.kind == ORG and e.mentions and stems & {w[:_STEM] for w in e.name.lower().split()}
        ]
        if len(hits) != 1:
            return None
        ent = self.entities[hits[0]]
        return Speaker(ent.name, EntityType.ORG, hits[0])

    def document_author(self, pos: int) -> Speaker | None:
        """The organisation the text gave as the author of the report or study named at
        ``pos``: "a report by the X Forum", "the Y Institute's annual survey", "Z published
        a study"; an author given for the same kind of document first. None when the text
        gave none (the outlet then reports it)."""
        noun = self.body[pos : pos + 12].split()[0].lower() if pos < len(self.body) else ""
        fallback = None
        for m in self._organisations_before(0, pos):
            found = DOCUMENT_BY.search(self.body, max(0, m.start - 50), m.start) or (
                DOCUMENT_OF.match(self.body, m.end, m.end + 50)
            )
            if found is None:
                continue
            if next((g for g in found.groups() if g), "").lower() == noun:
                return self.speaker_of(m)
            fallback = fallback or self.speaker_of(m)
        return fallback

    def organisation_that_spoke(self, anchor: int) -> Speaker | None:
        """ "..., it said": the organisation last written as saying something in the same
        paragraph ("The unit (NECU) said in a statement ..."); None when there is none.
        Else the organisation opening a sentence of that paragraph ("X plans ..., it
        said"), else the one that spoke in the paragraph before (a wire story's "it said"
        paragraph continues the previous one)."""
        body = self.body
        paragraph_start = body.rfind("\n", 0, anchor) + 1
        for m in self._organisations_before(paragraph_start, anchor):
            if SPEECH_AFTER.match(body, m.end):
                return self.speaker_of(m)
        for m in self._organisations_before(paragraph_start, anchor):
            if _OPENS_SENTENCE.search(body, max(0, m.start - 8), m.start):
                return self.speaker_of(m)
        if paragraph_start > 0:
            previous_start = body.rfind("\n", 0, paragraph_start - 1) + 1
            for m in self._organisations_before(previous_start, paragraph_start):
                if SPEECH_AFTER.match(body, m.end):
                    return self.speaker_of(m)
        return None

    def _role_result(self, role: tuple[int, str, str, int]) -> Speaker:
        _pos, _noun, label, person = role
        if person >= 0:
            ent = self.entities[person]
            return Speaker(ent.name, EntityType.PERSON, person)
        return Speaker(label, EntityType.ROLE)

    def person_named(self, word: str) -> Speaker | None:
        """The one person whose name ends with ``word`` (any case: "ROE"), else None."""
        low = word.strip(".,:;").lower()
        hits = [
            i
            for i, e in enumerate(self.entities)
            if e.kind == PERSON and e.mentions and e.name.lower().split()[-1:] == [low]
        ]
        return (
            Speaker(self.entities[hits[0]].name, EntityType.PERSON, hits[0])
            if len(hits) == 1
            else None
        )

    def speaker_of(self, m: Mention) -> Speaker:
        ent = self.entities[m.entity]
        return Speaker(ent.name, _ENTITY_TYPES[ent.kind], m.entity)

    def mention_ending_at(self, end: int) -> Mention | None:
        body = self.body
        pos = end
        if body[pos - 1 : pos] == ")":  # "National Television (DNT)"
            open_paren = body.rfind("(", max(0, pos - 12), pos)
            if open_paren > 0:
                pos = open_paren
                while pos > 0 and body[pos - 1].isspace():
                    pos -= 1
        i = bisect.bisect_right(self._m_end_keys, pos) - 1
        while i >= 0 and self._m_ends[i][0] >= pos - 2:
            m = self.mentions[self._m_ends[i][1]]
            if m.end <= pos and not body[m.end : pos].strip("'’s ,"):
                return m
            i -= 1
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.m_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        return i >= 0 and self._q_spans[i][0] < pos < self._q_spans[i][1]
