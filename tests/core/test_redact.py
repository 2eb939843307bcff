"""Redaction: what reaches the journal of each kind of credential (OAuth 2.0 fields, headers,
redirects), and what stays readable (auth scheme, non-secret fields named like secrets)."""

from __future__ import annotations

import json

from connsim.simulator.core import redact


def test_headers_keep_the_scheme_and_mask_the_credential() -> None:
    assert redact.headers([("Authorization", "Bearer eyJabc"), ("authorization", "Basic Y2xpZW50OnNlY3JldA=="),
                           ("Cookie", "session=1"), ("X-Connsim-Admin", "tok"), ("Xero-Tenant-Id", "t-1"),
                           ("Location", "https://app.test/cb?code=c-1&state=s")]) == [
        ("Authorization", "Bearer [REDACTED]"), ("authorization", "Basic [REDACTED]"), ("Cookie", "[REDACTED]"),
        ("X-Connsim-Admin", "[REDACTED]"), ("Xero-Tenant-Id", "t-1"),
        ("Location", "https://app.test/cb?code=[REDACTED]&state=s")]


def test_form_bodies_mask_codes_tokens_and_client_secrets() -> None:
    body = "grant_type=authorization_code&code=c-1&code_verifier=v&client_id=id&client_secret=s&redirect_uri=x"
    assert redact.body(body, "application/x-www-form-urlencoded; charset=utf-8") == (
        "grant_type=authorization_code&code=[REDACTED]&code_verifier=[REDACTED]&client_id=id"
        "&client_secret=[REDACTED]&redirect_uri=x")
    assert redact.body("token=t-1&token_type_hint=refresh_token", "application/x-www-form-urlencoded") == (
        "token=[REDACTED]&token_type_hint=refresh_token")


def test_json_bodies_mask_token_fields_at_any_depth_but_not_codes_of_records() -> None:
    answer = {"access_token": "a", "refresh_token": "r", "id_token": "i", "expires_in": 1800,
              "nested": [{"client_secret": "s", "code": "ACC-200"}]}
    assert json.loads(redact.body(json.dumps(answer), "application/json")) == {
        "access_token": "[REDACTED]", "refresh_token": "[REDACTED]", "id_token": "[REDACTED]", "expires_in": 1800,
        "nested": [{"client_secret": "[REDACTED]", "code": "ACC-200"}]}
    plain = '{"Contacts": [{"Name": "A"}]}'
    assert redact.body(plain, "application/json") == plain  # untouched, not even re-serialised
    assert redact.body("not json {", "application/json") == "not json {"
    assert redact.body("<Cost><Code>X</Code></Cost>", "text/xml") == "<Cost><Code>X</Code></Cost>"


def test_every_secret_json_key_is_found_by_the_cheap_pre_check_in_any_case() -> None:
    """The pre-check scans for fragments, not keys: a body holding any secret key, spelled in any
    case, must still be parsed and masked."""
    for key in sorted(redact.SECRET_JSON_KEYS):
        for spelled in (key, key.upper(), key.title()):
            kept = json.loads(redact.body(json.dumps({"Outer": {spelled: "s3cr3t"}}), "application/json"))
            assert kept == {"Outer": {spelled: "[REDACTED]"}}, spelled
    sync = '{"Invoice": {"Id": "1", "SyncToken": "0"}}'
    assert redact.body(sync, "application/json") == sync  # QBO's SyncToken is no credential
