"""Claimwire's enrichment: from a raw wire story to entities, quotations, amounts and claims.

The pure core is :func:`claimwire_enrich.core.enrich_article`; the faust service
(``claimwire_enrich.service``) and the ``claimwire extract`` command wrap it.
"""
