"""The accounting package a payments scenario runs against, as a bookkeeper sees it: what a person
does in Xero's or QuickBooks' web app (through the control API) and what the books really hold
(the tenant snapshot). One class for both systems so each step is written once and its scenario
can run as an Outline over system = Xero | QuickBooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connsim.harness.env import RemoteEnv

SYSTEMS = {"Xero": "xero", "QuickBooks": "qbo"}
KINDS = {"xero": "xero-org", "qbo": "qbo-realm"}


def system_code(label: str) -> str:
    if label not in SYSTEMS:
        raise AssertionError(f"unknown accounting package {label!r}; say one of {', '.join(SYSTEMS)}")
    return SYSTEMS[label]


def _unwrap(data: Any, name: str) -> dict[str, Any]:
    return data[name] if isinstance(data, dict) and name in data else data


@dataclass
class Books:
    env: RemoteEnv
    label: str
    tenant: str = ""
    customers: dict[str, str] = field(default_factory=dict)
    #: invoice number -> current remote ID; and every ID it ever had (deleted/recreated ones too)
    invoice_ids: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[str]] = field(default_factory=dict)
    credits: dict[str, str] = field(default_factory=dict)  # invoice number -> credit note/memo id (+ allocation)

    @property
    def system(self) -> str:
        return system_code(self.label)

    def open(self) -> Books:
        self.tenant = self.env.control.create_tenant(KINDS[self.system], f"Scenario books ({self.label})")["id"]
        return self

    def act(self, path: str, json: Any = None, method: str = "POST") -> Any:
        return self.env.control.action(self.system, f"{self.tenant}/{path}", json, method=method)

    # -- what a person does in the accounting package ------------------------------------------
    def customer(self, name: str) -> str:
        if name not in self.customers:
            if self.system == "xero":
                self.customers[name] = self.act("contacts", {"name": name})["ContactID"]
            else:
                self.customers[name] = str(_unwrap(self.act("customers", {"name": name}), "Customer")["Id"])
        return self.customers[name]

    def add_invoice(self, number: str, amount: float, date: str, customer: str) -> None:
        who = self.customer(customer)
        if self.system == "xero":
            made = self.act("invoices", {"contact_id": who, "amount": amount, "date": date, "status": "AUTHORISED",
                                         "number": number})
            self._remember(number, made["InvoiceID"])
        else:
            made = _unwrap(self.act("invoices", {"customer_id": who, "amount": amount, "date": date,
                                                 "doc_number": number}), "Invoice")
            self._remember(number, str(made["Id"]))

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
        invoice_id, customer = self.invoice_id(number), next(iter(self.customers.values()))
        if self.system == "xero":
            note = self.act("credit-notes", {"contact_id": customer, "amount": amount, "date": date})
            allocation = self.act(f"credit-notes/{note['CreditNoteID']}/allocate",
                                  {"invoice_id": invoice_id, "amount": amount, "date": date})
            self.credits[number] = allocation["AllocationID"]
        else:
            memo = _unwrap(self.act("credit-memos", {"customer_id": customer, "amount": amount}), "CreditMemo")
            self.act(f"credit-memos/{memo['Id']}/apply", {"invoice_id": invoice_id, "amount": amount})
            self.credits[number] = str(memo["Id"])

    def unapply_credit(self, number: str) -> None:
        if number not in self.credits:
            raise AssertionError(f"no credit was applied to invoice {number} in this scenario")
        if self.system == "xero":
            self.act(f"allocations/{self.credits[number]}/remove")
        else:
            self.act(f"credit-memos/{self.credits[number]}/unapply", {"invoice_id": self.invoice_id(number)})

    def recreate(self, number: str) -> None:
        if self.system == "xero":
            made = self.act(f"invoices/{self.invoice_id(number)}/recreate")
            self._remember(number, made["InvoiceID"])
        else:
            self.act(f"invoices/{self.invoice_id(number)}/delete")
            made = _unwrap(self.act(f"invoices/{self.invoice_id(number)}/recreate"), "Invoice")
            self._remember(number, str(made["Id"]))

    def void(self, number: str) -> None:
        self.act(f"invoices/{self.invoice_id(number)}/void")

    def edit_total(self, number: str, total: float) -> None:
        change = {"Total": total} if self.system == "xero" else {"amount": total}
        self.act(f"invoices/{self.invoice_id(number)}/edit", change)

    def lock(self, date: str | None) -> None:
        if self.system == "xero":
            self.act("lock-dates", {"period_lock_date": date, "end_of_year_lock_date": None})
        else:
            self.act("closing-date", {"date": date, "password": None})

    # -- what the books really hold ------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return self.env.control.tenant_state(self.tenant)

    def payments_on(self, invoice_id: str) -> list[dict[str, Any]]:
        """Live payments applied to this invoice ID: {id, amount, reference}."""
        state = self.state()
        if self.system == "xero":
            invoice = next((i for i in state["invoices"] if i["InvoiceID"] == invoice_id), None)
            return [{"id": p["PaymentID"], "amount": p["Amount"], "reference": p.get("Reference")}
                    for p in (invoice or {}).get("Payments", [])]
        out = []
        for payment in state["payments"]:
            if payment.get("deleted"):
                continue
            for line in payment.get("Line", []):
                if any(str(t.get("TxnId")) == invoice_id and t.get("TxnType") == "Invoice"
                       for t in line.get("LinkedTxn", [])):
                    out.append({"id": str(payment["Id"]), "amount": line.get("Amount"),
                                "reference": payment.get("PaymentRefNum")})
        return out

    def payments_with_reference(self, reference: str) -> list[dict[str, Any]]:
        state = self.state()
        if self.system == "xero":
            return [p for p in state["payments"] if p.get("Reference") == reference and p.get("Status") != "DELETED"]
        return [p for p in state["payments"] if p.get("PaymentRefNum") == reference and not p.get("deleted")]
