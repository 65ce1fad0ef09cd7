"""Unnamed and collective sources, and the person a title after a verb names.

Wire copy often names no one: "EU officials said", "two senior security officials
told the agency", "Judges said", "according to financial bookmakers", "said a company
employee". The source is then the group as written (with its organisation when the
text gives one: "executives at the X Group" are "X Group executives"), never the
outlet and never nobody. After a verb of saying, a name followed by a title and a
person ("said Acme spokesman Jon Roe", "said Roe senior strategist Jon Doe") is that
person, not the name the title belongs to. All functions here read the article's
indexes and change nothing.
"""

from __future__ import annotations

import bisect
import re

from claimwire_schemas.events import EntityType

from claimwire_enrich import lexicon as lx
from claimwire_enrich.attribution.article import ArticleIndex
from claimwire_enrich.attribution.speaker import Speaker
from claimwire_enrich.mention import LOC, ORG, PERSON, Mention
from claimwire_enrich.text import last_match

_COLLECTIVE_ALT = "|".join(sorted(lx.COLLECTIVE_SOURCES, key=len, reverse=True))
# "EU officials", "two senior security officials", "executives at the X Group, now": a
# group noun with up to three words before it and a phrase after it, ending the subject.
_COLLECTIVE_END = re.compile(
    rf"(?:^|(?<=[\s,(]))(?P<pre>(?:[\w'’.-]+\s+){{0,3}}?)(?P<noun>{_COLLECTIVE_ALT})\b"
    r"(?P<post>\s+(?:at|of|from|in|for|with)\s+[^.;:\"“”]{1,80}?|\s+(?:nearby|outside|there))?$",
    re.IGNORECASE,
)
# A group followed by a verb in the past: "angry investors protested".
_GROUP_ACTING = re.compile(
    rf"(?<![\w'’-])(?P<pre>(?:[\w'’-]+\s+){{0,3}}?)(?P<noun>{_COLLECTIVE_ALT})\s+(?:[a-z]+ly\s+)?[a-z]+ed\b"
)
# "38% of those polled said": a poll's respondents speak through whoever ran the poll.
_POLLED_END = re.compile(
    r"\b(?:those|people|voters)\s+(?:polled|surveyed|questioned)$|\brespondents$"
)
_POLL_WORD = re.compile(r"\b(?:poll|survey)\b", re.IGNORECASE)
# "the companies said", "both banks said": the two organisations named last.
_PAIR_END = re.compile(r"\b(?:the|both)\s+(?:two\s+)?(?:companies|firms|groups|banks|sides)$", re.I)
# Right after a verb: "a company employee", "financial bookmakers", "two senior officials".
_COLLECTIVE_AFTER = re.compile(
    r"(?:(?:the|a|an|another|one|some)\s+)?(?P<pre>(?:[a-z][\w-]*\s+){0,3}?)"
    rf"(?P<noun>{_COLLECTIVE_ALT}|employee|worker|investor|resident|witness|official)\b"
)
# Between a name after a verb and a person it titles: "said Acme spokesman Jon Roe",
# "said Roe senior strategist Jon Doe" (lower-case words, no punctuation).
_TITLE_GAP = re.compile(r"(?:['’]s)?(?:\s+[A-Za-z][\w.-]*){1,4}\s+")


def _title_word(word: str) -> bool:
    """A word of a title between a name and its person: "senior", "strategist", or a
    capitalised title ("Director"); never a function word ("and", "on")."""
    low = word.lower()
    if low in lx.FUNCTION_WORDS:
        return False
    return word[:1].islower() or low in lx.TITLE_HEADS or low in lx.TITLE_MODIFIERS


def titled_person(ix: ArticleIndex, m: Mention, limit: int) -> Mention:
    """The person the name ``m`` after a verb titles ("said Acme spokesman Jon Roe": Jon
    Roe; "said Roe senior strategist Jon Doe": Jon Doe, the head of the phrase) when that
    person starts before ``limit``; else ``m`` itself. Pure."""
    idx = bisect.bisect_right(ix.m_starts, m.start)
    if idx >= len(ix.mentions):
        return m
    nxt = ix.mentions[idx]
    gap = ix.body[m.end : nxt.start]
    if (
        nxt.start < limit
        and ix.entities[nxt.entity].kind == PERSON
        and _TITLE_GAP.fullmatch(gap)
        and all(_title_word(w) for w in gap.replace("’", "'").removeprefix("'s").split())
    ):
        return nxt
    return m


