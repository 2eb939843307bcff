"""Generic control routes: reset, seed, tenants, clock, faults, journal, OAuth consent and
tokens, state snapshots, and the control API's OpenAPI document. API-specific UI actions live
in each API package's own control blueprint, under /_connsim/<api>/."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask import current_app, jsonify, request
from flask.blueprints import BlueprintSetupState

from connsim.simulator.control.guard import (
    body,
    control_blueprint,
    control_error,
    identifier,
    need,
    optional,
    string_list,
)
from connsim.simulator.control.openapi_doc import build_document
from connsim.simulator.core.clock import parse_instant
from connsim.simulator.core.errors import MalformedInput, NotFound
from connsim.simulator.core.matching import RequestMatch, split_spec
from connsim.simulator.core.oauth import CONNECTION_TIERS
from connsim.simulator.remote import sim

bp = control_blueprint("control", __name__)
OPENAPI_KEY = "connsim.openapi"
__all__ = ["bp", "control_error"]


@bp.record
def _build_openapi(setup: BlueprintSetupState) -> None:
    """At start-up: the core document and every remote's fragment, merged (a clash stops the app)."""
    setup.app.extensions[OPENAPI_KEY] = build_document(setup.app.extensions["connsim"].remotes)


def openapi_document() -> dict[str, Any]:
    """The current app's control API OpenAPI 3.0 document (openapi_doc.build_document)."""
    doc: dict[str, Any] = current_app.extensions[OPENAPI_KEY]
    return doc


@bp.get("/openapi.json")
def openapi() -> Any:
    return jsonify(openapi_document())


@bp.get("/health")
def health() -> Any:
    return jsonify({"status": "ok", "apis": [r.name for r in sim().remotes], "clock": sim().clock.describe()})


@bp.post("/reset")
def reset() -> Any:
    sim().reset()
    return jsonify({"status": "reset"})


@bp.post("/seed")
def seed() -> Any:
    data = body()
    seed_value = optional(data, "seed", int, sim().config.seed)
    kinds = optional(data, "kinds", dict)
    if kinds is not None and not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 100
                                     for n in kinds.values()):
        raise MalformedInput("'kinds' maps a tenant kind to a count between 0 and 100")
    tenants = sim().seed_world(seed_value, kinds)
    return jsonify({"tenants": [t.describe() for t in tenants]}), 201


# -- tenants -------------------------------------------------------------------------------------
@bp.get("/tenants")
def list_tenants() -> Any:
    kind = request.args.get("kind")
    tenants = sim().tenants.of_kind(kind) if kind else sim().tenants.all()
    return jsonify({"tenants": [t.describe() for t in tenants]})


@bp.post("/tenants")
def create_tenant() -> Any:
    data = body()
    tenant = sim().tenants.create(need(data, "kind"), name=optional(data, "name", str) or "Simulated tenant",
                                  tenant_id=optional(data, "id", str) or None, seed=optional(data, "seed", int),
                                  settings=optional(data, "settings", dict))
    result = tenant.describe()
    if data.get("populate"):
        result["seeded"] = sim().seed_tenant(tenant)
    return jsonify(result), 201


@bp.get("/tenants/<tenant_id>")
def get_tenant(tenant_id: str) -> Any:
    return jsonify(sim().tenants.get(tenant_id).describe())


@bp.patch("/tenants/<tenant_id>/settings")
def patch_settings(tenant_id: str) -> Any:
    tenant = sim().tenants.get(tenant_id)
    with tenant.lock:
        tenant.settings.update(body())
    return jsonify(tenant.describe())


@bp.delete("/tenants/<tenant_id>")
def delete_tenant(tenant_id: str) -> Any:
    sim().tenants.get(tenant_id)
    sim().tenants.delete(tenant_id)
    return "", 204


def tenant_snapshot(tenant: Any) -> dict[str, Any]:
    """A tenant and its domain state (null while no API package models the tenant's kind)."""
    with tenant.lock:
        return {"tenant": tenant.describe(), "state": tenant.backend.snapshot() if tenant.has_backend else None}


@bp.get("/tenants/<tenant_id>/state")
def tenant_state(tenant_id: str) -> Any:
    return jsonify(tenant_snapshot(sim().tenants.get(tenant_id)))


@bp.get("/state")
def snapshot() -> Any:
    out = [tenant_snapshot(tenant) for tenant in sim().tenants.all()]
    return jsonify({"clock": sim().clock.describe(), "tenants": out,
                    "oauth": {n: p.describe() for n, p in sim().providers.items()}})


