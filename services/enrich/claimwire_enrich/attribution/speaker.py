"""What attribution finds: a speaker, and the attribution of one quotation or sentence."""

from __future__ import annotations

from dataclasses import dataclass

from claimwire_schemas.events import EntityType


@dataclass(frozen=True, slots=True, init=False)
class Speaker:
    """A resolved speaker: canonical name, entity type, and the entity index when there is one."""

    name: str
    kind: EntityType
    entity: int

    def __init__(self, name: str, kind: EntityType, entity: int = -1) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "entity", entity)


@dataclass(frozen=True, slots=True, init=False)
class Attribution:
    """Who said it, with which verb, and the name of the pattern that decided (``rule``)."""

    speaker: Speaker | None
    verb: str | None
    rule: str | None

    def __init__(self, speaker: Speaker | None, verb: str | None, rule: str | None = None) -> None:
        object.__setattr__(self, "speaker", speaker)
        object.__setattr__(self, "verb", verb)
        object.__setattr__(self, "rule", rule)


NO_ATTRIBUTION = Attribution(None, None)
# The rule of a claim whose claimant is the outlet itself, as no pattern named anyone.
OUTLET_RULE = "outlet"
