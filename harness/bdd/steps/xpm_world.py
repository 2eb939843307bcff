"""Setting up and inspecting the XPM practice a scenario runs against, as a person would in XPM's
UI (through the control API). Shared by the costs and one-way client steps."""

from __future__ import annotations

from typing import Any

from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv


def practice(remote_env: RemoteEnv, world: World) -> str:
    if world.practice is None:
        world.practice = remote_env.control.create_tenant("xpm-practice", "Scenario Practice")["id"]
    return world.practice


def xpm_action(remote_env: RemoteEnv, world: World, path: str, json: Any = None, method: str = "POST") -> Any:
    return remote_env.control.action("xpm", f"{practice(remote_env, world)}/{path}", json, method=method)


def ensure_client(remote_env: RemoteEnv, world: World, name: str) -> str:
    if name not in world.xpm_clients:
        world.xpm_clients[name] = xpm_action(remote_env, world, "clients", {"name": name})["UUID"]
    return world.xpm_clients[name]


def ensure_job(remote_env: RemoteEnv, world: World, client: str, job: str, state: str) -> str:
    if job not in world.xpm_jobs:
        created = xpm_action(remote_env, world, "jobs", {"client_uuid": ensure_client(remote_env, world, client),
                                                         "name": job, "state": state})
        world.xpm_jobs[job] = created["ID"]
    return world.xpm_jobs[job]


def job_costs(remote_env: RemoteEnv, world: World, job: str) -> list[dict[str, Any]]:
    number = world.need(world.xpm_jobs, job, "job")
    return xpm_action(remote_env, world, f"jobs/{number}/costs", method="GET")["costs"]


def xpm_client_state(remote_env: RemoteEnv, world: World, uuid: str) -> dict[str, Any]:
    state = remote_env.control.tenant_state(practice(remote_env, world))
    clients = state["clients"]
    if isinstance(clients, dict):
        return clients[uuid]
    return next(c for c in clients if c.get("UUID") == uuid or c.get("uuid") == uuid)


def xpm_read(remote_env: RemoteEnv, world: World, path: str, **params: str) -> Any:
    """Read XPM through its real API with a token of its own (as an auditor would), never through
    the engine: what the remote really holds. Returns the parsed <Response> element."""
    import defusedxml.ElementTree as SafeET
    import requests

    tenant = practice(remote_env, world)
    token = world.auditor_token
    if token is None:
        token = remote_env.control.issue_tokens("xero", [tenant], scopes=["practicemanager"])["access_token"]
        world.auditor_token = token
    response = requests.get(f"{remote_env.endpoints.xero_api}/practicemanager/3.1/{path}", params=params,
                            headers={"Authorization": f"Bearer {token}", "xero-tenant-id": tenant}, timeout=30)
    return SafeET.fromstring(response.content)


def xpm_client_named(remote_env: RemoteEnv, world: World, name: str) -> dict[str, Any] | None:
    """The XPM client with exactly this name, with its relationships, or None."""
    root = xpm_read(remote_env, world, "client.api/search", query=name)
    for client in root.iter("Client"):
        if (client.findtext("Name") or "").strip() == name:
            uuid = client.findtext("UUID")
            detail = xpm_read(remote_env, world, f"client.api/get/{uuid}").find("Client")
            assert detail is not None, f"XPM lists {name!r} but cannot get {uuid}"
            rels = [{"type": r.findtext("Type"), "with": r.findtext("RelatedClient/Name")}
                    for r in detail.iter("Relationship")]
            return {"UUID": uuid, "Name": name, "Email": detail.findtext("Email"), "relationships": rels}
    return None
