"""Claimwire's event contracts: pydantic models, topics, ids, CloudEvents headers."""
