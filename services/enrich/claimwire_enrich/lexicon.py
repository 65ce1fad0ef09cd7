"""Curated word lists for English news: what a rule needs to know about words.

Generic vocabulary only (titles, roles, verbs of saying, hedges, name parts);
nothing here names a particular story's people, places or figures. All sets
hold lower-case words. Rule modules import their words from here; the long lists of
given names and US state abbreviations live in ``lexicon_names`` and are re-exported.
"""

from __future__ import annotations

from claimwire_enrich.lexicon_names import AP_STATES as AP_STATES  # re-exported
from claimwire_enrich.lexicon_names import FEMALE_NAMES as FEMALE_NAMES
from claimwire_enrich.lexicon_names import MALE_NAMES as MALE_NAMES
from claimwire_enrich.lexicon_names import words_of

# Words that start sentences or clauses and are never names on their own.
FUNCTION_WORDS = words_of(
    """a an the and but or nor so yet for if then than that this these those there here it its
    it's i i'm i'll i've i'd we we're we've we'll you your he she his her him they them their our
    us me my mine who whom whose which what when where why how whether while although though
    because since until unless as at by from in into of off on onto over under with without within
    through across among between against along around about above below beyond near after before
    during despite according also still now today tonight yesterday tomorrow meanwhile however
    moreover furthermore nevertheless instead otherwise earlier later last next first second third
    finally once again already just even only ever never always often sometimes perhaps maybe
    some many most several other others both all each every any no not none nobody nothing
    everyone everybody everything someone somebody something anyone anything such much more less
    few fewer one two three four five six seven eight nine ten is are was were be been being has
    have had do does did will would shall should can could may might must let yes well oh asked
    speaking like unlike following amid amidst per via toward towards upon until till whereas
    thus hence indeed overall elsewhere together almost nearly roughly around approximately
    breaking update updated editor note photo video watch read reporting additional
    writing editing"""
)
# Capitalised common nouns: not a name when they stand alone ("Police said").
COMMON_NOUNS = words_of(
    """government parliament police officials official authorities ministry president minister
    analysts experts residents witnesses sources critics supporters opponents observers
    investors traders economists scientists researchers doctors officers soldiers troops
    lawmakers legislators voters workers people children women men families state states
    city town country region capital north south east west northern southern eastern western
    central congress senate court army navy military opposition detectives investigators
    prosecutors lawyers judges rescuers firefighters paramedics nurses teachers students
    farmers fans players protesters demonstrators activists campaigners villagers survivors
    victims passengers customers shareholders executives employees delegates negotiators
    diplomats engineers regulators"""
)
COMMON_WORDS = FUNCTION_WORDS | COMMON_NOUNS
# What a sentence may put before a name it describes ("Retailer Marlowe & Finch fell",
# "Rival Corvane Systems said"): never the name's first word.
DESCRIPTORS_BEFORE_NAMES = words_of(
    """retailer carmaker automaker miner lender insurer airline chipmaker drugmaker broker
    conglomerate startup rival rivals outgoing incoming"""
)

