"""Steps for client records pushed one way to XPM by hand (seed 001, PM Hub FAQ)."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then, when

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.bdd.steps.xpm_world import practice, xpm_action, xpm_client_named
from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv


def hub(engine: Any) -> Any:
    return engine.service("clients-oneway")


def client_id(world: World, name: str) -> str:
    return world.need(world.clients, name, "PM Hub client")


# -- connection -------------------------------------------------------------------------------------
@given("PM Hub is connected to XPM")
def connected(engine: Any, remote_env: RemoteEnv, world: World) -> None:
    practice(remote_env, world)
    hub(engine).connect_xpm()


@given(parsers.parse('the PM Hub integration setting "{key}" is "{value}"'))
def setting(engine: Any, key: str, value: str) -> None:
    hub(engine).update_settings({key: value})


@when("I note the connection details")
@given("I note the connection details")
def note_connection(engine: Any, world: World) -> None:
    world.connection_before = hub(engine).connection()


@when("I reconnect: connect to XPM, log in as an authorised administrator and grant the XPM organisation")
def reconnect(engine: Any, remote_env: RemoteEnv, world: World) -> None:
    remote_env.control.consent("xero", user="admin@practice.test", is_admin=True, approve=True,
                               tenant_ids=[practice(remote_env, world)])
    hub(engine).connect_xpm()


@when("I disconnect PM Hub from XPM and confirm")
def disconnect(engine: Any) -> None:
    hub(engine).disconnect_xpm()


@then(parsers.parse('the connection status is "{status}"'))
def connection_status(engine: Any, status: str) -> None:
    seen = hub(engine).connection()["status"]
    assert seen == status, f"the Integrations page shows {seen!r}, expected {status!r}"


@then('"Connected Since" has moved on and the integration settings are unchanged')
def connected_since_moved(engine: Any, world: World) -> None:
    before, now = world.connection_before, hub(engine).connection()
    assert before is not None, "the scenario never noted the connection details"
    assert now["connected_since"] and now["connected_since"] > (before["connected_since"] or ""), \
        f"Connected Since did not refresh: before {before['connected_since']}, now {now['connected_since']}"
    assert now["settings"] == before["settings"], f"settings changed: {before['settings']} → {now['settings']}"


# -- records in PM Hub ------------------------------------------------------------------------------
@given(parsers.parse('PM Hub has client "{name}" with email "{email}"'))
@when(parsers.parse('I add client "{name}" with email "{email}" in PM Hub'))
def add_client(engine: Any, world: World, name: str, email: str) -> None:
    world.clients[name] = hub(engine).add_client({"name": name, "email": email})


@given(parsers.parse('I change the email of "{name}" to "{email}" in PM Hub'))
@when(parsers.parse('I change the email of "{name}" to "{email}" in PM Hub'))
def edit_local(engine: Any, world: World, name: str, email: str) -> None:
    hub(engine).update_client(client_id(world, name), {"email": email})


@when(parsers.parse('I delete "{name}" in PM Hub'))
def delete_local(engine: Any, world: World, name: str) -> None:
    hub(engine).delete_client(client_id(world, name))


@given(parsers.parse('I press Sync for "{name}"'))
@when(parsers.parse('I press Sync for "{name}"'))
def press_sync(engine: Any, world: World, name: str) -> None:
    try:
        result = hub(engine).sync_client(client_id(world, name))
        world.last_error = None if result["ok"] else result["message"]
    except UnsupportedAction as exc:
        world.last_error = str(exc)


@then("the sync succeeds")
def sync_ok(world: World) -> None:
    assert world.last_error is None, f"the sync failed: {world.last_error}"


@then(parsers.parse('the sync fails with a message that says "{text}"'))
def sync_failed(world: World, text: str) -> None:
    assert world.last_error and text.lower() in world.last_error.lower(), \
        f"expected a failure mentioning {text!r}, the user saw {world.last_error!r}"


@then(parsers.parse('PM Hub still shows email "{email}" for "{name}"'))
def local_email(engine: Any, world: World, email: str, name: str) -> None:
    seen = hub(engine).client(client_id(world, name))["email"]
    assert seen == email, f"PM Hub shows {seen!r} for {name}, expected {email!r}"


# -- relationships --------------------------------------------------------------------------------
@given(parsers.parse('the PM Hub association type "{assoc}" is configured as the XPM relationship "{xtype}"'))
@when(parsers.parse('I configure the PM Hub association type "{assoc}" as the XPM relationship "{xtype}"'))
def configure(engine: Any, assoc: str, xtype: str) -> None:
    hub(engine).configure_association(assoc, xtype)


@given(parsers.parse('"{name}" is "{assoc}" of "{other}" in PM Hub'))
def associate(engine: Any, world: World, name: str, assoc: str, other: str) -> None:
    hub(engine).add_association(client_id(world, name), client_id(world, other), assoc)


@then(parsers.parse('the relationship of "{name}" is skipped with a reason mentioning "{text}"'))
def skipped(engine: Any, world: World, name: str, text: str) -> None:
    rels = hub(engine).client(client_id(world, name))["relationships"]
    assert any(r["status"] == "Skipped" and text.lower() in (r["reason"] or "").lower() for r in rels), \
        f"no skipped relationship mentioning {text!r}: {rels}"


# -- what XPM really holds ----------------------------------------------------------------------------
@given(parsers.parse('someone changes the email of "{name}" to "{email}" directly in XPM'))
@when(parsers.parse('someone changes the email of "{name}" to "{email}" directly in XPM'))
def edit_in_xpm(remote_env: RemoteEnv, world: World, name: str, email: str) -> None:
    found = xpm_client_named(remote_env, world, name)
    assert found, f"XPM has no client {name!r} to edit"
    xpm_action(remote_env, world, f"clients/{found['UUID']}/edit", {"Email": email, "email": email})


@then(parsers.parse('XPM has client "{name}" with email "{email}"'))
def xpm_has(remote_env: RemoteEnv, world: World, name: str, email: str) -> None:
    found = xpm_client_named(remote_env, world, name)
    assert found is not None, f"XPM has no client {name!r}"
    assert found["Email"] == email, f"XPM holds {found['Email']!r} for {name}, expected {email!r}"


@then(parsers.parse('XPM has no client "{name}"'))
def xpm_lacks(remote_env: RemoteEnv, world: World, name: str) -> None:
    found = xpm_client_named(remote_env, world, name)
    assert found is None, f"XPM already holds {found}"


@then(parsers.parse('XPM shows "{name}" as "{xtype}" related to "{other}"'))
def xpm_related(remote_env: RemoteEnv, world: World, name: str, xtype: str, other: str) -> None:
    found = xpm_client_named(remote_env, world, name)
    assert found is not None, f"XPM has no client {name!r}"
    assert {"type": xtype, "with": other} in found["relationships"], \
        f"XPM relationships of {name}: {found['relationships']}"


@then(parsers.parse('XPM shows no relationship for "{name}"'))
def xpm_no_rel(remote_env: RemoteEnv, world: World, name: str) -> None:
    found = xpm_client_named(remote_env, world, name)
    assert found is not None and found["relationships"] == [], f"XPM relationships: {found}"


@then(parsers.parse('the activity log is readable and records "{text}"'))
def activity(engine: Any, text: str) -> None:
    log = hub(engine).activity_log()
    assert any(text.lower() in e["message"].lower() for e in log), \
        f"no activity entry mentions {text!r}: {[e['message'] for e in log]}"
