"""Hypothesis strategies for hostile input: arbitrary JSON, realistic documents with one part
mutated, XML with elements and text mutated, query-language statements built from the languages'
own tokens, and OAuth forms. Realistic seeds reach the deep handlers; arbitrary values reach the
parsers."""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from hypothesis import strategies as st

scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
                    st.sampled_from(["", "0", "-1", "1e999", "NaN", "2025-02-30", "/Date(99999999999999999)/",
                                     "00000000-0000-0000-0000-000000000000", "AUTHORISED", "DELETED", "null",
                                     "\u0000", "é" * 5, "<x/>", "' OR 1=1 --", "9" * 40]))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                           max_leaves=16)


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with one value replaced, one key removed or one unknown key added, at any depth."""
    doc = json.loads(json.dumps(document))
    holders: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, (dict, list)):
            holders.append(node)
            for child in (node.values() if isinstance(node, dict) else node):
                walk(child)

    walk(doc)
    target = draw(st.sampled_from(holders))
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    action = draw(st.sampled_from(["replace", "delete", "add"] if keys else ["add"]))
    if action == "add":
        if isinstance(target, dict):
            target[draw(st.text(max_size=12))] = draw(json_values)
        else:
            target.append(draw(json_values))
    elif action == "delete":
        del target[draw(st.sampled_from(keys))]
    else:
        target[draw(st.sampled_from(keys))] = draw(json_values)
    return doc


def json_bodies(*documents: Any) -> st.SearchStrategy[bytes]:
    """Bodies for a JSON endpoint: mutated real documents, arbitrary JSON, and arbitrary bytes."""
    realistic = st.sampled_from(documents).flatmap(mutated)
    return st.one_of(realistic.map(lambda d: json.dumps(d).encode()), realistic.map(lambda d: json.dumps(d).encode()),
                     json_values.map(lambda d: json.dumps(d).encode()), st.binary(max_size=200))


def _to_xml(tag: str, value: Any) -> Element:
    el = Element(tag)
    for key, child in value.items():
        if isinstance(child, dict):
            el.append(_to_xml(key, child))
        else:
            SubElement(el, key).text = child
    return el


@st.composite
def mutated_xml(draw: st.DrawFn, root: str, fields: dict[str, Any]) -> bytes:
    """A real request document with one element's text replaced, one removed or one unknown added."""
    el = _to_xml(root, fields)
    nodes = list(el.iter())
    target = draw(st.sampled_from(nodes))
    action = draw(st.sampled_from(["text", "remove", "add", "attr"]))
    if action == "text":
        target.text = draw(st.text(max_size=40).filter(_xml_safe))
    elif action == "remove" and len(target):
        target.remove(draw(st.sampled_from(list(target))))
    elif action == "add":
        SubElement(target, draw(st.from_regex(r"\A[A-Za-z][A-Za-z0-9]{0,10}\Z"))).text = draw(
            st.text(max_size=20).filter(_xml_safe))
    else:
        target.set(draw(st.from_regex(r"\A[a-z]{1,6}\Z")), draw(st.text(max_size=10).filter(_xml_safe)))
    return tostring(el, encoding="utf-8")


def _xml_safe(text: str) -> bool:
    """Characters XML 1.0 can hold (ElementTree would write the others and make the document unreadable)."""
    return all(c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD for c in text)


def xml_bodies(root: str, fields: dict[str, Any]) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated_xml(root, fields), mutated_xml(root, fields), st.binary(max_size=200),
                     st.text(max_size=80).map(lambda t: f"<{root}>{t}</{root}>".encode("utf-8", "surrogatepass")))


XERO_WHERE_TOKENS = ["Status", "Type", "Contact.ContactID", "Contact.Name", "Total", "AmountDue", "Date", "DueDate",
                     "InvoiceNumber", "Reference", "Name", "==", "!=", ">", "<", ">=", "<=", "AND", "OR", "NOT",
                     '"AUTHORISED"', '"ACCREC"', "DateTime(2025,01,01)", "DateTime(2025,13,45)",
                     'Guid("00000000-0000-0000-0000-000000000000")', "10", "-5.5", "true", "null", ".Contains(",
                     ".StartsWith(", '"x")', "(", ")", '"', "'", "\\", "&&", "||", ".ToUpper()"]
XERO_ORDER_TOKENS = ["Date", "Total", "InvoiceNumber", "Name", "ASC", "DESC", ",", " ", "Nope", "UpdatedDateUTC"]
QBO_TOKENS = ["SELECT", "select", "*", "COUNT(*)", "Id", "DisplayName", "TotalAmt", "Balance", "TxnDate",
              "MetaData.LastUpdatedTime", "FROM", "Invoice", "Customer", "Payment", "CreditMemo", "Widget", "WHERE",
              "AND", "OR", "=", "<", ">", "<=", ">=", "!=", "IN", "LIKE", "('1','2')", "'1'", "'%x%'", "'2025-01-01'",
              "true", "ORDERBY", "ORDER BY", "DESC", "ASC", "STARTPOSITION", "MAXRESULTS", "1", "0", "-1",
              "1000000000000", "'", "''", ",", "(", ")", "\\", ";", "--"]


def statements(tokens: list[str], prefix: list[str] | None = None) -> st.SearchStrategy[str]:
    """Token soup from the language's own words (some statements valid, most almost valid)."""
    body = st.lists(st.one_of(st.sampled_from(tokens), st.text(max_size=8)), max_size=12)
    return body.map(lambda words: " ".join([*(prefix or []), *words]))


qbo_queries = st.one_of(statements(QBO_TOKENS), statements(QBO_TOKENS, ["SELECT", "*", "FROM", "Invoice", "WHERE"]),
                        statements(QBO_TOKENS, ["SELECT", "*", "FROM", "Customer"]))
xero_where = st.one_of(statements(XERO_WHERE_TOKENS), statements(XERO_WHERE_TOKENS, ["Status", "=="]))

FORM_KEYS = ["grant_type", "code", "refresh_token", "client_id", "client_secret", "redirect_uri", "scope", "token",
             "token_type_hint"]
form_values = st.one_of(st.text(max_size=40), st.sampled_from(["authorization_code", "refresh_token",
                                                                "client_credentials", "password", ""]))
forms = st.dictionaries(st.one_of(st.sampled_from(FORM_KEYS), st.text(max_size=10)), form_values, max_size=6)
basic_headers = st.one_of(st.none(), st.text(max_size=60).map(lambda t: "Basic " + t),
                          st.tuples(st.text(max_size=20), st.text(max_size=20)).map(
                              lambda pair: "Basic " + __import__("base64").b64encode(
                                  f"{pair[0]}:{pair[1]}".encode("utf-8", "surrogatepass")).decode()))
query_params = st.dictionaries(st.sampled_from(["page", "pageSize", "where", "order", "IDs", "ContactIDs", "Statuses",
                                                "summarizeErrors", "includeArchived", "unitdp", "from", "to",
                                                "detailed", "modifiedSince", "limit", "offset", "minorversion",
                                                "query", "q"]),
                               st.text(max_size=30), max_size=4)
