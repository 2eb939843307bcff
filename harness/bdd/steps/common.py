"""Steps every area shares: the simulated clock, injected faults, rate limits, and evidence from the
remote's request journal ("sent exactly once", "nothing was sent")."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from connsim.harness.bdd.world import World
from connsim.harness.env import RemoteEnv

API_NAMES = {"XPM": "xpm", "Xero": "xero", "QuickBooks": "qbo", "APS": "aps"}


def api_name(label: str) -> str:
    if label not in API_NAMES:
        raise AssertionError(f"unknown remote {label!r}; say one of {', '.join(API_NAMES)}")
    return API_NAMES[label]


@when(parsers.parse("{minutes:d} minutes pass"))
@given(parsers.parse("{minutes:d} minutes pass"))
def minutes_pass(remote_env: RemoteEnv, minutes: int) -> None:
    remote_env.control.advance(minutes * 60)


@when(parsers.parse("{days:d} days pass"))
@given(parsers.parse("{days:d} days pass"))
def days_pass(remote_env: RemoteEnv, days: int) -> None:
    remote_env.control.advance(days * 86400)


@given(parsers.parse('the next {count:d} calls to {label} fail with HTTP {status:d}'))
@when(parsers.parse('the next {count:d} calls to {label} fail with HTTP {status:d}'))
def next_calls_fail(remote_env: RemoteEnv, count: int, label: str, status: int) -> None:
    remote_env.control.add_fault(api=api_name(label), action="status", status=status, times=count)


@when(parsers.parse("{label} is available again"))
def faults_over(remote_env: RemoteEnv, label: str) -> None:
    """The outage ends, however many of its failing calls the engine used up (every injected fault
    is cleared: a scenario injects only the outage it then ends)."""
    api_name(label)
    remote_env.control.clear_faults()


@given(parsers.parse('the next {method} to {label} "{path}" is committed but its response is lost'))
@when(parsers.parse('the next {method} to {label} "{path}" is committed but its response is lost'))
def response_lost(remote_env: RemoteEnv, method: str, label: str, path: str) -> None:
    remote_env.control.add_fault(api=api_name(label), method=method, path=path, action="drop", times=1)


@given(parsers.parse('the next {method} to {label} "{path}" has its connection reset'))
@when(parsers.parse('the next {method} to {label} "{path}" has its connection reset'))
def connection_reset(remote_env: RemoteEnv, method: str, label: str, path: str) -> None:
    remote_env.control.add_fault(api=api_name(label), method=method, path=path, action="reset", times=1)


@given(parsers.parse("{label} allows only {limit:d} calls a minute"))
def rate_limited(remote_env: RemoteEnv, world: World, label: str, limit: int) -> None:
    tenant = world.tenant_of(api_name(label))
    assert tenant, f"no {label} tenant in this scenario yet"
    remote_env.control.tenant_settings(tenant, rate_limits={"minute": limit})


@when("I note what the remotes have received so far")
@given("I note what the remotes have received so far")
def mark_journal(remote_env: RemoteEnv, world: World) -> None:
    entries = remote_env.control.journal(limit=1)
    world.mark = entries[-1]["seq"] if entries else 0


@then(parsers.parse("{label} received no writes since then"))
def no_writes_since(remote_env: RemoteEnv, world: World, label: str) -> None:
    writes = [e for e in remote_env.control.journal(api=api_name(label), since=world.mark)
              if e["method"] in ("POST", "PUT", "PATCH", "DELETE") and not _is_read(e["path"])]
    assert not writes, f"{label} received writes: {[(e['method'], e['path'], e['status']) for e in writes]}"


def _is_read(path: str) -> bool:
    """QuickBooks queries are POSTs that change nothing."""
    return path.rstrip("/").endswith("/query")


@then(parsers.parse("{label} answered at least one request with HTTP {status:d}"))
def answered_with(remote_env: RemoteEnv, world: World, label: str, status: int) -> None:
    statuses = [e["status"] for e in remote_env.control.journal(api=api_name(label), since=world.mark)]
    assert status in statuses, f"{label} answered {statuses}, never {status}"


@then(parsers.parse("{label} never answered HTTP 429 twice in a row"))
def waited_as_told(remote_env: RemoteEnv, world: World, label: str) -> None:
    """Rate-limit windows are fixed, and Retry-After says when the window ends: an engine that waits
    as told finds the next call allowed. Two 429s in a row (per tenant) mean it did not wait."""
    last: dict[str, int] = {}
    for entry in remote_env.control.journal(api=api_name(label), since=world.mark):
        if entry["status"] == 429 and last.get(entry["tenant"]) == 429:
            raise AssertionError(f"{label} answered 429 twice in a row at {entry['at']} ({entry['method']} "
                                 f"{entry['path']}): the engine did not wait for Retry-After")
        last[entry["tenant"]] = entry["status"]
