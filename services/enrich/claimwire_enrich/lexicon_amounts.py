"""Word lists of amounts added for wire copy: currency words and subunits, the countries
that settle an ambiguous currency word, and the words around bare counts. Data only."""

from __future__ import annotations

from claimwire_enrich.lexicon_names import words_of

# Currency words that lexicon.CURRENCY_WORDS lacks -> ISO 4217 code.
MORE_CURRENCY_WORDS: dict[str, str | None] = {
    "sol": "PEN", "soles": "PEN", "shekel": "ILS", "shekels": "ILS", "baht": "THB",
    "ringgit": "MYR", "rupiah": "IDR", "dong": "VND", "lire": "TRY", "liras": "TRY",
    "kwacha": None, "cedi": "GHS", "cedis": "GHS", "taka": "BDT", "lari": "GEL",
    "tenge": "KZT", "leu": "RON", "lei": "RON", "lev": "BGN", "koruna": "CZK",
}  # fmt: skip
# A currency word shared by several countries, settled by the first of these countries
# (or their adjectives) the text names: "60 billion crowns" in a story about Norway.
CURRENCY_BY_COUNTRY: dict[str, tuple[tuple[str, str], ...]] = {
    "crown": (("Norw", "NOK"), ("Swed", "SEK"), ("Den", "DKK"), ("Danish", "DKK"),
              ("Czech", "CZK"), ("Iceland", "ISK")),
    "peso": (("Mexic", "MXN"), ("Philippin", "PHP"), ("Filipino", "PHP"), ("Argentin", "ARS"),
             ("Chile", "CLP"), ("Colombia", "COP"), ("Urugua", "UYU"), ("Cuba", "CUP")),
    "shilling": (("Kenya", "KES"), ("Uganda", "UGX"), ("Tanzania", "TZS"), ("Somali", "SOS")),
    "dinar": (("Iraq", "IQD"), ("Kuwait", "KWD"), ("Jordan", "JOD"), ("Serbia", "RSD"),
              ("Bahrain", "BHD"), ("Tunisia", "TND"), ("Libya", "LYD"), ("Algeria", "DZD")),
    "kwacha": (("Zambia", "ZMW"), ("Malawi", "MWK")),
}  # fmt: skip
# Hundredths of a currency: "82.93 pence" is 0.8293 GBP. A cent belongs to the currency
# the text last named (None: that currency, or USD when it named none).
SUBUNITS: dict[str, str | None] = {
    "pence": "GBP", "penny": "GBP", "cent": None, "cents": None, "kopecks": "RUB",
}  # fmt: skip
# Words after "N-" that make no unit: fractions and multipliers (no amounts), parts of
# set phrases ("one-off", "two-way", "2-for-1", "one-sided").
NOT_COMPOUND_UNITS = words_of(
    """third thirds quarter quarters half halves fifth fifths sixth sixths tenth tenths fold
    off way sided and or to for by in of on up out all plus nil love odd"""
)
# Singular nouns with a plural that is not "+s": "a 20-foot wave" measures feet.
IRREGULAR_PLURALS = {
    "foot": "feet", "man": "men", "woman": "women", "child": "children", "person": "people",
    "inch": "inches", "century": "centuries", "story": "stories", "storey": "storeys",
    "country": "countries", "party": "parties", "city": "cities", "body": "bodies",
}  # fmt: skip
# Singular units of power that lexicon.MEASURE_UNITS lacks: "a 487 megawatt dam".
MORE_MEASURE_UNITS = words_of("watt megawatt gigawatt kilowatt terawatt")
# Casualty words after a bare number are what happened to it, never what it counts:
# "155 missing", "8,000 killed" (the count is of people, or of what was named before).
CASUALTY_WORDS = words_of("missing dead killed injured wounded drowned hurt died")
# Words after a past-tense word that show it is a verb, not an adjective before a noun:
# "1 million arrived last year", "One wiped away tears".
AFTER_A_VERB_MORE = words_of(
    "last away back up down over and or when while after before because as since so then"
)
