"""Records → Xero Accounting JSON (no Flask, so the model's snapshot can use it too).

Dates the SDK types as ms-format are ``/Date(ms+0000)/`` (documents also carry ``DateString``);
amounts are JSON numbers; unset fields are left out, never null (xero-python turns null into
"None" or raises on it)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from connsim.simulator.core import ids
from connsim.simulator.xero.model.entities import (
    Account,
    Allocation,
    Contact,
    CreditNote,
    Document,
    Invoice,
    LineItem,
    Organisation,
    Payment,
)

#: date.toordinal() of 1970-01-01: a date's epoch milliseconds are plain arithmetic on it
_EPOCH_DAY = date(1970, 1, 1).toordinal()


def ms(value: date | datetime, offset: bool = True) -> str:
    """.NET JSON date: ``/Date(1539129600000+0000)/``."""
    if not isinstance(value, datetime):
        millis = (value.toordinal() - _EPOCH_DAY) * 86_400_000  # midnight UTC, without building a datetime
    else:
        millis = int((value if value.tzinfo is not None else value.replace(tzinfo=UTC)).timestamp() * 1000)
    return f"/Date({millis}+0000)/" if offset else f"/Date({millis})/"


def day_string(value: date) -> str:
    return f"{value.isoformat()}T00:00:00"


def stamp_string(value: datetime) -> str:
    """``UpdatedDateUTCString`` as the OAS-ACC examples write it: ``2019-03-12T23:10:38Z``."""
    return value.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z"  # isoformat is a third cheaper than strftime


def num(value: Decimal) -> float:
    return float(value)


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def envelope(collection: str, items: list[dict[str, Any]], now: datetime, *,
             pagination: dict[str, int] | None = None, warnings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"Id": ids.uuid4_text(), "Status": "OK", "ProviderName": "connsim test app",
                           "DateTimeUTC": ms(now, offset=False)}
    if pagination is not None:
        out["pagination"] = pagination
    if warnings:
        out["Warnings"] = warnings
    out[collection] = items
    return out


def organisation(org: Organisation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "OrganisationID": org.id, "Name": org.name, "LegalName": org.legal_name, "PaysTax": True,
        "Version": org.version, "OrganisationType": "COMPANY", "BaseCurrency": org.base_currency,
        "CountryCode": org.country_code, "IsDemoCompany": False, "OrganisationStatus": "ACTIVE",
        "FinancialYearEndDay": 30, "FinancialYearEndMonth": 6, "SalesTaxBasis": "ACCRUALS",
        "SalesTaxPeriod": "QUARTERLY1", "DefaultSalesTax": "Tax Exclusive", "DefaultPurchasesTax": "Tax Inclusive",
        "CreatedDateUTC": ms(org.created_at, offset=False), "OrganisationEntityType": "COMPANY",
        "Timezone": "AUSEASTERNSTANDARDTIME", "ShortCode": org.short_code, "Edition": "BUSINESS", "Class": "PREMIUM",
        "Addresses": [{"AddressType": kind} for kind in ANSWERED_ADDRESSES],
        "Phones": [{"PhoneType": kind} for kind in ANSWERED_PHONES], "ExternalLinks": [], "PaymentTerms": {},
    }
    if org.period_lock_date:
        out["PeriodLockDate"] = ms(org.period_lock_date)
    if org.end_of_year_lock_date:
        out["EndOfYearLockDate"] = ms(org.end_of_year_lock_date)
    return out


def account(a: Account, currency: str) -> dict[str, Any]:
    from connsim.simulator.xero.model.backend import account_class

    out: dict[str, Any] = {"AccountID": a.id, "Code": a.code, "Name": a.name, "Status": a.status, "Type": a.type,
                           "TaxType": a.tax_type, "Class": account_class(a.type),
                           "EnablePaymentsToAccount": a.enable_payments,
                           "ShowInExpenseClaims": False, "ReportingCode": "", "HasAttachments": False,
                           "AddToWatchlist": False}
    if a.type == "BANK":
        out.update({"BankAccountType": "BANK", "CurrencyCode": currency})
    if a.updated_at is not None:
        out["UpdatedDateUTC"] = ms(a.updated_at)
    return out


#: Xero answers every address and phone type, empty ones too (xeroizer's recorded invoice.xml)
ANSWERED_ADDRESSES = ("POBOX", "STREET")
ANSWERED_PHONES = ("DEFAULT", "DDI", "MOBILE", "FAX")


def contact(c: Contact, backend: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"ContactID": c.id, "ContactStatus": c.status, "Name": c.name}
    for key, value in (("FirstName", c.first_name), ("LastName", c.last_name), ("EmailAddress", c.email),
                       ("ContactNumber", c.contact_number), ("AccountNumber", c.account_number),
                       ("TaxNumber", c.tax_number)):
        _put(out, key, value)
    out.update(c.extra)
    kinds = list(ANSWERED_ADDRESSES) + [k for k in c.addresses if k not in ANSWERED_ADDRESSES]
    out["Addresses"] = [{"AddressType": k, **(c.addresses[k].values if k in c.addresses else {})} for k in kinds]
    kinds = list(ANSWERED_PHONES) + [k for k in c.phones if k not in ANSWERED_PHONES]
    out["Phones"] = [_phone(k, c.phones.get(k)) for k in kinds]
    out.update({"UpdatedDateUTC": ms(c.updated_at), "ContactGroups": [], "IsSupplier": c.is_supplier,
                "IsCustomer": c.is_customer, "ContactPersons": [_person(p) for p in c.persons],
                "HasAttachments": False, "HasValidationErrors": False})
    if c.payment_terms:
        out["PaymentTerms"] = {side: {"Day": t.day, "Type": t.type} for side, t in c.payment_terms.items()}
    if backend is not None:
        owed = backend.balances(c)
        out["Balances"] = {"AccountsReceivable": {k: num(v) for k, v in owed["ACCREC"].items()},
                           "AccountsPayable": {k: num(v) for k, v in owed["ACCPAY"].items()}}
    return out


def _phone(kind: str, phone: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"PhoneType": kind}
    if phone is not None:
        for key, value in (("PhoneNumber", phone.number), ("PhoneAreaCode", phone.area_code),
                           ("PhoneCountryCode", phone.country_code)):
            _put(out, key, value)
    return out


def _person(p: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (("FirstName", p.first_name), ("LastName", p.last_name), ("EmailAddress", p.email)):
        _put(out, key, value)
    out["IncludeInEmails"] = p.include_in_emails
    return out


def tracking_ref(backend: Any, name: str, option: str) -> dict[str, Any]:
    """A line's tracking as Xero answers it: the category and option by ID and name."""
    for category in backend.tracking.values():
        if category.name.lower() == name.lower():
            chosen = next((o for o in category.options if o.lower() == option.lower()), option)
            return {"TrackingCategoryID": category.id, "TrackingOptionID": category.options.get(chosen),
                    "Name": category.name, "Option": chosen}
    return {"Name": name, "Option": option}