WEEKDAYS = words_of("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Capitalised words that are not names of people, organisations or places.
NOT_NAMES = WEEKDAYS | words_of(
    """january february march april june july august september october november december
    democrat democrats republican republicans christmas easter ramadan eid diwali hanukkah
    passover thanksgiving internet web jan feb
    mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept. oct.
    nov. dec.
    god covid covid-19 coronavirus ok okay tv am pm gmt utc est bst cet celsius
    fahrenheit"""
)

# Heads of titles and roles written before a name ("Prime Minister Jane Doe").
TITLE_HEADS: frozenset[str] = words_of(
    """president president-elect vice-president minister secretary secretary-general
    undersecretary director director-general chairman chairwoman chairperson chair ceo cfo coo
    spokesperson spokesman spokeswoman senator governor mayor ambassador commissioner chancellor
    premier king queen prince princess pope cardinal archbishop bishop rabbi imam judge justice
    general colonel lieutenant captain admiral sergeant commander marshal brigadier corporal
    private chief leader head coach manager envoy representative congressman congresswoman
    congressmember assemblyman assemblywoman councillor councilor councilman councilwoman
    prosecutor attorney inspector superintendent sheriff officer nurse doctor dr dr. professor
    prof prof. mr mr. mrs mrs. ms ms. sen sen. gov gov. rep rep. gen gen. lt lt. col col. sgt sgt.
    capt capt. cmdr cmdr. adm adm. insp insp. supt supt. sir dame lord lady sheikh emir sultan
    ayatollah treasurer
    administrator founder owner president's speaker whip delegate deputy author economist
    analyst correspondent editor researcher scientist glaciologist epidemiologist striker
    midfielder defender goalkeeper champion engineer farmer teacher lawyer activist pilot
    driver worker student artist journalist reporter photographer firefighter paramedic
    physician surgeon chemist biologist geologist historian professor lecturer curator
    veteran survivor witness resident fisherman priest pastor"""
)
# Words that may stand in a title run beside a head ("Deputy Press Secretary").
TITLE_MODIFIERS = words_of(
    """deputy vice acting former interim prime foreign defense defence finance interior home
    health economy economic economics trade justice energy education environment environmental
    agriculture labor labour transport transportation commerce press public works first
    executive managing general chief senior assistant associate attorney surgeon supreme lead
    principal state national federal regional provincial district county city municipal
    security intelligence military armed forces police army navy air fire information
    communications digital culture tourism housing development planning water climate
    industry science technology research affairs relations human rights immigration
    veterans treasury budget social welfare employment fisheries mining oil gas and of the for
    high grand crown solicitor advocate special permanent parliamentary legislative majority
    minority opposition party union team club head assistant co-founder co"""
)
# Portfolio words after "Secretary of" / "Minister of".
PORTFOLIOS = TITLE_MODIFIERS | words_of("state defense defence war")

# Role nouns that can be a speaker without a name ("the spokesperson said").
ROLE_NOUNS = words_of(
    """spokesperson spokesman spokeswoman official officials source sources minister ministry
    ambassador envoy diplomat diplomats officer commander president secretary director
    chairman chairwoman chair agency department government council police prosecutor
    prosecutors statement analyst analysts expert experts lawyer lawyers witness witnesses
    resident residents researcher researchers scientist scientists organisers organizers
    broadcaster regulator lender insurer company firm group union forum institute bank
    airline charity organisation organization bureau unit authority commission committee
    army military navy judge office adviser advisor"""
)
# Documents that "say" what their authors found: "the report said", "the study found".
DOCUMENT_NOUNS: frozenset[str] = words_of(
    "report study survey analysis review audit paper research poll assessment"
)
# Verbs a document states its findings with, besides the verbs of saying.
FINDING_VERBS = words_of("found finds showed shows concluded concludes")
MALE_ROLE_NOUNS = words_of("spokesman chairman congressman councilman assemblyman king prince sir")
FEMALE_ROLE_NOUNS = words_of(
    "spokeswoman chairwoman congresswoman councilwoman assemblywoman queen princess dame"
)

# Verbs that attribute speech or a claim to someone.
SPEECH_VERBS: frozenset[str] = words_of(
    """said says say told tells tell added adds stated states noted notes warned warns
    explained explains insisted insists argued argues claimed claims announced announces
    confirmed confirms wrote writes asked asks replied replies responded responds declared
    declares stressed stresses emphasised emphasized acknowledged acknowledges admitted admits
    conceded concedes recalled recalls predicted predicts estimated estimates reported reports
    described describes called calls urged urges pledged pledges promised promises vowed vows
    suggested suggests continued continues concluded concludes remarked remarks observed
    observes commented comments tweeted posted complained complains cautioned cautions agreed
    denied denies alleged alleges accused accuses blamed blames maintained maintains
    reiterated reiterates joked testified testifies contended contends countered counters
    boasted lamented quipped mused shouted yelled whispered cried wrote announced disclosed
    revealed reveals believes believe think thinks thought expects expect expected forecast
    forecasts projected found finds showed shows criticised criticized condemned praised
    welcomed rejected dismissed questioned doubted feared fears hoped hopes estimate warn
    argue predict"""
)
# The verbs above that introduce a direct quotation (narrower: "found" does not).
QUOTE_VERBS = words_of(
    """said says told tells added adds stated noted warned explained insisted argued claimed
    announced confirmed wrote asked replied responded declared stressed emphasised emphasized
    acknowledged admitted conceded recalled predicted described called urged pledged promised
    vowed suggested continued concluded remarked observed commented tweeted posted complained
    cautioned denied alleged accused maintained reiterated joked testified contended
    countered boasted lamented quipped mused shouted yelled whispered cried writes notes says
    calls describes insists warns saying calling describing warning adding noting insisting
    arguing claiming accusing"""
)

# Attribution (attribution/): words between a subject and its verb ("Jane Roe also
# said", "the ministry has warned"); words before a name that put it in a phrase rather
# than the subject ("diplomats in Geneva said"); pronouns that name no one knowable.
SKIP_BEFORE_VERB = words_of(
    "also then again later previously has had have would will once further repeatedly"
)
SUBJECT_PREPOSITIONS = words_of("of at from with in for")
SUBJECT_PHRASE_WORDS = SUBJECT_PREPOSITIONS | {"the"}
UNRESOLVED_PRONOUNS = words_of("they we i it")

# Hedges and how much each lowers certainty.
HEDGES = {
    "may": 0.25, "might": 0.3, "could": 0.25, "possibly": 0.3, "perhaps": 0.3, "maybe": 0.3,
    "likely": 0.15, "unlikely": 0.3, "probably": 0.2, "apparently": 0.2, "reportedly": 0.25,
    "allegedly": 0.3, "appears": 0.2, "appear": 0.2, "seems": 0.2, "seem": 0.2,
    "suggests": 0.15, "suggest": 0.15, "estimated": 0.1, "estimates": 0.1, "believe": 0.15,
    "believes": 0.15, "believed": 0.15, "expected": 0.15, "expects": 0.15, "expect": 0.15,
    "preliminary": 0.15, "unconfirmed": 0.3, "feared": 0.2, "could not be verified": 0.3,
    "not independently verified": 0.3, "sooner than expected": 0.0,
}  # fmt: skip

PREDICTION_CUES = words_of(
    """will would could might may expected expect expects forecast forecasts projected
    predicts predicted plan plans planned intend intends aim aims set due going likely soon
    upcoming next future"""
)
CAUSAL_CUES = words_of(
    """because cause causes caused causing led leads result resulted resulting due owing thanks
    driven blamed linked triggered fuelled fueled fuelling fueling therefore consequently"""
)
RULE_CUES = words_of(
    """law laws bill bills rule rules ruled regulation regulations ban bans banned illegal
    unlawful legal legislation constitution constitutional decree treaty sanctions motion
    tabled statute court mandate mandatory prohibited permitted licence license policy
    disciplinary penalty penalties fine fined tax taxes tariff tariffs limit"""
)
EVENT_CUES = words_of(
    """killed died dead injured wounded arrested detained deployed sent moved launched attacked
    struck approved signed voted elected won lost broke beat resigned fired hired closed
    opened cancelled canceled evacuated destroyed damaged seized captured invaded withdrew
    confirmed announced reported met visited raised cut increased decreased rose fell
    dropped grew shrank suspended extended began started ended completed finished survived
    crossed backed installed treated collapsed flooded erupted struck"""
)
ACCUSATION_CUES = words_of(
    """accused accuses accusing denied denies blamed blames alleged alleges condemned
    criticised criticized violated violating breached lied corrupt fraud"""
)
OPINION_ONLY = words_of("concerned worried happy proud sad hope hopes glad pleased disappointed")
BOILERPLATE = (
    "did not respond to a request for comment",
    "could not be reached for comment",
    "declined to comment",
    "did not immediately respond",
)

# Organisation, place and event markers inside capitalised names.
ORG_HEADS: frozenset[str] = words_of(
    """council agency ministry department service services organization organisation commission
    committee bank fund forum party union association institute institution university college
    academy school court parliament congress senate assembly office authority corporation corp
    corp. company co co. group inc inc. ltd ltd. llc plc gmbh ag sa nv times news television tv
    radio post wire press journal herald tribune gazette courier ledger daily weekly network
    broadcasting broadcaster foundation trust alliance coalition federation league club army navy
    force forces guard guards police command bureau board secretariat centre center society
    collective operators airlines airways motors industries holdings partners capital analytics
    analyse analysis systems technologies labs laboratory laboratories hospital clinic church
    movement front brigade cabinet administration embassy consulate mission observatory
    programme program initiative exchange reserve treasury tribunal directorate inspectorate
    regulator institutes foundation unions workers federation commissariat monitor watch
    monitoring research energy power oil mining shipping logistics bureau times review letters
    magazine agencies ministries corps semiconductor semiconductors pharmaceuticals electronics
    telecom communications solutions resources petroleum chemicals steel metals software
    robotics therapeutics biotech ventures investments insurance securities markets
    consulting airline railways shipping facility cooperative cooperatives house report
    monitor observer standard telegraph guardian chronicle express mail record bulletin
    dispatch inquirer examiner trains rail railway railways buses transport"""
)
ORG_OPENERS: frozenset[str] = words_of(
    """department ministry university bank institute office council board court church union
    federation league association academy school college museum order commission agency
    secretariat house organisation organization committee bureau centre center fund society"""
)
LOC_HEADS: frozenset[str] = words_of(
    """oblast province region state county district prefecture governorate territory island
    islands isles peninsula valley river sea ocean gulf bay strait lake lakes mountain mountains
    mount hills desert coast park square street avenue road bridge canal basin plateau delta
    glacier forest heights plains range archipelago krai okrug republic city"""
)
LOC_OPENERS: frozenset[str] = words_of("mount mt mt. lake gulf bay sea isle cape port fort lake")
GEO_NOUNS = words_of(
    """region province valley river border coast district state county town city village
    island peninsula oblast prefecture area basin mountains highlands lowlands delta"""
)
LOCATIVE_PREPS = words_of(
    """in at from to into near across outside inside toward towards throughout via within
    around off onto reach reached visit visited entered"""
)
DIRECTIONAL = words_of(
    """northern southern eastern western central north south east west northeastern
    northwestern southeastern southwestern coastal rural neighbouring neighboring upper lower"""
)
PLACE_OF = words_of("state province city town village region capital island port county district")
EVENT_MARKERS = words_of(
    """typhoon hurricane cyclone storm marathon games olympics olympic cup championship
    championships festival prize award awards summit war grand prix open derby operation"""
)
ORG_CUES = words_of(
    """company firm group agency charity journal newspaper broadcaster party bank airline
    insurer lender startup carrier operator retailer manufacturer university institute
    organisation organization ngo network team club union regulator outlet magazine
    consultancy producer developer maker giant conglomerate"""
)
PERSON_CUES = words_of(
    """nurse author analyst economist researcher scientist glaciologist epidemiologist
    professor doctor lawyer teacher farmer resident worker student coach striker runner
    driver pilot artist actor actress singer writer novelist poet photographer senator
    leader chairman chairwoman director president minister secretary spokesperson spokesman
    spokeswoman officer official ambassador mayor governor judge reporter journalist colonel
    general captain commander deputy manager founder owner chief ceo"""
)
# Possessive forms that belong inside a name ("People's Republic", "Workers' Party").
POSSESSIVE_IN_NAME = words_of("people's people’s workers' children's children’s women's women’s")
NAME_CONNECTORS = words_of(
    "of the for and de del della di da do dos das du des la le von van der den ter bin ibn al el y"
)
NAME_PARTICLES = words_of(
    "de del della di da do dos das du des la le von van der den ter bin ibn al el"
)

# Pronouns for speakers.
MALE_PRONOUNS = words_of("he him his himself")
FEMALE_PRONOUNS = words_of("she her hers herself")
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                    "sir": "m", "dame": "f", "lord": "m", "lady": "f", "king": "m",
                    "queen": "f", "prince": "m", "princess": "f"}  # fmt: skip

