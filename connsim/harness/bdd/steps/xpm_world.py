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
