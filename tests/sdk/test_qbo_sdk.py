"""python-quickbooks and intuit-oauth, unchanged, against the simulator in both modes.

In process nothing is redirected: AuthClient(environment="sandbox") fetches Intuit's real
discovery URL and QuickBooks uses its default sandbox host, both intercepted. Against `connsim
serve` only the documented settings change: the discovery URL as AuthClient's environment,
``client.api_url_v3`` and OAUTHLIB_INSECURE_TRANSPORT for plain http."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from intuitlib.client import AuthClient
from intuitlib.enums import Scopes
from intuitlib.exceptions import AuthClientError
from quickbooks import QuickBooks
from quickbooks.exceptions import (
    AuthorizationException,
    ObjectNotFoundException,
    QuickbooksException,
    ValidationException,
)
from quickbooks.objects.account import Account
from quickbooks.objects.base import Ref
from quickbooks.objects.company_info import CompanyInfo
from quickbooks.objects.customer import Customer
from quickbooks.objects.detailline import SalesItemLine, SalesItemLineDetail
from quickbooks.objects.invoice import Invoice
from quickbooks.objects.item import Item
from quickbooks.objects.payment import Payment, PaymentLine
from quickbooks.objects.preferences import Preferences
from quickbooks.objects.term import Term

CLIENT_ID, CLIENT_SECRET = "connsim-qbo-client", "connsim-qbo-secret"
REDIRECT_URI = "https://connector.example.com/qbo/callback"


class Connected:
    """An app that went through Intuit's consent screen and holds a QuickBooks client for the realm."""

    def __init__(self, remote: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.remote = remote
        remote.control.freeze("2025-03-14T09:30:00Z")
        self.realm = remote.control.create_tenant("qbo-realm", "SDK Realm")["id"]
        if remote.mode == "server":
            monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
            environment = remote.endpoints.intuit_discovery
        else:
            environment = "sandbox"
        self.auth = AuthClient(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, environment)
        consent = requests.get(self.auth.get_authorization_url([Scopes.ACCOUNTING]), allow_redirects=False,
                               timeout=30)
        assert consent.status_code == 302
        callback = parse_qs(urlparse(consent.headers["Location"]).query)
        assert callback["state"] == [self.auth.state_token] and callback["realmId"] == [self.realm]
        self.auth.get_bearer_token(callback["code"][0], realm_id=callback["realmId"][0])
        self.qb = self.client()

    def client(self) -> QuickBooks:
        qb = QuickBooks(auth_client=self.auth, refresh_token=self.auth.refresh_token, company_id=self.realm,
                        minorversion=75)
        if self.remote.mode == "server":
            qb.api_url_v3 = self.remote.endpoints.qbo_api + "/v3"
        return qb

    def customer(self, name: str = "Bluebird Cafe") -> Customer:
        customer = Customer()
        customer.DisplayName = name
        return customer.save(qb=self.qb)

    def invoice(self, customer: Customer, amount: float, txn_date: str | None = None) -> Invoice:
        invoice = Invoice()
        line = SalesItemLine()
        line.Amount = amount
        line.Description = "Monthly bookkeeping"
        line.SalesItemLineDetail = SalesItemLineDetail()
        invoice.Line = [line]
        invoice.CustomerRef = customer.to_ref()
        if txn_date:
            invoice.TxnDate = txn_date
        return invoice.save(qb=self.qb)

    def payment(self, customer: Customer, invoice: Invoice, total: float, applied: float) -> Payment:
        payment = Payment()
        payment.TotalAmt = total
        payment.CustomerRef = customer.to_ref()
        line = PaymentLine()
        line.Amount = applied
        line.LinkedTxn = [invoice.to_linked_txn()]
        payment.Line = [line]
        return payment.save(qb=self.qb)


@pytest.fixture
def app(connsim_remote: Any, monkeypatch: pytest.MonkeyPatch) -> Connected:
    return Connected(connsim_remote, monkeypatch)


def test_token_exchange_and_refresh(app: Connected) -> None:
    assert app.auth.expires_in == 3600 and app.auth.x_refresh_token_expires_in == 8640000
    first_refresh = app.auth.refresh_token
    app.auth.refresh()
    assert app.auth.refresh_token != first_refresh
    with pytest.raises(AuthClientError) as err:
        app.auth.refresh(refresh_token=first_refresh)
    assert err.value.status_code == 400 and err.value.intuit_tid and b"invalid_grant" in err.value.content
    app.qb = app.client()
    assert app.customer("After Refresh").Id.isdigit()


def test_invoice_payment_and_balance(app: Connected) -> None:
    customer = app.customer()
    invoice = app.invoice(customer, 250.0)
    assert invoice.Balance == 250.0 and invoice.SyncToken == "0"
    payment = app.payment(customer, invoice, total=300.0, applied=200.0)
    assert payment.UnappliedAmt == 100.0
    read = Invoice.get(invoice.Id, qb=app.qb)
    assert read.Balance == 50.0 and read.LinkedTxn[0].TxnId == payment.Id and read.LinkedTxn[0].TxnType == "Payment"
    with pytest.raises(QuickbooksException) as err:
        app.payment(customer, read, total=60.0, applied=60.0)
    assert err.value.error_code == 6000
    assert Customer.get(customer.Id, qb=app.qb).Balance == 50.0


def test_stale_sync_token(app: Connected) -> None:
    customer = app.customer()
    invoice = app.invoice(customer, 100.0)
    fresh = Invoice.get(invoice.Id, qb=app.qb)
    fresh.PrivateNote = "edited by the connector"
    fresh.save(qb=app.qb)
    invoice.PrivateNote = "edited from a stale copy"
    with pytest.raises(QuickbooksException) as err:
        invoice.save(qb=app.qb)
    assert err.value.error_code == 5010 and err.value.message == "Stale Object Error"
    assert Invoice.get(invoice.Id, qb=app.qb).PrivateNote == "edited by the connector"


def test_query_filter_count_and_missing(app: Connected) -> None:
    customer = app.customer()
    for amount in (10.0, 20.0, 30.0):
        app.invoice(customer, amount)
    assert [i.TotalAmt for i in Invoice.filter(CustomerRef=customer.Id, order_by="TotalAmt DESC", qb=app.qb)] == [
        30.0, 20.0, 10.0]
    assert Invoice.count("TotalAmt > '15'", qb=app.qb) == 2
    assert [c.DisplayName for c in Customer.all(qb=app.qb)] == ["Bluebird Cafe"]
    assert Payment.all(qb=app.qb) == []
    with pytest.raises(ObjectNotFoundException):
        Invoice.get(999, qb=app.qb)


def test_closed_books_reject_the_invoice(app: Connected) -> None:
    app.remote.control.action("qbo", f"{app.realm}/closing-date", {"date": "2025-02-28", "password": False})
    customer = app.customer()
    with pytest.raises(QuickbooksException) as err:
        app.invoice(customer, 100.0, txn_date="2025-02-28")
    assert err.value.error_code == 6200 and err.value.message == "Account Period Closed"
    assert "account books cannot be updated" in err.value.detail
    assert app.invoice(customer, 100.0, txn_date="2025-03-01").TxnDate == "2025-03-01"


def test_rate_limit_429(app: Connected) -> None:
    app.remote.control.tenant_settings(app.realm, rate_limits={"minute": 3})
    app.remote.control.advance(60)  # a fresh one-minute window
    for _ in range(3):
        Customer.all(qb=app.qb)
    with pytest.raises(QuickbooksException) as err:
        Customer.all(qb=app.qb)
    assert err.value.error_code == 10000 and "ThrottleExceeded" in err.value.message


def test_disconnected_app(app: Connected) -> None:
    app.customer()
    app.remote.control.revoke_tenant(app.realm)
    with pytest.raises(AuthorizationException) as err:
        Customer.all(qb=app.qb)
    assert err.value.error_code == 401
    with pytest.raises(AuthClientError) as refused:
        app.auth.refresh()
    assert refused.value.status_code == 400


def test_revoke_through_the_sdk(app: Connected) -> None:
    assert app.auth.revoke() is True
    with pytest.raises(AuthClientError):
        app.auth.refresh()


def _ref(value: str) -> Ref:
    ref = Ref()
    ref.value = value
    return ref


def _item_line(item: Item, qty: float, price: float) -> SalesItemLine:
    line = SalesItemLine()
    line.Amount = qty * price
    line.SalesItemLineDetail = SalesItemLineDetail()
    line.SalesItemLineDetail.ItemRef = item.to_ref()
    line.SalesItemLineDetail.Qty = qty
    line.SalesItemLineDetail.UnitPrice = price
    return line


def test_company_settings_a_connector_reads_first(app: Connected) -> None:
    info = CompanyInfo.get(1, qb=app.qb)
    assert info.CompanyName == "SDK Realm" and info.Country == "US"
    prefs = Preferences.get(qb=app.qb)
    assert prefs.CurrencyPrefs.HomeCurrency.value == "USD" and prefs.CurrencyPrefs.MultiCurrencyEnabled is False
    default_terms = Term.get(prefs.SalesFormsPrefs.DefaultTerms.value, qb=app.qb)
    assert default_terms.Name == "Net 30" and default_terms.DueDays == 30


def test_item_and_income_account_found_by_query_then_invoiced(app: Connected) -> None:
    """The set-up a billing connector does before its first invoice, then the invoice read back."""
    income = Account.filter(AccountType="Income", AccountSubType="ServiceFeeIncome", qb=app.qb)
    assert [a.Name for a in income] == ["Services"] and income[0].Classification == "Revenue"
    consulting = Item.filter(Type="Service", Name="Consulting", qb=app.qb)
    assert len(consulting) == 1 and consulting[0].IncomeAccountRef.value == income[0].Id
    assert Item.where("Name LIKE 'Con%'", qb=app.qb)[0].Id == consulting[0].Id
    retainer = Item()
    retainer.Name, retainer.Type, retainer.UnitPrice = "Retainer", "Service", 500
    retainer.IncomeAccountRef = income[0].to_ref()
    retainer = retainer.save(qb=app.qb)
    assert Item.get(retainer.Id, qb=app.qb).IncomeAccountRef.name == "Services"

    invoice = Invoice()
    invoice.CustomerRef = app.customer().to_ref()
    invoice.TxnDate = "2025-03-10"
    invoice.Line = [_item_line(consulting[0], 2, 150.0), _item_line(retainer, 1, 500.0)]
    saved = invoice.save(qb=app.qb)
    read = Invoice.get(saved.Id, qb=app.qb)
    assert [line.SalesItemLineDetail.ItemRef.name for line in read.Line[:2]] == ["Consulting", "Retainer"]
    assert read.TotalAmt == 800.0 and read.Balance == 800.0
    assert read.DueDate == "2025-04-09"  # TxnDate + Net 30, the company's default terms
    assert read.CurrencyRef.value == "USD" and read.TxnTaxDetail.TotalTax == 0


def test_paging_a_query_in_both_clause_orders(app: Connected) -> None:
    for n in range(5):
        app.customer(f"Paging Customer {n}")
    after = Customer.query("SELECT * FROM Customer STARTPOSITION 3 MAXRESULTS 2", qb=app.qb)
    before = Customer.query("SELECT * FROM Customer MAXRESULTS 2 STARTPOSITION 3", qb=app.qb)
    assert [c.DisplayName for c in after] == [c.DisplayName for c in before] == [
        "Paging Customer 2", "Paging Customer 3"]
    assert [c.DisplayName for c in Customer.all(start_position=5, max_results=10, qb=app.qb)] == [
        "Paging Customer 4"]
    assert Customer.count("DisplayName IN ('Paging Customer 1', 'Paging Customer 4')", qb=app.qb) == 2


@pytest.mark.parametrize("field, value, code, detail", [
    ("BadJson", True, 2010, 'Unrecognized field "BadJson" (class com.intuit.schema.finance.v3.Invoice)'),
    ("CustomerRef", {"value": "424242"}, 2500, "Invalid Reference Id : Names element id 424242 not found"),
    ("SalesTermRef", {"value": "77"}, 2500, "Invalid Reference Id : Terms element id 77 not found"),
    ("DepartmentRef", {"value": "77"}, 2500, "Invalid Reference Id : Departments element id 77 not found"),
])
def test_invoice_with_an_unknown_field_or_reference_gets_qbos_error(app: Connected, field: str, value: Any,
                                                                     code: int, detail: str) -> None:
    invoice = Invoice()
    invoice.CustomerRef = app.customer().to_ref()
    invoice.Line = [_item_line(Item.get(1, qb=app.qb), 1, 10.0)]
    setattr(invoice, field, value)
    with pytest.raises(ValidationException) as err:
        invoice.save(qb=app.qb)
    assert err.value.error_code == code and detail in err.value.detail
    assert Invoice.count("", qb=app.qb) == 0


def test_unknown_item_account_and_malformed_ids_get_qbos_errors(app: Connected) -> None:
    invoice = Invoice()
    invoice.CustomerRef = app.customer().to_ref()
    invoice.Line = [_item_line(Item.get(1, qb=app.qb), 1, 10.0)]
    invoice.Line[0].SalesItemLineDetail.ItemRef = _ref("999")
    with pytest.raises(ValidationException) as err:
        invoice.save(qb=app.qb)
    assert (err.value.error_code, err.value.message, err.value.detail) == (
        2500, "Invalid Reference Id", "Invalid Reference Id : Line.SalesItemLineDetail.ItemRef")
    item = Item()
    item.Name, item.Type, item.IncomeAccountRef = "Orphan", "Service", _ref("999")
    with pytest.raises(ValidationException) as err:
        item.save(qb=app.qb)
    assert err.value.error_code == 2500 and "Accounts element id 999 not found" in err.value.detail
    with pytest.raises(ValidationException) as err:
        Customer.get("1.5", qb=app.qb)
    assert (err.value.error_code, err.value.message) == (2030, "Invalid ID")
    assert err.value.detail == "Id should be a valid number. Supplied value:1.5"
    with pytest.raises(ObjectNotFoundException) as missing:
        Item.get(999, qb=app.qb)
    assert missing.value.error_code == 610


def test_payment_into_an_unknown_account_gets_qbos_error(app: Connected) -> None:
    customer = app.customer()
    invoice = app.invoice(customer, 100.0)
    payment = Payment()
    payment.TotalAmt, payment.CustomerRef, payment.DepositToAccountRef = 100.0, customer.to_ref(), _ref("4040")
    line = PaymentLine()
    line.Amount, line.LinkedTxn = 100.0, [invoice.to_linked_txn()]
    payment.Line = [line]
    with pytest.raises(ValidationException) as err:
        payment.save(qb=app.qb)
    assert err.value.error_code == 2500 and "Accounts element id 4040 not found" in err.value.detail
    payment.DepositToAccountRef = None
    saved = payment.save(qb=app.qb)
    assert saved.DepositToAccountRef.name == "Undeposited Funds"
