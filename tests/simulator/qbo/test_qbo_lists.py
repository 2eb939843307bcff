"""A new company's lists and what they mean for transactions, without HTTP: the chart of accounts,
items, terms and tax codes per country; their validation; references from transactions; DueDate
from terms; tax outside the US; the query language on them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from connsim.simulator.core.clock import Clock
from connsim.simulator.core.tenants import TenantRegistry
from connsim.simulator.qbo.errors import (
    BusinessValidation,
    DuplicateName,
    InactiveReference,
    InvalidEnumeration,
    InvalidId,
    InvalidQuery,
    InvalidReference,
    QueryParserError,
    RequiredParamMissing,
    UnknownProperty,
    UnsupportedOperation,
)
from connsim.simulator.qbo.model import QboBackend


def realm_in(country: str, **settings: Any) -> QboBackend:
    registry = TenantRegistry(Clock(frozen_at=datetime(2025, 3, 14, 9, 30, tzinfo=UTC)))
    registry.register_backend("qbo-realm", QboBackend)
    return registry.create("qbo-realm", f"{country} Co", settings={"country": country, **settings}).backend


def names(qbo: QboBackend, statement: str) -> list[str]:
    return [row.get("Name", row.get("DisplayName")) for row in qbo.query(statement).rows]


def test_a_new_company_has_its_chart_items_terms_and_tax_codes(qbo: QboBackend) -> None:
    assert names(qbo, "SELECT * FROM Account WHERE AccountType = 'Bank'") == ["Checking", "Savings"]
    services = qbo.view(qbo.get("Item", "1"))
    assert services["Name"] == "Services" and services["Type"] == "Service"
    assert services["IncomeAccountRef"] == {"value": qbo.query("SELECT * FROM Account WHERE Name = 'Services'")
                                            .rows[0]["Id"], "name": "Services"}
    assert qbo.query("SELECT COUNT(*) FROM Item WHERE Type IN ('Service', 'Inventory')").total == 5
    assert names(qbo, "SELECT * FROM Term ORDERBY DueDays DESC MAXRESULTS 2") == ["Net 60", "Net 30"]
    assert names(qbo, "SELECT * FROM PaymentMethod WHERE Type = 'CREDIT_CARD'") == ["Visa", "MasterCard",
                                                                                   "American Express"]
    assert names(qbo, "SELECT * FROM TaxCode") == ["California"]
    assert qbo.query("SELECT * FROM Class").rows and qbo.query("SELECT * FROM Department").rows


def test_accounts_are_classified_and_validated(qbo: QboBackend) -> None:
    fees = qbo.view(qbo.create("Account", {"Name": "Fees Billed", "AccountSubType": "ServiceFeeIncome"}))
    assert (fees["AccountType"], fees["Classification"], fees["CurrencyRef"]["value"]) == ("Income", "Revenue", "USD")
    child = qbo.view(qbo.create("Account", {"Name": "Audit", "AccountType": "Income",
                                            "ParentRef": {"value": fees["Id"]}}))
    assert child["FullyQualifiedName"] == "Fees Billed:Audit" and child["SubAccount"] is True
    with pytest.raises(InvalidEnumeration):
        qbo.create("Account", {"Name": "X", "AccountType": "Incomes"})
    with pytest.raises(InvalidEnumeration):
        qbo.create("Account", {"Name": "X", "AccountType": "Bank", "AccountSubType": "ServiceFeeIncome"})
    with pytest.raises(RequiredParamMissing):
        qbo.create("Account", {"Name": "X"})
    with pytest.raises(DuplicateName) as dup:
        qbo.create("Account", {"Name": "checking", "AccountType": "Bank"})
    assert dup.value.code == "6240"
    with pytest.raises(InvalidReference) as err:
        qbo.create("Account", {"Name": "Y", "AccountType": "Bank", "ParentRef": {"value": "999"}})
    assert err.value.detail == "Invalid Reference Id : Accounts element id 999 not found"


def test_items_need_their_accounts(qbo: QboBackend) -> None:
    with pytest.raises(RequiredParamMissing) as err:
        qbo.create("Item", {"Name": "Widget 2", "Type": "Inventory", "IncomeAccountRef": {"value": "13"}})
    assert err.value.element == "ExpenseAccountRef"
    with pytest.raises(InvalidEnumeration):
        qbo.create("Item", {"Name": "Thing", "Type": "Bundle", "IncomeAccountRef": {"value": "13"}})
    with pytest.raises(UnknownProperty) as unknown:
        qbo.create("Item", {"Name": "Thing", "Type": "Service", "Colour": "red"})
    assert 'Unrecognized field "Colour" (class com.intuit.schema.finance.v3.Item)' in unknown.value.detail
    item = qbo.create("Item", {"Name": "Thing", "Type": "Service", "IncomeAccountRef": {"value": "13"}})
    assert qbo.update("Item", {"Id": item.id, "SyncToken": "0", "sparse": True, "UnitPrice": 20}, sparse=True).sync == 1
    with pytest.raises(UnsupportedOperation):
        qbo.delete("Item", {"Id": item.id, "SyncToken": "1"})
    with pytest.raises(UnsupportedOperation):
        qbo.create("TaxCode", {"Name": "Mine"})


def test_invoice_references_are_checked_and_named(qbo: QboBackend) -> None:
    buyer = qbo.create("Customer", {"DisplayName": "Ref Co", "SalesTermRef": {"value": "2"},
                                    "BillAddr": {"Line1": "1 Main St"}}).id

    def invoice(**line_detail: Any) -> dict[str, Any]:
        line = {"Amount": 40, "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": line_detail}
        return qbo.view(qbo.create("Invoice", {"CustomerRef": {"value": buyer}, "TxnDate": "2025-03-01",
                                               "Line": [line]}))

    made = invoice(ItemRef={"value": "2"})
    assert made["Line"][0]["SalesItemLineDetail"]["ItemRef"] == {"value": "2", "name": "Hours"}
    assert made["DueDate"].isoformat() == "2025-03-16"  # the customer's Net 15
    assert made["BillAddr"] == {"Line1": "1 Main St", "Id": "2"} and made["CurrencyRef"]["value"] == "USD"
    with pytest.raises(InvalidReference) as err:
        invoice(ItemRef={"value": "999"})
    assert err.value.detail == "Invalid Reference Id : Line.SalesItemLineDetail.ItemRef"
    qbo.update("Item", {"Id": "3", "SyncToken": "0", "Active": False}, sparse=True)
    with pytest.raises(InactiveReference):
        invoice(ItemRef={"value": "3"})
    with pytest.raises(InvalidReference):
        invoice(ItemRef={"value": "2"}, TaxCodeRef={"value": "VAT"})
    with pytest.raises(InvalidReference) as err:
        qbo.create("Invoice", {"CustomerRef": {"value": buyer}, "ClassRef": {"value": "99"},
                               "Line": [{"Amount": 1, "DetailType": "SalesItemLineDetail"}]})
    assert err.value.detail == "Invalid Reference Id : Klasses element id 99 not found"
    with pytest.raises(InvalidId):
        qbo.get("Item", "1.5")


def test_gb_company_charges_vat_and_refuses_foreign_currency() -> None:
    qbo = realm_in("GB")
    buyer = qbo.create("Customer", {"DisplayName": "Tea Ltd"}).id
    made = qbo.view(qbo.create("Invoice", {"CustomerRef": {"value": buyer}, "Line": [
        {"Amount": 100, "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {"ItemRef": {"value": "1"}}}]}))
    assert made["TotalAmt"] == Decimal("120.00") and made["TxnTaxDetail"]["TotalTax"] == Decimal("20.00")
    assert made["CurrencyRef"] == {"value": "GBP", "name": "British Pound Sterling"}
    assert made["Line"][-1] == {"Amount": Decimal("100.00"), "DetailType": "SubTotalLineDetail",
                                "SubTotalLineDetail": {}}
    with pytest.raises(BusinessValidation):
        qbo.create("Customer", {"DisplayName": "Yankee Inc", "CurrencyRef": {"value": "USD"}})
    assert realm_in("GB", multicurrency=True).create("Customer", {"DisplayName": "Yankee Inc",
                                                                   "CurrencyRef": {"value": "USD"}}).id


def test_name_lists_answer_active_entries_unless_asked(qbo: QboBackend) -> None:
    qbo.update("Item", {"Id": "2", "SyncToken": "0", "Active": False}, sparse=True)
    assert "Hours" not in names(qbo, "SELECT * FROM Item")
    assert "Hours" in names(qbo, "SELECT * FROM Item WHERE Active IN (true, false)")
    assert names(qbo, "SELECT * FROM Item WHERE Active = false") == ["Hours"]
    assert names(qbo, "SELECT * FROM Item WHERE Name LIKE '%ware'") == ["Hardware"]


@pytest.mark.parametrize("statement, detail", [
    ("SELECT * FROM Invoice WHERE TxnDate", 'QueryParserError: Encountered "<EOF>" at line 1, column 36.'),
    ("SELECT * FROM Invoice ORDER TxnDate", 'QueryParserError: Encountered " <IDENTIFIER> "TxnDate "" at line 1, '
                                            'column 29.'),
    ("SELECT * FROM Item MAXRESULTS ten", 'QueryParserError: Encountered " <IDENTIFIER> "ten "" at line 1, '
                                          'column 31.'),
    ("SELECT * FROM Item WHERE Name = 'a' OR Name = 'b'", 'QueryParserError: Encountered " "or" "OR "" at line 1, '
                                                          'column 37.'),
])
def test_bad_syntax_gets_javacc_text(qbo: QboBackend, statement: str, detail: str) -> None:
    with pytest.raises(QueryParserError) as err:
        qbo.query(statement)
    assert (err.value.code, err.value.message, err.value.detail) == ("4000", "Error parsing query", detail)


def test_unknown_entity_or_property_gets_validation_text(qbo: QboBackend) -> None:
    with pytest.raises(InvalidQuery) as err:
        qbo.query("SELECT * FROM Custmoer")
    assert err.value.detail == "QueryValidationError: invalid context declaration: Custmoer"
    with pytest.raises(InvalidQuery) as err:
        qbo.query("SELECT * FROM Item WHERE Colour = 'red'")
    assert err.value.detail == "QueryValidationError: Property Colour not found for Entity Item"
