"""Who said it: speakers of quotations and claimants of sentences.

An attribution is a verb of saying with a subject: after the quotation
("...," she said / said Dr. Jane Roe), before it (Roe said: "..." / Roe
called it "..."), or inherited (the second half of a split quotation, a
quotation continued in the next paragraph). A subject resolves to the
entity it names; "he"/"she" to the most recent person of that gender (or of
unknown gender) outside quotations; "the spokesperson" to the last
spokesperson introduced, and to the person that role belongs to when the
text says so ("Jane Roe, the ministry's spokesperson").
"""

from __future__ import annotations

import bisect
import re

from claimwire_enrich import lexicon as lx
from claimwire_enrich.coref import EntityRec
from claimwire_enrich.mentions import PARTY_TAG, Mention
from claimwire_enrich.quotes import QuoteSpan
from claimwire_enrich.roles import (
    DOCUMENT_END,
    DOCUMENT_START,
    ROLE_OF_SOMEONE_END,
    ROLE_PHRASE_END,
    ROLE_WORD,
    Attribution,
    RoleBook,
    Speaker,
    role_gender,
)
from claimwire_enrich.text import Sentence, SentenceIndex, Tokens, last_match

_VERB_ALT = "|".join(sorted(lx.QUOTE_VERBS, key=len, reverse=True))
_TRAIL = re.compile(rf"[\s,]*(?P<subj>[^\"“”\n]{{1,120}}?)\s+(?:\w+ly\s+)?(?P<verb>{_VERB_ALT})\b")
_TRAIL_INVERTED = re.compile(rf"[\s,]*(?P<verb>{_VERB_ALT})\s+(?=\S)")
_TRAIL_ACCORDING = re.compile(r"[\s,]*according\s+to\s+", re.IGNORECASE)
_DESCRIBED = re.compile(r"(the|a|an)\s+((?:[a-z][\w-]*\s+){1,4})", re.IGNORECASE)
_VERB = re.compile(rf"\b(?P<verb>{_VERB_ALT})\b")
# Words between a subject and its verb: "Jane Roe also said", "the ministry has warned".
_SKIP_BEFORE_VERB = lx.words_of(
    "also then again later previously has had have would will once further repeatedly"
)
_PRONOUN_END = re.compile(r"\b(he|she|they|we|i|it)\s*$", re.IGNORECASE)
_FIRST_WORD = re.compile(r"(?:the\s+|a\s+|an\s+)?([\w'’-]+)")
_POST_MODIFIER = re.compile(r",|\b(?:of|at|from|for|with|in|and)\b")
_PARTY_TAG_END = re.compile(rf",\s*{PARTY_TAG},?$")
_TITLES_ONLY = re.compile(r"[\s\"“‘'(]*(?:(?:The|A|An|[A-Z][\w.’'-]*)\s+)*")
_AND_END = re.compile(r",?\s+and$")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose)\b")
_PAREN_ACRONYM = re.compile(r"^\s*\([A-Z.]+\)")
_ORG_NOUN_AFTER = re.compile(r"^\s+(?:union|party|group|agency|alliance|council|company|firm)\b")


