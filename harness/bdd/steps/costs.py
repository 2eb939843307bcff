"""Steps for recharged costs pushed to XPM jobs (seed 000, Rechargly Practice Connect)."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then, when

from connsim.harness.bdd.steps.xpm_world import ensure_job, job_costs, practice, xpm_action
from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv


def costs(engine: Any) -> Any:
    return engine.service("costs")


def charge(engine: Any, world: World, alias: str) -> dict[str, Any]:
    return costs(engine).charge(world.need(world.charges, alias, "charge"))


# -- the practice in XPM ---------------------------------------------------------------------------
@given(parsers.parse('XPM has client "{client}" with job "{job}" in state "{state}"'))
def xpm_job(remote_env: RemoteEnv, world: World, client: str, job: str, state: str) -> None:
    ensure_job(remote_env, world, client, job, state)


@given(parsers.parse("the WIP period up to {date} is locked in XPM"))
@when(parsers.parse("I turn the lock period back on in XPM up to {date}"))
def lock_wip(remote_env: RemoteEnv, world: World, date: str) -> None:
    xpm_action(remote_env, world, "wip-lock", {"date": date})


@when("I unlock the prior period in XPM")
def unlock_wip(remote_env: RemoteEnv, world: World) -> None:
    xpm_action(remote_env, world, "wip-lock", {"date": None})


@given(parsers.parse('the job "{job}" is set to "{state}" in XPM'))
@when(parsers.parse('I change the job "{job}" to "{state}" in XPM'))
def set_state(remote_env: RemoteEnv, world: World, job: str, state: str) -> None:
    xpm_action(remote_env, world, f"jobs/{world.need(world.xpm_jobs, job, 'job')}/state", {"state": state})


@given(parsers.parse('the job "{job}" is deleted in XPM'))
def delete_job(remote_env: RemoteEnv, world: World, job: str) -> None:
    xpm_action(remote_env, world, f"jobs/{world.need(world.xpm_jobs, job, 'job')}/delete")


@when(parsers.parse('support recreates the job "{job}" in XPM and maps "{organisation}" to client "{client}" on it'))
def support_recreates(remote_env: RemoteEnv, world: World, engine: Any, job: str, organisation: str,
                      client: str) -> None:
    old = world.need(world.xpm_jobs, job, "job")
    new = xpm_action(remote_env, world, f"jobs/{old}/recreate")["ID"]
    assert new != old, f"a recreated job must get a new number, got {new} again"
    world.xpm_jobs[job] = new
    costs(engine).map_organisation(organisation, client, new)


@given("access to the practice is revoked in XPM")
@when("access to the practice is revoked in XPM")
def revoke_practice(remote_env: RemoteEnv, world: World) -> None:
    remote_env.control.revoke_tenant(practice(remote_env, world))


# -- Practice Connect --------------------------------------------------------------------------
@given("Practice Connect is connected to XPM")
def connect(engine: Any, remote_env: RemoteEnv, world: World) -> None:
    practice(remote_env, world)
    costs(engine).connect_xpm()


@given(parsers.parse('the organisation "{organisation}" is mapped to client "{client}" job "{job}"'))
@when(parsers.parse('I map the organisation "{organisation}" to client "{client}" job "{job}"'))
def map_org(engine: Any, world: World, organisation: str, client: str, job: str) -> None:
    costs(engine).map_organisation(organisation, client, world.need(world.xpm_jobs, job, "job"))


@given(parsers.parse('a recharged cost "{alias}" of {amount:f} for "{organisation}" dated {date}'))
@when(parsers.parse('a recharged cost "{alias}" of {amount:f} for "{organisation}" dated {date}'))
def add_charge(engine: Any, world: World, alias: str, amount: float, organisation: str, date: str) -> None:
    world.charges[alias] = costs(engine).add_charge(organisation, date, f"Recharge {alias}", amount)


@given(parsers.parse('I send "{alias}" for tracking'))
@when(parsers.parse('I send "{alias}" for tracking'))
def track(engine: Any, world: World, alias: str) -> None:
    costs(engine).send_for_tracking(world.need(world.charges, alias, "charge"))


@given("Practice Connect syncs")
@when("Practice Connect syncs")
def sync(engine: Any) -> None:
    costs(engine).sync()


@when(parsers.parse('I hover over "{alias}" in the Error tab and retry the sync'))
def retry(engine: Any, world: World, alias: str) -> None:
    costs(engine).retry(world.need(world.charges, alias, "charge"))


@when(parsers.parse('I retry "{alias}" from the Error tab if it is there'))
def retry_if_in_error(engine: Any, world: World, alias: str) -> None:
    """For outcomes the catalogue leaves open (an engine may ride an outage out or give up visibly)."""
    if charge(engine, world, alias)["tab"] == "Error":
        retry(engine, world, alias)


@when("I select Re-sync now on the Integrations page")
def resync(engine: Any) -> None:
    costs(engine).resync_integration()


# -- what the user sees ------------------------------------------------------------------------
@then(parsers.parse('"{alias}" shows "{status}" with reason "{reason}" in the Error tab'))
def shows_error(engine: Any, world: World, alias: str, status: str, reason: str) -> None:
    view = charge(engine, world, alias)
    assert (view["tab"], view["status"], view["reason"]) == ("Error", status, reason), \
        f"expected Error tab / {status} / {reason}, the engine shows {view}"
    assert view["error"], f"the charge in Error must carry the remote's error text: {view}"


@then(parsers.parse('"{alias}" is in the {tab} tab'))
def in_tab(engine: Any, world: World, alias: str, tab: str) -> None:
    view = charge(engine, world, alias)
    assert view["tab"] == tab, f"expected {alias!r} in the {tab} tab, it is in {view['tab']}: {view}"


@then("the Error tab is empty")
def error_tab_empty(engine: Any) -> None:
    errors = costs(engine).charges("Error")
    assert errors == [], f"the Error tab still lists {errors}"


@then(parsers.parse('the guidance for "{alias}" says "{text}"'))
def guidance(engine: Any, world: World, alias: str, text: str) -> None:
    view = charge(engine, world, alias)
    assert text.lower() in (view["guidance"] or "").lower(), f"guidance {view['guidance']!r} lacks {text!r}"


@then(parsers.parse('the job "{job}" in XPM has {count:d} cost "{alias}"'))
@then(parsers.parse('the job "{job}" in XPM has {count:d} costs "{alias}"'))
def job_has(remote_env: RemoteEnv, world: World, job: str, count: int, alias: str) -> None:
    found = [c for c in job_costs(remote_env, world, job) if c.get("Description") == f"Recharge {alias}"]
    assert len(found) == count, f"job {job} in XPM holds {len(found)} copies of {alias!r}, expected {count}"


@then(parsers.parse('"{alias}" is either synced once on the job "{job}", or in the Error tab with the remote\'s '
                    'error and not on the job'))
def synced_or_visibly_failed(remote_env: RemoteEnv, engine: Any, world: World, alias: str, job: str) -> None:
    """Both outcomes the catalogue accepts after a transient fault, and nothing in between."""
    view = charge(engine, world, alias)
    if view["tab"] == "Synced":
        job_has(remote_env, world, job, 1, alias)
        return
    assert view["tab"] == "Error" and view["status"] == "Sync Error" and view["error"], \
        f"expected {alias!r} either Synced or visibly in Error with the remote's error, the engine shows {view}"
    job_has(remote_env, world, job, 0, alias)


@then(parsers.parse('"{alias}" is either in the Synced tab or in the Error tab with the remote\'s error'))
def synced_or_in_error(engine: Any, world: World, alias: str) -> None:
    """After a lost answer: reconciled at once, or shown as failed (with why) until a retry reconciles."""
    view = charge(engine, world, alias)
    assert view["tab"] == "Synced" or (view["tab"] == "Error" and view["error"]), \
        f"expected {alias!r} Synced, or in the Error tab with the remote's error, the engine shows {view}"


@then(parsers.parse("XPM was sent {count:d} cost since then"))
@then(parsers.parse("XPM was sent {count:d} costs since then"))
def costs_sent(remote_env: RemoteEnv, world: World, count: int) -> None:
    """Counted on XPM's journal: a charge the user did not select is not even sent."""
    posts = [e for e in remote_env.control.journal(api="xpm", since=world.mark)
             if e["method"] == "POST" and e["path"].rstrip("/").endswith("job.api/cost")]
    assert len(posts) == count, f"XPM was sent {len(posts)} cost(s) since then, expected {count}: " \
                                f"{[(e['path'], e['status']) for e in posts]}"


@then(parsers.parse('the integration status is "{status}"'))
def integration_status(engine: Any, status: str) -> None:
    seen = costs(engine).integration_status()
    assert seen == status, f"the Integrations page shows {seen!r}, expected {status!r}"


@then(parsers.parse('the support details for "{alias}" name the client "{client}" and quote "{text}"'))
def support_details(engine: Any, world: World, alias: str, client: str, text: str) -> None:
    details = costs(engine).support_details(world.need(world.charges, alias, "charge"))
    assert details["client_name"] == client, f"support details name {details['client_name']!r}, not {client!r}"
    assert details["error"] and text.lower() in details["error"].lower(), \
        f"support details error {details['error']!r} does not quote {text!r}"
    assert details["attempts"], "support details list no sync attempts"
