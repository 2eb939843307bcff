"""The engine contract is complete and says what is wrong: every key the steps read is named in the
Protocols' table (VIEW_KEYS), the OpenAPI document and docs/harness/http-contract.md; a missing key
fails naming the call and the key; an engine over HTTP that answers badly is named; and a vendor's
engine can wait on the simulated clock with a credential good for the clock only."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
import responses

from connsim.harness.adapters.checked import CheckedEngine, checked
from connsim.harness.adapters.contract import PROFILE_PROTOCOLS, VIEW_KEYS, ContractViolation, UnsupportedAction
from connsim.harness.adapters.http_adapter import EngineCallError, HttpEngine
from connsim.harness.adapters.openapi import CALL_TIMEOUT, document
from connsim.harness.bdd.fixtures import start_clock
from connsim.harness.env import RemoteEnv
from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import Endpoints
from connsim.simulator.inprocess import InProcessSimulator
from tests.ux.conftest import ADMIN_TOKEN

DOC = (Path(__file__).resolve().parents[2] / "docs" / "harness" / "http-contract.md").read_text()


def test_every_key_is_in_the_protocols_the_openapi_document_and_the_docs() -> None:
    schemas = document()["components"]["schemas"]
    for call, keys in VIEW_KEYS.items():
        profile, method = call.split(".")
        assert hasattr(PROFILE_PROTOCOLS[profile], method), call
        assert schemas[call]["required"] == list(keys), call
        row = next((line for line in DOC.splitlines() if line.startswith(f"| `{call}` |")), None)
        assert row is not None, f"http-contract.md has no row for {call}"
        listed = set(re.findall(r"`(\w+)`", row.split("|")[3]))
        same_as = "the same" in row
        assert same_as or set(keys) <= listed, f"{call}: {sorted(set(keys) - listed)} not in its row"
    for key in ("guidance", "kind", "transaction_number", "clock", "advance_seconds"):
        assert re.search(rf"\b{key}\b", DOC), key
    assert f"{CALL_TIMEOUT:.0f} s" in DOC and "UnsupportedAction" in DOC and "EngineCallError" in DOC


def test_a_missing_key_names_the_call_and_the_key() -> None:
    view = checked("payments", "payment", {"id": "1", "status": "Failed"})
    assert view["status"] == "Failed"
    with pytest.raises(ContractViolation, match=r"payments\.payment\(\) answered without 'guidance'"):
        view["guidance"]
    listed = checked("payments", "alerts", [{"message": "Reconnect Xero"}])
    with pytest.raises(ContractViolation, match=r"payments\.alerts\(\) answered without 'kind'"):
        listed[0]["kind"]


def test_a_step_reading_an_unnamed_key_is_the_harness_defect() -> None:
    view = checked("payments", "payment", {"id": "1", "colour": "red"})
    with pytest.raises(ContractViolation, match="which the contract does not name"):
        view.get("colour")


def test_checked_engine_passes_everything_else_through() -> None:
    class Service:
        def record_payment(self, number: str, amount: float, date: str) -> str:
            return f"{number}:{amount}:{date}"

    class Engine:
        profiles = ("payments",)

        def service(self, profile: str) -> Service:
            return Service()

    engine: Any = CheckedEngine(Engine())
    assert engine.profiles == ("payments",)
    assert engine.service("payments").record_payment("INV-1", 5.0, "2026-11-18") == "INV-1:5.0:2026-11-18"


@responses.activate
def test_http_engine_names_the_call_when_an_answer_breaks_the_contract() -> None:
    base = "http://vendor.test"
    responses.get(f"{base}/profiles", json={"profiles": ["payments"]})
    engine = HttpEngine(base)
    payments = engine.service("payments")
    responses.post(f"{base}/call", body="<html>oops</html>", status=502)
    with pytest.raises(EngineCallError, match=r"payments\.sync_payments: HTTP 502, not JSON"):
        payments.sync_payments()
    responses.post(f"{base}/call", json={"value": 1})
    with pytest.raises(EngineCallError, match=r"payments\.alerts: .* instead of"):
        payments.alerts()
    responses.post(f"{base}/call", json={"error": {"type": "UnsupportedAction", "message": "stays visible"}})
    with pytest.raises(UnsupportedAction, match="stays visible"):
        payments.hide("1")
    responses.post(f"{base}/call", body=requests.ConnectionError("reset"))
    with pytest.raises(EngineCallError, match="stopped answering"):
        payments.payments()


def test_the_clock_credential_moves_the_clock_and_nothing_else(guarded_server: str) -> None:
    env = RemoteEnv(Endpoints.single_base(guarded_server), ControlClient(guarded_server, admin_token=ADMIN_TOKEN))
    clock = env.to_dict()["clock"]
    assert ADMIN_TOKEN not in str(clock), "the admin token itself is never handed to the engine"
    env.control.freeze("2026-11-20T09:00:00+00:00")
    moved = requests.post(clock["url"], json={"advance_seconds": 60}, headers=clock["headers"], timeout=10)
    assert moved.status_code == 200 and moved.json()["now"].startswith("2026-11-20T09:01:00")
    elsewhere = requests.get(f"{guarded_server}/_connsim/tenants", headers=clock["headers"], timeout=10)
    assert elsewhere.status_code == 401
    assert requests.post(clock["url"], json={"advance_seconds": 1}, timeout=10).status_code == 401


def test_clock_running_lets_real_time_pass_from_the_scenario_instant() -> None:
    with InProcessSimulator(SimConfig()) as sim:
        control = ControlClient(sim.endpoints.control)
        for mode, frozen in (("frozen", True), ("running", False)):
            request: Any = SimpleNamespace(config=SimpleNamespace(getoption=lambda name, default=None, m=mode: m))
            start_clock(control, request)
            state = control.clock()
            assert state["frozen"] is frozen and state["now"].startswith("2026-11-20T09:00")
