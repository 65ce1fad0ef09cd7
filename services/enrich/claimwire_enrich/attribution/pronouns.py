"""Who "he" and "she" are: the person a pronoun refers back to.

"he"/"she" resolve to the most recent person of that gender (or of unknown
gender) named outside quotations, preferring the subject of the sentence that
person is named in, and a more recent quotation speaker of that gender (a
named person, or a gendered role: "a spokeswoman ... she added"). A person
first known by a pronoun keeps that gender for later pronouns; that knowledge
lives here (``learned``), never on the entities it was given.
"""

from __future__ import annotations

import bisect
import re

from claimwire_schemas.events import EntityType

from claimwire_enrich.attribution.article import ArticleIndex, role_gender
from claimwire_enrich.attribution.speaker import Speaker
from claimwire_enrich.mention import PERSON
from claimwire_enrich.text import Sentence, SentenceIndex

_JOINED_SUBJECT = re.compile(r"\s+and\s")
_TITLES_ONLY = re.compile(r"[\s\"“‘'(]*(?:(?:The|A|An|[A-Z][\w.’'-]*)\s+)*")


class Pronouns:
    """The people of one article in body order, and the speakers quoted so far."""

    def __init__(
        self, ix: ArticleIndex, sentences: list[Sentence], sent_index: SentenceIndex
    ) -> None:
        self.ix = ix
        self.sentences = sentences
        self.sent_index = sent_index
        entities = ix.entities
        self.person_events: list[tuple[int, int]] = sorted(
            [
                (m.start, m.entity)
                for m in ix.mentions
                if entities[m.entity].kind == PERSON and not m.in_quote
            ]
            + self._roles_of_people()
        )
        self._p_starts = [p for p, _ in self.person_events]
        self.spoken: list[tuple[int, Speaker]] = []  # quotation speakers, in body order
        self.learned: dict[int, str] = {}  # entity -> gender a pronoun gave it

    def _roles_of_people(self) -> list[tuple[int, int]]:
        """Where a role the text gave a person comes back bare: "Judge Ann Roe ... The judge
        rejected ...": the judge there is Ann Roe, for a "she" that follows."""
        named: dict[str, int] = {}
        events = []
        for start, noun, _label, person in self.ix.roles:
            if person >= 0:
                named[noun] = person
            elif noun in named:
                events.append((start, named[noun]))
        return events

    def gender(self, entity: int) -> str | None:
        """The entity's gender as the text gave it, else as a pronoun taught it, else None."""
        given = self.ix.entities[entity].gender
        return given if given is not None else self.learned.get(entity)

    def heard(self, pos: int, speaker: Speaker) -> None:
        """Note that a quotation opening at ``pos`` was attributed to ``speaker``."""
        self.spoken.append((pos, speaker))

    def _sentence_subject(self, pos: int, anchor: int) -> tuple[int, int] | None:
        """The person opening the sentence that holds ``pos`` (after capitalised titles
        and "The" only), when that sentence ends before ``anchor``; else None."""
        index = self.sent_index.at(pos)
        if index < 0:
            return None
        sent = self.sentences[index]
        if sent.end > anchor:
            return None
        i = bisect.bisect_left(self._p_starts, sent.start)
        if i >= len(self.person_events):
            return None
        start, entity = self.person_events[i]
        if start >= pos or not _TITLES_ONLY.fullmatch(self.ix.body, sent.start, start):
            return None
        if _JOINED_SUBJECT.match(self.ix.body, self._mention_end(start)):
            return None  # "Roe and spokesman Jon Doe did not ... '...,' he said": the nearer
        return start, entity

    def _mention_end(self, start: int) -> int:
        i = bisect.bisect_left(self.ix.m_starts, start)
        ok = i < len(self.ix.mentions) and self.ix.mentions[i].start == start
        return self.ix.mentions[i].end if ok else start

    def resolve(self, pronoun: str, anchor: int) -> Speaker | None:
        """The speaker "he" or "she" written at ``anchor`` refers to, or None."""
        want = "m" if pronoun == "he" else "f"
        i = bisect.bisect_left(self._p_starts, anchor) - 1
        best_pos, best = -1, None
        while i >= 0:
            pos, ent = self.person_events[i]
            if self.gender(ent) in (None, want):
                best_pos, best = pos, ent
                break
            i -= 1
        if best is not None and best_pos < anchor:
            # "The judge rejected the argument that Van Oosterhout lied. '...,' she wrote":
            # the subject of the sentence the name is in, before a name later in it
            subject = self._sentence_subject(best_pos, anchor)
            if subject is not None and self.gender(subject[1]) in (None, want):
                best_pos, best = subject
        for pos, speaker in reversed(self.spoken):
            if pos >= anchor:
                continue
            role_noun = speaker.name.rsplit(" ", 1)[-1].lower()
            if (
                pos > best_pos
                and speaker.kind == EntityType.ROLE
                and role_gender(role_noun) == want
            ):
                return speaker  # "a spokeswoman for the agency said ... she added"
            if (
                pos > best_pos
                and speaker.kind == EntityType.PERSON
                and speaker.entity >= 0
                and self.gender(speaker.entity) in (None, want)
            ):
                best_pos, best = pos, speaker.entity
            break
        if best is None:
            return None
        if self.gender(best) is None:
            self.learned[best] = want
        return Speaker(self.ix.entities[best].name, EntityType.PERSON, best)
