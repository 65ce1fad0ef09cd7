"""Claimwire: news articles in, searchable attributed claims out."""

__version__ = "0.1.0"
