"""Entity rules for wire copy: furniture that looks like names, and words that are no entity.

Pure functions over the tokens of one run of capitalised words (``name_runs.Tok``).
Each rule is named; ``not_a_name`` returns the name of the rule that rejects a segment,
so a missing entity can be traced to its rule.

- ``dateline_split``: a dateline in capitals glued onto the sentence after it
  ("VELMARA Former minister ...") is cut off the run;
- ``demonym_split``: a nationality before a person's name ("Norwegian Ola Fjeld");
- ``caps_heading``: a subheading in capitals ("QUIET WATERS") is no name;
- ``ticker_code``: stock tickers, page codes and short links ("KLM.AS", "Xy7Qa2");
- ``currency_code``: ISO 4217 codes in market tables ("GBP", "Gold XAU");
- ``group_word``: nationalities in the plural, religions and peoples ("Dravonians",
  "Sunni Muslims"), also after a descriptor ("Former Serb fighters");
- ``not_entity_noun``: diseases, programmes and products ("Medicaid", "Zika").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_entities as lxe
from claimwire_enrich.gazetteer import Gazetteer
from claimwire_enrich.name_runs import Tok, first_name

_LETTERS_AND_DIGITS = re.compile(r"^(?=.*\d)(?=.*[^\W\d_])[\w.]+$")
_DOTTED_TICKER = re.compile(r"^[A-Z0-9]{1,6}\.[A-Z]{1,2}$")


def place_test(gaz: Gazetteer) -> Callable[[str], bool]:
    """A test of whether a name is a known country, city or US state (pure)."""

    def known(text: str) -> bool:
        return (gaz.country(text) or gaz.city(text) or gaz.state(text)) is not None

    return known


def _caps(tok: Tok) -> bool:
    """At least two letters, all of them capitals. One pass that stops at the first small
    letter (most words: the second character), building no list of letters."""
    letters = 0
    for c in tok.text:
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 2


def dateline_split(body: str, toks: list[Tok], is_place: Callable[[str], bool]) -> list[list[Tok]]:
    """Cut a run that opens a paragraph with words in capitals and goes on in mixed case
    ("VELMARA Former minister Ana Roe"): the capitals are a dateline (a known place) or a
    subheading of two or more words, not part of the name after them. Consumes the run's
    tokens and a place test on the capitals' title-case form; emits the parts (the run
    unchanged when the rule does not apply). Pure, idempotent."""
    start = toks[0].start
    if not (start == 0 or body[start - 1] == "\n"):
        return [toks]
    k = 0
    while k < len(toks) and _caps(toks[k]):
        k += 1
    if k == 0 or k == len(toks) or not toks[k].text[:1].isupper():
        return [toks]
    caps = body[toks[0].start : toks[k - 1].end]
    if k >= 2 or is_place(caps.title()):
        return [toks[:k], toks[k:]]
    return [toks]


def demonym_split(toks: list[Tok], demonym: Callable[[str], str | None]) -> list[list[Tok]]:
    """Rule demonym_split: a nationality word before a given name and a surname
    ("Norwegian Ola Fjeld won") is no part of the name: cut it off. Consumes a run's
    tokens and a demonym lookup; emits the parts. Pure, idempotent."""
    if len(toks) >= 3 and first_name(toks[1].low) and demonym(toks[0].low) is not None:
        return [toks[:1], toks[1:]]
    return [toks]


def wire_split(
    body: str,
    toks: list[Tok],
    is_place: Callable[[str], bool],
    demonym: Callable[[str], str | None],
) -> list[list[Tok]]:
    """``dateline_split`` then ``demonym_split`` on what follows the dateline: the parts of
    one run, the name's part first. Pure, idempotent."""
    head, *rest = dateline_split(body, toks, is_place)
    return [*demonym_split(head, demonym), *rest]


def _plain(low: str) -> str:
    """A word without plural "s" ("dravonians" -> "dravonian")."""
    return low[:-1] if low.endswith("s") and not low.endswith("ss") and len(low) > 3 else low


def _group_word(low: str, demonym: Callable[[str], str | None]) -> bool:
    plain = _plain(low)
    if plain in lxe.GROUP_WORDS or low in lxe.GROUP_WORDS:
        return True
    if low != plain and (demonym(plain) or demonym(plain.replace("ean", "ian"))):
        return True  # "Dravonians": the people, not the country
    return low in lx.DIRECTIONAL


def not_a_name(
    seg: list[Tok],
    body: str,
    is_place: Callable[[str], bool],
    demonym: Callable[[str], str | None],
) -> str | None:
    """The name of the rule that rejects ``seg`` as an entity, or None when none does.
    Consumes the segment's tokens, a place test and a demonym lookup; raises nothing;
    pure."""
    text = body[seg[0].start : seg[-1].end]
    if len(seg) >= 2 and all(_caps(t) for t in seg) and not is_place(text.title()):
        return "caps_heading"
    for t in seg:
        if t.low.isalpha():  # most words: no digit and no dot, so no code
            continue
        word = t.text.strip("()[]<>,;:")
        if _LETTERS_AND_DIGITS.match(word) or _DOTTED_TICKER.match(word):
            return "ticker_code"
    last = seg[-1].text
    if last.isupper() and (
        last.lower() in lxe.CURRENCY_CODES
        or (len(last) == 6 and {last[:3].lower(), last[3:].lower()} <= lxe.CURRENCY_CODES)
    ):
        return "currency_code"
    lows = [t.low for t in seg]
    if (
        any(_group_word(w, demonym) or w in lxe.DESCRIPTORS for w in lows)
        and all(_group_word(w, demonym) or w in lxe.DESCRIPTORS or demonym(w) for w in lows)
        and not is_place(text)
    ):
        return "group_word"
    if lows[0] in lxe.NOT_ENTITY_NOUNS or lows[-1] in lxe.NOT_ENTITY_NOUNS:
        return "not_entity_noun"
    return None
