"""The accounting package a payments scenario runs against, as a bookkeeper sees it: what a person
does in Xero's or QuickBooks' web app (through the control API) and what the books really hold
(the tenant snapshot). One interface, one class per system (XeroBooks, QboBooks), so each step is
written once and its scenario runs as an Outline over system = Xero | QuickBooks."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from connsim.harness.env import RemoteEnv


def _unwrap(data: Any, name: str) -> dict[str, Any]:
    return data[name] if isinstance(data, dict) and name in data else data


@dataclass
class Books(ABC):
    env: RemoteEnv
    tenant: str = ""
    customers: dict[str, str] = field(default_factory=dict)
    #: invoice number -> current remote ID; and every ID it ever had (deleted/recreated ones too)
    invoice_ids: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[str]] = field(default_factory=dict)
    credits: dict[str, str] = field(default_factory=dict)  # invoice number -> credit allocation / memo id

    label: ClassVar[str]    # the scenario's word: Xero, QuickBooks
    system: ClassVar[str]   # the engine's and the journal's: xero, qbo
    kind: ClassVar[str]     # the simulator's tenant kind

    def open(self) -> Books:
        self.tenant = self.env.control.create_tenant(self.kind, f"Scenario books ({self.label})")["id"]
        return self

    def act(self, path: str, json: Any = None, method: str = "POST") -> Any:
        return self.env.control.action(self.system, f"{self.tenant}/{path}", json, method=method)

    # -- what a person does in the accounting package ------------------------------------------
    def customer(self, name: str) -> str:
        if name not in self.customers:
            self.customers[name] = self._new_customer(name)
        return self.customers[name]

    def add_invoice(self, number: str, amount: float, date: str, customer: str) -> None:
        self._remember(number, self._new_invoice(number, amount, date, self.customer(customer)))

    def _remember(self, number: str, invoice_id: str) -> None:
        self.invoice_ids[number] = invoice_id
        self.history.setdefault(number, []).append(invoice_id)

    def invoice_id(self, number: str) -> str:
        if number not in self.invoice_ids:
            raise AssertionError(f"the scenario never created invoice {number!r} (known: {sorted(self.invoice_ids)})")
        return self.invoice_ids[number]

    def pay_by_hand(self, number: str, amount: float, date: str) -> None:
        self.act("payments", {"invoice_id": self.invoice_id(number), "amount": amount, "date": date})

    def apply_credit(self, number: str, amount: float, date: str) -> None:
        self.credits[number] = self._apply_credit(self.invoice_id(number), next(iter(self.customers.values())),
                                                  amount, date)

    def unapply_credit(self, number: str) -> None:
        if number not in self.credits:
            raise AssertionError(f"no credit was applied to invoice {number} in this scenario")
        self._unapply_credit(self.credits[number], self.invoice_id(number))

    def recreate(self, number: str) -> None:
        self._remember(number, self._recreate(self.invoice_id(number)))

    def void(self, number: str) -> None:
        self.act(f"invoices/{self.invoice_id(number)}/void")

    def state(self) -> dict[str, Any]:
        return self.env.control.tenant_state(self.tenant)

    # -- per system ----------------------------------------------------------------------------
    @abstractmethod
    def _new_customer(self, name: str) -> str: ...
    @abstractmethod
    def _new_invoice(self, number: str, amount: float, date: str, customer_id: str) -> str: ...
    @abstractmethod
    def _apply_credit(self, invoice_id: str, customer_id: str, amount: float, date: str) -> str: ...
    @abstractmethod
    def _unapply_credit(self, credit: str, invoice_id: str) -> None: ...
    @abstractmethod
    def _recreate(self, invoice_id: str) -> str: ...
    @abstractmethod
    def edit_total(self, number: str, total: float) -> None: ...
    @abstractmethod
    def lock(self, date: str | None) -> None: ...
    @abstractmethod
    def payments_on(self, invoice_id: str) -> list[dict[str, Any]]:
        """Live payments applied to this invoice ID: {id, amount, reference}."""
    @abstractmethod
    def payments_with_reference(self, reference: str) -> list[dict[str, Any]]: ...


class XeroBooks(Books):
    label, system, kind = "Xero", "xero", "xero-org"

    def _new_customer(self, name: str) -> str:
        return str(self.act("contacts", {"name": name})["ContactID"])

    def _new_invoice(self, number: str, amount: float, date: str, customer_id: str) -> str:
        return str(self.act("invoices", {"contact_id": customer_id, "amount": amount, "date": date,
                                         "status": "AUTHORISED", "number": number})["InvoiceID"])

    def _apply_credit(self, invoice_id: str, customer_id: str, amount: float, date: str) -> str:
        note = self.act("credit-notes", {"contact_id": customer_id, "amount": amount, "date": date})
        allocation = self.act(f"credit-notes/{note['CreditNoteID']}/allocate",
                              {"invoice_id": invoice_id, "amount": amount, "date": date})
        return str(allocation["AllocationID"])

    def _unapply_credit(self, credit: str, invoice_id: str) -> None:
        self.act(f"allocations/{credit}/remove")

    def _recreate(self, invoice_id: str) -> str:
        return str(self.act(f"invoices/{invoice_id}/recreate")["InvoiceID"])

    def edit_total(self, number: str, total: float) -> None:
        self.act(f"invoices/{self.invoice_id(number)}/edit", {"Total": total})

    def lock(self, date: str | None) -> None:
        self.act("lock-dates", {"period_lock_date": date, "end_of_year_lock_date": None})

    def payments_on(self, invoice_id: str) -> list[dict[str, Any]]:
        invoice = next((i for i in self.state()["invoices"] if i["InvoiceID"] == invoice_id), None)
        return [{"id": p["PaymentID"], "amount": p["Amount"], "reference": p.get("Reference")}
                for p in (invoice or {}).get("Payments", [])]

    def payments_with_reference(self, reference: str) -> list[dict[str, Any]]:
        return [p for p in self.state()["payments"] if p.get("Reference") == reference and p.get("Status") != "DELETED"]


class QboBooks(Books):
    label, system, kind = "QuickBooks", "qbo", "qbo-realm"

    def _new_customer(self, name: str) -> str:
        return str(_unwrap(self.act("customers", {"name": name}), "Customer")["Id"])

    def _new_invoice(self, number: str, amount: float, date: str, customer_id: str) -> str:
        made = self.act("invoices", {"customer_id": customer_id, "amount": amount, "date": date, "doc_number": number})
        return str(_unwrap(made, "Invoice")["Id"])

    def _apply_credit(self, invoice_id: str, customer_id: str, amount: float, date: str) -> str:
        memo = _unwrap(self.act("credit-memos", {"customer_id": customer_id, "amount": amount}), "CreditMemo")
        self.act(f"credit-memos/{memo['Id']}/apply", {"invoice_id": invoice_id, "amount": amount})
        return str(memo["Id"])

    def _unapply_credit(self, credit: str, invoice_id: str) -> None:
        self.act(f"credit-memos/{credit}/unapply", {"invoice_id": invoice_id})

    def _recreate(self, invoice_id: str) -> str:
        self.act(f"invoices/{invoice_id}/delete")
        return str(_unwrap(self.act(f"invoices/{invoice_id}/recreate"), "Invoice")["Id"])

    def edit_total(self, number: str, total: float) -> None:
        self.act(f"invoices/{self.invoice_id(number)}/edit", {"amount": total})

    def lock(self, date: str | None) -> None:
        self.act("closing-date", {"date": date, "password": None})

    def payments_on(self, invoice_id: str) -> list[dict[str, Any]]:
        out = []
        for payment in self.state()["payments"]:
            if payment.get("deleted"):
                continue
            for line in payment.get("Line", []):
                if any(str(t.get("TxnId")) == invoice_id and t.get("TxnType") == "Invoice"
                       for t in line.get("LinkedTxn", [])):
                    out.append({"id": str(payment["Id"]), "amount": line.get("Amount"),
                                "reference": payment.get("PaymentRefNum")})
        return out

    def payments_with_reference(self, reference: str) -> list[dict[str, Any]]:
        return [p for p in self.state()["payments"] if p.get("PaymentRefNum") == reference and not p.get("deleted")]


BOOKS: dict[str, type[Books]] = {cls.label: cls for cls in (XeroBooks, QboBooks)}


def open_books(env: RemoteEnv, label: str) -> Books:
    if label not in BOOKS:
        raise AssertionError(f"unknown accounting package {label!r}; say one of {', '.join(BOOKS)}")
    return BOOKS[label](env).open()
