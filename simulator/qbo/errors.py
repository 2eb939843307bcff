"""QuickBooks Online's domain errors. Each carries what QBO puts in a Fault: the digit-string
``code`` (always present: python-quickbooks crashes on a Fault without one), the Fault ``type``,
``Message``, ``Detail`` and ``element``. Texts come from reference/qbo-aps.md §1.6-1.8; where the
reference leaves a text open the choice is listed in docs/simulator/qbo.md."""

from __future__ import annotations

from typing import Any

from connsim.simulator.core.errors import SimError

CLOSED_DETAIL = ("The account period has closed and the account books cannot be updated through the QBO "
                 "Services API. Please use the QBO website to make these changes.")
DELETED_DETAIL = "Object Not Found: Another user has deleted this transaction."
INACTIVE_DETAIL = ("Object Not Found : Something you're trying to use has been made inactive. Check the fields "
                   "with accounts, customers, items, vendors or employees.")


class QboFault(SimError):
    """One QBO Fault Error. ``code`` is the digit string, ``message`` QBO's Message."""

    status = 400
    code = "2010"
    fault_type = "ValidationFault"
    title = "Request has invalid or unsupported property"

    #: ``element`` when none is given: recorded faults of most kinds carry no element key at all
    #: (minimul/qbo_api spec/vcr/error/*.yml); 610 and 5010 carry "" (spec/vcr/batch/basic.yml)
    default_element: str | None = None
    #: whether the Fault body carries ``time`` (the recorded 2030 has none)
    with_time = True

    def __init__(self, detail: str, *, message: str | None = None, code: str | None = None,
                 element: str | None = None, status: int | None = None, fault_type: str | None = None) -> None:
        super().__init__(message or self.title, code=code, status=status, detail=detail)
        self.detail = detail
        self.element = element if element is not None else self.default_element
        if fault_type:
            self.fault_type = fault_type


class InvalidProperty(QboFault):
    """Unparseable body or a value of the wrong type (QBO's deserialisation error)."""

    code = "2010"

    def __init__(self, prop: str, reason: str = "") -> None:
        super().__init__(f"Property Name:{prop} specified is unsupported or invalid{': ' + reason if reason else ''}",
                         element=prop)


class RequiredParamMissing(QboFault):
    code = "2020"
    title = "Required param missing, need to supply the required value for the API"

    def __init__(self, param: str) -> None:
        super().__init__(f"Required parameter {param} is missing in the request", element=param)


class UnknownProperty(QboFault):
    """A property its class does not have: QBO's JSON binder (Jackson) refuses it with its own text, naming
    the class at whatever depth. Recorded: minimul/qbo_api spec/vcr/error/400_json.yml (``{"BadJson": true}``
    on POST invoice, class Invoice); python-quickbooks issue #299 (a line's SalesItemLineDetail)."""

    code = "2010"

    def __init__(self, prop: str, kind: str, known: tuple[str, ...]) -> None:
        super().__init__(f'Property Name:Unrecognized field "{prop}" (class com.intuit.schema.finance.v3.{kind}), '
                         f"not marked as ignorable{known_suffix(known)}\n specified is unsupported or invalid")


def known_suffix(known: tuple[str, ...]) -> str:
    """Jackson's list of the known properties (PropertyBindingException.getMessageSuffix): it stops once
    the suffix passes 1000 characters, which is where the recorded Invoice list stops (61 names)."""
    if len(known) == 1:
        return f' (one known property: "{known[0]}"])'
    suffix = f" ({len(known)} known properties: "
    for n, name in enumerate(known):
        suffix += f'"{name}"'
        if len(suffix) > 1000:
            return suffix + " [truncated]])"
        if n < len(known) - 1:
            suffix += ", "
    return suffix + "])"


class InvalidId(QboFault):
    """An Id that is not a number: recorded in minimul/qbo_api spec/vcr/error/500.yml (``GET customer/1.5``)."""

    code = "2030"
    title = "Invalid ID"
    with_time = False

    def __init__(self, value: str) -> None:
        super().__init__(f"Id should be a valid number. Supplied value:{value}", element="Id")


#: the list a missing reference is reported against, as QBO names it in "<List> element id N not found"
#: (third-party fixtures quoting production answers: "Names element id 583 not found", "Klasses element id
#: 999999 not found"; Accounts/Items/Terms/... follow the same pattern: UNCONFIRMED per list)
REFERENCE_LISTS = {"Customer": "Names", "Vendor": "Names", "Employee": "Names", "Account": "Accounts",
                   "Class": "Klasses", "Department": "Departments", "Term": "Terms",
                   "PaymentMethod": "PaymentMethods", "TaxCode": "TaxCodes", "TaxRate": "TaxRates", "Item": "Items"}


