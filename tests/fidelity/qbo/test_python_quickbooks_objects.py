"""python-quickbooks' object model, unchanged, against the nested-property check: every attribute its
objects serialise (nested Lines, details, Refs, addresses, phones, e-mails, tax detail, card payment,
with the empty defaults it emits) is accepted, and what the simulator answers can be saved back as is
(read, then a full update), in both modes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from intuitlib.client import AuthClient
from quickbooks import QuickBooks
from quickbooks.objects.account import Account
from quickbooks.objects.base import Address, CustomerMemo, CustomField, EmailAddress, PhoneNumber, Ref, WebAddress
from quickbooks.objects.creditcardpayment import CreditCardPayment, CreditChargeInfo, CreditChargeResponse
from quickbooks.objects.creditmemo import CreditMemo
from quickbooks.objects.customer import Customer
from quickbooks.objects.department import Department
from quickbooks.objects.detailline import (
    DescriptionLineDetail,
    DescriptionOnlyLine,
    DiscountLine,
    DiscountLineDetail,
    DiscountOverride,
    GroupLine,
    GroupLineDetail,
    SalesItemLine,
    SalesItemLineDetail,
    SubtotalLine,
    SubtotalLineDetail,
)
from quickbooks.objects.invoice import DeliveryInfo, Invoice
from quickbooks.objects.item import Item
from quickbooks.objects.payment import Payment, PaymentLine
from quickbooks.objects.paymentmethod import PaymentMethod
from quickbooks.objects.tax import TaxLine, TaxLineDetail, TxnTaxDetail
from quickbooks.objects.term import Term
from quickbooks.objects.trackingclass import Class

from connsim.simulator.qbo.model.schema import check_properties

ENTITIES: list[type] = [Invoice, CreditMemo, Payment, Customer, Item, Account, Term, PaymentMethod, Class,
                        Department]


def filled(cls: type) -> Any:
    """An instance with every nested object python-quickbooks declares (each line kind on a Line list)."""
    obj = cls()
    for name, child in obj.class_dict.items():
        setattr(obj, name, filled(child))
    for name, child in obj.list_dict.items():
        kinds = list(obj.detail_dict.values()) if name == "Line" and obj.detail_dict else [child]
        setattr(obj, name, [filled(kind) for kind in kinds])
    return obj


@pytest.mark.parametrize("cls", ENTITIES, ids=[cls.__name__ for cls in ENTITIES])
def test_every_attribute_python_quickbooks_serialises_is_a_known_property(cls: type) -> None:
    body = json.loads(filled(cls).to_json())
    assert "Line" in body or cls not in (Invoice, CreditMemo, Payment)
    check_properties(cls.__name__, body)  # raises UnknownProperty on the first attribute QBO would refuse


class Client:
    """A QuickBooks client for a fresh realm, with a token issued by the control API."""

    def __init__(self, remote: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        if remote.mode == "server":
            monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # plain http to `connsim serve`
        remote.control.freeze("2025-03-14T09:30:00Z")
        self.realm = remote.control.create_tenant("qbo-realm", "Objects Realm")["id"]
        remote.control.tenant_settings(self.realm, rate_limits={"second": 10_000, "minute": 10_000})  # frozen clock
        token = remote.control.issue_tokens("intuit", [self.realm], ["com.intuit.quickbooks.accounting"])
        environment = remote.endpoints.intuit_discovery if remote.mode == "server" else "sandbox"
        auth = AuthClient("connsim-qbo-client", "connsim-qbo-secret", "https://connector.example.com/cb", environment)
        auth.access_token = token["access_token"]
        self.qb = QuickBooks(auth_client=auth, refresh_token="unused", company_id=self.realm, minorversion=75)
        if remote.mode == "server":
            self.qb.api_url_v3 = remote.endpoints.qbo_api + "/v3"


def ref(value: str, name: str = "", kind: str = "") -> Ref:
    out = Ref()
    out.value, out.name, out.type = value, name, kind
    return out


def address(line1: str) -> Address:
    out = Address()
    out.Line1, out.City, out.CountrySubDivisionCode, out.PostalCode, out.Country = line1, "Springfield", "CA", \
        "94000", "US"
    return out


def email(text: str) -> EmailAddress:
    out = EmailAddress()
    out.Address = text
    return out


def customer(qb: QuickBooks) -> Customer:
    made = Customer()
    made.DisplayName, made.CompanyName, made.GivenName = "Objects Ltd", "Objects Ltd", "Ada"
    made.BillAddr, made.ShipAddr = address("1 Main St"), address("2 Dock Rd")
    made.PrimaryPhone, made.Mobile = PhoneNumber(), PhoneNumber()
    made.PrimaryPhone.FreeFormNumber, made.Mobile.FreeFormNumber = "555-0100", "555-0101"
    made.PrimaryEmailAddr, made.WebAddr = email("ada@example.com"), WebAddress()
    made.WebAddr.URI = "https://example.com"
    made.SalesTermRef, made.CurrencyRef = ref("3", "Net 30", "Term"), ref("USD", "United States Dollar")
    return made.save(qb=qb)


def invoice_lines() -> list[Any]:
    sale = SalesItemLine()
    sale.Amount, sale.Description, sale.SalesItemLineDetail = 100, "Work", SalesItemLineDetail()
    detail = sale.SalesItemLineDetail
    detail.ItemRef, detail.ClassRef, detail.Qty, detail.UnitPrice = ref("1", "Services", "Item"), ref("1"), 2, 50
    note = DescriptionOnlyLine()
    note.Description, note.DescriptionLineDetail = "Thanks", DescriptionLineDetail()
    note.DescriptionLineDetail.ServiceDate = "2025-03-14"
    group = GroupLine()
    group.Amount, group.GroupLineDetail = 10, GroupLineDetail()
    subtotal = SubtotalLine()
    subtotal.Amount, subtotal.SubtotalLineDetail = 110, SubtotalLineDetail()
    discount = DiscountLine()
    discount.Amount, discount.DiscountLineDetail = 5, DiscountLineDetail()
    discount.DiscountLineDetail.Discount = DiscountOverride()
    return [sale, note, group, subtotal, discount]


def invoice(qb: QuickBooks, buyer: Customer) -> Invoice:
    made = Invoice()
    made.CustomerRef, made.TxnDate, made.DocNumber = buyer.to_ref(), "2025-03-14", "OBJ-1"
    made.SalesTermRef, made.ClassRef, made.DepartmentRef = ref("3"), ref("1"), ref("1")
    made.CurrencyRef, made.BillAddr, made.ShipAddr = ref("USD"), address("1 Main St"), address("2 Dock Rd")
    made.BillEmail, made.BillEmailCc = email("ap@example.com"), email("cc@example.com")
    made.CustomerMemo, made.DeliveryInfo = CustomerMemo(), DeliveryInfo()
    made.CustomerMemo.value, made.DeliveryInfo.DeliveryType = "Thank you", "Email"
    made.CustomField = [CustomField()]
    made.CustomField[0].DefinitionId, made.CustomField[0].Name, made.CustomField[0].StringValue = "1", "PO", "77"
    made.TxnTaxDetail, tax = TxnTaxDetail(), TaxLine()
    tax.DetailType, tax.TaxLineDetail = "TaxLineDetail", TaxLineDetail()
    tax.TaxLineDetail.TaxRateRef = ref("1")
    made.TxnTaxDetail.TaxLine = [tax]
    made.Line = invoice_lines()
    return made.save(qb=qb)


def payment(qb: QuickBooks, buyer: Customer, paid: Invoice) -> Payment:
    made = Payment()
    made.CustomerRef, made.TotalAmt, made.TxnDate = buyer.to_ref(), 50, "2025-03-14"
    made.DepositToAccountRef, made.PaymentMethodRef, made.CurrencyRef = ref("4"), ref("3"), ref("USD")
    made.CreditCardPayment = CreditCardPayment()
    made.CreditCardPayment.CreditChargeInfo = CreditChargeInfo()
    made.CreditCardPayment.CreditChargeResponse = CreditChargeResponse()
    line = PaymentLine()
    line.Amount, line.LinkedTxn = 50, [paid.to_linked_txn()]
    made.Line = [line]
    return made.save(qb=qb)


def saved_back(cls: Any, made: Any, qb: QuickBooks) -> Any:
    """Read the entity and save what was read, unchanged but for a note: the full-update round trip."""
    read = cls.get(made.Id, qb=qb)
    if hasattr(read, "PrivateNote"):
        read.PrivateNote = "saved back"
    return read.save(qb=qb)


def test_full_objects_are_accepted_and_answers_save_back(connsim_remote: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    qb = Client(connsim_remote, monkeypatch).qb
    buyer = customer(qb)
    sold = invoice(qb, buyer)
    assert sold.TotalAmt == 105 and sold.BillAddr.City == "Springfield"
    paid = payment(qb, buyer, sold)
    income = Account.filter(AccountType="Income", AccountSubType="ServiceFeeIncome", qb=qb)[0]
    item = Item()
    item.Name, item.Type, item.UnitPrice, item.IncomeAccountRef = "Objects Service", "Service", 20, income.to_ref()
    item = item.save(qb=qb)
    account = Account()
    account.Name, account.AccountType, account.CurrencyRef = "Objects Bank", "Bank", ref("USD")
    account = account.save(qb=qb)
    for cls, made in [(Customer, buyer), (Invoice, sold), (Payment, paid), (Item, item), (Account, account)]:
        again = saved_back(cls, made, qb)
        assert again.Id == made.Id, cls.__name__
    read = Invoice.get(sold.Id, qb=qb)
    assert read.PrivateNote == "saved back" and read.TotalAmt == 105
    assert read.CustomerMemo.value == "Thank you" and read.BillEmailCc.Address == "cc@example.com"
    assert Customer.get(buyer.Id, qb=qb).Mobile.FreeFormNumber == "555-0101"
