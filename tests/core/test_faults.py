"""Fault plan: matching, once / N / always, seeded probability (replayable), validation."""

import threading

import pytest
from no_wait import assert_returns_while_held

from connsim.simulator.core.errors import MalformedInput
from connsim.simulator.core.faults import FaultPlan
from connsim.simulator.core.matching import RequestView


def req(api: str, method: str, path: str, tenant: str | None, query: str = "",
        headers: dict[str, str] | None = None, body: bytes = b"") -> RequestView:
    return RequestView(api=api, method=method, path=path, tenant=tenant, query=query, headers=headers or {},
                       body=body)


def fire_pattern(plan: FaultPlan, n: int = 40, path: str = "/api.xro/2.0/Invoices") -> list[bool]:
    return [plan.pick(req("xero", "GET", path, "t1")) is not None for _ in range(n)]


def test_once_by_default_then_never() -> None:
    plan = FaultPlan()
    rule = plan.add({"action": "status", "status": 503})
    assert fire_pattern(plan, 3) == [True, False, False]
    assert plan.list()[0]["fired"] == 1 and rule.status == 503


def test_n_times_and_always() -> None:
    plan = FaultPlan()
    plan.add({"action": "status", "times": 2})
    assert fire_pattern(plan, 4) == [True, True, False, False]
    plan.reset()
    plan.add({"action": "drop", "times": None})
    assert all(fire_pattern(plan, 10))


def test_matchers_and_explain() -> None:
    plan = FaultPlan()
    rule = plan.add({"action": "reset", "api": "xero", "method": "post", "path": "/Invoices", "tenant": "t1",
                     "times": None})
    assert plan.pick(req("xero", "GET", "/api.xro/2.0/Invoices", "t1")) is None
    assert plan.pick(req("qbo", "POST", "/api.xro/2.0/Invoices", "t1")) is None
    assert plan.pick(req("xero", "POST", "/api.xro/2.0/Contacts", "t1")) is None
    assert plan.pick(req("xero", "POST", "/api.xro/2.0/Invoices", "t2")) is None
    assert plan.pick(req("xero", "POST", "/api.xro/2.0/Invoices", "t1")) is rule
    assert rule.matches(req("xero", "GET", "/x", "t1")) == (False, "method GET is not POST")
    assert rule.to_dict()["path"] == "/Invoices" and rule.to_dict()["query"] is None


def test_rules_match_query_headers_and_body() -> None:
    plan = FaultPlan()
    rule = plan.add({"action": "status", "status": 503, "times": None, "query": {"page": "2"},
                     "headers": {"Idempotency-Key": "k-1"}, "json": {"Invoices": [{"Type": "ACCREC"}]}})
    body = b'{"Invoices": [{"Type": "ACCREC"}]}'
    hit = req("xero", "PUT", "/api.xro/2.0/Invoices", "t1", query="page=2",
              headers={"idempotency-key": "k-1"}, body=body)
    assert plan.pick(hit) is rule
    assert rule.matches(req("xero", "PUT", "/", "t1", query="page=3")) == (False, "query page='3' is not '2'")
    assert plan.pick(req("xero", "PUT", "/", "t1", query="page=2", body=body)) is None


def test_first_matching_rule_wins_and_remove() -> None:
    plan = FaultPlan()
    first = plan.add({"action": "status", "status": 500, "times": None})
    second = plan.add({"action": "status", "status": 502, "times": None})
    assert plan.pick(req("x", "GET", "/", None)) is first
    assert plan.remove(first.id) and not plan.remove(first.id)
    assert plan.pick(req("x", "GET", "/", None)) is second


def test_probability_with_seed_is_replayable_and_independent() -> None:
    def run(seed: int) -> list[bool]:
        plan = FaultPlan()
        plan.add({"action": "status", "probability": 0.5, "seed": seed, "times": None})
        return fire_pattern(plan)

    first, again, other = run(7), run(7), run(8)
    assert first == again
    assert first != other
    assert 5 < sum(first) < 35  # neither never nor always
    # a second rule on another path does not disturb the first rule's sequence
    plan = FaultPlan()
    plan.add({"action": "status", "probability": 0.5, "seed": 7, "times": None, "path": "/Invoices"})
    plan.add({"action": "status", "probability": 0.5, "seed": 1, "times": None, "path": "/Contacts"})
    mixed = []
    for _ in range(40):
        plan.pick(req("xero", "GET", "/Contacts", "t1"))
        mixed.append(plan.pick(req("xero", "GET", "/Invoices", "t1")) is not None)
    assert mixed == first


@pytest.mark.parametrize("spec", [
    {"action": "explode"}, {"action": "status", "status": 42}, {"action": "status", "probability": 2},
    {"action": "status", "times": 0}, {"action": "status", "times": "2"}, {"action": "status", "bogus": 1},
    {"action": "latency"}, {"action": "status", "status": "abc"}, {"action": "status", "path": 5},
    {"action": "status", "times": True},
])
def test_bad_rules_are_malformed_input(spec: dict) -> None:
    with pytest.raises(MalformedInput):
        FaultPlan().add(spec)


def test_a_rule_without_action_answers_with_a_status() -> None:
    plan = FaultPlan()
    rule = plan.add({"api": "xero", "status": 503})
    assert rule.action == "status" and rule.status == 503
    assert plan.pick(req("xero", "GET", "/api.xro/2.0/Invoices", None)) is rule


def test_a_rules_budget_is_exact_under_concurrent_requests_and_a_held_rule_blocks_no_other() -> None:
    """Picks take no plan-wide lock (issue 14): each rule counts under its own, so ``times`` stays
    exact when 8 threads race, and a request matching only another rule never waits on this one."""
    plan = FaultPlan()
    rule = plan.add({"action": "status", "path": "/api.xro/2.0/Invoices", "times": 50})
    fired: list[bool] = []

    def hammer() -> None:
        fired.extend(fire_pattern(plan, 40))

    workers = [threading.Thread(target=hammer) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert fired.count(True) == 50 == rule.fired and rule.seen == 50
    other = plan.add({"action": "status", "path": "/api.xro/2.0/Contacts", "times": None})
    items_rule = plan.add({"action": "status", "path": "/api.xro/2.0/Items", "times": None})
    picked: list[object] = []
    items = req("xero", "GET", "/api.xro/2.0/Items", "t1")
    # a request is counting on the Contacts rule
    assert_returns_while_held(other._lock, lambda: picked.append(plan.pick(items)), "a pick of another rule")
    assert picked == [items_rule]
