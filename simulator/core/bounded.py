"""Bounds on untrusted input shared by every wire layer: nesting depth of JSON and XML documents
and constant-time comparison of secrets that may hold any character.

Why: Python's json parser and every recursive walk over a parsed body (echoes, cleaning, XML to
dict) raise RecursionError at ~1,000 levels, which would surface as a 500. Real services refuse
such documents with a 400 (Json.NET, under Xero's API, stops at 64 levels by default since 13.0.1:
https://www.newtonsoft.com/json/help/html/P_Newtonsoft_Json_JsonSerializerSettings_MaxDepth.htm;
the depth at which QBO or XPM stop is UNCONFIRMED, the same bound is used). Real bodies are fewer
than ten levels deep."""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

from connsim.simulator.core.errors import MalformedInput

#: deepest nesting accepted in a JSON or XML request body (objects/arrays, or elements)
MAX_DEPTH = 64


def too_deep_message(max_depth: int = MAX_DEPTH) -> str:
    return f"The document is nested more than {max_depth} levels deep"


def load_json(text: str | bytes, *, parse_float: Callable[[str], Any] | None = None,
              max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that refuses documents nested deeper than ``max_depth`` (MalformedInput);
    ValueError/UnicodeDecodeError for malformed text, as json.loads raises them."""
    try:
        data = json.loads(text, parse_float=parse_float)
    except RecursionError:
        raise MalformedInput(too_deep_message(max_depth)) from None
    if openers(text) > max_depth and json_depth(data) > max_depth:
        raise MalformedInput(too_deep_message(max_depth))
    return data


def openers(text: str | bytes) -> int:
    """How many ``{`` and ``[`` the text holds: no document nests deeper than that (brackets in
    strings only add to it), so a body with at most ``max_depth`` of them needs no walk. Counted in
    C; the walk was the dearest step of parsing an ordinary Xero PUT."""
    if isinstance(text, bytes):
        return text.count(b"{") + text.count(b"[")
    return text.count("{") + text.count("[")


def json_depth(data: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0, ``[]`` is 1), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest


def check_xml_depth(root: Element, max_depth: int = MAX_DEPTH) -> Element:
    """The root, or MalformedInput when elements nest deeper than ``max_depth`` (root is 1)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > max_depth:
            raise MalformedInput(too_deep_message(max_depth))
        stack.extend((child, depth + 1) for child in element)
    return root


def secrets_equal(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison of two credentials of any characters. ``hmac.compare_digest`` on
    ``str`` accepts ASCII only (TypeError otherwise), so both sides are compared as UTF-8 bytes;
    lone surrogates (from undecodable form or header bytes) are kept, never an error."""
    if given is None or expected is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))
