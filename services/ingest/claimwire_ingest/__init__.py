"""Claimwire ingest: files, folders, feeds and HTTP pushes in; ``claimwire.articles.raw.v1`` out.

The pure core (``decoding``, ``normalise``, ``validate``, ``formats``) turns
input bytes into ``ArticleRaw`` events or ``RejectedInput`` errors without a
broker; ``publisher`` and ``http_app`` are the thin Kafka and HTTP adapters.
"""
