"""Generic control routes: reset, seed, tenants, clock, faults, journal, OAuth consent and
tokens, state snapshots, and the control API's OpenAPI document. API-specific UI actions live
in each API package's own control blueprint, under /_connsim/<api>/."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from flask import jsonify, request

from connsim.simulator.control.guard import body, control_blueprint, control_error, need
from connsim.simulator.core.clock import parse_instant
from connsim.simulator.core.errors import MalformedInput, NotFound
from connsim.simulator.remote import sim

bp = control_blueprint("control", __name__)
__all__ = ["bp", "control_error"]


@bp.get("/openapi.json")
def openapi() -> Any:
    text = resources.files("connsim.simulator.control").joinpath("openapi.yaml").read_text()
    return jsonify(yaml.safe_load(text))


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
    seed_value = int(data.get("seed", sim().config.seed))
    kinds = data.get("kinds")
    if kinds is not None and not isinstance(kinds, dict):
        raise MalformedInput("'kinds' maps a tenant kind to a count")
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
    tenant = sim().tenants.create(need(data, "kind"), name=data.get("name") or "Simulated tenant",
                                  tenant_id=data.get("id"), seed=data.get("seed"), settings=data.get("settings"))
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


@bp.get("/tenants/<tenant_id>/state")
def tenant_state(tenant_id: str) -> Any:
    tenant = sim().tenants.get(tenant_id)
    with tenant.lock:
        return jsonify({"tenant": tenant.describe(), "state": tenant.backend.snapshot()})


@bp.get("/state")
def snapshot() -> Any:
    out = []
    for tenant in sim().tenants.all():
        with tenant.lock:
            out.append({"tenant": tenant.describe(), "state": tenant.backend.snapshot()})
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
        if "freeze" in data:
            clock.freeze(parse_instant(data["freeze"]) if isinstance(data["freeze"], str) else None)
        if data.get("unfreeze"):
            clock.unfreeze()
        if "set" in data:
            clock.set(parse_instant(need(data, "set")))
        if "advance_seconds" in data:
            clock.advance(float(data["advance_seconds"]))
    except (TypeError, ValueError) as exc:
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
    except ValueError:
        raise MalformedInput("since and limit are integers") from None
    entries = sim().journal.query(tenant=args.get("tenant"), api=args.get("api"), method=args.get("method"),
                                  path_contains=args.get("path"), since=since, limit=limit)
    return jsonify({"entries": [e.to_dict() for e in entries]})


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
    for key in ("user", "is_admin", "approve", "tenant_ids"):
        if key in data:
            setattr(consent, key, data[key])
    return jsonify(vars(consent))


@bp.post("/oauth/<provider>/clients")
def add_client(provider: str) -> Any:
    data = body()
    client = _provider(provider).register_client(need(data, "client_id"), need(data, "client_secret"),
                                                 data.get("redirect_uris"))
    return jsonify({"client_id": client.client_id, "redirect_uris": client.redirect_uris}), 201


@bp.post("/oauth/<provider>/tokens")
def issue_tokens(provider: str) -> Any:
    data, prov = body(), _provider(provider)
    for tenant_id in need(data, "tenant_ids", list):
        sim().tenants.get(tenant_id)
    default_client = next(iter(prov.clients))
    scopes = data.get("scopes") or ["offline_access"]
    return jsonify(prov.issue(data.get("client_id") or default_client, data["tenant_ids"], scopes,
                              user=data.get("user"))), 201


@bp.post("/tenants/<tenant_id>/revoke")
def revoke_tenant(tenant_id: str) -> Any:
    """A person removes the app in the remote's settings: tokens and connections for this tenant die."""
    sim().tenants.get(tenant_id)
    count = sum(p.revoke_tenant(tenant_id, body().get("client_id")) for p in sim().providers.values())
    return jsonify({"revokedGrants": count})