def contact_ref(backend: Any, contact_id: str) -> dict[str, Any]:
    c = backend.contacts[contact_id]
    return {"ContactID": c.id, "Name": c.name, "ContactStatus": c.status}


def line_item(backend: Any, line: LineItem) -> dict[str, Any]:
    out: dict[str, Any] = {"LineItemID": line.id}
    _put(out, "Description", line.description)
    out.update({"Quantity": num(line.quantity), "UnitAmount": num(line.unit_amount)})
    _put(out, "ItemCode", line.item_code)
    _put(out, "AccountCode", line.account_code)
    out.update({"TaxType": line.tax_type, "TaxAmount": num(line.tax_amount), "LineAmount": num(line.line_amount),
                "Tracking": [tracking_ref(backend, name, option) for name, option in line.tracking]})
    if line.discount_rate is not None:
        out["DiscountRate"] = num(line.discount_rate)
    return out


def _document(backend: Any, doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"Type": doc.type, "Contact": contact(backend.contacts[doc.contact_id]),
                           "DateString": day_string(doc.date), "Date": ms(doc.date)}
    if doc.due_date:
        out.update({"DueDateString": day_string(doc.due_date), "DueDate": ms(doc.due_date)})
    out.update({"Status": doc.status, "LineAmountTypes": doc.line_amount_types,
                "LineItems": [line_item(backend, line) for line in doc.lines], "SubTotal": num(doc.sub_total),
                "TotalTax": num(doc.total_tax), "Total": num(doc.total), "UpdatedDateUTC": ms(doc.updated_at),
                "UpdatedDateUTCString": stamp_string(doc.updated_at), "CurrencyCode": doc.currency,
                "CurrencyRate": 1.0})
    out.update(doc.extra)
    _put(out, "Reference", doc.reference)
    if doc.fully_paid_on:
        out["FullyPaidOnDate"] = ms(doc.fully_paid_on)
    return out


