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

import hashlib
import re
from dataclasses import dataclass, field

from claimwire_enrich import lexicon as lx
from claimwire_enrich.amounts import FoundAmount
from claimwire_enrich.speakers import Attribution, Speaker

_WORD = re.compile(r"[a-z][a-z'’-]*")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_TREND = re.compile(
    r"\b(?:more|less|fewer)\s+than\b|\b(?:largest|biggest|highest|lowest|smallest|fastest|"
    r"slowest|worst|best|record|doubled|tripled|halved|closer|sooner|faster|higher|lower|"
    r"(?:above|below)-average|increas\w*|decreas\w*|ris(?:e|es|ing)|fell|falling|declin\w*|"
    r"grow(?:s|ing|th)?|shrink\w*|retreat\w*|surg\w*|soar\w*|plung\w*|jump\w*|drop\w*)\b",
    re.IGNORECASE,
)
_CHARACTERISATION = re.compile(
    r"\b(?:described|describes|called|calls|dismissed|branded|labelled|labeled|denied|denies)\b"
    r"[^.;]{0,80}\bas\b|\b(?:denied|denies|rejected|rejects)\b",
    re.IGNORECASE,
)
_MULTI_HEDGES = tuple(h for h in lx.HEDGES if " " in h)
_PREDICTION_PHRASES = re.compile(
    r"\b(?:is|are|was|were)\s+(?:expected|set|due|likely|poised|scheduled)\s+to\b|\bplans?\s+to\b"
    r"|\bwill\b|\bgoing\s+to\b|\bcould\s+(?:come|reach|rise|fall|hit|take|grow|lose)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_PAST = re.compile(r"\b(?:I|we)\s+(?:\w+ed|saw|told|was|were|had|went|did|felt|heard)\b")
_UNIT_SYNONYMS = {
    "soldier": "troop", "servicemen": "troop", "serviceman": "troop", "personnel": "troop",
    "evacuee": "people", "person": "people", "resident": "people", "percentage point": "point",
    "per cent": "percent", "pct": "percent", "dollar": "usd", "euro": "eur",
}  # fmt: skip
_STOP_FOR_FINGERPRINT = lx.COMMON_WORDS | lx.SPEECH_VERBS | lx.UNIT_STOP
_DURATION_UNITS = frozenset(
    "years year days day weeks week months month hours hour minutes minute seconds second "
    "decades decade".split()
)
CLAIM_THRESHOLD = 0.4


@dataclass(slots=True)
class ClaimDraft:
    """A claim before it becomes an event: offsets, scores and what it mentions."""

    start: int
    end: int
    claimant: Speaker | None
    quoted: bool
    claim_type: str
    checkworthiness: float
    certainty: float
    hedges: list[str]
    amounts: list[FoundAmount]
    entities: list[int]
    countries: list[str]
    fingerprint: str = ""
    features: dict[str, float] = field(default_factory=dict)


def unit_lemma(unit: str) -> str:
    """ "soldiers" -> "troop", "kilometres" -> "kilometre": what a unit counts, singular."""
    u = unit.lower().strip()
    if u in _UNIT_SYNONYMS:
        return _UNIT_SYNONYMS[u]
    word = u.split()[-1] if u else u
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    return _UNIT_SYNONYMS.get(word, word)


def fingerprint(
    amounts: list[FoundAmount], countries: list[str], entity_names: list[str], words: list[str]
) -> str:
    """Same claim, same fingerprint: the main amount, its unit and country, or the gist."""
    main = next(
        (a for a in amounts if a.kind != "measure" or a.unit not in _DURATION_UNITS), None
    )
    if main is not None:
        country = countries[0] if countries else ""
        key = f"q|{main.value:.6g}|{unit_lemma(main.unit)}|{country}"
    else:
        gist = sorted({w for w in words if len(w) > 3 and w not in _STOP_FOR_FINGERPRINT})[:12]
        key = "t|" + "|".join(sorted(set(entity_names))) + "|" + " ".join(gist)
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def score_sentence(
    text: str,
    words: list[str],
    *,
    n_amounts: int,
    n_dates: int,
    n_entities: int,
    attributed: bool,
    quoted_share: float,
) -> tuple[float, str, dict[str, float]]:
    """Check-worthiness in [0, 1], the claim type, and the features that made the score.

    Cue words count only where written in lower case, so "Treaty" in an
    organisation's name is not a rule and "Will" opening a question is no prediction.
    """
    wordset = set(_LOWER_WORD.findall(text))
    f: dict[str, float] = {}
    f["amount"] = 0.35 if n_amounts else 0.0
    f["date"] = 0.08 if n_dates else 0.0
    f["entities"] = 0.06 * min(n_entities, 3)
    f["event"] = 0.15 if wordset & lx.EVENT_CUES else 0.0
    prediction = bool(_PREDICTION_PHRASES.search(text)) or bool(
        wordset & {"expected", "forecast", "projected", "likely", "probably", "would", "could"}
    )
    f["prediction"] = 0.15 if prediction else 0.0
    f["causal"] = 0.12 if wordset & lx.CAUSAL_CUES else 0.0
    f["rules"] = 0.12 if wordset & lx.RULE_CUES else 0.0
    f["accusation"] = 0.15 if wordset & lx.ACCUSATION_CUES else 0.0
    f["attributed"] = 0.12 if attributed else 0.0
    f["that_clause"] = 0.08 if "that" in wordset and attributed else 0.0
    f["trend"] = 0.1 if _TREND.search(text) else 0.0
    f["characterisation"] = 0.1 if _CHARACTERISATION.search(text) else 0.0
    f["assessment"] = 0.05 if attributed and wordset & {"believe", "likely", "probably"} else 0.0
    penalty = 0.0
    if text.rstrip("\"”’' ").endswith("?"):
        penalty += 0.4
    if len(words) < 7:
        penalty += 0.25
    if quoted_share > 0.5 and not n_amounts and wordset & lx.OPINION_ONLY:
        penalty += 0.15
    low = text.lower()
    if any(phrase in low for phrase in lx.BOILERPLATE):
        penalty += 0.5
    score = 0.1 + sum(f.values()) - penalty
    score = round(min(1.0, max(0.0, score)), 3)
    if n_amounts:
        kind = "quantity"
    elif f["rules"]:
        kind = "laws_rules"
    elif f["causal"]:
        kind = "correlation_causation"
    elif prediction:
        kind = "prediction"
    elif _FIRST_PERSON_PAST.search(text) and quoted_share > 0.5:
        kind = "personal_experience"
    elif f["event"] or f["accusation"]:
        kind = "event"
    else:
        kind = "other"
    return score, kind, f


def hedges_in(text: str, words: list[str]) -> tuple[list[str], float]:
    """Hedge words and phrases in ``text`` and the certainty left after them."""
    found = [w for w in dict.fromkeys(words) if w in lx.HEDGES and " " not in w]
    low = text.lower()
    found += [p for p in _MULTI_HEDGES if p in low]
    if "expected" in found and "sooner than expected" in found:
        found.remove("expected")
    certainty = 1.0 - sum(lx.HEDGES.get(h, 0.0) for h in found)
    return [h for h in found if lx.HEDGES.get(h, 0.0) > 0], round(max(0.1, certainty), 3)


def sentence_words(text: str) -> list[str]:
    """Lower-case words of a sentence (apostrophes kept)."""
    return _WORD.findall(text.lower())


def claimant_of(
    quoted_share: float, quote_att: Attribution | None, said: Attribution | None
) -> tuple[Speaker | None, bool]:
    """The quoted speaker for a mostly quoted sentence, else the attributed source."""
    if quoted_share >= 0.5 and quote_att is not None and quote_att.speaker is not None:
        return quote_att.speaker, True
    if said is not None and said.speaker is not None:
        return said.speaker, quoted_share >= 0.5
    return None, quoted_share >= 0.5
