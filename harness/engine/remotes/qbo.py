"""A QuickBooks Online Accounting v3 client written from the facts file (reference/qbo-aps.md §1):
``/v3/company/<realm>/<entity>`` with ``minorversion=75``, ``requestid`` for idempotent creates,
queries as ``POST /query`` with ``Content-Type: application/text``, and ``Fault`` bodies (JSON, or
XML even when JSON was asked for) whose ``Detail`` is the text the user must see."""

from __future__ import annotations

from typing import Any

import defusedxml.ElementTree as SafeET
import requests

from connsim.harness.engine.http import Caller, RemoteError

MINOR_VERSION = "75"
NOT_FOUND_CODES = {"610", "2500"}


class QboFault(RemoteError):
    """A Fault answer: ``code`` is Intuit's error code (a string of digits), message its Detail."""

    def __init__(self, status: int, code: str, message: str, body: str) -> None:
        super().__init__(status, message, body)
        self.code = code


class QboClient:
    def __init__(self, caller: Caller, base: str, realm_id: str) -> None:
        self.caller, self.realm = caller, realm_id
        self.base = f"{base.rstrip('/')}/v3/company/{realm_id}"

    def _send(self, method: str, path: str, *, safe: bool, json: Any = None, data: str | None = None,
              params: dict[str, str] | None = None, content_type: str = "application/json") -> dict[str, Any]:
        headers = {"Accept": "application/json", "Content-Type": content_type}
        response = self.caller.call(method, self.base + path, safe=safe, headers=headers, json=json, data=data,
                                    params={"minorversion": MINOR_VERSION, **(params or {})})
        if response.status_code == 200:
            body = response.json()
            if "Fault" in body:  # 200 with a Fault inside happens (batch, some validations)
                raise fault(response)
            return body
        raise fault(response)

    def query(self, statement: str) -> dict[str, Any]:
        return self._send("POST", "/query", safe=True, data=statement,
                          content_type="application/text").get("QueryResponse", {})

    # -- invoices ------------------------------------------------------------------------------
    def invoices_by_number(self, number: str) -> list[dict[str, Any]]:
        escaped = number.replace("'", "\\'")
        return self.query(f"select * from Invoice where DocNumber = '{escaped}'").get("Invoice", [])

    def invoice(self, invoice_id: str) -> dict[str, Any] | None:
        """One invoice by Id, or None when QuickBooks answers Object Not Found (deleted)."""
        try:
            return self._send("GET", f"/invoice/{invoice_id}", safe=True).get("Invoice")
        except QboFault as exc:
            if exc.status == 404 or exc.code in NOT_FOUND_CODES:
                return None
            raise

    # -- payments ------------------------------------------------------------------------------
    def payment(self, payment_id: str) -> dict[str, Any] | None:
        try:
            return self._send("GET", f"/payment/{payment_id}", safe=True).get("Payment")
        except QboFault as exc:
            if exc.status == 404 or exc.code in NOT_FOUND_CODES:
                return None
            raise

    def create_payment(self, customer_id: str, invoice_id: str, amount: float, date: str, reference: str,
                       note: str, request_id: str) -> dict[str, Any]:
        """POST /payment linked to the invoice's Id: not retried blindly; reconciled by reference."""
        body = {"CustomerRef": {"value": customer_id}, "TotalAmt": round(amount, 2), "TxnDate": date,
                "PaymentRefNum": reference, "PrivateNote": note,
                "Line": [{"Amount": round(amount, 2), "LinkedTxn": [{"TxnId": invoice_id, "TxnType": "Invoice"}]}]}
        return self._send("POST", "/payment", safe=False, json=body, params={"requestid": request_id})["Payment"]

    def payments_with_reference(self, reference: str) -> list[dict[str, Any]]:
        escaped = reference.replace("'", "\\'")
        found = self.query(f"select * from Payment where PaymentRefNum = '{escaped}'").get("Payment", [])
        return [p for p in found if p.get("PaymentRefNum") == reference]


def fault(response: requests.Response) -> QboFault:
    """The first Error of a Fault (JSON, lower-case gateway JSON, or XML) as the user would read it."""
    status, text = response.status_code, response.text
    try:
        body = response.json()
        root = body.get("Fault") or body.get("fault") or {}
        errors = root.get("Error") or root.get("error") or [{}]
        first = errors[0]
        detail = first.get("Detail") or first.get("detail") or first.get("Message") or first.get("message")
        return QboFault(status, str(first.get("code", "")), detail or f"HTTP {status}", text)
    except ValueError:
        pass
    try:
        root = SafeET.fromstring(response.content)
        error = next((el for el in root.iter() if el.tag.endswith("Error")), None)
        if error is not None:
            detail = next((el.text for el in error if el.tag.endswith("Detail")), None)
            message = next((el.text for el in error if el.tag.endswith("Message")), None)
            return QboFault(status, error.get("code", ""), (detail or message or f"HTTP {status}").strip(), text)
    except Exception:  # noqa: BLE001 - an unreadable body still becomes an error the user sees
        pass
    return QboFault(status, "", text.strip()[:300] or f"HTTP {status}", text)
