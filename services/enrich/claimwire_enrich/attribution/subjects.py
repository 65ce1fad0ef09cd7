"""Who the subject of a verb of saying is: the name, pronoun, role or document before
("Jane Roe said", "the spokesman said", "the report said") or after it ("said Jane
Roe", "according to the ministry").

``Subjects.before_verb`` tries the named rules of :data:`SUBJECT_RULES` in order on
the words before the verb; the first rule that recognises its shape decides (its
answer may be "nobody known"). Every rule names the sentence shape it exists for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from claimwire_schemas.events import EntityType

from claimwire_enrich import lexicon as lx
from claimwire_enrich.attribution.article import (
    ROLE_OF_SOMEONE_END,
    ROLE_PHRASE_END,
    ROLE_WORD,
    ArticleIndex,
)
from claimwire_enrich.attribution.documents import DOCUMENT_END, DOCUMENT_START
from claimwire_enrich.attribution.groups import (
    collective_after,
    collective_before,
    group_acting,
    organisations_together,
    poll_author,
    titled_person,
)
from claimwire_enrich.attribution.pronouns import Pronouns
from claimwire_enrich.attribution.speaker import Speaker
from claimwire_enrich.mention import LOC, ORG, PERSON, Mention
from claimwire_enrich.mentions import PARTY_TAG
from claimwire_enrich.text import Sentence, SentenceIndex, last_match

_VERB_ALT = "|".join(sorted(lx.ATTRIBUTING_VERBS, key=len, reverse=True))
VERB = re.compile(rf"\b(?P<verb>{_VERB_ALT})\b")
_DESCRIBED = re.compile(r"(the|a|an)\s+((?:[a-z][\w-]*\s+){1,4})", re.IGNORECASE)
_PRONOUN_END = re.compile(r"\b(he|she|they|we|i|it)\s*$", re.IGNORECASE)
_FIRST_WORD = re.compile(r"(?:the\s+|a\s+|an\s+)?([\w'’-]+)")
_POST_MODIFIER = re.compile(r",|\b(?:of|at|from|for|with|in|and)\b")
_PARTY_TAG_END = re.compile(rf",\s*{PARTY_TAG},?$")
_AND_END = re.compile(r",?\s+and$")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose)\b")
_PAREN_ACRONYM = re.compile(r"^\s*\([A-Z.]+\)")
_ORG_NOUN_AFTER = re.compile(r"^\s+(?:union|party|group|agency|alliance|council|company|firm)\b")
_WHO_END = re.compile(r",\s+who$")


# What a subject rule returns when the words before the verb are not its shape (then the
# next rule is tried); any other answer decides, None meaning "nobody known".
NOT_MINE = Speaker("", EntityType.ROLE)

# (subjects, seg_start, end, verb_start, anchor) -> the speaker, None, or NOT_MINE.
# [seg_start, end) is where the subject may be (end: past adverbs, blanks and a party
# tag); anchor is where the statement is, pronouns look back from there.
SubjectRule = Callable[["Subjects", int, int, int, int], Speaker | None]


@dataclass(frozen=True, slots=True)
class NamedRule:
    """One subject rule: its name, the sentence it exists for, and the function."""

    name: str
    example: str
    find: SubjectRule


class Subjects:
    """Subject finding over one article's indexes (see the module docstring)."""

    def __init__(
        self, ix: ArticleIndex, sentences: list[Sentence], sent_index: SentenceIndex
    ) -> None:
        self.ix = ix
        self.body = ix.body
        self.sentences = sentences
        self.sent_index = sent_index
        self.pronouns = Pronouns(ix, sentences, sent_index)

    def before_verb(self, verb_start: int, seg_start: int, anchor: int) -> Speaker | None:
        """The subject written before a verb of saying, within [seg_start, verb_start)."""
        body = self.body
        end = self._before_adverbs(verb_start, seg_start)
        while end > seg_start and body[end - 1].isspace():
            end -= 1
        tag = _PARTY_TAG_END.search(body, max(seg_start, end - 16), end)
        if tag is not None:
            end = tag.start()  # "Rep. Jane Roe, R-Texas, said": the lawmaker, not her state
        if end <= seg_start:
            return None
        for rule in SUBJECT_RULES:
            found = rule.find(self, seg_start, end, verb_start, anchor)
            if found is not NOT_MINE:
                return found
        return None

    def is_participle(self, verb_start: int) -> bool:
        """ "..., calling the figure": an -ing verb of saying after a comma."""
        body = self.body
        word = _FIRST_WORD.match(body, verb_start)
        if not (word and word.group(1).endswith("ing")):
            return False
        pos = verb_start
        while pos > 0 and body[pos - 1].isspace():
            pos -= 1
        # "..., calling it X" and "... -- saying later X" (a dash sets it off too)
        return body[pos - 1 : pos] in (",", "—", "–") or body[pos - 2 : pos] in (" -", "--")

    def main_subject(self, seg_start: int, end: int) -> Speaker | None:
        """Who "..., calling it X" refers to: the last speaker of the sentence so far, else
        its first name that is neither a place nor in parentheses (a dateline's outlet),
        or a group acting before it ("angry investors protested ..., saying")."""
        body = self.body
        for v in reversed(list(VERB.finditer(body, seg_start, end))):
            if not v.group("verb").endswith("ing"):
                speaker = self.before_verb(v.start(), seg_start, v.start())
                if speaker is not None:
                    return speaker
        group = group_acting(body, seg_start, end)
        for m in self.ix.mentions_in(seg_start, group[0] if group is not None else end):
            # a dateline opens a paragraph with a place or in capitals; a person opening it
            # is its subject ("Roe embraced Smith -- saying later ...")
            dateline = (m.start == 0 or body[m.start - 1] == "\n") and (
                m.text.isupper() or self.ix.entities[m.entity].kind == LOC
            )
            placed = m.cue in lx.LOCATIVE_PREPS or dateline
            if not (placed or m.nested or m.in_quote or body[m.start - 1 : m.start] == "("):
                return self.ix.speaker_of(m)
        return group[1] if group is not None else None

    def named_subject(self, m: Mention, seg_start: int) -> Speaker | None:
        """A name right before the verb, unless it sits in a prepositional phrase.

        "Diplomats in Geneva said": Geneva did not speak. "Economist Jane Roe of the
        X Institute said": the person before the phrase did.
        """
        body, ix = self.body, self.ix
        ent = ix.entities[m.entity]
        before = body[max(seg_start, m.start - 12) : m.start].lower().split()
        in_phrase = bool(before) and before[-1] in lx.SUBJECT_PHRASE_WORDS
        if before and before[-1] == "the" and len(before) > 1:
            in_phrase = before[-2] in lx.SUBJECT_PREPOSITIONS
        if not in_phrase:
            return ix.speaker_of(m)
        i = bisect.bisect_left(ix.m_starts, m.start) - 1
        if i >= 0:
            prev = ix.mentions[i]
            gap = body[prev.end : m.start]
            if (
                prev.start >= seg_start
                and ix.entities[prev.entity].kind == PERSON
                and len(gap) < 40
                and not any(ch in gap for ch in ",.;:!?")
            ):
                return ix.speaker_of(prev)
        if ent.kind == LOC:  # "the commander in Asia": the role speaks, the place does not
            role_of = ROLE_OF_SOMEONE_END.search(body, max(seg_start, m.start - 120), m.end)
            return NOT_MINE if role_of is not None else None
        return ix.speaker_of(m)

    def _before_adverbs(self, verb_start: int, seg_start: int) -> int:
        """Where the subject ends: before "also", "has", "on Monday", "-ly" adverbs."""
        tok = self.ix.tokens
        i = tok.index_at(verb_start)
        if i < 0 or tok.starts[i] != verb_start:
            return verb_start
        j = i - 1
        while j >= 0 and tok.starts[j] >= seg_start:
            word, raw = tok.low[j], tok.raw[j]
            if not raw[:1].islower() and word not in lx.WEEKDAYS:
                break
            if word in lx.SKIP_BEFORE_VERB or (word.endswith("ly") and len(word) > 4):
                j -= 1
            elif word in lx.WEEKDAYS and j > 0 and tok.low[j - 1] == "on":
                j -= 2
            else:
                break
        return tok.starts[j + 1] if j + 1 < i else verb_start

    def phrase(self, start: int, end: int, anchor: int) -> Speaker | None:
        """A subject written after a quotation: "...," a senior official said."""
        body, ix = self.body, self.ix
        phrase = body[start:end].strip().lower()
        if phrase in ("he", "she"):
            return self.pronouns.resolve(phrase, anchor)
        if phrase == "it":  # '"...," it said': the organisation that spoke or opened
            return ix.organisation_that_spoke(anchor)
        if phrase in lx.UNRESOLVED_PRONOUNS:
            return None
        found = ix.mentions_in(start, end)
        persons = [m for m in found if ix.entities[m.entity].kind == PERSON]
        # "Harbour manager Magnus Thorsen": the words before the last name modify it, so the
        # last person is the head; after a comma or a preposition ("Jane Roe, a colleague
        # of John Smith") the first one is.
        modified_after = _POST_MODIFIER.search(body, start, end) is not None
        person = (persons[0] if modified_after else persons[-1]) if persons else None
        role = ROLE_WORD.search(body, start, end)
        if person is not None:
            return ix.speaker_of(person)
        if role is not None:
            return ix.role_speaker(role.start(), role.end(), "")
        if found:
            return ix.speaker_of(found[0])
        return collective_before(ix, start, end)  # '"...," the administration said'

    def after(self, start: int, limit: int, anchor: int) -> Speaker | None:
        """The subject right after a verb ("said Jane Roe", "according to the ministry")."""
        body, ix = self.body, self.ix
        word = _FIRST_WORD.match(body[start : min(limit, start + 60)])
        if word and word.group(1).lower() in ("he", "she"):
            return self.pronouns.resolve(word.group(1).lower(), anchor)
        collective = collective_after(body, start, limit)
        if collective is not None:  # "said a company employee who ..."
            return collective
        idx = bisect.bisect_left(ix.m_starts, start)
        if idx < len(ix.mentions):
            m = ix.mentions[idx]
            gap = body[start : m.start]
            titled = 0 <= m.alias_start <= start + 3
            if (
                m.start < limit
                and len(gap) <= 40
                and "," not in gap
                and (titled or "." not in gap.strip())
            ):
                return ix.speaker_of(titled_person(ix, m, limit))
        document = DOCUMENT_START.match(body, start, min(limit, start + 60))
        if document:  # "according to the report"
            return ix.document_author(document.start(1))
        role = ROLE_WORD.search(body, start, min(limit, start + 60))
        if role:
            # "according to the central bank": the determiner and words before the noun
            described = _DESCRIBED.fullmatch(body, start, role.start())
            if described:
                return ix.role_speaker(
                    role.start(), role.end(), described.group(1).lower(), described.group(2)
                )
            return ix.role_speaker(role.start(), role.end(), "")
        return None

    def appositive_head(self, seg_start: int, end: int) -> Speaker | None:
        """ "Jane Roe, a researcher at X, said": the first person named, else the first
        organisation followed by a comma ("The Forum (RSF), which ..., said")."""
        body, ix = self.body, self.ix
        found = ix.mentions_in(seg_start, end)
        for m in found:
            if ix.entities[m.entity].kind == PERSON and not m.in_quote:
                return ix.speaker_of(m)
        for m in found:
            after = _PAREN_ACRONYM.sub("", body[m.end : m.end + 24])
            after = _ORG_NOUN_AFTER.sub("", after)  # "The RMT union, which ..."
            if after.startswith(","):
                kind = ix.entities[m.entity].kind
                if kind in (PERSON, ORG):
                    return ix.speaker_of(m)
        return None


