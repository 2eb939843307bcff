"""Untrusted XML, parsed safely: no DTDs, no entity expansion, no external entities (defusedxml).
Nesting is bounded (core/bounded.py). Every failure becomes MalformedInput, which the API's wire
layer renders in its own format."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from connsim.simulator.core.bounded import MAX_DEPTH, check_xml_depth
from connsim.simulator.core.errors import MalformedInput


def parse_xml(body: bytes | str, expected_root: str | tuple[str, ...] | None = None,
              max_depth: int = MAX_DEPTH) -> Element:
    """The root element; MalformedInput for anything unsafe, malformed or nested deeper than ``max_depth``."""
    if not body.strip():
        raise MalformedInput("The request body is empty; an XML document was expected")
    try:
        root = SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise MalformedInput(f"XML rejected: {type(exc).__name__} (DTDs and entities are not allowed)") from None
    except ParseError as exc:
        raise MalformedInput(f"The XML is not well formed: {exc}") from None
    except (ValueError, LookupError) as exc:  # unknown or multi-byte encoding declarations
        raise MalformedInput(f"The XML could not be decoded: {exc}") from None
    check_xml_depth(root, max_depth)
    if expected_root:
        roots = (expected_root,) if isinstance(expected_root, str) else expected_root
        if root.tag not in roots:
            raise MalformedInput(f"Expected <{'> or <'.join(roots)}> as the root element, got <{root.tag}>")
    return root


def text(el: Element, tag: str, default: str | None = None) -> str | None:
    """Text of a direct child, stripped; ``default`` when absent or empty."""
    child = el.find(tag)
    if child is None or child.text is None or not child.text.strip():
        return default
    return child.text.strip()
