"""Word lists of the claim ranking rules (``claims``): words that tell testimony, hindsight
and scene-setting from a checkable assertion. Data only; generic English, no names."""

from __future__ import annotations

from claimwire_enrich.lexicon_names import words_of

# Rule first_person_quote: the speaker's own voice inside a quotation ("we", "I'm").
# "us" is left out: lower-cased, it is also "US".
FIRST_PERSON = words_of(
    """i we me my our ours myself ourselves i'm i've i'll i'd we're we've we'll we'd
    i’m i’ve i’ll i’d we’re we’ve we’ll we’d"""
)
# Rule part_of_place: "the southern half of the valley" names a part of a place.
REGION_ADJECTIVES = words_of(
    """northern southern eastern western central north-eastern north-western south-eastern
    south-western northeastern northwestern southeastern southwestern upper lower"""
)
