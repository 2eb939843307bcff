"""The exchange a report shows: credentials redacted wherever they appear, long bodies cut with a
count of what was left out, and whatever else the journal keeps reduced to a short note."""

from __future__ import annotations

from connsim.harness.conformance.exchange import MAX_BODY, REDACTED, redact, shape


def test_credentials_are_redacted_in_bodies_queries_and_mappings() -> None:
    form = "grant_type=refresh_token&refresh_token=rt-secret-1&client_secret=cs-2"
    assert "rt-secret-1" not in redact(form) and "cs-2" not in redact(form)
    assert "grant_type=refresh_token" in redact(form)
    body = '{"access_token": "at-3", "token_type": "Bearer", "expires_in": 1800}'
    assert "at-3" not in redact(body) and '"expires_in": 1800' in redact(body)
    assert redact("Authorization: Bearer eyJhbGci.x.y") == f"Authorization: Bearer {REDACTED}"
    assert redact({"Authorization": "Basic Zm9vOmJhcg==", "Amount": 5}) == {"Authorization": REDACTED, "Amount": 5}


def test_an_entry_keeps_request_line_status_bodies_and_a_note() -> None:
    entry = {"seq": 7, "tenant": "t", "api": "xero", "method": "PUT", "path": "/api.xro/2.0/Payments", "query": "",
             "status": 400, "at": "2026-11-20T09:00:00Z", "error_code": "ValidationException",
             "idempotency_key": "CB-1-1", "request_headers": [["Authorization", "Bearer at-9"]],
             "request_body": '{"Payments": [{"Reference": "CB-1"}]}', "response_body": "x" * (MAX_BODY + 50)}
    shown = shape(entry)
    assert (shown["method"], shown["path"], shown["status"]) == ("PUT", "/api.xro/2.0/Payments", 400)
    assert "error_code=ValidationException" in shown["note"] and "idempotency_key=CB-1-1" in shown["note"]
    assert "at-9" not in str(shown), "headers (and the bearer token in them) are not shown"
    assert shown["request_body"].startswith('{"Payments"')
    assert shown["response_body"].endswith("… (50 more characters)") and len(shown["response_body"]) < MAX_BODY + 40
