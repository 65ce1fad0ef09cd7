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
# Attribution: verbs of saying in "-s" that are also plural nouns ("three German states").
NOUN_OR_VERB_S = words_of(
    """states reports notes claims calls estimates forecasts shows finds promises pledges
    fears hopes vows comments remarks counters"""
)
# Words before such a form that make it a noun: "the reports", "two claims", "its hopes".
NOUN_MARKERS = words_of(
    """the a an these those its their his her our your some many several all both such
    other new further"""
)
# Attribution: "a deal expected to close": a participle of forecasting followed by "to"
# with no subject pronoun or auxiliary before it is a reduced passive, nobody's statement.
REDUCED_PASSIVE_VERBS = words_of("expected predicted projected forecast estimated")
SUBJECTS_AND_AUXILIARIES = words_of(
    """i we you he she they it who that which had has have was were is are be been"""
)
# Rule place_size: "a town of 3,000 people" sizes a place; the amount claims nothing.
PLACE_NOUNS = words_of(
    """country nation city town village island province region state district county
    capital port suburb"""
)
APPROXIMATORS = words_of("about some nearly around roughly almost")
# Rule place_count: "in three northern states" counts places; it locates, claims nothing.
PLACE_PLURALS = words_of(
    """countries nations cities towns villages islands provinces regions states districts
    counties ports suburbs capitals"""
)