# -- clock ---------------------------------------------------------------------------------------
@bp.get("/clock")
def get_clock() -> Any:
    return jsonify(sim().clock.describe())


@bp.post("/clock")
def move_clock() -> Any:
    data, clock = body(), sim().clock
    try:
        if data.get("freeze") is True or (data.get("freeze") is None and "freeze" in data):
            clock.freeze()
        elif "freeze" in data:
            clock.freeze(parse_instant(data["freeze"]))
        if data.get("unfreeze"):
            clock.unfreeze()
        if "set" in data:
            clock.set(parse_instant(need(data, "set")))
        if "advance_seconds" in data:
            clock.advance(float(optional(data, "advance_seconds", (int, float), 0)))
    except (TypeError, ValueError, OverflowError) as exc:
        raise MalformedInput(f"bad clock request: {exc}") from None
    return jsonify(clock.describe())


# -- faults --------------------------------------------------------------------------------------
@bp.get("/faults")
def list_faults() -> Any:
    return jsonify({"faults": sim().faults.list()})


@bp.post("/faults")
def add_fault() -> Any:
    return jsonify(sim().faults.add(body()).to_dict()), 201


@bp.delete("/faults")
def clear_faults() -> Any:
    sim().faults.reset()
    return "", 204


@bp.delete("/faults/<int:rule_id>")
def delete_fault(rule_id: int) -> Any:
    if not sim().faults.remove(rule_id):
        raise NotFound(f"no fault rule {rule_id}")
    return "", 204


# -- journal -------------------------------------------------------------------------------------
@bp.get("/journal")
def journal() -> Any:
    args = request.args
    try:
        since, limit = int(args.get("since", 0)), int(args.get("limit", 500))
        status = int(args["status"]) if args.get("status") else None
    except ValueError:
        raise MalformedInput("since, limit and status are integers") from None
    entries = sim().journal.query(tenant=args.get("tenant"), since=since, limit=limit, status=status,
                                  match=match_from_args(args))
    return jsonify({"entries": [e.to_dict() for e in entries]})


def match_from_args(args: Mapping[str, str]) -> RequestMatch:
    """The matcher vocabulary from a query string: ``api``, ``tenant``, ``method``, ``path``,
    ``path_regex``, ``body`` as they are, ``query.<name>=value``, ``header.<name>=value``, and
    ``json`` as a JSON document."""
    spec: dict[str, Any] = {name: args[name] for name in ("api", "tenant", "method", "path", "path_regex", "body")
                            if args.get(name)}
    query = {k.removeprefix("query."): v for k, v in args.items() if k.startswith("query.")}
    headers = {k.removeprefix("header."): v for k, v in args.items() if k.startswith("header.")}
    if query:
        spec["query"] = query
    if headers:
        spec["headers"] = headers
    if args.get("json"):
        try:
            spec["json"] = json.loads(args["json"])
        except ValueError:
            raise MalformedInput("json is a JSON document") from None
    return RequestMatch.from_spec(spec)


def _journal_query() -> tuple[RequestMatch, dict[str, Any]]:
    """A journal query from the query string (GET) or a JSON body (POST, for ``json`` and
    ``headers`` criteria): the matcher vocabulary, plus ``since``, ``status``, ``limit``, ``explain``."""
    if request.method == "POST":
        spec, rest = split_spec(body())
        unknown = set(rest) - {"since", "status", "limit", "explain"}
        if unknown:
            raise MalformedInput(f"unknown journal query fields: {', '.join(sorted(unknown))}; "
                                 f"expected the match fields or since, status, limit, explain")
        match = RequestMatch.from_spec(spec)
    else:
        match, rest = match_from_args(request.args), dict(request.args)
        rest["explain"] = request.args.get("explain") in ("1", "true")
    try:
        options = {"since": int(rest.get("since") or 0), "limit": int(rest.get("limit") or 500),
                   "status": int(rest["status"]) if rest.get("status") else None, "explain": bool(rest.get("explain"))}
    except (TypeError, ValueError):
        raise MalformedInput("since, limit and status are integers") from None
    return match, options


def _journal_hits(match: RequestMatch, options: dict[str, Any], limit: int | None = None) -> list[Any]:
    status = options["status"]
    return sim().journal.find(lambda e: (status is None or e.status == status) and match.matches(e.view()),
                              since=options["since"], limit=limit)


