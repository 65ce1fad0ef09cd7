"""Where a text names documents and their authors, and a verb of saying right after a name.

Patterns shared by the article index (``document_author``, ``organisation_that_spoke``)
and the subject and claim rules. Data, no logic.
"""

from __future__ import annotations

import re

from claimwire_enrich import lexicon as lx

_DOCUMENT_ALT = "|".join(sorted(lx.DOCUMENT_NOUNS))
# "the report", "its annual survey" just before a verb; "the study" right after "according to"
DOCUMENT_END = re.compile(
    rf"\b(?:the|its|their|this|that|a|an)\s+(?:[\w-]+\s+){{0,2}}?({_DOCUMENT_ALT})\s*$",
    re.IGNORECASE,
)
DOCUMENT_START = re.compile(
    rf"(?:the|its|their|this|that|a|an)\s+(?:[\w-]+\s+){{0,2}}?({_DOCUMENT_ALT})\b",
    re.IGNORECASE,
)
# Where the text names a document's author: "a report by the", "a new study from"; and
# after the name: "'s annual report", " report", " published a study".
DOCUMENT_BY = re.compile(
    rf"\b({_DOCUMENT_ALT})\b(?:\s+[\w-]+){{0,3}}?\s+(?:by|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
DOCUMENT_OF = re.compile(
    rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?({_DOCUMENT_ALT})\b"
    rf"|\s+(?:published|released|issued|commissioned)\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"({_DOCUMENT_ALT})\b",
    re.IGNORECASE,
)
# A speech verb right after a name, past an acronym in parentheses: "The unit (NECU) said".
SPEECH_AFTER = re.compile(
    r"(?:\s*\([^()\n]{1,12}\))?\s+(?:"
    + "|".join(sorted(lx.SPEECH_VERBS, key=len, reverse=True))
    + r")\b"
)