class InvalidReference(QboFault):
    """A Ref naming nothing. Line item refs are reported by their path (QuickBooks-V3-PHP-SDK issue #102,
    quickbooks-ruby issue #251: "Invalid Reference Id : Line.SalesItemLineDetail.ItemRef"); other refs by list."""

    code = "2500"
    title = "Invalid Reference Id"

    def __init__(self, element: str, target: str = "", ref: str = "") -> None:
        if element.startswith("Line.") or not target:
            super().__init__(f"Invalid Reference Id : {element}", element=element)
        else:
            super().__init__(f"Invalid Reference Id : {REFERENCE_LISTS.get(target, target + 's')} element id {ref} "
                             "not found", element="Reference Id")


class InactiveReference(QboFault):
    """A Ref naming an inactive entity (QuickBooks-V3-PHP-SDK issue #110, recorded XML)."""

    code = "2500"
    title = "Invalid Reference Id"

    def __init__(self, element: str) -> None:
        super().__init__("Invalid Reference Id : Something you're trying to use has been made inactive. Check the "
                         "fields with accounts, customers, items, vendors or employees.", element=element)


class InvalidEnumeration(QboFault):
    """A value outside an enumeration (AccountType, Item Type): code 2170 per Intuit's error-code table; the
    Detail wording is UNCONFIRMED."""

    code = "2170"
    title = "Invalid Enumeration"

    def __init__(self, prop: str, value: Any) -> None:
        super().__init__(f"Invalid Enumeration : {value}", element=prop)


class ObjectNotFound(QboFault):
    code = "610"
    title = "Object Not Found"
    default_element = ""

    def __init__(self, detail: str = INACTIVE_DETAIL, element: str | None = None) -> None:
        super().__init__(detail, element=element)


class StaleObject(QboFault):
    code = "5010"
    title = "Stale Object Error"
    default_element = ""

    def __init__(self, other_user: str = "QuickBooks User") -> None:
        super().__init__(f"Stale Object Error : You and {other_user} were working on this at the same time. "
                         f"{other_user} finished before you did, so your work was not saved.")


class BusinessValidation(QboFault):
    code = "6000"
    title = "A business validation error has occurred while processing your request"

    def __init__(self, reason: str, element: str | None = None) -> None:
        super().__init__(f"Business Validation Error: {reason}", element=element)


class PeriodClosed(QboFault):
    """Books closed: 6200, or 6210 when a closing password is set (UNCONFIRMED: the backend picks)."""

    code = "6200"
    title = "Account Period Closed"

    def __init__(self, code: str = "6200") -> None:
        super().__init__(CLOSED_DETAIL, code=code)


class DuplicateName(QboFault):
    code = "6240"
    title = "Duplicate Name Exists Error"

    def __init__(self, name: str, existing_id: str, kind: str = "Customer") -> None:
        what = {"Customer": "customer", "Item": "product or service", "Account": "account"}.get(kind, kind.lower())
        super().__init__(f"The name supplied already exists. : Another {what} is already using this name. "
                         f"Please use a different name. Name={name} Id={existing_id}")


class DuplicateDocNumber(QboFault):
    code = "6140"
    title = "Duplicate Document Number Error"

    def __init__(self, number: str, kind: str, existing_id: str) -> None:
        super().__init__(f"Duplicate Document Number Error : You must specify a different number. This number has "
                         f"already been used. DocNumber={number} is assigned to TxnType={kind} with "
                         f"TxnId={existing_id}")


class QueryParserError(QboFault):
    code = "4000"
    title = "Error parsing query"

    def __init__(self, reason: str) -> None:
        super().__init__(f"QueryParserError: {reason}")


class InvalidQuery(QboFault):
    code = "4001"
    title = "Invalid query"

    def __init__(self, reason: str) -> None:
        super().__init__(f"QueryValidationError: {reason}")


class UnsupportedOperation(QboFault):
    code = "500"
    title = "Unsupported Operation"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class DuplicateRequestId(QboFault):
    code = "600"
    title = "Duplicate Request ID"

    def __init__(self, request_id: str) -> None:
        super().__init__(f"Duplicate Request ID : requestid {request_id} was already used for a different request")


class BatchTooLarge(QboFault):
    code = "1040"
    title = "Batch size exceeds allowed limit"

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"Batch size {size} exceeds the allowed limit of {limit} items per batch request")


class SystemFailure(QboFault):
    code = "10000"
    status = 500
    fault_type = "SystemFault"
    title = "An application error has occurred while processing your request"

    def __init__(self, status: int = 500) -> None:
        super().__init__("System Failure Error: An unexpected error occurred while accessing or saving your data. "
                         "Please wait a few minutes and try again. If the problem persists, contact customer "
                         "support.", status=status)
