"""Stage results are frozen, and a stage never changes what an earlier one found."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import claimwire_enrich.core as core
import claimwire_enrich.coref as coref
import pytest
from claimwire_enrich.core import analyse
from claimwire_enrich.gazetteer import Gazetteer, gazetteer
from claimwire_enrich.mention import Mention, NameKind, draft_of
from claimwire_enrich.mentions import MentionFinder

from .conftest import NOW, MakeRaw

BODY = (
    "The Velmara Port Authority (VPA) said on Monday that Ines Harrow would lead it. "
    "Harrow, a former Dravonian diplomat, said the North would not object."
)


def test_linking_leaves_the_mentions_it_was_given_as_they_were() -> None:
    found = MentionFinder(BODY, gazetteer(), {0}, []).run()
    before = [dataclasses.astuple(m) for m in found]
    linking = coref.link_mentions(BODY, found, gazetteer())
    assert [dataclasses.astuple(m) for m in found] == before
    assert all(m.entity == -1 for m in found)
    linked = {m.text: m for m in linking.mentions}
    harrow = linking.entities[linked["Harrow"].entity]
    assert harrow.name == "Ines Harrow" and harrow.kind == NameKind.PERSON
    assert linked["VPA"].entity == linked["Velmara Port Authority"].entity
    # each entity holds the very mentions the result lists, not the stage's drafts
    assert all(m in linking.mentions for ent in linking.entities for m in ent.mentions)


def test_a_linking_that_fails_half_way_leaves_the_found_mentions_unlinked(
    make_raw: MakeRaw, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail_half_way(body: str, mentions: Sequence[Mention], gaz: Gazetteer) -> coref.Linking:
        linker = coref.Linker(body, mentions, gaz)
        linker._attach(linker.mentions[0], linker._entity("per:someone", NameKind.PERSON))
        raise ValueError("a rule gave up")

    monkeypatch.setattr(core, "link_mentions", fail_half_way)
    analysis = analyse(make_raw(BODY), now=NOW)
    assert analysis.entities == ()
    assert analysis.mentions and all(m.entity == -1 for m in analysis.mentions)
    assert analysis.warnings == ("entities: ValueError: a rule gave up",)


def test_the_results_handed_between_stages_cannot_be_changed(make_raw: MakeRaw) -> None:
    analysis = analyse(make_raw(BODY), now=NOW)
    mention, entity = analysis.mentions[0], analysis.entities[0]
    for record, field in ((analysis, "warnings"), (mention, "entity"), (entity, "name")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, None)


def test_a_draft_has_exactly_the_fields_of_the_mention_it_freezes_into() -> None:
    found = MentionFinder(BODY, gazetteer(), {0}, []).run()
    assert [f.name for f in dataclasses.fields(draft_of(found[0]))] == [
        f.name for f in dataclasses.fields(found[0])
    ]
    assert all(draft_of(m).freeze() == m for m in found)
