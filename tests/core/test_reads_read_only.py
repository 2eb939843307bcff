"""GET, HEAD and OPTIONS hold only the tenant's read side, so they must not change the tenant: every
read route of every API, over a seeded world, leaves each backend exactly as it found it
(tests/readprobe.py compares a snapshot taken before the handler with one taken after). A lazy
cache or index built on first read would show up here; build it on write or guard it itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from readprobe import probing

from connsim.simulator.inprocess import InProcessSimulator, call_app, mock_remotes
from connsim.simulator.remote import current_tenant

SCOPES = {"xero": ["accounting.transactions", "accounting.contacts", "accounting.settings", "practicemanager"],
          "intuit": ["com.intuit.quickbooks.accounting"], "aps": ["clients"]}
#: reads with parameters connectors send (filters, paging, conditional GETs), per API
EXTRA = {
    "xero": ['/api.xro/2.0/Invoices?where=Status%3D%3D%22AUTHORISED%22&page=1',
             '/api.xro/2.0/Invoices?where=Status%3D%3D%22NOPE%22', '/api.xro/2.0/Invoices?Statuses=DRAFT,PAID',
             '/api.xro/2.0/Contacts?page=2&pageSize=5', '/api.xro/2.0/Invoices?order=Total%20DESC'],
    "qbo": ["/v3/company/{realm}/query?query=select%20*%20from%20Invoice%20STARTPOSITION%202%20MAXRESULTS%205",
            "/v3/company/{realm}/query?query=select%20count(*)%20from%20Customer",
            "/v3/company/{realm}/query?query=select%20*%20from%20Invoice%20where%20DocNumber%20%3D%20%271001%27"],
    "xpm": [*(f"/practicemanager/3.1/{api}.api/list?from=20260101&to=20261231" for api in ("job", "invoice", "time")),
            "/practicemanager/3.1/cost.api/list?page=1", "/practicemanager/3.1/client.api/search?query=a"],
}


@pytest.fixture
def world() -> Iterator[tuple[InProcessSimulator, list[tuple[str, str, dict[str, str]]]]]:
    """The simulator and, per tenant-scoped API, (api, tenant id, headers of a connected client)."""
    with mock_remotes() as sim:
        sim.control.seed(7)
        callers = []
        for remote in sim.state.remotes:
            if not (remote.tenant_kind and remote.provider and remote.tenant_id):
                continue
            for tenant in sim.state.tenants.of_kind(remote.tenant_kind):
                token = sim.control.issue_tokens(remote.provider, [tenant.id], scopes=SCOPES[remote.provider])
                headers = {"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json",
                           "xero-tenant-id": tenant.id, "X-APS-Firm-Id": tenant.id}
                callers.append((remote.name, tenant.id, headers))
        yield sim, callers


def read_paths(sim: InProcessSimulator, api: str, tenant_id: str) -> list[str]:
    """Every GET route of the API that needs no record id, plus the filtered reads above."""
    blueprint = next(r.blueprint.name for r in sim.state.remotes if r.name == api)
    paths = [rule.rule.replace("<realm>", tenant_id) for rule in sim.app.url_map.iter_rules()
             if rule.endpoint.startswith(blueprint + ".") and "GET" in (rule.methods or ())
             and set(rule.arguments) <= {"realm"}]
    return sorted(set(paths)) + [p.format(realm=tenant_id) for p in EXTRA.get(api, [])]


def test_every_read_leaves_the_tenant_as_it_found_it(world: Any) -> None:
    sim, callers = world
    assert {api for api, _, _ in callers} >= {"xero", "xpm", "qbo", "aps"}
    answered = []
    with probing() as findings:
        for api, tenant_id, headers in callers:
            for path in read_paths(sim, api, tenant_id):
                for method in ("GET", "HEAD"):
                    result = call_app(sim.app, method, f"https://{sim.state.remote_named(api).hosts[0]}{path}",
                                      {**headers, "If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}
                                      if "Invoices" in path else headers, None)
                    assert result.status < 500, (method, path, result.body[:300])
                    answered.append((result.status, path))
    assert findings == []
    assert sum(1 for status, _ in answered if status == 200) >= 40  # the reads really ran


def test_the_probe_finds_a_read_that_writes(world: Any) -> None:
    """The check above can fail: a GET handler that changes its tenant is reported, with where."""
    sim, callers = world
    headers = next(c for c in callers if c[0] == "xero")[2]
    endpoint, _ = sim.app.url_map.bind("api.xero.com").match("/api.xro/2.0/Organisation", "GET")
    view = sim.app.view_functions[endpoint]

    def writing_view(*args: Any, **kwargs: Any) -> Any:
        current_tenant().backend.org.name += " (read)"
        return view(*args, **kwargs)

    sim.app.view_functions[endpoint] = writing_view
    with probing() as findings:
        result = call_app(sim.app, "GET", "https://api.xero.com/api.xro/2.0/Organisation", headers, None)
    assert result.status == 200
    assert len(findings) == 1 and "GET /api.xro/2.0/Organisation: backend.org.name" in findings[0]