def invoice(backend: Any, inv: Invoice) -> dict[str, Any]:
    out = _document(backend, inv)
    out.update({"InvoiceID": inv.id, "InvoiceNumber": inv.number, "HasAttachments": False, "IsDiscounted": False,
                "HasErrors": False,
                "Payments": [payment_summary(p) for p in backend.live_payments(inv)]})
    credits = backend.live_allocations(inv.allocation_ids)
    for source, key in (("CreditNote", "CreditNotes"), ("Prepayment", "Prepayments"), ("Overpayment", "Overpayments")):
        out[key] = [credit_summary(backend, a) for a in credits if a.source == source]
    out.update({"AmountDue": num(inv.amount_due),
                "AmountPaid": num(inv.amount_paid), "AmountCredited": num(inv.amount_credited)})
    _put(out, "Url", inv.url)
    return out


def credit_note(backend: Any, note: CreditNote) -> dict[str, Any]:
    out = _document(backend, note)
    out.update({"CreditNoteID": note.id, "CreditNoteNumber": note.number, "HasAttachments": False,
                "HasErrors": False, "RemainingCredit": num(note.remaining_credit),
                "Allocations": [allocation(backend, a, nested=True)
                                for a in backend.live_allocations(note.allocation_ids)],
                "Payments": []})
    return out


def payment_summary(p: Payment) -> dict[str, Any]:
    out: dict[str, Any] = {"PaymentID": p.id, "Date": ms(p.date), "Amount": num(p.amount), "CurrencyRate": 1.0,
                           "HasAccount": True, "HasValidationErrors": False}
    _put(out, "Reference", p.reference)
    return out


def credit_summary(backend: Any, a: Allocation) -> dict[str, Any]:
    """One credit applied to an invoice, under its CreditNotes, Prepayments or Overpayments."""
    note = backend.credit_source(a)
    out: dict[str, Any] = {f"{a.source}ID": note.id}
    if a.source == "CreditNote":
        out["CreditNoteNumber"] = note.number
    out.update({"AppliedAmount": num(a.amount), "Date": ms(a.date), "DateString": day_string(a.date),
                "Total": num(note.total), "HasAttachments": False})
    if a.source == "CreditNote":
        out["HasErrors"] = False
    return out


def payment(backend: Any, p: Payment) -> dict[str, Any]:
    inv = backend.invoices[p.invoice_id]
    account = backend.accounts[p.account_id]
    out = payment_summary(p)
    out.update({"BankAmount": num(p.amount), "PaymentType": p.payment_type, "Status": p.status,
                "UpdatedDateUTC": ms(p.updated_at), "UpdatedDateUTCString": stamp_string(p.updated_at),
                "IsReconciled": p.is_reconciled,
                "Account": {"AccountID": account.id, "Code": account.code},
                "Invoice": {"Type": inv.type, "InvoiceID": inv.id, "InvoiceNumber": inv.number,
                            "CurrencyCode": inv.currency,
                            "Contact": contact_ref(backend, inv.contact_id), "Payments": [], "CreditNotes": [],
                            "Prepayments": [], "Overpayments": [], "HasErrors": False, "IsDiscounted": False,
                            "LineItems": []}})
    return out


def allocation(backend: Any, a: Allocation, nested: bool = False) -> dict[str, Any]:
    inv = backend.invoices[a.invoice_id]
    out: dict[str, Any] = {"AllocationID": a.id, "Amount": num(a.amount), "Date": ms(a.date),
                           "Invoice": {"InvoiceID": inv.id, "InvoiceNumber": inv.number, "Type": inv.type,
                                       "Payments": [], "CreditNotes": [], "Prepayments": [], "Overpayments": [],
                                       "HasErrors": False, "IsDiscounted": False, "LineItems": []}}
    if not nested:
        note = backend.credit_source(a)
        source: dict[str, Any] = {f"{a.source}ID": note.id}
        if a.source == "CreditNote":
            source["CreditNoteNumber"] = note.number
        source["Type"] = note.type
        out[a.source] = source
    out["IsDeleted"] = a.deleted
    return out


def credit_payment(backend: Any, doc: Any) -> dict[str, Any]:
    """An Overpayment or Prepayment (OAS-ACC examples: Type, Contact, dates, totals, RemainingCredit,
    Allocations; no number)."""
    kind = type(doc).__name__
    out = _document(backend, doc)
    out.pop("DueDate", None)
    out.pop("DueDateString", None)
    out.update({f"{kind}ID": doc.id, "RemainingCredit": num(doc.remaining_credit), "HasAttachments": False,
                "Allocations": [allocation(backend, a, nested=True)
                                for a in backend.live_allocations(doc.allocation_ids)],
                "Payments": []})
    return out