# Written-out numbers.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
    "a hundred": 100, "a thousand": 1000, "a million": 1_000_000, "a billion": 1_000_000_000,
}  # fmt: skip
SCALES = {
    "dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6,
    "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12,
    "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# Currency symbols and words -> (unit word, ISO 4217 code).
CURRENCY_SYMBOLS = {
    "$": ("dollars", "USD"), "us$": ("dollars", "USD"), "c$": ("dollars", "CAD"),
    "a$": ("dollars", "AUD"), "hk$": ("dollars", "HKD"), "nz$": ("dollars", "NZD"),
    "r$": ("reais", "BRL"), "€": ("euros", "EUR"), "£": ("pounds", "GBP"),
    "¥": ("yen", "JPY"), "₹": ("rupees", "INR"), "₩": ("won", "KRW"), "₽": ("roubles", "RUB"),
    "₺": ("lira", "TRY"), "₦": ("naira", "NGN"), "₱": ("pesos", "PHP"),
}  # fmt: skip
CURRENCY_CODES = {
    "usd": "dollars", "eur": "euros", "gbp": "pounds", "jpy": "yen", "cny": "yuan",
    "rmb": "yuan", "chf": "francs", "inr": "rupees", "krw": "won", "rub": "roubles",
    "nok": "crowns", "sek": "crowns", "dkk": "crowns", "czk": "crowns", "brl": "reais",
    "mxn": "pesos", "zar": "rand", "try": "lira", "cad": "dollars", "aud": "dollars",
}  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "won": "KRW", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "crown": None, "crowns": None, "krone": None,
    "kroner": None, "krona": None, "kronor": None, "franc": "CHF", "francs": "CHF",
    "peso": None, "pesos": None, "real": "BRL", "reais": "BRL", "rand": "ZAR",
    "lira": "TRY", "shilling": None, "shillings": None, "naira": "NGN", "hryvnia": "UAH",
    "hryvnias": "UAH", "zloty": "PLN", "zlotys": "PLN", "forint": "HUF", "dinar": None,
    "dinars": None, "riyal": "SAR", "riyals": "SAR", "dirham": "AED", "dirhams": "AED",
}  # fmt: skip
# Words before a number that make it approximate.
APPROX_WORDS = words_of(
    "about around some roughly nearly almost approximately approx. approx estimated close over "
    "upwards ~"
)
APPROX_PHRASES = ("more than", "less than", "fewer than", "up to", "at least", "as many as",
                  "as much as", "close to", "in excess of", "upwards of", "an estimated",
                  "a total of", "at most", "no more than", "just over", "just under")  # fmt: skip