# -- the subject rules, in the order they are tried ------------------------------------------


def _participle(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    if s.body[verb_start - 1 : verb_start] == " " and s.is_participle(verb_start):
        return s.main_subject(seg_start, verb_start)
    return NOT_MINE


def _and_said(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    if _AND_END.search(s.body, max(seg_start, end - 5), end):
        main = s.main_subject(seg_start, end)
        if main is not None:
            return main
    return NOT_MINE


def _relative_clause(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    if s.body[end - 1] != ",":
        return NOT_MINE
    relative = last_match(_RELATIVE_CLAUSE, s.body, seg_start, end)
    if relative is not None and relative.start() > seg_start:
        head = s.before_verb(relative.start(), seg_start, anchor)
        if head is not None:
            return head
    return NOT_MINE


def _appositive(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    if s.body[end - 1] != ",":
        return NOT_MINE
    head = s.appositive_head(seg_start, end)
    return head if head is not None else NOT_MINE


def _name(s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int) -> Speaker | None:
    mention = s.ix.mention_ending_at(end)
    return s.named_subject(mention, seg_start) if mention is not None else NOT_MINE


def _who(s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int) -> Speaker | None:
    who = _WHO_END.search(s.body, max(seg_start, end - 12), end)
    if who is None:
        return NOT_MINE
    mention = s.ix.mention_ending_at(who.start())
    return s.named_subject(mention, seg_start) if mention is not None else NOT_MINE


def _collective(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    verb = _FIRST_WORD.match(s.body, verb_start)
    if verb is None or verb.group(1).lower() not in lx.GROUP_SPEECH_VERBS:
        return NOT_MINE  # "the £52m analysts had expected": a group that expected, not said
    found = collective_before(s.ix, seg_start, end)
    return found if found is not None else NOT_MINE


def _polled(s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int) -> Speaker | None:
    found = poll_author(s.ix, seg_start, end)
    return found if found is not None else NOT_MINE


def _pair(s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int) -> Speaker | None:
    found = organisations_together(s.ix, end)
    return found if found is not None else NOT_MINE


def _pronoun(s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int) -> Speaker | None:
    pron = _PRONOUN_END.search(s.body, max(seg_start, end - 8), end)
    if not pron:
        return NOT_MINE
    pronoun = pron.group(1).lower()
    if pronoun == "it":
        return s.ix.organisation_that_spoke(anchor)
    # "they"/"we" could be any group: better unknown than wrong
    return s.pronouns.resolve(pronoun, anchor) if pronoun in ("he", "she") else None


def _document(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    document = DOCUMENT_END.search(s.body, max(seg_start, end - 60), end)
    return s.ix.document_author(document.start(1)) if document else NOT_MINE


def _role_of_someone(
    s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int
) -> Speaker | None:
    role_of = ROLE_OF_SOMEONE_END.search(s.body, max(seg_start, end - 120), end)
    if not role_of:
        return NOT_MINE
    return s.ix.role_speaker(role_of.start(2), role_of.end(2), role_of.group(1).lower())


def _role(s: Subjects, seg_start: int, end: int, verb_start: int, anchor: int) -> Speaker | None:
    role = ROLE_PHRASE_END.search(s.body, max(seg_start, end - 120), end)
    if not role:
        return NOT_MINE
    if role.group(1)[-2:] in ("'s", "’s"):
        # "Tervania's army said", "Acme's chief executive said": the role as written
        return Speaker(f"{role.group(1)} {role.group(2)}{role.group(3)}", EntityType.ROLE)
    speaker = s.ix.role_speaker(role.start(3), role.end(3), role.group(1).lower(), role.group(2))
    if speaker is None and role.group(3).lower() in lx.COLLECTIVE_SOURCES:
        return NOT_MINE  # "the officials said", none named: the group as written (collective)
    return speaker


SUBJECT_RULES: tuple[NamedRule, ...] = (
    NamedRule("participle", "Roe rejected the figure, calling it absurd.", _participle),
    NamedRule("and_said", "Justice Oduya set the date and said ...", _and_said),
    NamedRule("relative_clause", "The forum, which represents 23 councils, said", _relative_clause),
    NamedRule("appositive", "Jane Roe, a chemist at the X Institute, said", _appositive),
    NamedRule("name", "Economist Jane Roe of the X Institute said", _name),
    NamedRule("who", "Jane Roe, who said the plan was ...", _who),
    NamedRule("polled", "38% of those polled said (the author of the poll named before)", _polled),
    NamedRule("pair", "the companies said (the two organisations named last)", _pair),
    NamedRule("pronoun", "she said / it said (the organisation that last spoke)", _pronoun),
    NamedRule("document", "the report said (its author when the text names one)", _document),
    NamedRule("role_of_someone", "a spokesman for the health ministry said", _role_of_someone),
    NamedRule("role", "the spokesperson said / Acme's chief executive said", _role),
    NamedRule("collective", "EU officials said / two senior security officials told", _collective),
)
