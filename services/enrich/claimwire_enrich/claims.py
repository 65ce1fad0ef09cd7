"""Check-worthy claims: which sentences assert something a fact-checker could verify.

A sentence scores for what can be checked in it (amounts, dates, named
actors, events, predictions, causes, rules, accusations) and loses for what
cannot (questions, feelings, boilerplate, very short text). Each claim gets
its claimant (the quoted or attributed source, else the outlet), a claim
type from the fact-checkers' typology, a certainty that drops with every
hedge, and a fingerprint that depends on what is claimed (the main amount
and its unit, the country it is about) rather than on the wording, so the
same figure from different articles and sources clusters together.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import operator
import re

from claimwire_schemas.events import ClaimType

from claimwire_enrich import lexicon as lx
from claimwire_enrich import lexicon_claims as lxc
from claimwire_enrich.amount_forms import MEASURE
from claimwire_enrich.amounts import FoundAmount

_FIRST_PERSON_PAST = re.compile(
    r"\b(?:I|we)\s+(?:\w+ed|saw|told|was|were|had|went|did|felt|heard)\b"
)
_STOP_FOR_FINGERPRINT = lx.COMMON_WORDS | lx.SPEECH_VERBS | lx.UNIT_STOP
_PREDICTION_WORDS = frozenset({"will"}) | lxc.SOFT_PREDICTION
CLAIM_THRESHOLD = 0.4
# Named scoring rules (issue 14), each with its unit test in tests/unit/enrich/test_claims.py.
# reported_speech: "X said (that) ..." with the claim paraphrased, not quoted, is an
# attributed assertion a checker can take to the source; once "said that" alone earned it.
REPORTED_SPEECH_BONUS = 0.06
# reported_floor: a paraphrase its source is named for ("He said prosecutors may appeal
# the ruling") asserts something in someone's name, so it is always a claim, if a low one
# (seven words or more; questions and boilerplate still lose their penalties after it).
# lead: a wire story's first sentence states its main news (inverted pyramid).
LEAD_BONUS = 0.1
# direct_quote: a mostly quoted sentence ranks below the same assertion reported, since wire
# copy quotes for voice and paraphrases the checkable point; it demotes, never drops.
DIRECT_QUOTE_DEMOTION = 0.15
# quoted_phrase: 'Mayor Ilse Varga called the plan "a slow disaster".' Quoting a fifth to
# a half of its words, a sentence carries the speaker's colour: a small demotion.
QUOTED_PHRASE_DEMOTION = 0.05
QUOTED_PHRASE_SHARE = 0.2
# located_by_distance: "about 40 miles north of the capital" places something, it claims
# nothing; an amount that only locates does not make the sentence a quantity claim to rank,
# so the demotion takes back the amount bonus. Figures are counted, not amounts: "40 km
# (25 miles) north of" is one figure that locates.
LOCATION_DEMOTION = 0.35
# place_size: "Orsk, a town of 3,000 people," sizes a place the way a distance locates it;
# place_count: "elections in three northern states": a small count of places places too.
# incidental_count: "three German states", "one thing": a count below ten with no event
# (killed, destroyed) to count is a detail of the story, not a figure a checker would
# verify; it adds far less than a real amount does.
INCIDENTAL_COUNT_BONUS = 0.2
INCIDENTAL_COUNT_LIMIT = 10
# scene_opener: "Having coped with the wind, crews ..." or "Assisted by a shift in the
# wind, ...": a sentence opened by a participle phrase narrates a scene; what it reports
# is stated elsewhere in plainer words. It demotes, never drops.
SCENE_OPENER_DEMOTION = 0.15
# first_person_quote: '"We moved the crates at night," the skipper said.' A quotation in
# the speaker's own voice (I, we, our) with no figure beyond a small count tells what the
# speaker did or feels; the checkable point of the story is reported elsewhere. It
# demotes, never drops; a quotation with a real figure ("We moved 4,000 crates") keeps it.
FIRST_PERSON_QUOTE_DEMOTION = 0.15
FIRST_PERSON_QUOTED_SHARE = 0.2
# several_figures: "The mill sold 4,000 tonnes of flour to 120 bakeries" gives a checker
# two figures to verify; a tally ("won 5-3") is one, a bracketed conversion repeats one.
SEVERAL_FIGURES_BONUS = 0.05


def unit_lemma(unit: str) -> str:
    """ "soldiers" -> "troop", "kilometres" -> "kilometre": what a unit counts, singular."""
    u = unit.lower().strip()
    if u in lxc.UNIT_SYNONYMS:
        return lxc.UNIT_SYNONYMS[u]
    word = u.split()[-1] if u else u
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    return lxc.UNIT_SYNONYMS.get(word, word)


def fingerprint(
    amounts: list[FoundAmount], countries: list[str], entity_names: list[str], words: list[str]
) -> str:
    """Same claim, same fingerprint: the main amount, its unit and country, or the gist."""
    main = next(
        (a for a in amounts if a.kind != MEASURE or a.unit not in lxc.DURATION_UNITS),
        None,
    )
    if main is not None and not countries and main.unit in lxc.SAYS_NOT_WHAT:
        main = None  # "3%" with no place: says nothing of what it measures, so the gist does
    if main is not None:
        country = countries[0] if countries else ""
        key = f"q|{main.value:.6g}|{unit_lemma(main.unit)}|{country}"
    else:
        gist = sorted(w for w in set(words) - _STOP_FOR_FINGERPRINT if len(w) > 3)[:12]
        key = "t|" + "|".join(sorted(set(entity_names))) + "|" + " ".join(gist)
    return hashlib.sha256(key.encode()).hexdigest()[:24]


# One bit per kind of cue word, so a sentence's cues are one pass of dict lookups.
EVENT, RULE, CAUSAL, ACCUSE, TREND, DENIAL, CHARACTERISING, OPINION = (1 << i for i in range(8))
ASSESS, PRED_STRONG, PRED_OPENER, SPEECH, THAT, AS, THAN, COMPARATIVE = (
    1 << i for i in range(8, 16)
)
BOILER, HEDGE = 1 << 16, 1 << 17
_GROUPS: tuple[tuple[int, frozenset[str]], ...] = (
    (EVENT, lx.EVENT_CUES),
    (RULE, lx.RULE_CUES),
    (CAUSAL, lx.CAUSAL_CUES),
    (ACCUSE, lx.ACCUSATION_CUES),
    (TREND, lxc.TREND_WORDS),
    (DENIAL, lxc.DENIALS),
    (CHARACTERISING, lxc.CHARACTERISING),
    (OPINION, lx.OPINION_ONLY),
    (ASSESS, frozenset({"believe", "likely", "probably"})),
    (PRED_STRONG, frozenset({"will"}) | lxc.SOFT_PREDICTION),
    (PRED_OPENER, frozenset({"plan", "plans", "going", "could"}) | lxc.BE),
    (SPEECH, lx.SPEECH_VERBS | {"according"}),
    (THAT, frozenset({"that"})),
    (AS, frozenset({"as"})),
    (THAN, frozenset({"than"})),
    (COMPARATIVE, lxc.COMPARATIVE),
    (BOILER, frozenset({"comment", "respond"})),
    (HEDGE, frozenset(h for h in lx.HEDGES if " " not in h) | {"verified", "sooner"}),
)
CUE_FLAGS: dict[str, int] = {}
for _bit, _group in _GROUPS:
    for _word in _group:
        CUE_FLAGS[_word] = CUE_FLAGS.get(_word, 0) | _bit


def word_flags(cue_words: list[str]) -> list[int]:
    """The cue bits of each word ("" for words not written in lower case gives 0)."""
    get = CUE_FLAGS.get
    return [get(word, 0) for word in cue_words]


def cue_flags(flags: list[int]) -> int:
    """The cue bits of a run of words: the union of :func:`word_flags`."""
    return functools.reduce(operator.or_, flags, 0)


def _distances_located(low: list[str]) -> int:
    """How many "<compass point> of" phrases place something in ``low``: "west of", and
    how many "<place> of <number>" phrases size a place: "a town of 3,000" (place_size)."""
    if "of" not in low:
        return 0  # most sentences: one scan at C speed, not a Python loop over word pairs
    return sum(
        1
        for i, (w, n) in enumerate(itertools.pairwise(low))
        if n == "of"
        and (w in lxc.COMPASS or (w in lxc.PLACE_NOUNS and _a_number(low[i + 2 : i + 4])))
    )


def _a_number(after: list[str]) -> bool:
    """Whether ``after`` starts with a number, maybe after "about": "16", "about 3,000"."""
    first = after[1:2] if after[:1] and after[0] in lxc.APPROXIMATORS else after[:1]
    return bool(first) and (first[0][:1].isdigit() or first[0] in lx.NUMBER_WORDS)


def _scene_opener(text: str, low: list[str]) -> bool:
    """Whether ``text`` opens with a participle phrase set off by a comma."""
    first = low[0] if low else ""
    if not first.endswith(("ing", "ed")) or first in lxc.NOT_SCENE_OPENERS:
        return False
    comma = text.find(",", 0, 90)
    return comma > len(first) + 4 and text[: len(first)].lower() == first


def _attributed(score: float, flags: int, quoted_share: float, n_words: int) -> float:
    """The score of an attributed sentence: its bonus, reported_speech and reported_floor."""
    score += 0.12 + (0.05 if flags & ASSESS else 0.0)
    if flags & THAT or quoted_share < 0.5:
        score += REPORTED_SPEECH_BONUS
    if quoted_share < 0.5 and n_words >= 7:
        score = max(score, CLAIM_THRESHOLD)  # rule reported_floor
    return score


def _quantity_bonus(
    flags: int, small_counts_only: bool, n_figures: int, single_count: bool = False
) -> float:
    """What a sentence's amounts add (rules incidental_count and single_count: small counts
    add less)."""
    incidental = single_count or (small_counts_only and not flags & EVENT)
    if incidental:
        return INCIDENTAL_COUNT_BONUS
    return 0.35 + (SEVERAL_FIGURES_BONUS if n_figures >= 2 else 0.0)


def _demotion(
    text: str,
    low: list[str],
    n_amounts: int,
    quoted_share: float,
    small_counts_only: bool,
    n_placed: int = 0,
) -> float:
    """What the ranking rules direct_quote, located_by_distance, scene_opener and
    first_person_quote take off."""
    if quoted_share > 0.5:
        demotion = DIRECT_QUOTE_DEMOTION
    else:  # rule quoted_phrase
        demotion = QUOTED_PHRASE_DEMOTION if quoted_share >= QUOTED_PHRASE_SHARE else 0.0
    if (
        quoted_share >= FIRST_PERSON_QUOTED_SHARE
        and (not n_amounts or small_counts_only)
        and not lxc.FIRST_PERSON.isdisjoint(low)
    ):
        demotion += FIRST_PERSON_QUOTE_DEMOTION
    if n_amounts and n_amounts <= _distances_located(low) + n_placed:
        demotion += LOCATION_DEMOTION
    if _scene_opener(text, low):
        demotion += SCENE_OPENER_DEMOTION
    return demotion


def _is_prediction(low: list[str]) -> bool:
    for i, w in enumerate(low):
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if w in ("plan", "plans", "going") and nxt == "to":
            return True
        if w in lxc.BE and nxt in lxc.EXPECTATION and i + 2 < len(low) and low[i + 2] == "to":
            return True
        if w == "could" and nxt in lxc.COULD_VERBS:
            return True
    return False


def _looks_back(low: list[str]) -> bool:
    """Whether no soft-prediction word of ``low`` looks ahead (rules hindsight and
    attributive_likely)."""
    for i, w in enumerate(low):
        if w not in _PREDICTION_WORDS:
            continue
        prev = low[i - 1] if i else ""
        if w in lxc.HINDSIGHT_MODALS and i + 1 < len(low) and low[i + 1] == "have":
            continue  # "could have been", "would have been lower"
        if w in lxc.EXPECTATION_PARTICIPLES and prev in ("had", "been"):
            continue  # "had been expected to", "had forecast"
        if w == "likely" and prev in ("a", "an", "the"):
            continue  # "a likely sign": an assessment of now, no forecast
        return False
    return True


def _a_share(low: list[str]) -> bool:
    """Whether a share word of ``low`` is a share, not a part of a place (rule part_of_place:
    "the southern half of the camp")."""
    return any(
        w in lxc.SHARE_WORDS and not (i and low[i - 1] in lxc.REGION_ADJECTIVES)
        for i, w in enumerate(low)
    )


def score_sentence(
    text: str,
    low: list[str],
    flags: int,
    *,
    n_amounts: int,
    n_dates: int,
    n_entities: int,
    attributed: bool,
    quoted_share: float,
    lead: bool = False,
    small_counts_only: bool = False,
    single_count: bool = False,
    n_placed: int = 0,
    n_figures: int | None = None,
) -> tuple[float, ClaimType]:
    """Check-worthiness in [0, 1] and the claim type of one sentence.

    ``low`` are the sentence's words lower-cased, ``flags`` the bits of its cue
    words (:func:`cue_flags`), counted only where written in lower case, so
    "Treaty" in an organisation's name is not a rule. ``lead``: the body's first
    sentence. Pure and idempotent; raises nothing.
    """
    prediction = bool(flags & PRED_STRONG) and not _looks_back(low)
    prediction = prediction or bool(flags & PRED_OPENER and _is_prediction(low))
    trend = bool(flags & TREND) or bool(
        flags & THAN
        and flags & COMPARATIVE
        and any(w in lxc.COMPARATIVE and n == "than" for w, n in itertools.pairwise(low))
    )
    characterised = bool(flags & DENIAL) or bool(
        flags & CHARACTERISING
        and flags & AS
        and any(w in lxc.CHARACTERISING and "as" in low[i + 1 : i + 16] for i, w in enumerate(low))
    )
    if not n_amounts and not lxc.SHARE_WORDS.isdisjoint(low) and _a_share(low):
        n_amounts = 1  # "about half", "two-thirds": no amount (conventions), still a quantity
    score = 0.1
    if n_amounts:
        score += _quantity_bonus(
            flags, small_counts_only, n_amounts if n_figures is None else n_figures, single_count
        )
    score += 0.08 if n_dates else 0.0
    score += 0.06 * min(n_entities, 3)
    score += 0.15 if flags & EVENT else 0.0
    score += 0.15 if prediction else 0.0
    score += 0.12 if flags & CAUSAL else 0.0
    score += 0.12 if flags & RULE else 0.0
    score += 0.15 if flags & ACCUSE else 0.0
    if attributed:
        score = _attributed(score, flags, quoted_share, len(low))
    if lead:
        score += LEAD_BONUS
    score += 0.1 if trend else 0.0
    score += 0.1 if characterised else 0.0
    # demote_all: the demotions below apply to the trend and characterised bonuses too
    figures = min(n_amounts, n_figures) if n_figures else n_amounts
    demotion = _demotion(text, low, figures, quoted_share, small_counts_only, n_placed)
    demotion += 0.1 if trend and not (n_amounts or n_dates) else 0.0  # rule bare_trend
    if demotion:
        # ranking rules: they reorder what passes the threshold but never drop it
        score = max(score - demotion, min(score, CLAIM_THRESHOLD))
    if text.rstrip("\"”’' ").endswith("?"):
        score -= 0.4
    if len(low) < 7:
        score -= 0.25
    if quoted_share > 0.5 and not n_amounts and flags & OPINION:
        score -= 0.15
    if flags & BOILER:
        lowered = text.lower()
        if any(phrase in lowered for phrase in lx.BOILERPLATE):
            score -= 0.5
    score = round(min(1.0, max(0.0, score)), 3)
    return score, _claim_type(text, flags, n_amounts, prediction, quoted_share)


def _claim_type(
    text: str, flags: int, n_amounts: int, prediction: bool, quoted_share: float
) -> ClaimType:
    """The claim type, the most specific that fits first."""
    if n_amounts:
        return ClaimType.QUANTITY
    if flags & RULE:
        return ClaimType.RULES
    if flags & CAUSAL:
        return ClaimType.CAUSATION
    if prediction:
        return ClaimType.PREDICTION
    if quoted_share > 0.5 and _FIRST_PERSON_PAST.search(text):
        return ClaimType.EXPERIENCE
    return ClaimType.EVENT if flags & (EVENT | ACCUSE) else ClaimType.OTHER
