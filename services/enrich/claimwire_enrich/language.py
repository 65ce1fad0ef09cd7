"""The language of an article: a cheap English test first, then py3langid on a sample.

Most of the stream is English, and English text is recognised from its
function words in microseconds; only other text pays for the classifier, and
only on a bounded sample, so a 2 MB body costs the same as a short one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimwire_enrich.lexicon import words_of

_ENGLISH_FUNCTION_WORDS = words_of(
    """the of and to in a is that for on with was as by at from has have said it be are were
    will not this which his her their an"""
)
_SAMPLE_CHARS = 2000
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_SHARE = 0.22
_MIN_WORDS = 3


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"und"`` when there is too little to tell.

    ``hint`` (the language the source declared) wins when the text is too short.
    Pure and idempotent; looks at most at the first 2,000 characters.
    """
    sample = text[:_SAMPLE_CHARS]
    tokens = _WORD.findall(sample.lower())
    if len(tokens) < _MIN_WORDS:
        return (hint or "und").split("-")[0].lower() or "und"
    english = sum(1 for t in tokens if t in _ENGLISH_FUNCTION_WORDS)
    if english / len(tokens) >= _ENGLISH_SHARE:
        return "en"
    code, _prob = _identifier().classify(sample)
    return str(code)
