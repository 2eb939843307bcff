"""One QBO realm: customers, invoices, payments and credit memos, their sync tokens, the links
between them (invoice balances are computed from linked payments and credits) and the closing
date. Reads time only through the tenant's clock; raises QboFault subclasses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from connsim.simulator.qbo.errors import (
    DELETED_DETAIL,
    BusinessValidation,
    DuplicateName,
    InactiveReference,
    InvalidId,
    InvalidReference,
    ObjectNotFound,
    PeriodClosed,
    RequiredParamMissing,
    StaleObject,
    UnsupportedOperation,
)
from connsim.simulator.qbo.model import derive, indexes, lists, query, views
from connsim.simulator.qbo.model.company import Company
from connsim.simulator.qbo.model.records import (
    KINDS,
    WRITABLE_EXTRA,
    ZERO,
    CreditMemo,
    Customer,
    Invoice,
    Payment,
    Record,
    Txn,
    clean,
    money,
    ref_id,
    sync_token,
    writable,
)
from connsim.simulator.qbo.model.schema import check_properties

_DERIVE: dict[str, Callable[..., dict[str, Any]]] = {
    "Customer": derive.customer,
    "Invoice": lambda b, f, r: derive.sales_form(b, "Invoice", f, r),
    "CreditMemo": lambda b, f, r: derive.sales_form(b, "CreditMemo", f, r),
    "Payment": derive.payment,
    **{kind: lists.deriver(kind) for kind in lists.SPECS},
}
ALL_KINDS: dict[str, type[Record]] = {**KINDS, **lists.LIST_KINDS}


class QboBackend:
    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant
        self.store: dict[str, dict[str, Record]] = {kind: {} for kind in ALL_KINDS}
        self._seq = dict.fromkeys(ALL_KINDS, 0)
        self._names: dict[str, dict[str, str]] = {kind: {} for kind in ALL_KINDS}  # casefolded full name → id
        self._doc_numbers: dict[tuple[str, str], str] = {}     # (kind, DocNumber) → live txn id
        self._next_doc = {"Invoice": 1000, "CreditMemo": 1000}
        self._last_address = 1  # CompanyInfo's addresses are Id 1
        self.customer_invoices: dict[str, set[str]] = {}       # customer id → invoice ids
        self.indexes = indexes.build()                         # what queries filter by (model/indexes.py)
        self.closing_date: date | None = None
        self.closing_password = False
        self.company = Company(self)
        self.company.install(self)

    # -- time, settings, lookups --------------------------------------------------------------
    def now(self) -> datetime:
        return self.tenant.clock.now()

    def today(self) -> date:
        return self.now().date()

    def setting(self, name: str, default: Any) -> Any:
        return self.tenant.settings.get(name, default)

    def live(self, kind: str, record_id: str) -> Record | None:
        record = self.store.get(kind, {}).get(record_id)
        return None if record is None or record.deleted else record

    def get(self, kind: str, record_id: Any) -> Record:
        """A live entity, or QBO's 610 (deleted transactions say so); a non-numeric Id is 2030 Invalid ID."""
        text = str(record_id).strip() if record_id is not None else ""
        if record_id is not None and not text.isdigit():
            raise InvalidId(text)
        rid = str(int(text)) if text else None
        record = self.store[kind].get(rid or "")
        if record is None:
            raise ObjectNotFound()
        if record.deleted:
            raise ObjectNotFound(DELETED_DETAIL)
        return record

    def check_unique_name(self, kind: str, name: str, record: Record | None) -> None:
        """Names are unique per list, case-insensitively: 6240 Duplicate Name Exists Error."""
        existing = self._names[kind].get(name.casefold())
        if existing is not None and (record is None or existing != record.id):
            raise DuplicateName(name, existing, kind)

    def resolve(self, target: str, ref: Any, element: str) -> Record:
        """The live entity a Ref names, or the Fault QBO gives for an unknown or inactive one."""
        rid = ref_id(ref, element)
        if rid is None:
            raise RequiredParamMissing(element)
        found = self.store[target].get(rid)
        if found is None or found.deleted:
            raise InvalidReference(element, target, rid)
        if not getattr(found, "active", True):
            raise InactiveReference(element)
        return found

    def named_ref(self, target: str, rid: str) -> dict[str, str]:
        """{"value": id, "name": its current name}, as QBO fills Refs on read."""
        found = self.store[target].get(rid)
        name = getattr(found, "full_name", "") or getattr(found, "display_name", "") or getattr(found, "name", "")
        return {"value": rid, "name": name} if name else {"value": rid}

    def doc_number_holder(self, kind: str, number: str) -> str | None:
        return self._doc_numbers.get((kind, number))

    def next_doc_number(self, kind: str) -> str:
        number = self._next_doc[kind] + 1
        while (kind, str(number)) in self._doc_numbers:
            number += 1
        return str(number)

    # -- writes -------------------------------------------------------------------------------
    def create(self, kind: str, data: dict[str, Any], *, ui: bool = False) -> Record:
        """POST /<entity> without an Id. ``ui``: done by a person in QuickBooks (no closing-date block)."""
        check_properties(kind, data)
        self._check_writable(kind, ui)
        fields = writable(data, WRITABLE_EXTRA.get(kind, ()))
        attrs = _DERIVE[kind](self, fields, None)
        fields = self._number_addresses(attrs.pop("fields", fields))
        if not ui:
            self._check_period(attrs.get("txn_date"))
        self._seq[kind] += 1
        now = self.now()
        record = ALL_KINDS[kind](id=str(self._seq[kind]), created=now, updated=now, fields=fields, **attrs)
        self.store[kind][record.id] = record
        self._link(record)
        self._file(record)
        self._touch_targets(set(), record)
        return record

    def update(self, kind: str, data: dict[str, Any], *, sparse: bool, ui: bool = False) -> Record:
        """Full update replaces the writable fields; sparse merges the ones sent (Line replaces all lines)."""
        check_properties(kind, data)
        self._check_writable(kind, ui)
        record = self._current(kind, data, ui=ui)
        incoming = writable(data, WRITABLE_EXTRA.get(kind, ()))
        fields = {**record.fields, **incoming} if sparse else incoming
        attrs = _DERIVE[kind](self, fields, record)
        fields = self._number_addresses(attrs.pop("fields", fields))
        if fields == record.fields and all(getattr(record, k) == v for k, v in attrs.items()):
            return record  # nothing changed: same SyncToken (recorded: spec/vcr/deactivate/account.yml)
        if not ui and isinstance(record, Txn):
            self._check_period(record.txn_date, attrs.get("txn_date"))
        before = self._targets(record)
        self._unlink(record)
        for name, value in attrs.items():
            setattr(record, name, value)
        record.fields = fields
        self._link(record)
        self._touch(record)
        self._touch_targets(before, record)
        return record

    def delete(self, kind: str, data: dict[str, Any], *, ui: bool = False) -> Record:
        check_properties(kind, data)  # the body is bound before the operation is looked at
        if kind == "Customer" or kind in lists.SPECS:
            raise UnsupportedOperation(f"Operation Delete {kind} is not supported. Make the {kind.lower()} inactive "
                                       "(Active=false) instead.")
        record = self._current(kind, data, ui=ui)
        if not ui:
            self._check_period(getattr(record, "txn_date", None))
        before = self._targets(record)
        self._detach(record)
        self._unlink(record)
        record.deleted = True
        self._touch(record)
        self._touch_targets(before, None)
        return record

    def void(self, kind: str, data: dict[str, Any], *, ui: bool = False) -> Record:
        """Invoice ?operation=void, Payment ?operation=update&include=void: amounts to zero, links undone.
        ``ui``: a person voiding in QuickBooks (no SyncToken; a closed period only warns them)."""
        check_properties(kind, data)
        if kind not in ("Invoice", "Payment"):
            raise UnsupportedOperation(f"Operation Void {kind} is not supported.")
        record = self._current(kind, data, ui=ui)
        assert isinstance(record, Txn)
        if not ui:
            self._check_period(record.txn_date)
        before = self._targets(record)
        self._detach(record)
        self._unlink(record)
        record.voided, record.total = True, ZERO
        if isinstance(record, Invoice):
            record.lines = [dict(line, Amount=ZERO) for line in record.lines]
            record.tax = {"TotalTax": ZERO}
        if isinstance(record, Payment):
            record.applications = []
        record.fields = {**record.fields, "PrivateNote": "Voided"}
        self._link(record)
        self._touch(record)
        self._touch_targets(before, None)
        return record

    def _number_addresses(self, fields: dict[str, Any]) -> dict[str, Any]:
        """QBO numbers each physical address; the same BillAddr and ShipAddr share one Id, and a form's
        address copied from its customer keeps the customer's (recorded: spec/vcr/get/id.yml, create/invoice.yml)."""
        numbered: dict[str, dict[str, Any]] = {}
        for prop in ("BillAddr", "ShipAddr"):
            address = fields.get(prop)
            if not isinstance(address, dict) or not address:
                continue
            bare = {k: v for k, v in address.items() if k != "Id"}
            same = next((a for a in numbered.values() if {k: v for k, v in a.items() if k != "Id"} == bare), None)
            if same is not None:
                numbered[prop] = {**address, "Id": same["Id"]}
            elif str(address.get("Id", "")).isdigit() and int(address["Id"]) <= self._last_address:
                numbered[prop] = address
            else:
                self._last_address += 1
                numbered[prop] = {**bare, "Id": str(self._last_address)}
        return {**fields, **numbered} if numbered else fields

    @staticmethod
    def _check_writable(kind: str, ui: bool) -> None:
        spec = lists.SPECS.get(kind)
        if spec is not None and not spec.writable and not ui:
            raise UnsupportedOperation(f"Operation Create/Update {kind} is not supported through the {kind} "
                                       "endpoint; use TaxService.")

    def _current(self, kind: str, data: dict[str, Any], ui: bool = False) -> Record:
        """The entity a write names, after the SyncToken check (QBO's optimistic concurrency)."""
        if data.get("Id") in (None, ""):
            raise RequiredParamMissing("Id")
        record = self.get(kind, data.get("Id"))
        if ui:
            return record
        token = sync_token(data.get("SyncToken"))
        if token is None:
            raise RequiredParamMissing("SyncToken")
        if token != record.sync:
            raise StaleObject()
        return record

    @staticmethod
    def _targets(record: Record) -> set[tuple[str, str]]:
        if isinstance(record, Payment):
            return {(a.txn_type, a.txn_id) for a in record.applications}
        return set()

    def _touch_targets(self, before: set[tuple[str, str]], record: Record | None) -> None:
        """Invoices and credit memos a payment was or is linked to changed too: new SyncToken."""
        for kind, target_id in sorted(before | (self._targets(record) if record is not None else set())):
            self._touch(self.store[kind][target_id])

    def _touch(self, record: Record) -> None:
        """Every change to a record ends here (or in create): new SyncToken and stamp, indexes refiled."""
        record.sync += 1
        record.updated = self.now()
        self._file(record)

    def _file(self, record: Record) -> None:
        index = self.indexes.get(record.kind)
        if index is not None and record.deleted:
            index.drop(record.id)
        elif index is not None:
            index.put(record)

    def _check_period(self, *dates: date | None) -> None:
        if self.closing_date is None:
            return
        if any(d is not None and d <= self.closing_date for d in dates):
            raise PeriodClosed(self.setting("closed_period_code", None) or ("6210" if self.closing_password
                                                                             else "6200"))

    # -- links between transactions -------------------------------------------------------------
    def _link(self, record: Record) -> None:
        if isinstance(record, Customer) and not record.deleted:
            self._names["Customer"][record.display_name.casefold()] = record.id
        if isinstance(record, lists.ListRecord):
            self._names[record.kind][record.full_name.casefold()] = record.id
        if isinstance(record, (Invoice, CreditMemo)) and not record.deleted:
            self._doc_numbers.setdefault((record.kind, record.doc_number), record.id)
            if record.doc_number.isdigit():
                self._next_doc[record.kind] = max(self._next_doc[record.kind], int(record.doc_number))
        if isinstance(record, Invoice) and not record.deleted:
            self.customer_invoices.setdefault(record.customer_id, set()).add(record.id)
        if isinstance(record, Payment) and not record.deleted:
            for app in record.applications:
                target = self.store[app.txn_type][app.txn_id]
                links = target.paid_by if isinstance(target, Invoice) else target.used_by  # type: ignore[attr-defined]  # the record kind checked above has this field
                links[record.id] = links.get(record.id, ZERO) + app.amount

    def _unlink(self, record: Record) -> None:
        """Undo what _link did, so the record can be re-derived and linked again."""
        if isinstance(record, Customer):
            self._names["Customer"].pop(record.display_name.casefold(), None)
        if isinstance(record, lists.ListRecord):
            self._names[record.kind].pop(record.full_name.casefold(), None)
        if isinstance(record, (Invoice, CreditMemo)) and \
                self._doc_numbers.get((record.kind, record.doc_number)) == record.id:
            del self._doc_numbers[(record.kind, record.doc_number)]
        if isinstance(record, Invoice):
            self.customer_invoices.get(record.customer_id, set()).discard(record.id)
        if isinstance(record, Payment):
            for app in record.applications:
                target = self.store[app.txn_type][app.txn_id]
                (target.paid_by if isinstance(target, Invoice) else target.used_by).pop(record.id, None)  # type: ignore[attr-defined]  # the record kind checked above has this field

    def _detach(self, record: Record) -> None:
        """A deleted or voided transaction takes its links with it; the other side changes too."""
        touched: list[Record] = []
        if isinstance(record, Invoice):
            for cm_id in list(record.credited_by):
                credit = self.store["CreditMemo"][cm_id]
                credit.applied_to.pop(record.id, None)  # type: ignore[attr-defined]  # the record kind checked above has this field
                touched.append(credit)
            record.credited_by.clear()
        if isinstance(record, CreditMemo):
            for inv_id in list(record.applied_to):
                self.store["Invoice"][inv_id].credited_by.pop(record.id, None)  # type: ignore[attr-defined]  # the record kind checked above has this field
                touched.append(self.store["Invoice"][inv_id])
            record.applied_to.clear()
        if isinstance(record, (Invoice, CreditMemo)):
            links = record.paid_by if isinstance(record, Invoice) else record.used_by
            for pay_id in list(links):
                pay = self.store["Payment"][pay_id]
                assert isinstance(pay, Payment)
                self._unlink(pay)
                pay.applications = [a for a in pay.applications if a.txn_id != record.id or a.txn_type != record.kind]
                self._link(pay)
                touched.append(pay)
        for other in touched:
            self._touch(other)

    # -- what a person does in QuickBooks (control API) ---------------------------------------------
    def set_closing_date(self, when: date | None, password: bool = False) -> None:
        self.closing_date, self.closing_password = when, bool(password)

    def apply_credit(self, credit_id: str, invoice_id: str, amount: Any) -> Decimal:
        credit, invoice = self.get("CreditMemo", credit_id), self.get("Invoice", invoice_id)
        assert isinstance(credit, CreditMemo) and isinstance(invoice, Invoice)
        value = money(amount, "amount")
        if value is None:
            value = min(credit.remaining, invoice.balance)
        if value <= 0 or value > credit.remaining or value > invoice.balance:
            raise BusinessValidation(f"Can't apply {value}: credit left {credit.remaining}, invoice balance "
                                     f"{invoice.balance}.")
        credit.applied_to[invoice.id] = credit.applied_to.get(invoice.id, ZERO) + value
        invoice.credited_by[credit.id] = invoice.credited_by.get(credit.id, ZERO) + value
        self._touch(credit)
        self._touch(invoice)
        return value

    def unapply_credit(self, credit_id: str, invoice_id: str) -> Decimal:
        credit, invoice = self.get("CreditMemo", credit_id), self.get("Invoice", invoice_id)
        assert isinstance(credit, CreditMemo) and isinstance(invoice, Invoice)
        value = credit.applied_to.pop(invoice.id, ZERO)
        invoice.credited_by.pop(credit.id, None)
        if value:
            self._touch(credit)
            self._touch(invoice)
        return value

    def recreate_invoice(self, invoice_id: str) -> Record:
        """Delete (if still live) and enter the same invoice again: new Id, same customer, lines, number."""
        old = self.store["Invoice"].get(ref_id(invoice_id, "Id") or "")
        if old is None:
            raise ObjectNotFound(element="Id")
        if not old.deleted:
            self.delete("Invoice", {"Id": old.id}, ui=True)
        assert isinstance(old, Invoice)
        fields = clean(dict(old.fields, DocNumber=old.doc_number, TxnDate=old.txn_date.isoformat()))
        fields["Line"] = [{k: v for k, v in line.items() if k not in ("Id", "LineNum")} for line in old.lines]
        return self.create("Invoice", fields, ui=True)

    # -- reads ----------------------------------------------------------------------------------
    def view(self, record: Record) -> dict[str, Any]:
        return views.render(self, record)

    def query(self, text: str) -> query.QueryResult:
        return query.run(self, text)

    def customer_balance(self, customer_id: str) -> Decimal:
        invoices = (self.store["Invoice"][i] for i in self.customer_invoices.get(customer_id, ()))
        return sum((inv.balance for inv in invoices if not inv.deleted), ZERO)  # type: ignore[attr-defined]  # the record kind checked above has this field

    def snapshot(self) -> dict[str, Any]:
        def dump(kind: str) -> list[dict[str, Any]]:
            return [views.jsonable(dict(self.view(r), deleted=r.deleted)) for r in self.store[kind].values()]

        return {"BookCloseDate": self.closing_date.isoformat() if self.closing_date else None,
                "closingPassword": self.closing_password,
                "customers": dump("Customer"), "invoices": dump("Invoice"), "payments": dump("Payment"),
                "creditMemos": dump("CreditMemo")}