def collective_after(body: str, start: int, end: int) -> Speaker | None:
    """A group or unnamed source written right at ``start`` (after a verb): "according to
    financial bookmakers", "said a company employee"; as written, or None. Pure."""
    found = _COLLECTIVE_AFTER.match(body, start, end)
    if found is None:
        return None
    return Speaker(f"{found.group('pre')}{found.group('noun')}".strip(), EntityType.ROLE)


def _group_words(words: list[str]) -> list[str]:
    """The words before a group noun that belong to it: after the last function word or
    verb ("hundreds of angry investors": "angry"), numbers and "and" kept."""
    for k in range(len(words) - 1, -1, -1):
        word = words[k].lower()
        if (
            word in lx.FUNCTION_WORDS and word not in lx.NUMBER_WORDS and word not in lx.NAME_JOINS
        ) or word in lx.QUOTE_VERBS:
            return words[k + 1 :]
    return words


def collective_before(ix: ArticleIndex, seg_start: int, end: int) -> Speaker | None:
    """The group ending the subject in [seg_start, end) ("EU officials", "Judges",
    "hundreds of angry investors" -> "angry investors", "executives at the parent
    company, the X Group" -> "X Group executives"); None when the subject is no group.
    Pure."""
    found = _COLLECTIVE_END.search(ix.body, max(seg_start, end - 140), end)
    if found is None:
        return None
    words = _group_words(found.group("pre").split())
    noun = found.group("noun")
    if found.group("post"):
        orgs = [
            m
            for m in ix.mentions_in(found.start("post"), found.end("post"))
            if ix.entities[m.entity].kind == ORG
        ]
        if orgs:
            return Speaker(f"{ix.entities[orgs[-1].entity].name} {noun}", EntityType.ROLE)
    return Speaker(" ".join([*words, noun]), EntityType.ROLE)


def group_acting(body: str, start: int, end: int) -> tuple[int, Speaker] | None:
    """The first group in [start, end) followed by a verb in the past ("hundreds of angry
    investors protested"), with where it starts; as written, or None. Pure."""
    found = _GROUP_ACTING.search(body, start, end)
    if found is None:
        return None
    words = _group_words(found.group("pre").split())
    return found.start("noun"), Speaker(" ".join([*words, found.group("noun")]), EntityType.ROLE)


def organisations_together(ix: ArticleIndex, end: int) -> Speaker | None:
    """ "the companies said" / "both firms said" ending [.., end): the two organisations
    the text named most before it (never the outlet), in the order it first named them, as
    "A and B"; None when the subject is not such a pair or fewer than two are named. Pure."""
    if _PAIR_END.search(ix.body, max(0, end - 30), end) is None:
        return None
    counts: dict[int, int] = {}
    first: dict[int, int] = {}
    for m in ix.mentions_in(0, end):
        entity = ix.entities[m.entity]
        if entity.kind == ORG and not m.in_quote and entity.name != ix.outlet:
            counts[m.entity] = counts.get(m.entity, 0) + 1
            first.setdefault(m.entity, m.start)
    if len(counts) < 2:
        return None
    top = sorted(counts, key=lambda e: (-counts[e], first[e]))[:2]
    one, two = sorted(top, key=lambda e: first[e])
    return Speaker(
        f"{_short(ix.entities[one].name)} and {_short(ix.entities[two].name)}", EntityType.ORG
    )


def _short(name: str) -> str:
    """A company's name without its legal suffix ("Acme Corp" -> "Acme"), for a pair."""
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in lx.LEGAL_SUFFIXES else name


def poll_author(ix: ArticleIndex, seg_start: int, end: int) -> Speaker | None:
    """ "38% of those polled" / "respondents" ending [seg_start, end): whoever ran the poll
    or survey named last before it (its author as the text gives it, else the name right
    before the word: "a Nordmark Opinion poll"); None otherwise. Pure."""
    if _POLLED_END.search(ix.body, max(seg_start, end - 30), end) is None:
        return None
    poll = last_match(_POLL_WORD, ix.body, max(0, end - 2000), end)
    if poll is None:
        return None
    author = ix.document_author(poll.start())
    if author is None:
        named = ix.mention_ending_at(poll.start() - 1)
        if named is not None and ix.entities[named.entity].kind != LOC:
            author = ix.speaker_of(named)
    return author
