"""The OpenAPI document of the engine contract over HTTP (served at GET /openapi.json by `connsim engine
serve`), built from the contract itself: the profiles' methods and the keys the steps read from each
answer (contract.VIEW_KEYS), so the document cannot fall behind the Protocols."""

from __future__ import annotations

import inspect
from typing import Any

from connsim.harness.adapters.contract import KEY_NOTES, PROFILE_PROTOCOLS, VIEW_KEYS

#: seconds the harness waits for one contract call before failing the scenario
CALL_TIMEOUT = 120.0

ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["type", "message"], "properties": {
        "type": {"type": "string", "description": "UnsupportedAction (a refusal the user sees), KeyError (unknown "
                 "record), ValueError (a request the product does not allow); any other name is an engine defect "
                 "and fails the scenario"},
        "message": {"type": "string", "description": "what the user would read"}}}}}

REMOTE_ENV = {"type": "object", "required": ["endpoints", "control", "clock"], "properties": {
    "endpoints": {"type": "object", "description": "base URLs of each remote: xero_api, xero_identity, "
                  "xero_authorize, qbo_api, intuit_discovery, intuit_token, aps_api, control",
                  "additionalProperties": {"type": "string"}},
    "control": {"type": "string", "description": "the simulator's base URL (its control API is under /_connsim/)"},
    "clock": {"type": "object", "description": "how to wait on the simulated clock instead of sleeping",
              "required": ["url"], "properties": {
                  "url": {"type": "string", "description": "POST {\"advance_seconds\": n} here to wait n seconds; "
                          "GET it for {\"now\": ISO-8601}"},
                  "headers": {"type": "object", "description": "send these headers with each clock call",
                              "additionalProperties": {"type": "string"}}}},
    "xero_app": {"$ref": "#/components/schemas/OAuthApp"},
    "intuit_app": {"$ref": "#/components/schemas/OAuthApp"},
    "aps_app": {"$ref": "#/components/schemas/OAuthApp"}}}

OAUTH_APP = {"type": "object", "required": ["client_id", "client_secret", "redirect_uri"], "properties": {
    "client_id": {"type": "string"}, "client_secret": {"type": "string"}, "redirect_uri": {"type": "string"}}}


def view_schema(call: str) -> dict[str, Any]:
    keys = VIEW_KEYS[call]
    return {"type": "object", "required": list(keys),
            "properties": {k: ({"description": KEY_NOTES[k]} if k in KEY_NOTES else {}) for k in keys}}


def methods() -> dict[str, Any]:
    """Each profile's methods, their parameters and (where the steps read keys) the answer's schema."""
    out: dict[str, Any] = {}
    for profile, protocol in PROFILE_PROTOCOLS.items():
        for name, func in inspect.getmembers(protocol, inspect.isfunction):
            if name.startswith("_"):
                continue
            params = [p for p in inspect.signature(func).parameters if p != "self"]
            call = f"{profile}.{name}"
            entry: dict[str, Any] = {"profile": profile, "method": name, "args": params}
            if call in VIEW_KEYS:
                entry["answer"] = {"$ref": f"#/components/schemas/{call}"}
            out[call] = entry
    return out


def document() -> dict[str, Any]:
    json_body = lambda schema: {"content": {"application/json": {"schema": schema}}}  # noqa: E731
    return {
        "openapi": "3.0.3",
        "info": {"title": "connsim engine contract over HTTP", "version": "1.1.0",
                 "description": "Drive a connector through the conformance profiles (docs/harness/http-contract.md). "
                                f"Each call must answer within {CALL_TIMEOUT:.0f} s. Contract errors are answered "
                                "with HTTP 200 and {error}; 4xx/5xx with {error} are read the same way; any other "
                                "answer (not JSON, no result) fails the scenario naming the call."},
        "paths": {
            "/profiles": {"get": {"responses": {"200": {"description": "the profiles implemented", **json_body({
                "type": "object", "required": ["profiles"], "properties": {
                    "profiles": {"type": "array", "items": {"type": "string",
                                                            "enum": list(PROFILE_PROTOCOLS)}}}})}}}},
            "/start": {"post": {"requestBody": json_body({"type": "object", "required": ["env"], "properties": {
                "env": {"$ref": "#/components/schemas/RemoteEnv"}}}),
                "responses": {"200": {"description": "a fresh engine state, connected to nothing yet",
                                      **json_body({"type": "object", "properties": {"result": {}}})}}}},
            "/call": {"post": {"requestBody": json_body({"type": "object", "required": ["profile", "method"],
                                                         "properties": {
                "profile": {"type": "string"}, "method": {"type": "string"},
                "args": {"type": "array"}, "kwargs": {"type": "object"}}}),
                "responses": {"200": {"description": "{result} (the method's answer; see x-connsim-methods) or "
                                                     "{error}", **json_body({"oneOf": [
                    {"type": "object", "required": ["result"], "properties": {"result": {}}},
                    {"$ref": "#/components/schemas/Error"}]})}}}},
            "/stop": {"post": {"responses": {"200": {"description": "engine state discarded"}}}},
        },
        "components": {"schemas": {"Error": ERROR, "RemoteEnv": REMOTE_ENV, "OAuthApp": OAUTH_APP,
                                   **{call: view_schema(call) for call in VIEW_KEYS}}},
        "x-connsim-methods": methods(),
    }
