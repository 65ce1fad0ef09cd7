"""Attribution: who said a quotation, who a sentence's claim comes from.

``resolver.AttributionResolver`` runs the ordered pattern tables of
``quote_patterns`` (quotations) and ``claim_patterns`` (sentences); both find
subjects through ``subjects`` (its own table of subject rules), ``pronouns``, ``groups``
(unnamed and collective sources: "EU officials said", "the companies said") and the
article's role and mention indexes in ``article``. See docs/extraction.md for how to
add a pattern.
"""