@bp.route("/journal/count", methods=["GET", "POST"])
def journal_count() -> Any:
    """How many kept requests match (WireMock's /requests/count)."""
    match, options = _journal_query()
    return jsonify({"count": len(_journal_hits(match, options)), "match": dict(match.spec)})


@bp.route("/journal/find", methods=["GET", "POST"])
def journal_find() -> Any:
    """The kept requests that match, oldest first (the newest ``limit``); with ``explain``, also
    the closest requests that did not match and every reason each missed."""
    match, options = _journal_query()
    answer: dict[str, Any] = {"entries": [e.to_dict() for e in _journal_hits(match, options, options["limit"])],
                              "match": dict(match.spec)}
    if options["explain"]:
        answer["nearMisses"] = [{"entry": entry.to_dict(bodies=False), "reasons": reasons}
                                for entry, reasons in sim().journal.closest(match, since=options["since"])]
    return jsonify(answer)


@bp.get("/journal/unmatched")
def journal_unmatched() -> Any:
    """Requests no route or no tenant matched, newest last, each with its closest candidates."""
    try:
        since, limit = int(request.args.get("since", 0)), int(request.args.get("limit", 100))
    except ValueError:
        raise MalformedInput("since and limit are integers") from None
    return jsonify({"entries": [e.to_dict() for e in sim().journal.unmatched(since=since, limit=limit)]})


# -- OAuth: what the user does on the consent screen, and shortcuts for tests ----------------------
def _provider(name: str) -> Any:
    provider = sim().providers.get(name)
    if provider is None:
        raise NotFound(f"no identity provider {name!r}; expected one of {', '.join(sim().providers)}")
    return provider


@bp.get("/oauth/<provider>")
def oauth_state(provider: str) -> Any:
    return jsonify(_provider(provider).describe())


@bp.post("/oauth/<provider>/consent")
def set_consent(provider: str) -> Any:
    consent, data = _provider(provider).consent, body()
    answer = {"user": optional(data, "user", str), "is_admin": optional(data, "is_admin", bool),
              "approve": optional(data, "approve", bool)}
    for key, value in answer.items():
        if value is not None:
            setattr(consent, key, value)
    if "tenant_ids" in data:  # null: every tenant the provider serves
        consent.tenant_ids = string_list(data, "tenant_ids")
    return jsonify(vars(consent))


@bp.post("/oauth/<provider>/clients")
def add_client(provider: str) -> Any:
    data = body()
    client = _provider(provider).register_client(identifier(data, "client_id", required=True) or "",
                                                 identifier(data, "client_secret", required=True) or "",
                                                 string_list(data, "redirect_uris"),
                                                 connection_limit=connection_limit(data))
    return jsonify({"client_id": client.client_id, "redirect_uris": client.redirect_uris,
                    "connection_limit": client.connection_limit}), 201


def connection_limit(data: dict[str, Any]) -> int | None:
    """``connection_limit`` (a count, or null for none) or ``tier`` (one of Xero's pricing tiers)."""
    if data.get("tier") is not None:
        tier = str(data["tier"]).lower()
        if tier not in CONNECTION_TIERS:
            raise MalformedInput(f"tier must be one of {', '.join(CONNECTION_TIERS)}")
        return CONNECTION_TIERS[tier]
    limit = data.get("connection_limit")
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise MalformedInput("connection_limit must be a whole number of organisations, or null for no limit")
    return limit


@bp.post("/oauth/<provider>/tokens")
def issue_tokens(provider: str) -> Any:
    data, prov = body(), _provider(provider)
    tenant_ids = string_list(data, "tenant_ids", required=True) or []
    for tenant_id in tenant_ids:
        sim().tenants.get(tenant_id)
    default_client = next(iter(prov.clients), None)
    scopes = string_list(data, "scopes") or ["offline_access"]
    return jsonify(prov.issue(identifier(data, "client_id") or default_client or "", tenant_ids, scopes,
                              user=optional(data, "user", str))), 201


@bp.post("/tenants/<tenant_id>/revoke")
def revoke_tenant(tenant_id: str) -> Any:
    """A person removes the app in the remote's settings: tokens and connections for this tenant die
    (``{"connection_only": true}``: only this tenant's connections go, tokens live on for others)."""
    sim().tenants.get(tenant_id)
    data = body()
    client_id, only = identifier(data, "client_id"), bool(optional(data, "connection_only", bool, False))
    count = sum(p.revoke_tenant(tenant_id, client_id, connection_only=only) for p in sim().providers.values())
    return jsonify({"revokedGrants": count})
