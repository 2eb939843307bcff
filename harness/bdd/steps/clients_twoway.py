"""Steps for Connectworks client profiles synced both ways with APS or XPM (seeds 002, 003), in the
users' words: the add-on, importing, "Connect now" and Link, the slide-out panel's red fields, the
sync screen's ticks and arrows, and the refresh button. What a person does in APS or XPM goes
through the control API; what the remote really holds is read from its state snapshot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from parse import with_pattern
from pytest_bdd import given, parsers, then, when

from connsim.harness.adapters.contract import UnsupportedAction
from connsim.harness.bdd.steps.clients_twoway_remote import (
    FIELD_KEYS,
    create_remote_client,
    edit_remote_client,
    field_key,
    practice_system,
    remote_clients,
    remote_id,
    remote_value,
    tenant,
)
from connsim.harness.bdd.steps.common import api_name
from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv

PROFILE = "clients-twoway"


@with_pattern(r'[^"]*')
def _quoted(text: str) -> str:
    return text


def text_step(pattern: str) -> parsers.parse:
    """A parse pattern whose ``{value:Q}`` may be blank ("" = an empty field)."""
    return parsers.parse(pattern, extra_types={"Q": _quoted})


def cw(engine: Any) -> Any:
    return engine.service(PROFILE)


def profile_id(world: World, name: str) -> str:
    return world.need(world.profiles, name, "Connectworks profile")


def attempt(world: World, action: Callable[[], Any]) -> Any:
    """Run a user action; a refusal is kept as the message the user saw."""
    world.last_error = None
    try:
        return action()
    except UnsupportedAction as exc:
        world.last_error = str(exc)
        return None


def fields_table(datatable: list[list[str]]) -> dict[str, str]:
    """A two-column | Field | Value | table (header row first) as profile fields."""
    return {field_key(row[0]): row[1] for row in datatable[1:]}


def label_list(text: str) -> set[str]:
    return {field_key(part) for part in text.replace(" and ", ", ").split(",") if part.strip()}


# -- the practice system and the add-on ----------------------------------------------------------------
@given(parsers.parse('{label} has the {kind} client "{name}"'))
def remote_client_plain(remote_env: RemoteEnv, world: World, label: str, kind: str, name: str) -> None:
    create_remote_client(remote_env, world, api_name(label), kind, name, {})


@given(parsers.parse('{label} has the {kind} client "{name}" with:'))
def remote_client_with(remote_env: RemoteEnv, world: World, label: str, kind: str, name: str,
                       datatable: list[list[str]]) -> None:
    create_remote_client(remote_env, world, api_name(label), kind, name, fields_table(datatable))


@given(parsers.parse("the {label} Add-on is activated by a Firm Administrator"))
@when(parsers.parse("a Firm Administrator activates the {label} Add-on and authorises Connectworks"))
def activate(engine: Any, remote_env: RemoteEnv, world: World, label: str) -> None:
    system = api_name(label)
    provider = practice_system(system).provider
    remote_env.control.consent(provider, user="admin@firm.test", is_admin=True, approve=True,
                               tenant_ids=[tenant(remote_env, world, system)])
    cw(engine).activate_addon(system, "Firm Administrator")


@when(parsers.parse('a user with the role "{role}" tries to activate the {label} Add-on'))
def activate_as(engine: Any, remote_env: RemoteEnv, world: World, role: str, label: str) -> None:
    system = api_name(label)
    tenant(remote_env, world, system)
    attempt(world, lambda: cw(engine).activate_addon(system, role))


@then(parsers.parse('I see a message that says "{text}"'))
def message_says(world: World, text: str) -> None:
    assert world.last_error is not None, f"expected a message saying {text!r}; the action was not refused"
    assert text.lower() in world.last_error.lower(), f"expected the message to say {text!r}, got {world.last_error!r}"


@then(parsers.parse("{label} was never asked to authorise Connectworks"))
def never_authorised(remote_env: RemoteEnv, label: str) -> None:
    paths = ("/aps/oauth2", "/connect/token", "/connections", "/authorize")
    calls = [(e["method"], e["path"]) for e in remote_env.control.journal()
             if any(p in e["path"] for p in paths)]
    assert not calls, f"expected no authorisation with {label}, found {calls}"


# -- profiles --------------------------------------------------------------------------------------------
@given(parsers.parse('Connectworks has the profile "{name}"'))
def local_profile(engine: Any, world: World, name: str) -> None:
    world.profiles[name] = cw(engine).create_profile({"name": name})


@given(parsers.parse('Connectworks has the profile "{name}" with:'))
def local_profile_with(engine: Any, world: World, name: str, datatable: list[list[str]]) -> None:
    world.profiles[name] = cw(engine).create_profile({"name": name, **fields_table(datatable)})


@when(parsers.parse("I import client profiles from {label}"))
def import_profiles(engine: Any, world: World, label: str) -> None:
    ids = attempt(world, lambda: cw(engine).import_profiles(api_name(label))) or []
    world.imported = list(ids)
    for new_id in ids:
        world.profiles[cw(engine).profile(new_id)["name"]] = new_id


@given(parsers.parse("the client profiles of {label} have been imported"))
def imported_before(engine: Any, world: World, label: str) -> None:
    import_profiles(engine, world, label)
    assert world.last_error is None, f"the import was refused: {world.last_error}"


@then(parsers.parse('the profile "{name}" was imported and is linked to the {label} client without any action from me'))
def imported_and_linked(engine: Any, world: World, name: str, label: str) -> None:
    pid = profile_id(world, name)
    assert pid in world.imported, f"{name!r} was not in the import: {world.imported}"
    linked_to(engine, world, name, label, name)


@then(parsers.parse('no profile was imported for "{name}"'))
def not_imported(engine: Any, world: World, name: str) -> None:
    names = [cw(engine).profile(i)["name"] for i in world.imported]
    assert name not in names and name not in world.profiles, f"{name!r} was imported; imported: {names}"


@when(parsers.parse("I run the import from {label} a second time"))
def import_again(engine: Any, world: World, label: str) -> None:
    import_profiles(engine, world, label)


@then("the second import brings in no second copy")
def no_second_copy(engine: Any, world: World) -> None:
    assert world.last_error is None, f"the second import was refused: {world.last_error}"
    again = [cw(engine).profile(i)["name"] for i in world.imported]
    assert again == [], f"a second import created profiles again: {again}"


# -- linking by hand ---------------------------------------------------------------------------------------
@when(parsers.parse('I click "Connect now" on the Add-on Connections tab of "{name}"'))
def connect_now(engine: Any, world: World, name: str) -> None:
    world.editing = name
    world.search_results = attempt(world, lambda: cw(engine).search_remote(profile_id(world, name))) or []


@when(parsers.parse('I change the search to "{query}"'))
def search_for(engine: Any, world: World, query: str) -> None:
    pid = profile_id(world, world.looking_at(world.editing, "a profile's Add-on Connections tab"))
    world.search_results = cw(engine).search_remote(pid, query)


@when("I remove the name from the search bar")
def clear_search(engine: Any, world: World) -> None:
    tab = world.looking_at(world.editing, "a profile's Add-on Connections tab")
    world.search_results = cw(engine).search_remote(profile_id(world, tab), "")


@then(parsers.parse('the search shows "{name}"'))
def search_shows(world: World, name: str) -> None:
    names = [r["name"] for r in world.search_results]
    assert name in names, f"expected {name!r} in the search results, found {names}"


@then(parsers.parse('the search does not show "{name}"'))
def search_hides(world: World, name: str) -> None:
    names = [r["name"] for r in world.search_results]
    assert name not in names, f"expected {name!r} not to be in the search results, found {names}"


@then(parsers.parse("the search lists every {label} client"))
def search_lists_all(remote_env: RemoteEnv, world: World, label: str) -> None:
    system = api_name(label)
    found = sorted(r["remote_id"] for r in world.search_results if r["system"] == system)
    expected = sorted(remote_clients(remote_env, world, system))
    assert found == expected, f"expected the whole {label} list {expected}, the search showed {found}"


@when(parsers.parse('I click Link next to "{remote_name}"'))
def click_link(engine: Any, world: World, remote_name: str) -> None:
    match = [r for r in world.search_results if r["name"] == remote_name]
    assert match, f"{remote_name!r} is not in the search results {[r['name'] for r in world.search_results]}"
    tab = world.looking_at(world.editing, "a profile's Add-on Connections tab")
    cw(engine).link(profile_id(world, tab), match[0]["remote_id"])


@when(parsers.parse('I click Disconnect on the Add-on Connections tab of "{name}"'))
def click_disconnect(engine: Any, world: World, name: str) -> None:
    cw(engine).unlink(profile_id(world, name))


@then(parsers.parse('"{name}" is linked to the {label} client "{remote_name}"'))
def linked_to(engine: Any, world: World, name: str, label: str, remote_name: str) -> None:
    system = api_name(label)
    seen = cw(engine).profile(profile_id(world, name))
    expected = remote_id(world, system, remote_name)
    link = seen.get("link") or {}
    assert (link.get("system"), link.get("remote_id")) == (system, expected), \
        f"expected {name!r} linked to {label} client {remote_name!r} ({expected}), found link {link or None}"
    assert seen["action"] == "Disconnect", f"expected the button to offer Disconnect, it offers {seen['action']!r}"


@then(parsers.parse('the Add-on Connections tab of "{name}" offers "{action}"'))
def tab_offers(engine: Any, world: World, name: str, action: str) -> None:
    seen = cw(engine).profile(profile_id(world, name))["action"]
    assert seen == action, f"expected the Add-on Connections tab to offer {action!r}, it offers {seen!r}"


@then(parsers.parse('"{name}" has no sync'))
def no_sync(engine: Any, world: World, name: str) -> None:
    panel = cw(engine).panel(profile_id(world, name))
    assert not panel["linked"] and not panel["sync_available"], f"an unlinked profile offers sync: {panel}"


@when(parsers.parse('I try to sync "{name}"'))
def try_sync(engine: Any, world: World, name: str) -> None:
    pid = profile_id(world, name)
    attempt(world, lambda: cw(engine).sync_fields(pid, {"name": "to_remote"}))


@then("the sync is refused")
def sync_refused(world: World) -> None:
    assert world.last_error, "the sync was not refused"


@when(parsers.parse('I note what "{name}" holds in {label}'))
@given(parsers.parse('I note what "{name}" holds in {label}'))
def note_remote(remote_env: RemoteEnv, world: World, name: str, label: str) -> None:
    system = api_name(label)
    world.remote_noted[name] = {f: remote_value(remote_env, world, system, name, f) for f in FIELD_KEYS.values()}


@then(parsers.parse('"{name}" is unchanged in {label}'))
def remote_unchanged(remote_env: RemoteEnv, world: World, name: str, label: str) -> None:
    system = api_name(label)
    now = {f: remote_value(remote_env, world, system, name, f) for f in FIELD_KEYS.values()}
    assert now == world.remote_noted[name], f"{label} record changed: {world.remote_noted[name]} → {now}"


# -- the slide-out panel ----------------------------------------------------------------------------------------
def panel_of(engine: Any, world: World, name: str) -> dict[str, Any]:
    world.panel_for = name
    return cw(engine).panel(profile_id(world, name))


def current_panel(engine: Any, world: World) -> dict[str, Any]:
    return panel_of(engine, world, world.looking_at(world.panel_for, "a profile's panel"))


@when(parsers.parse('I tick "{name}" and open the Connections to add-ons section'))
@given(parsers.parse('I tick "{name}" and open the Connections to add-ons section'))
def open_panel(engine: Any, world: World, name: str) -> None:
    world.refreshed_when_opened[name] = panel_of(engine, world, name)["last_refreshed"]


@then(parsers.parse("exactly these fields show in red: {labels}"))
def red_fields(engine: Any, world: World, labels: str) -> None:
    panel = current_panel(engine, world)
    red = {k for k, f in panel["fields"].items() if f["differs"]}
    expected = set() if labels.strip().lower() == "none" else label_list(labels)
    assert red == expected, f"expected red fields {sorted(expected)}, the panel shows {sorted(red)} ({panel['fields']})"


@then(parsers.parse("the {label} shows in red"))
def one_red(engine: Any, world: World, label: str) -> None:
    field = current_panel(engine, world)["fields"][field_key(label)]
    assert field["differs"], f"expected {label} in red, it is grey: {field}"


@then(parsers.parse("the {label} shows in grey"))
def one_grey(engine: Any, world: World, label: str) -> None:
    field = current_panel(engine, world)["fields"][field_key(label)]
    assert not field["differs"], f"expected {label} in grey, it is red: {field}"


@then("the sync button is shown")
def sync_shown(engine: Any, world: World) -> None:
    panel = current_panel(engine, world)
    assert panel["sync_available"], f"expected the sync button, the panel has none: {panel['fields']}"


@then("the sync button is no longer shown")
@then("the sync button is not shown")
def sync_hidden(engine: Any, world: World) -> None:
    panel = current_panel(engine, world)
    assert not panel["sync_available"], f"expected no sync button, the panel offers it: {panel['fields']}"


@then(text_step('the panel shows {side} {label} "{value:Q}"'))
def panel_value(engine: Any, world: World, side: str, label: str, value: str) -> None:
    field = current_panel(engine, world)["fields"][field_key(label)]
    key = "local" if side == "Connectworks" else "remote"
    if key == "remote":
        api_name(side)
    assert field[key] == value, f"expected the panel's {side} {label} {value!r}, it shows {field[key]!r}"


# -- the sync screen -----------------------------------------------------------------------------------------------
@when(parsers.parse("I tick {label} and push it to {target}"))
def tick(world: World, label: str, target: str) -> None:
    direction = "to_local" if target == "Connectworks" else "to_remote"
    if direction == "to_remote":
        api_name(target)
    world.ticks[field_key(label)] = direction


@when("I click Sync")
def click_sync(engine: Any, world: World) -> None:
    ticks, world.ticks = world.ticks, {}
    cw(engine).sync_fields(profile_id(world, world.looking_at(world.panel_for, "a profile's panel")), ticks)


@then(text_step('{label} has "{value:Q}" as the {field_label} of "{name}"'))
def remote_has(remote_env: RemoteEnv, world: World, label: str, value: str, field_label: str, name: str) -> None:
    seen = remote_value(remote_env, world, api_name(label), name, field_key(field_label))
    assert seen == value, f"expected {label} to hold {field_label} {value!r} for {name!r}, it holds {seen!r}"


@then(text_step('Connectworks shows "{value:Q}" as the {field_label} of "{name}"'))
def local_has(engine: Any, world: World, value: str, field_label: str, name: str) -> None:
    seen = cw(engine).profile(profile_id(world, name))[field_key(field_label)]
    assert seen == value, f"expected Connectworks to show {field_label} {value!r} for {name!r}, it shows {seen!r}"


# -- changes in the remote, refresh --------------------------------------------------------------------------------
@when(text_step('someone changes the {field_label} of "{name}" to "{value:Q}" in {label}'))
def remote_edit(remote_env: RemoteEnv, world: World, field_label: str, name: str, value: str, label: str) -> None:
    edit_remote_client(remote_env, world, api_name(label), name, {field_key(field_label): value})


@when(parsers.parse('I click the refresh button for "{name}"'))
def click_refresh(engine: Any, world: World, name: str) -> None:
    cw(engine).refresh(profile_id(world, name))


@when(text_step('I change the {field_label} of "{name}" to "{value:Q}" on the Edit form and save'))
def edit_and_save(engine: Any, world: World, field_label: str, name: str, value: str) -> None:
    cw(engine).edit_profile(profile_id(world, name), {field_key(field_label): value})


@then(parsers.parse("the panel shows it was last refreshed at {stamp}"))
def refreshed_at(engine: Any, world: World, stamp: str) -> None:
    seen = current_panel(engine, world)["last_refreshed"]
    assert seen and _instant(seen) == _instant(stamp), f"expected last refreshed at {stamp}, the panel shows {seen}"


@then("the last-refreshed time has moved on")
def refreshed_moved(engine: Any, world: World) -> None:
    name = world.looking_at(world.panel_for, "a profile's panel")
    before, now = world.refreshed_when_opened.get(name), current_panel(engine, world)["last_refreshed"]
    assert before and now and _instant(now) > _instant(before), f"last refreshed did not move: {before} → {now}"


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" UTC", "+00:00"))
    return value


@when(parsers.parse("the Firm Administrator declines the authorisation window of {label}"))
def decline(engine: Any, remote_env: RemoteEnv, world: World, label: str) -> None:
    system = api_name(label)
    provider = practice_system(system).provider
    tenant(remote_env, world, system)
    remote_env.control.consent(provider, user="admin@firm.test", is_admin=True, approve=False)
    attempt(world, lambda: cw(engine).activate_addon(system, "Firm Administrator"))
