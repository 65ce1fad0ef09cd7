"""Alias rules over linked entities: forms that name an entity found elsewhere in the article.

- ``initialism_alias``: an acronym written alone ("FWSB", "U.N.") whose letters are the
  initials of the capitalised words of a longer name in the same article ("Federal Water
  Safety Board") is an alias of that name, with or without a spelled-out "(FWSB)".
"""

from __future__ import annotations

import re

from claimwire_enrich.entities import EntityDraft
from claimwire_enrich.mention import LOC, ORG, UNK

_WORDS = re.compile(r"[\s-]+")


def _initials(text: str) -> str:
    return "".join(w[0] for w in _WORDS.split(text) if w[:1].isupper())


def acronym_fits(acronym: str, expansion: str) -> bool:
    """True when the capitals of ``acronym`` can abbreviate ``expansion`` (all its
    initials, their tail, or an ordered subsequence that keeps the first and last)."""
    letters = "".join(ch for ch in acronym if ch.isupper())
    if len(letters) < 2:
        return False
    initials = _initials(expansion)
    if initials.endswith(letters) or initials == letters:
        return True
    # letters as an ordered subsequence of the initials, first and last letters aligned
    if not initials or letters[0] not in initials or letters[-1] != initials[-1]:
        return False
    it = iter(initials[initials.index(letters[0]) :])
    return all(ch in it for ch in letters)


def initialism_pairs(entities: list[EntityDraft]) -> list[tuple[int, int]]:
    """(acronym entity, full-name entity) index pairs to merge. Consumes the linked
    entities; emits pairs of distinct indices, each acronym at most once; raises nothing;
    pure. Three letters or more may stand for the first initials ("CDC" for "Centers for
    Disease Control and Prevention"); two must match all of them ("EU")."""
    full: dict[str, int] = {}
    for i, ent in enumerate(entities):
        for m in ent.mentions:
            if " " in m.text and m.kind in (ORG, LOC, UNK):
                initials = _initials(m.text)
                if len(initials) >= 2:
                    full.setdefault(initials, i)
    pairs: list[tuple[int, int]] = []
    for i, ent in enumerate(entities):
        if not ent.mentions or not all(
            " " not in m.text and m.text.isupper() for m in ent.mentions
        ):
            continue
        letters = ent.mentions[0].text.replace(".", "")
        j = full.get(letters)
        if j is None and len(letters) >= 3:
            j = next(
                (
                    k
                    for s, k in full.items()
                    if s.startswith(letters) and len(s) <= len(letters) + 1
                ),
                None,
            )
        if j is not None and j != i and entities[j].mentions:
            pairs.append((i, j))
    return pairs
