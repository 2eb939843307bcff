"""The official xero-python SDK against the simulator, in process (real URLs intercepted, nothing
redirected) and against `connsim serve` (base_url= and TokenApi class attributes reassigned)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import requests
import urllib3

pytest.importorskip("xero_python")

from xero_python.accounting import AccountingApi
from xero_python.accounting.models import (
    Account,
    Contact,
    Contacts,
    Invoice,
    Invoices,
    LineAmountTypes,
    LineItem,
    Payment,
    Payments,
)
from xero_python.api_client import ApiClient, Configuration
from xero_python.api_client.oauth2 import OAuth2Token, TokenApi
from xero_python.exceptions import AccountingBadRequestException, HTTPStatusException, RateLimitException
from xero_python.identity import IdentityApi

CLIENT_ID, CLIENT_SECRET = "connsim-xero-client", "connsim-xero-secret"
SCOPES = ["openid", "accounting.transactions", "accounting.settings", "accounting.contacts", "offline_access"]


class XeroSdk:
    def __init__(self, remote: Any, tenant_id: str, token: dict[str, Any]) -> None:
        self.tenant_id = tenant_id
        self.store: dict[str, Any] = dict(token, scope=token["scope"].split())
        self.client = ApiClient(Configuration(oauth2_token=OAuth2Token(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)),
                                pool_threads=1, oauth2_token_getter=lambda: self.store,
                                oauth2_token_saver=self.store.update)
        if remote.mode == "server":
            self.accounting = AccountingApi(self.client, base_url=remote.endpoints.xero_api + "/api.xro/2.0")
            self.identity = IdentityApi(self.client, base_url=remote.endpoints.xero_api)
        else:
            self.accounting, self.identity = AccountingApi(self.client), IdentityApi(self.client)


@pytest.fixture
def xero_sdk(connsim_remote: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[XeroSdk]:
    control = connsim_remote.control
    control.freeze()
    tenant = control.create_tenant("xero-org", "SDK Test Org", populate=False)
    if connsim_remote.mode == "server":
        base = connsim_remote.endpoints.xero_identity
        monkeypatch.setattr(TokenApi, "refresh_token_url", base + "/connect/token")
        monkeypatch.setattr(TokenApi, "client_credentials_token_url", base + "/connect/token")
        monkeypatch.setattr(TokenApi, "revoke_token_url", base + "/connect/revocation")
    # urllib3 (under the SDK, in both modes) would sleep Retry-After and retry a 429 itself; the
    # clock is simulated, so the test asks it not to, and sees the 429 as the SDK's caller would
    monkeypatch.setattr(urllib3.util.retry.Retry, "DEFAULT", urllib3.util.retry.Retry(
        3, redirect=3, respect_retry_after_header=False))
    token = control.issue_tokens("xero", [tenant["id"]], scopes=SCOPES)
    yield XeroSdk(connsim_remote, tenant["id"], token)


def _authorised_invoice(sdk: XeroSdk, amount: float = 100.0, day: dt.date | None = None) -> Invoice:
    contact = sdk.accounting.create_contacts(sdk.tenant_id, Contacts(contacts=[Contact(name="Pay Me Pty Ltd")]))
    invoice = Invoice(type="ACCREC", contact=Contact(contact_id=contact.contacts[0].contact_id),
                      date=day or dt.date(2026, 1, 10), due_date=dt.date(2026, 2, 10), status="AUTHORISED",
                      line_amount_types=LineAmountTypes.NOTAX,
                      line_items=[LineItem(description="Consulting", quantity=1.0, unit_amount=amount,
                                           account_code="200")])
    return sdk.accounting.create_invoices(sdk.tenant_id, Invoices(invoices=[invoice])).invoices[0]


def _pay(sdk: XeroSdk, invoice_id: str, amount: float, day: dt.date = dt.date(2026, 1, 20)) -> Any:
    payment = Payment(invoice=Invoice(invoice_id=invoice_id), account=Account(code="090"), amount=amount, date=day)
    return sdk.accounting.create_payments(sdk.tenant_id, Payments(payments=[payment]))


def test_connections_and_organisation(xero_sdk: XeroSdk) -> None:
    connections = xero_sdk.identity.get_connections()
    assert [c.tenant_id for c in connections] == [xero_sdk.tenant_id]
    assert connections[0].tenant_type == "ORGANISATION"
    org = xero_sdk.accounting.get_organisations(xero_sdk.tenant_id).organisations[0]
    assert org.name == "SDK Test Org" and org.period_lock_date is None


def test_invoice_pay_and_overpay(xero_sdk: XeroSdk) -> None:
    invoice = _authorised_invoice(xero_sdk, 100.0)
    assert invoice.status == "AUTHORISED" and invoice.total == Decimal("100.0")
    read = xero_sdk.accounting.get_invoice(xero_sdk.tenant_id, invoice.invoice_id).invoices[0]
    assert read.amount_due == Decimal("100.0") and read.date == dt.date(2026, 1, 10)
    paid = _pay(xero_sdk, invoice.invoice_id, 40.0).payments[0]
    assert paid.amount == Decimal("40.0") and paid.date == dt.date(2026, 1, 20)
    after = xero_sdk.accounting.get_invoice(xero_sdk.tenant_id, invoice.invoice_id).invoices[0]
    assert after.amount_due == Decimal("60.0") and after.amount_paid == Decimal("40.0")
    with pytest.raises(AccountingBadRequestException) as exc:
        _pay(xero_sdk, invoice.invoice_id, 61.0)
    assert exc.value.reason == "Payment amount exceeds the amount outstanding on this document"
    _pay(xero_sdk, invoice.invoice_id, 60.0)
    final = xero_sdk.accounting.get_invoice(xero_sdk.tenant_id, invoice.invoice_id).invoices[0]
    assert final.status == "PAID" and final.fully_paid_on_date == dt.date(2026, 1, 20)


def test_lock_date_rejects_posting(xero_sdk: XeroSdk, connsim_remote: Any) -> None:
    connsim_remote.control.action("xero", f"{xero_sdk.tenant_id}/lock-dates", {"period_lock_date": "2018-11-30"})
    org = xero_sdk.accounting.get_organisations(xero_sdk.tenant_id).organisations[0]
    assert org.period_lock_date == dt.date(2018, 11, 30)
    with pytest.raises(AccountingBadRequestException) as exc:
        _authorised_invoice(xero_sdk, 50.0, day=dt.date(2018, 11, 30))
    assert exc.value.reason == ("The document date cannot be before the period lock date, currently set at "
                                "30-Nov-2018")


def test_refresh_rotates_and_new_token_works(xero_sdk: XeroSdk, connsim_remote: Any) -> None:
    old_refresh = xero_sdk.store["refresh_token"]
    new = xero_sdk.client.refresh_oauth2_token()
    assert new["refresh_token"] != old_refresh and xero_sdk.store["access_token"] == new["access_token"]
    assert xero_sdk.accounting.get_organisations(xero_sdk.tenant_id).organisations
    connsim_remote.control.advance(31 * 60)  # past the 30-minute grace: the replaced token is dead
    form = {"grant_type": "refresh_token", "refresh_token": old_refresh, "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET}
    answer = requests.post(connsim_remote.endpoints.xero_identity + "/connect/token", data=form, timeout=10)
    assert answer.status_code == 400 and answer.text == '{"error":"invalid_grant"}'


def test_expired_token_is_401_token_expired(xero_sdk: XeroSdk, connsim_remote: Any) -> None:
    connsim_remote.control.advance(31 * 60)
    with pytest.raises(HTTPStatusException) as exc:
        xero_sdk.accounting.get_organisations(xero_sdk.tenant_id)
    body = exc.value.body.decode() if isinstance(exc.value.body, bytes) else exc.value.body
    assert exc.value.status == 401 and "TokenExpired" in body


def test_rate_limit_after_60_calls(xero_sdk: XeroSdk) -> None:
    for _ in range(60):
        xero_sdk.accounting.get_organisations(xero_sdk.tenant_id)
    with pytest.raises(RateLimitException) as exc:
        xero_sdk.accounting.get_organisations(xero_sdk.tenant_id)
    assert exc.value.rate_limit == "minute" and int(exc.value.headers["Retry-After"]) > 0


def test_real_authorize_and_token_flow(connsim_remote: Any) -> None:
    control = connsim_remote.control
    control.freeze()
    tenant = control.create_tenant("xero-org", "Flow Org")
    session = requests.Session()
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": "https://app.example/cb",
              "scope": "accounting.transactions offline_access", "state": "xyz"}
    answer = session.get(connsim_remote.endpoints.xero_authorize, params=params, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    location = requests.utils.urlparse(answer.headers["Location"])
    query = dict(p.split("=", 1) for p in location.query.split("&"))
    assert location.netloc == "app.example" and query["state"] == "xyz"
    token = session.post(connsim_remote.endpoints.xero_identity + "/connect/token", auth=(CLIENT_ID, CLIENT_SECRET),
                         data={"grant_type": "authorization_code", "code": query["code"],
                               "redirect_uri": "https://app.example/cb"}, timeout=10)
    assert token.status_code == 200
    assert set(token.json()) == {"access_token", "refresh_token", "expires_in", "token_type", "scope"}
    conns = session.get(connsim_remote.endpoints.xero_api + "/connections",
                        headers={"Authorization": "Bearer " + token.json()["access_token"]}, timeout=10).json()
    assert [c["tenantId"] for c in conns] == [tenant["id"]]
    again = session.post(connsim_remote.endpoints.xero_identity + "/connect/token", auth=(CLIENT_ID, CLIENT_SECRET),
                         data={"grant_type": "authorization_code", "code": query["code"]}, timeout=10)
    assert again.status_code == 400 and again.text == '{"error":"invalid_grant"}'
