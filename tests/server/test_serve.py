"""`connsim serve`: loopback guard, readiness line, access log, admin token; and the control
API's admin guard and OpenAPI document in both modes."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
import requests
from import_probe import imported_by

from connsim.simulator.app import create_app, load_remotes
from connsim.simulator.client import ControlClient, ControlError
from connsim.simulator.config import SimConfig
from connsim.simulator.control.openapi_doc import build_document
from connsim.simulator.endpoints import INPROCESS_HOST
from connsim.simulator.inprocess import InProcessSimulator
from connsim.simulator.pytest_plugin import MODES, RemoteSim, ServerProcess, free_port
from connsim.simulator.server import SimulatorServer, is_loopback

ADMIN = "s3cret-admin"


def test_refuses_to_listen_beyond_loopback_without_admin_token() -> None:
    done = subprocess.run([sys.executable, "-m", "connsim", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "refusing to listen on 0.0.0.0" in done.stderr and "--admin-token" in done.stderr
    assert "listening" not in done.stdout


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("127.0.0.2", True), ("0.0.0.0", False), ("", False), ("::", False),
                                            ("192.168.1.5", False), ("example.com", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture(scope="module")
def logged_server() -> Iterator[ServerProcess]:
    server = ServerProcess(access_log=True, extra=["--admin-token", ADMIN], capture_stderr=True)
    yield server
    server.stop()


def wait_for_line(server: ServerProcess, pattern: str) -> str:
    """The access log is written by the server after the response: wait (bounded) for the line."""
    found = threading.Event()
    for _ in range(500):
        hits = [line for line in list(server.lines) if re.search(pattern, line)]
        if hits:
            return hits[-1]
        found.wait(0.01)
    raise AssertionError(f"no line matching {pattern!r} in {server.lines[-5:]!r}")


def test_ready_line_and_one_access_line_per_request(logged_server: ServerProcess) -> None:
    assert re.match(r"connsim simulator listening on http://127\.0\.0\.1:\d+ ", logged_server.lines[0])
    session = requests.Session()
    session.headers["X-Connsim-Admin"] = ADMIN
    session.get(logged_server.url + "/_connsim/health?probe=1", timeout=10).raise_for_status()
    response = session.get(logged_server.url + "/api.xro/2.0/Nope", headers={"xero-tenant-id": "t-42"}, timeout=10)
    line = wait_for_line(logged_server, r"path=/api\.xro/2\.0/Nope")
    assert re.fullmatch(r"ts=\S+ sim_time=\S+ request_id=\S+ api=xero tenant=t-42 method=GET path=/api\.xro/2\.0/Nope "
                        rf"query=- status={response.status_code} error=\w+ fault=- duration_ms=[\d.]+ client=127\.0\.0\.1",
                        line), line
    health = wait_for_line(logged_server, r"path=/_connsim/health")
    assert " api=control tenant=- method=GET path=/_connsim/health query=\"probe=1\" status=200 error=- " in health
    assert sum("probe=1" in line for line in logged_server.lines) == 1


def test_server_control_api_needs_the_admin_token(logged_server: ServerProcess) -> None:
    response = requests.get(logged_server.url + "/_connsim/tenants", timeout=10)
    assert response.status_code == 401 and response.json()["error"] == "AdminCredentialRequired"
    assert ControlClient(logged_server.url, admin_token=ADMIN).call("GET", "/tenants") == {"tenants": []}
    assert "Traceback" not in "\n".join(logged_server.errors)


@pytest.fixture(params=MODES)
def guarded(request: pytest.FixtureRequest) -> Iterator[str]:
    """A simulator with an admin token, in process or served; yields its base URL."""
    if request.param == "inprocess":
        with InProcessSimulator(SimConfig(admin_token=ADMIN)):
            yield f"https://{INPROCESS_HOST}"
        return
    yield request.getfixturevalue("logged_server").url


GUARDED_CALLS = [("GET", "/health"), ("GET", "/openapi.json"), ("POST", "/reset"), ("GET", "/tenants"),
                 ("POST", "/tenants"), ("GET", "/state"), ("POST", "/clock"), ("GET", "/faults"),
                 ("DELETE", "/faults/1"), ("GET", "/journal"), ("POST", "/oauth/xero/tokens"),
                 ("POST", "/tenants/x/revoke"), ("GET", "/no/such/route"), ("POST", "/xpm/t/jobs")]


def test_every_control_call_without_admin_is_401_json(guarded: str) -> None:
    for method, path in GUARDED_CALLS:
        for headers in ({}, {"X-Connsim-Admin": "wrong"}, {"Authorization": "Bearer wrong"}):
            response = requests.request(method, f"{guarded}/_connsim{path}", json={}, headers=headers, timeout=10)
            assert (path, response.status_code) == (path, 401)
            assert response.json()["error"] == "AdminCredentialRequired"


def test_control_calls_with_admin_work(guarded: str) -> None:
    control = ControlClient(guarded, admin_token=ADMIN)
    control.reset()
    tenant = control.create_tenant("xero-org", "Guarded")
    assert control.call("GET", f"/tenants/{tenant['id']}")["name"] == "Guarded"
    bearer = requests.get(f"{guarded}/_connsim/clock", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10)
    assert bearer.status_code == 200 and "now" in bearer.json()
    with pytest.raises(ControlError) as err:
        control.call("GET", "/tenants/missing")
    assert err.value.status == 404  # past the guard, the normal answer


def test_openapi_served_and_covers_every_control_route(connsim_remote: RemoteSim) -> None:
    served = connsim_remote.control.call("GET", "/openapi.json")
    assert served == build_document(load_remotes()) and served["openapi"].startswith("3.0")
    app = create_app(SimConfig())
    # the generic routes and each remote's own (its fragment); the dashboard (/_connsim/ui/) is pages, not API
    routes = {(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).removeprefix("/_connsim"), method.lower())
              for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/_connsim/") and not rule.rule.startswith("/_connsim/ui/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, item in served["paths"].items() for method in item
                  if method in ("get", "post", "put", "patch", "delete")}
    assert routes and routes == documented
    assert ("/xpm/{tenant_id}/wip-lock", "post") in documented


def test_openapi_document_is_valid_openapi() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    doc = build_document(load_remotes())
    refs = re.findall(r"#/components/(\w+)/(\w+)", str(doc))
    for section, name in refs:
        assert name in doc["components"][section], f"dangling $ref {section}/{name}"
    for item in doc["paths"].values():
        for method, op in item.items():
            if method == "parameters":
                continue
            assert op["responses"] and op["operationId"]
            schema = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            if schema and "$ref" not in schema:
                jsonschema.Draft7Validator.check_schema(schema)


def test_serve_does_not_import_the_harness() -> None:
    """`connsim serve` parses only its own arguments: the other commands' import pytest, pytest-bdd and
    the conformance runner, about 0.17 s of a start-up that needs none of them."""
    assert imported_by("import connsim.simulator.server as server\n"
                       "server.serve = lambda *args, **kwargs: None\n"
                       "from connsim import cli\n"
                       "assert cli.main(['serve', '--port', '1']) == 0",
                       ("pytest", "pytest_bdd", "connsim.harness.conformance.cli")) == []


def test_the_worker_freezes_its_start_up_heap_before_answering() -> None:
    """Full collections never walk the start-up heap again (server.py: _when_ready)."""
    ready: list[object] = []
    server = SimulatorServer(SimConfig(), "127.0.0.1", 0, on_ready=ready.append)
    gc.unfreeze()
    try:
        server._when_ready("worker")
        assert gc.get_freeze_count() > 1000 and ready == ["worker"]
    finally:
        gc.unfreeze()
