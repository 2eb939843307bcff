"""A Xero Accounting API client written from the facts file (reference/xero.md §2): JSON with
``Accept: application/json``, the ``xero-tenant-id`` header on every call, ``Idempotency-Key`` on
writes, 400 ValidationException bodies whose element ``ValidationErrors`` carry the text the user
must see, and the plain-text 404."""

from __future__ import annotations

from typing import Any

import requests

from connsim.harness.engine.http import Caller, RemoteError

API_PATH = "/api.xro/2.0"
#: the bank account payments are deposited to when the organisation offers no BANK account we can read
FALLBACK_BANK_CODE = "090"


class XeroValidationError(RemoteError):
    """A 400 ValidationException: ``messages`` are the element ValidationErrors, Xero's own words."""

    def __init__(self, status: int, messages: list[str], body: str) -> None:
        super().__init__(status, "; ".join(messages) or f"HTTP {status}", body)
        self.messages = messages


class XeroAccountingClient:
    def __init__(self, caller: Caller, base: str, tenant_id: str) -> None:
        self.caller, self.base, self.tenant_id = caller, base.rstrip("/") + API_PATH, tenant_id

    def _send(self, method: str, path: str, *, safe: bool, json: Any = None, params: dict[str, str] | None = None,
              idempotency_key: str | None = None) -> requests.Response:
        headers = {"xero-tenant-id": self.tenant_id, "Accept": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return self.caller.call(method, self.base + path, safe=safe, headers=headers, json=json, params=params)

    @staticmethod
    def _check(response: requests.Response) -> dict[str, Any]:
        if response.status_code == 200:
            return response.json()
        if response.status_code == 400:
            raise XeroValidationError(400, validation_messages(response), response.text)
        raise RemoteError(response.status_code, response.text.strip()[:300] or f"HTTP {response.status_code}",
                          response.text)

    # -- invoices ------------------------------------------------------------------------------
    def invoices_by_number(self, number: str) -> list[dict[str, Any]]:
        """Every invoice with this number (a deleted one and its re-created twin can share it)."""
        data = self._check(self._send("GET", "/Invoices", safe=True, params={"InvoiceNumbers": number}))
        return [i for i in data.get("Invoices", []) if i.get("InvoiceNumber") == number]

    def invoice(self, invoice_id: str) -> dict[str, Any] | None:
        """One invoice by its ID, or None when Xero no longer knows it (plain-text 404)."""
        response = self._send("GET", f"/Invoices/{invoice_id}", safe=True)
        if response.status_code == 404:
            return None
        invoices = self._check(response).get("Invoices", [])
        return invoices[0] if invoices else None

    # -- payments ------------------------------------------------------------------------------
    def create_payment(self, invoice_id: str, account_code: str, amount: float, date: str, reference: str,
                       idempotency_key: str) -> dict[str, Any]:
        """PUT /Payments: not retried blindly; a lost answer is reconciled by Reference."""
        body = {"Payments": [{"Invoice": {"InvoiceID": invoice_id}, "Account": {"Code": account_code},
                              "Date": date, "Amount": round(amount, 2), "Reference": reference}]}
        data = self._check(self._send("PUT", "/Payments", safe=False, json=body, idempotency_key=idempotency_key))
        return data["Payments"][0]

    def payments_with_reference(self, reference: str) -> list[dict[str, Any]]:
        where = f'Reference=="{reference}"'
        data = self._check(self._send("GET", "/Payments", safe=True, params={"where": where}))
        return [p for p in data.get("Payments", []) if p.get("Reference") == reference]

    def bank_account_code(self) -> str:
        """The first BANK account: where received payments are deposited."""
        try:
            data = self._check(self._send("GET", "/Accounts", safe=True, params={"where": 'Type=="BANK"'}))
        except RemoteError:
            return FALLBACK_BANK_CODE
        codes = [a.get("Code") for a in data.get("Accounts", []) if a.get("Type") == "BANK" and a.get("Code")]
        return codes[0] if codes else FALLBACK_BANK_CODE


def validation_messages(response: requests.Response) -> list[str]:
    """Xero's own words from a 400: each element's ValidationErrors, else the top-level Message."""
    try:
        data = response.json()
    except ValueError:
        return [response.text.strip()[:300]]
    messages = [v.get("Message") or v.get("Description") or ""
                for element in data.get("Elements", []) for v in element.get("ValidationErrors", [])]
    messages = [m for m in messages if m]
    return messages or [data.get("Message") or data.get("Detail") or response.text.strip()[:300]]
