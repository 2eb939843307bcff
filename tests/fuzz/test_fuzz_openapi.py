"""schemathesis against Xero's own OpenAPI file (the routes connsim implements) and against the
control API's served document: generated valid and invalid requests, checked for no 5xx and for
responses that match the document (status, content type, schema). Fixed seeds, small budgets."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from budget import fuzz_settings, tally
from hypothesis import given
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from specs import xero_accounting
from wire import Wire, assert_own_format

#: the Accounting API routes connsim serves, by path and method (simulator/xero/routes.py)
XERO_IMPLEMENTED = {
    "/Organisation": ["get"], "/Accounts": ["get"], "/Accounts/{AccountID}": ["get"],
    "/Contacts": ["get", "put", "post"], "/Contacts/{ContactID}": ["get", "post"],
    "/Invoices": ["get", "put", "post"], "/Invoices/{InvoiceID}": ["get", "post"],
    "/Payments": ["get", "put"], "/Payments/{PaymentID}": ["get", "post"],
    "/CreditNotes": ["get", "put", "post"], "/CreditNotes/{CreditNoteID}": ["get", "post"],
    "/CreditNotes/{CreditNoteID}/Allocations": ["put"],
    "/CreditNotes/{CreditNoteID}/Allocations/{AllocationID}": ["delete"],
}
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
#: share of the budget per operation: negative cases cost the most to generate (CI: 2 and 1 per operation)
SCALE = {GenerationMode.POSITIVE: 0.05, GenerationMode.NEGATIVE: 0.025}


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def _run(operation: Any, mode: GenerationMode, call: Any, checks: list[Any], scale: float) -> None:
    @fuzz_settings(scale)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = call(case)
        tally(f"openapi {operation.schema.title[:20]} {mode.value}", response.status_code)
        case.validate_response(response, checks=checks)

    run()


@pytest.fixture(scope="module")
def xero_schema() -> tuple[Wire, Any]:
    spec = xero_accounting()
    spec["paths"] = {path: {method: op for method, op in spec["paths"][path].items()
                            if method in methods or method == "parameters"}
                     for path, methods in XERO_IMPLEMENTED.items()}
    wire = Wire()
    schema = schemathesis.openapi.from_dict(spec)
    schema.app = wire.app
    return wire, schema


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
def test_xero_accounting_against_its_openapi_file(xero_schema: tuple[Wire, Any], mode: GenerationMode) -> None:
    """Valid requests: no 5xx, and every answer matches Xero's schema (element echoes included).
    Invalid ones: no 5xx, errors in Xero's format (the file does not describe Xero's 400 bodies)."""
    wire, schema = xero_schema

    def call(case: Any) -> Any:
        response = case.call(headers=wire.auth("xero"))
        assert_own_format("xero", response)
        return response

    checks = [not_a_server_error, response_schema_conformance]
    for operation in _operations(schema):
        _run(operation, mode, call, checks, scale=SCALE[mode])


def test_control_api_against_its_own_document() -> None:
    """The control API's served document describes its answers truthfully: statuses, content types
    and bodies of generated valid and invalid requests (admin credential off, as on loopback)."""
    wire = Wire(admin_token=None)
    schema = schemathesis.openapi.from_wsgi("/_connsim/openapi.json", wire.app)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

    def call(case: Any) -> Any:
        return case.call()

    for mode in MODES:
        for operation in _operations(schema):
            _run(operation, mode, call, checks, scale=SCALE[mode])