class SpeakerResolver(RoleBook):
    """Resolves speakers in one article (build once per article, then ask)."""

    def __init__(
        self,
        body: str,
        sentences: list[Sentence],
        quotes: list[QuoteSpan],
        mentions: list[Mention],
        entities: list[EntityRec],
        title_roles: list[tuple[int, int, str, int]],
        tokens: Tokens | None = None,
        outlet: str | None = None,
    ) -> None:
        super().__init__(body, quotes, mentions, entities, title_roles, tokens, outlet)
        self.sentences = sentences
        self.sent_index = SentenceIndex(sentences)
        self.person_events: list[tuple[int, int]] = sorted(
            [
                (m.start, m.entity)
                for m in self.mentions
                if entities[m.entity].kind == "PERSON" and not m.in_quote
            ]
            + self._roles_of_people()
        )
        self._p_starts = [p for p, _ in self.person_events]
        self.spoken: list[tuple[int, Speaker]] = []  # quotation speakers, in body order

    def _roles_of_people(self) -> list[tuple[int, int]]:
        """Where a role the text gave a person comes back bare: "Judge Ann Roe ... The judge
        rejected ...": the judge there is Ann Roe, for a "she" that follows."""
        named: dict[str, int] = {}
        events = []
        for start, noun, _label, person in self.roles:
            if person >= 0:
                named[noun] = person
            elif noun in named:
                events.append((start, named[noun]))
        return events

    # -- quotations -----------------------------------------------------------------------

    def attribute_quotes(self) -> list[Attribution]:
        """One attribution per quotation, in order (uses earlier ones for inheritance)."""
        results: list[Attribution] = []
        for i, q in enumerate(self.quotes):
            att = self._trailing(q) or self._leading(q, i)
            if att is None or att.speaker is None:
                inherited = self._inherited(q, i, results)
                if inherited is not None:
                    att = inherited
            if att is None:
                att = Attribution(None, None)
            results.append(att)
            if att.speaker is not None:
                self.spoken.append((q.open_mark, att.speaker))
        return results

    def _trailing(self, q: QuoteSpan) -> Attribution | None:
        if not q.closed:
            return None
        body = self.body
        start = q.close_mark + 1
        limit = self.sentences[self.sent_index.at(q.close_mark)].end if self.sentences else start
        limit = min(max(limit, start), start + 160, len(body))
        nxt_quote = bisect.bisect_right(self._q_starts, q.close_mark)
        if nxt_quote < len(self.quotes):
            limit = min(limit, self.quotes[nxt_quote].open_mark)
        ends_clause = body[q.end - 1] in ",.!?…—-" or body[start : start + 1] == ","
        if not ends_clause:
            return None  # '"broadly in line" with ...': the sentence goes on, no attribution
        according = _TRAIL_ACCORDING.match(body, start, limit)
        if according:  # '"...," according to Jane Roe, the union leader.'
            speaker = self._subject_after(according.end(), limit, q.open_mark)
            if speaker is not None:
                return Attribution(speaker, "according to")
        inv = _TRAIL_INVERTED.match(body, start, limit)
        if inv:
            speaker = self._subject_after(inv.end(), limit, q.open_mark)
            if speaker is not None:
                return Attribution(speaker, inv.group("verb"))
        m = _TRAIL.match(body, start, limit)
        if m:
            speaker = self._subject_phrase(m.start("subj"), m.end("subj"), q.open_mark)
            if speaker is not None:
                return Attribution(speaker, m.group("verb"))
        return None

    def _leading(self, q: QuoteSpan, index: int) -> Attribution | None:
        if q.continues:
            return None
        sent = self.sentences[self.sent_index.at(q.open_mark)] if self.sentences else None
        seg_start = sent.start if sent is not None else 0
        if index > 0 and self.quotes[index - 1].close_mark >= seg_start:
            seg_start = self.quotes[index - 1].close_mark + 1
        if seg_start >= q.open_mark:
            return None
        verbs = list(_VERB.finditer(self.body, seg_start, q.open_mark))
        for v in reversed(verbs):
            speaker = self._subject_of_verb(v.start(), seg_start, q.open_mark)
            if speaker is not None:
                return Attribution(speaker, v.group("verb"))
        return None

    def _inherited(self, q: QuoteSpan, index: int, done: list[Attribution]) -> Attribution | None:
        if index == 0:
            return self._previous_sentence(q)
        prev_q, prev_att = self.quotes[index - 1], done[index - 1]
        if prev_att.speaker is None:
            return self._previous_sentence(q)
        if q.continues or prev_q.paragraph == q.paragraph:
            return prev_att
        if prev_q.paragraph == q.paragraph - 1 and q.open_mark == self._paragraph_start(q):
            return prev_att
        return self._previous_sentence(q)

    def _paragraph_start(self, q: QuoteSpan) -> int:
        sent = self.sent_index.at(q.open_mark)
        while sent > 0 and self.sentences[sent - 1].paragraph == q.paragraph:
            sent -= 1
        return self.sentences[sent].start if sent >= 0 else 0

    def _previous_sentence(self, q: QuoteSpan) -> Attribution | None:
        idx = self.sent_index.at(q.open_mark) - 1
        if idx < 0:
            return None
        sent = self.sentences[idx]
        if sent.paragraph < q.paragraph - 1:
            return None
        return self.claimant(sent)

    # -- claimants ------------------------------------------------------------------------

    def claimant(self, sent: Sentence) -> Attribution | None:
        """Who a sentence attributes its assertion to, if anyone ("X said", "according to X")."""
        tok = self.tokens
        low, raw, starts = tok.low, tok.raw, tok.starts
        for i in tok.span(sent.start, sent.end):
            word = low[i]
            if word == "according" and i + 2 < len(low) and low[i + 1] == "to":
                if self._inside_quote(starts[i]):
                    continue
                speaker = self._subject_after(starts[i + 2], sent.end, starts[i])
                if speaker is not None:
                    return Attribution(speaker, "according to")
            elif word in lx.SPEECH_VERBS and raw[i][:1].islower():
                if self._inside_quote(starts[i]):
                    continue
                speaker = self._subject_of_verb(starts[i], sent.start, starts[i])
                if speaker is not None:
                    return Attribution(speaker, raw[i])
            elif word in lx.FINDING_VERBS and not self._inside_quote(starts[i]):
                document = DOCUMENT_END.search(
                    self.body, max(sent.start, starts[i] - 60), starts[i]
                )
                if document is not None:
                    author = self._document_author(document.start(1))
                    if author is not None:
                        return Attribution(author, raw[i])
        return None

    # -- subjects -------------------------------------------------------------------------

    def _subject_of_verb(self, verb_start: int, seg_start: int, anchor: int) -> Speaker | None:
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
        if body[verb_start - 1 : verb_start] == " " and self._is_participle(verb_start):
            return self._main_subject(seg_start, verb_start)
        if _AND_END.search(body, max(seg_start, end - 5), end):
            # "Justice Oduya set the date and said ...": the sentence's subject speaks
            main = self._main_subject(seg_start, end)
            if main is not None:
                return main
        if body[end - 1] == ",":
            # "The forum, which represents 23 councils from A to B, said": the subject is
            # what the relative clause describes, not the last name inside it.
            relative = last_match(_RELATIVE_CLAUSE, body, seg_start, end)
            if relative is not None and relative.start() > seg_start:
                head = self._subject_of_verb(relative.start(), seg_start, anchor)
                if head is not None:
                    return head
            # "Jane Roe, a chemist at the X Institute, said"
            head = self._appositive_head(seg_start, end)
            if head is not None:
                return head
        mention = self._mention_ending_at(end)
        if mention is not None:
            return self._subject_mention(mention, seg_start)
        pron = _PRONOUN_END.search(body, max(seg_start, end - 8), end)
        if pron:
            pronoun = pron.group(1).lower()
            if pronoun == "it":
                return self._organisation_that_spoke(anchor)
            # "they"/"we" could be any group: better unknown than wrong
            return self._pronoun(pronoun, anchor) if pronoun in ("he", "she") else None
        document = DOCUMENT_END.search(body, max(seg_start, end - 60), end)
        if document:  # "the report said": whoever the text says wrote it, else nobody
            return self._document_author(document.start(1))
        role_of = ROLE_OF_SOMEONE_END.search(body, max(seg_start, end - 120), end)
        if role_of:  # "a spokesman for the health ministry said": the spokesman did
            return self._role_speaker(role_of.start(2), role_of.end(2), role_of.group(1).lower())
        role = ROLE_PHRASE_END.search(body, max(seg_start, end - 120), end)
        if role and role.group(1)[-2:] in ("'s", "’s"):
            # "Tervania's army said", "Acme's chief executive said": the role as written
            return Speaker(f"{role.group(1)} {role.group(2)}{role.group(3)}", "ROLE")
        if role:
            return self._role_speaker(
                role.start(3), role.end(3), role.group(1).lower(), role.group(2)
            )
        if body[end - 1] == ",":
            return self._appositive_head(seg_start, end)
        return None

    def _is_participle(self, verb_start: int) -> bool:
        """ "..., calling the figure": an -ing verb of saying after a comma."""
        body = self.body
        word = _FIRST_WORD.match(body, verb_start)
        if not (word and word.group(1).endswith("ing")):
            return False
        pos = verb_start
        while pos > 0 and body[pos - 1].isspace():
            pos -= 1
        return body[pos - 1 : pos] == ","

    def _main_subject(self, seg_start: int, end: int) -> Speaker | None:
        """Who "..., calling it X" refers to: the last speaker of the sentence so far, else
        its first name that is neither a place nor in parentheses (a dateline's outlet)."""
        body = self.body
        for v in reversed(list(_VERB.finditer(body, seg_start, end))):
            if not v.group("verb").endswith("ing"):
                speaker = self._subject_of_verb(v.start(), seg_start, v.start())
                if speaker is not None:
                    return speaker
        for m in self._mentions_in(seg_start, end):
            placed = m.cue in lx.LOCATIVE_PREPS or m.start == 0 or body[m.start - 1] == "\n"
            if not (placed or m.nested or m.in_quote or body[m.start - 1 : m.start] == "("):
                return self._speaker_of(m)
        return None

    def _subject_mention(self, m: Mention, seg_start: int) -> Speaker | None:
        """A name right before the verb, unless it sits in a prepositional phrase.

        "Diplomats in Geneva said": Geneva did not speak. "Economist Jane Roe of the
        X Institute said": the person before the phrase did.
        """
        body = self.body
        ent = self.entities[m.entity]
        before = body[max(seg_start, m.start - 12) : m.start].lower().split()
        in_phrase = bool(before) and before[-1] in ("of", "at", "from", "with", "in", "for", "the")
        if before and before[-1] == "the" and len(before) > 1:
            in_phrase = before[-2] in ("of", "at", "from", "with", "in", "for")
        if not in_phrase:
            return self._speaker_of(m)
        i = bisect.bisect_left(self._m_starts, m.start) - 1
        if i >= 0:
            prev = self.mentions[i]
            gap = body[prev.end : m.start]
            if (
                prev.start >= seg_start
                and self.entities[prev.entity].kind == "PERSON"
                and len(gap) < 40
                and not any(ch in gap for ch in ",.;:!?")
            ):
                return self._speaker_of(prev)
        if ent.kind == "LOC":
            return None
        return self._speaker_of(m)

    def _before_adverbs(self, verb_start: int, seg_start: int) -> int:
        """Where the subject ends: before "also", "has", "on Monday", "-ly" adverbs."""
        tok = self.tokens
        i = tok.index_at(verb_start)
        if i < 0 or tok.starts[i] != verb_start:
            return verb_start
        j = i - 1
        while j >= 0 and tok.starts[j] >= seg_start:
            word, raw = tok.low[j], tok.raw[j]
            if not raw[:1].islower() and word not in lx.WEEKDAYS:
                break
            if word in _SKIP_BEFORE_VERB or (word.endswith("ly") and len(word) > 4):
                j -= 1
            elif word in lx.WEEKDAYS and j > 0 and tok.low[j - 1] == "on":
                j -= 2
            else:
                break
        return tok.starts[j + 1] if j + 1 < i else verb_start

    def _subject_phrase(self, start: int, end: int, anchor: int) -> Speaker | None:
        """A subject written after a quotation: "...," a senior official said."""
        body = self.body
        phrase = body[start:end].strip().lower()
        if phrase in ("he", "she"):
            return self._pronoun(phrase, anchor)
        if phrase in ("they", "we", "i", "it"):
            return None
        found = self._mentions_in(start, end)
        persons = [m for m in found if self.entities[m.entity].kind == "PERSON"]
        # "Harbour manager Magnus Thorsen": the words before the last name modify it, so the
        # last person is the head; after a comma or a preposition ("Jane Roe, a colleague
        # of John Smith") the first one is.
        modified_after = _POST_MODIFIER.search(body, start, end) is not None
        person = (persons[0] if modified_after else persons[-1]) if persons else None
        role = ROLE_WORD.search(body, start, end)
        if person is not None:
            return self._speaker_of(person)
        if role is not None:
            return self._role_speaker(role.start(), role.end(), "")
        if found:
            return self._speaker_of(found[0])
        return None

    def _subject_after(self, start: int, limit: int, anchor: int) -> Speaker | None:
        """The subject right after a verb ("said Jane Roe", "according to the ministry")."""
        body = self.body
        word = _FIRST_WORD.match(body[start : min(limit, start + 60)])
        if word and word.group(1).lower() in ("he", "she"):
            return self._pronoun(word.group(1).lower(), anchor)
        idx = bisect.bisect_left(self._m_starts, start)
        if idx < len(self.mentions):
            m = self.mentions[idx]
            gap = body[start : m.start]
            titled = 0 <= m.alias_start <= start + 3
            if (
                m.start < limit
                and len(gap) <= 40
                and "," not in gap
                and (titled or "." not in gap.strip())
            ):
                return self._speaker_of(m)
        document = DOCUMENT_START.match(body, start, min(limit, start + 60))
        if document:  # "according to the report"
            return self._document_author(document.start(1))
        role = ROLE_WORD.search(body, start, min(limit, start + 60))
        if role:
            # "according to the central bank": the determiner and words before the noun
            described = _DESCRIBED.fullmatch(body, start, role.start())
            if described:
                return self._role_speaker(
                    role.start(), role.end(), described.group(1).lower(), described.group(2)
                )
            return self._role_speaker(role.start(), role.end(), "")
        return None

    def _appositive_head(self, seg_start: int, end: int) -> Speaker | None:
        """ "Jane Roe, a researcher at X, said": the first person named, else the first
        organisation followed by a comma ("The Forum (RSF), which ..., said")."""
        body = self.body
        found = self._mentions_in(seg_start, end)
        for m in found:
            if self.entities[m.entity].kind == "PERSON" and not m.in_quote:
                return self._speaker_of(m)
        for m in found:
            after = _PAREN_ACRONYM.sub("", body[m.end : m.end + 24])
            after = _ORG_NOUN_AFTER.sub("", after)  # "The RMT union, which ..."
            if after.startswith(","):
                kind = self.entities[m.entity].kind
                if kind in ("PERSON", "ORG"):
                    return self._speaker_of(m)
        return None

    # -- pronouns, roles, mentions ----------------------------------------------------------

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
        if start >= pos or not _TITLES_ONLY.fullmatch(self.body, sent.start, start):
            return None
        return start, entity

    def _pronoun(self, pronoun: str, anchor: int) -> Speaker | None:
        want = "m" if pronoun == "he" else "f"
        i = bisect.bisect_left(self._p_starts, anchor) - 1
        best_pos, best = -1, None
        while i >= 0:
            pos, ent = self.person_events[i]
            gender = self.entities[ent].gender
            if gender in (None, want):
                best_pos, best = pos, ent
                break
            i -= 1
        if best is not None and best_pos < anchor:
            # "The judge rejected the argument that Van Oosterhout lied. '...,' she wrote":
            # the subject of the sentence the name is in, before a name later in it
            subject = self._sentence_subject(best_pos, anchor)
            if subject is not None and self.entities[subject[1]].gender in (None, want):
                best_pos, best = subject
        for pos, speaker in reversed(self.spoken):
            if pos >= anchor:
                continue
            role_noun = speaker.name.rsplit(" ", 1)[-1].lower()
            if pos > best_pos and speaker.kind == "ROLE" and role_gender(role_noun) == want:
                return speaker  # "a spokeswoman for the agency said ... she added"
            if (
                pos > best_pos
                and speaker.kind == "PERSON"
                and speaker.entity >= 0
                and self.entities[speaker.entity].gender in (None, want)
            ):
                best_pos, best = pos, speaker.entity
            break
        if best is None:
            return None
        if self.entities[best].gender is None:
            self.entities[best].gender = want
        person = self.entities[best]
        return Speaker(person.name, "PERSON", best)
