"""Property: a random unknown key put into any object, at any depth, of a valid invoice is always
refused with 2010 naming that key and the class of the object it sits in, and the realm is unchanged."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from conftest import rich_invoice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connsim.simulator.qbo.errors import UnknownProperty
from connsim.simulator.qbo.model import QboBackend
from connsim.simulator.qbo.model.properties import TYPES

#: the XSD class of an object by the key it sits under (written by hand from Intuit's Finance.xsd)
CLASS_UNDER = {
    **dict.fromkeys(("CustomerRef", "SalesTermRef", "ClassRef", "DepartmentRef", "CurrencyRef", "ItemRef",
                     "GroupItemRef", "DiscountAccountRef", "TaxRateRef"), "ReferenceType"),
    "BillAddr": "PhysicalAddress", "ShipAddr": "PhysicalAddress", "BillEmail": "EmailAddress",
    "CustomerMemo": "MemoRef", "CustomField": "CustomField", "DeliveryInfo": "TransactionDeliveryInfo",
    "MetaData": "ModificationMetaData", "TxnTaxDetail": "TxnTaxDetail", "TaxLine": "Line", "Line": "Line",
    "MarkupInfo": "MarkupInfo",
    **{detail: detail for detail in ("TaxLineDetail", "SalesItemLineDetail", "DescriptionLineDetail",
                                     "GroupLineDetail", "SubTotalLineDetail", "DiscountLineDetail")},
}
EVERY_NAME = frozenset(name for fields in TYPES.values() for name in fields)
Path = tuple[str | int, ...]


def objects(node: Any, path: Path = ()) -> list[Path]:
    """The path of every JSON object in ``node``, itself included."""
    found: list[Path] = [path] if isinstance(node, dict) else []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for step, child in items:
        found += objects(child, (*path, step))
    return found


def class_at(path: Path) -> str:
    named = [step for step in path if isinstance(step, str)]
    return CLASS_UNDER[named[-1]] if named else "Invoice"


def customer(qbo: QboBackend) -> str:
    found = next((r.id for r in qbo.store["Customer"].values()), None)
    return found or qbo.create("Customer", {"DisplayName": "Fuzzed Ltd"}).id


PATHS = objects(rich_invoice("1"))
KEYS = st.one_of(
    st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,20}\Z"),
    st.sampled_from(sorted(EVERY_NAME)).map(lambda name: name.swapcase()),  # Jackson matches names exactly
).filter(lambda key: key not in EVERY_NAME)
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.just([]))


def test_the_fuzzed_invoice_is_valid_without_a_stranger(qbo: QboBackend) -> None:
    assert qbo.create("Invoice", rich_invoice(customer(qbo))).total == 105
    assert {class_at(path) for path in PATHS} <= set(TYPES)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PATHS), key=KEYS, value=VALUES, position=st.integers(min_value=0, max_value=30))
def test_a_stranger_at_any_depth_is_2010_and_nothing_is_written(qbo: QboBackend, where: Path, key: str,
                                                                 value: Any, position: int) -> None:
    body = copy.deepcopy(rich_invoice(customer(qbo)))
    node: Any = body
    for step in where:
        node = node[step]
    entries = list(node.items())
    entries.insert(position % (len(entries) + 1), (key, value))
    node.clear()
    node.update(entries)
    before = json.dumps(qbo.snapshot(), sort_keys=True, default=str)
    with pytest.raises(UnknownProperty) as refused:
        qbo.create("Invoice", body)
    assert refused.value.code == "2010"
    assert refused.value.detail.startswith(
        f'Property Name:Unrecognized field "{key}" (class com.intuit.schema.finance.v3.{class_at(where)}), '
        "not marked as ignorable (")
    assert json.dumps(qbo.snapshot(), sort_keys=True, default=str) == before
