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

# Rule trend: words of change, ranking and records ("rose", "largest", "halved").
TREND_WORDS: frozenset[str] = words_of(
    """largest biggest highest lowest smallest fastest slowest worst best record doubled
    tripled halved closer sooner faster higher lower above-average below-average increase
    increases increased increasing decrease decreases decreased decreasing rise rises rising
    risen rose fell falling fall falls decline declines declined declining grow grows
    growing growth grew shrink shrinks shrinking shrank retreat retreats retreating
    retreated surge surged surging soar soared soaring plunge plunged plunging jump jumped
    jumping drop dropped dropping raise raises raised raising cut cuts cutting hike hikes
    hiked"""
)
# Comparatives that make a trend with a figure ("more than 40").
COMPARATIVE: frozenset[str] = words_of("more less fewer")
# Verbs that characterise what someone said or did ("branded it a failure").
CHARACTERISING: frozenset[str] = words_of(
    "described describes called calls dismissed branded labelled labeled"
)
# Denials: an accusation reported through its denial.
DENIALS: frozenset[str] = words_of("denied denies rejected rejects")
# Forms of "to be" that open a prediction ("is expected to", "were set to").
BE: frozenset[str] = words_of("is are was were")
# Words after a form of "to be" that make it a prediction ("is due to").
EXPECTATION: frozenset[str] = words_of("expected set due likely poised scheduled")
# Verbs after "could" that forecast a figure ("could reach 40,000").
COULD_VERBS: frozenset[str] = words_of("come reach rise fall hit take grow lose")
# Words of a forecast less certain than "will".
SOFT_PREDICTION: frozenset[str] = words_of(
    "expected forecast projected likely probably would could"
)
# Units that do not say what was counted: with no country either, the amount alone
# would cluster "inflation of 3%" with "3% of households" from any article.
SAYS_NOT_WHAT: frozenset[str] = words_of("percent times points votes magnitude years")
# Units of time: a duration is not the figure a claim is about.
DURATION_UNITS: frozenset[str] = words_of(
    """years year days day weeks week months month hours hour minutes minute seconds second
    decades decade"""
)
# Rule hindsight: modals of "could have", "would have", ... (looking back).
HINDSIGHT_MODALS: frozenset[str] = words_of("could would might should must may")
# Rule hindsight: "had been expected to" looks back.
EXPECTATION_PARTICIPLES: frozenset[str] = words_of("expected forecast projected")
# Rule scene_opener: "-ing" openers that introduce a source or a time, not a scene.
NOT_SCENE_OPENERS: frozenset[str] = words_of(
    "according during including following regarding concerning excluding notwithstanding"
)
# Rule located_by_distance: "40 miles north of the capital".
COMPASS: frozenset[str] = words_of(
    """north south east west northeast northwest southeast southwest north-east north-west
    south-east south-west"""
)
# Word shares ("half of the tents"); part_of_place tells them from parts of places.
SHARE_WORDS: frozenset[str] = words_of(
    "half third thirds quarter quarters two-thirds three-quarters"
)
# Fingerprints: unit words that count the same thing ("soldiers" are troops).
UNIT_SYNONYMS: dict[str, str] = {
    "soldier": "troop", "servicemen": "troop", "serviceman": "troop", "personnel": "troop",
    "evacuee": "people", "person": "people", "resident": "people", "percentage point": "point",
    "per cent": "percent", "pct": "percent", "dollar": "usd", "euro": "eur",
}  # fmt: skip
