"""Refuse a property its type does not have, at any depth of a written entity, as QBO refuses it
(400 code 2010, Jackson's "Unrecognized field" text naming the class), instead of keeping and echoing it.

The walk follows the body in document order, as Jackson reads it, so the first unknown property met is
the one reported: objects, lists of objects (a single object where a list is declared is walked too:
the simulator accepts one) and each Line detail by its own type. Values of the wrong JSON type are left
to the validation that reads them. The tree and its sources: ``properties.py``."""

from __future__ import annotations

from typing import Any

from connsim.simulator.qbo.errors import UnknownProperty
from connsim.simulator.qbo.model.properties import ENTITIES, TYPES, known


def check_properties(kind: str, data: dict[str, Any]) -> None:
    """Raise UnknownProperty for the first property of ``data`` (an entity ``kind``) its type lacks."""
    if kind in ENTITIES:
        _walk(kind, data)


def _walk(kind: str, data: dict[str, Any]) -> None:
    declared = TYPES[kind]
    for name, value in data.items():
        field = declared.get(name)
        if field is None:
            raise UnknownProperty(str(name), kind, known(kind))
        nested = field[0]
        if nested is None:
            continue
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, dict):
                _walk(nested, item)