MEASURE_UNITS = words_of(
    """kilometres kilometers kilometre kilometer km kms miles mile metres meters metre meter m
    centimetres centimeters cm millimetres millimeters mm kilograms kilogram kg kgs grams gram
    g tonnes tonne tons ton litres liters litre liter l gallons gallon barrels barrel degrees
    degree hectares hectare acres acre hours hour minutes minute seconds second days day weeks
    week months month years year decades decade centuries century kph mph km/h watts megawatts
    mw gigawatts gw kwh mwh gwh feet foot inches inch pounds lbs ounces calories percentage
    points basis knots square cubic"""
)
# Words that end the noun phrase after a number.
UNIT_STOP = words_of(
    """to of in on at by for with from into over under since after before during across against
    between through than as that which who whom whose where when while and or but nor is are
    was were be been being has have had will would could can may might should shall must do
    does did not no already now still also each per a an the this these those it its their
    his her our your my there here if because so such very more most less least about around
    ago earlier later last next ahead back off out up down away apart including including"""
)

# Unit rules of amounts (amount_units): what stops, skips or shapes the unit after a number.
UNIT_STOP_EXTRA = words_of("another other others times time once twice percent")
# Words between a number and what it counts that are not part of the unit.
SKIPPED_MODIFIERS = words_of("more fewer earlier further extra")
# What follows "N times" when it is a multiple ("80 times as much", "twice" aside).
MULTIPLE_OF = words_of(
    "as the more higher greater larger bigger faster lower smaller expected earnings sales "
    "what that its their his her our normal average"
)
IRREGULAR_PAST = words_of("fled fell went ran sought")
NOUNS_IN_ED = words_of("hundred seed speed need feed bed breed shed creed weed")
# What follows a verb and not a noun ("forced from", "wanted a"); not "were", so that
# "40 injured were treated" still counts the injured.
AFTER_A_VERB = words_of("from to into out at by with in on a an the their his her its off")
# Plurals without a plural -s, which end the counted phrase ("grandchildren", "women").
UNCOUNTED_PLURALS = words_of("police staff personnel cattle sheep")
PLURAL_ENDINGS = ("people", "children", "men")
TEMPERATURE_SCALES = words_of("celsius fahrenheit")
NAME_JOINS = words_of("and or")

# Attribution: unnamed sources as a group or body, the role as written ("EU officials said").
COLLECTIVE_SOURCES = words_of(
    """officials sources diplomats analysts experts lawyers witnesses residents researchers
    scientists organisers organizers prosecutors police judges executives investors employees
    workers protesters demonstrators doctors officers traders economists bookmakers panel jury
    administration crowd"""
)
ATTRIBUTING_VERBS = QUOTE_VERBS | words_of("say agreed chanted")  # before a quotation
GROUP_SPEECH_VERBS = ATTRIBUTING_VERBS | words_of("tell")  # "officials say"; not "expected"
SPEECH_PARTICIPLES = frozenset(w for w in QUOTE_VERBS if w.endswith("ing"))  # "..., saying"
# Not saying before a number: "added 1.7 percent", "called 248 witnesses".
COUNTING_VERBS = words_of("added adds called calls")
REQUEST_VERBS = words_of("asked asks")  # "asked the fund for 500m": a request, not saying
LEGAL_SUFFIXES = words_of("corp corp. inc inc. ltd ltd. llc plc co co. gmbh ag sa nv")
