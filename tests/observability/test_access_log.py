"""One structured line per request, with every field, for every remote (tenant too, not only
Xero's header); the request id is the one the response carries; secrets never appear."""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Iterator

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from no_wait import assert_returns_while_held

from connsim.simulator import access_log
from connsim.simulator.pytest_plugin import RemoteSim, ServerProcess


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = access_log.configure("json", stream)
    yield stream
    logging.getLogger(access_log.LOGGER_NAME).removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_json_line_per_request_with_every_field(connsim_inprocess: RemoteSim, log_stream: io.StringIO) -> None:
    control = connsim_inprocess.control
    control.freeze("2026-03-01T09:00:00Z")
    realm = control.create_tenant("qbo-realm", "Books")["id"]
    org = control.create_tenant("xero-org", "Org")["id"]
    qbo = control.issue_tokens("intuit", [realm], scopes=["com.intuit.quickbooks.accounting"])["access_token"]
    xero = control.issue_tokens("xero", [org], scopes=["accounting.transactions"])["access_token"]
    control.add_fault(api="xero", method="GET", path="/Invoices", action="status", status=503)
    log_stream.truncate(0)
    log_stream.seek(0)

    found = requests.get(f"https://quickbooks.api.intuit.com/v3/company/{realm}/invoice/1", timeout=30,
                         headers={"Authorization": f"Bearer {qbo}", "Accept": "application/json"})
    faulted = requests.get("https://api.xero.com/api.xro/2.0/Invoices", timeout=30,
                           headers={"Authorization": f"Bearer {xero}", "Xero-Tenant-Id": org})
    assert faulted.status_code == 503
    qbo_line, xero_line = lines(log_stream)
    for line in (qbo_line, xero_line):
        assert list(line) == list(access_log.FIELDS)
        assert line["sim_time"] == "2026-03-01T09:00:00+00:00" and line["client"] is None  # no socket in process
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", str(line["ts"]))
        assert isinstance(line["duration_ms"], float)
    assert qbo_line["api"] == "qbo" and qbo_line["tenant"] == realm and qbo_line["status"] == found.status_code
    assert qbo_line["request_id"] == found.headers["intuit_tid"]
    assert (qbo_line["method"], qbo_line["path"]) == ("GET", f"/v3/company/{realm}/invoice/1")
    assert xero_line["api"] == "xero" and xero_line["tenant"] == org and xero_line["status"] == 503
    assert xero_line["fault"] == "status#1" and xero_line["error"] == "InjectedFault"
    # the journal entry and the log line carry the same id (the response's own when it has one)
    entry = connsim_inprocess.journal.entries(api="xero")[-1]
    assert xero_line["request_id"] == entry["request_id"] == faulted.headers.get("Xero-Correlation-Id",
                                                                                 entry["request_id"])
    assert qbo not in log_stream.getvalue() and xero not in log_stream.getvalue()


def test_text_lines_are_key_value_and_redact_the_query(connsim_inprocess: RemoteSim) -> None:
    stream = io.StringIO()
    handler = access_log.configure("text", stream)
    try:
        requests.get("https://identity.xero.com/connect/token?code=secret-code-1&state=s1", timeout=30)
    finally:
        logging.getLogger(access_log.LOGGER_NAME).removeHandler(handler)
    [line] = stream.getvalue().splitlines()
    assert re.fullmatch(r'ts=\S+ sim_time=\S+ request_id=\S+ api=xero-identity tenant=- method=GET '
                        r'path=/connect/token query="code=\[REDACTED\]&state=s1" status=405 error=\S+ fault=- '
                        r'duration_ms=[\d.]+ client=\S+', line), line
    assert "secret-code-1" not in line


def test_serve_log_format_json() -> None:
    server = ServerProcess(access_log=True, extra=["--log-format", "json"])
    try:
        requests.get(server.url + "/aps/v1/clients", headers={"X-APS-Firm-Id": "firm-1"}, timeout=30)
        for _ in range(500):  # the line is written after the response: wait for it, bounded
            if any('"path":"/aps/v1/clients"' in line for line in server.lines):
                break
            threading.Event().wait(0.01)
    finally:
        server.stop()
    [line] = [json.loads(x) for x in server.lines if '"path":"/aps/v1/clients"' in x]
    assert line["api"] == "aps" and line["tenant"] == "firm-1" and line["status"] == 401
    assert list(line) == list(access_log.FIELDS) and line["client"] == "127.0.0.1"


def test_the_background_log_writes_every_line_in_order_from_its_own_thread() -> None:
    """`connsim serve`'s access log (configure(background=True)): a request only enqueues its record,
    so it never waits for the lock the writer formats and writes under (issue 14); nothing is
    written before the writer starts (gunicorn starts it in the worker), and ``stop`` writes all."""
    stream = io.StringIO()
    handler = access_log.configure("json", stream, background=True)
    assert isinstance(handler, access_log.QueuedHandler)
    try:
        for n in range(50):
            access_log.emit({"method": "GET", "path": f"/n/{n}", "status": 200})
        assert stream.getvalue() == ""
        last = {"method": "GET", "path": "/n/50", "status": 200}
        # the writer is mid-line: a request must still not wait
        assert_returns_while_held(handler.target, lambda: access_log.emit(last), "an access-log line")
        access_log.start_writers()
        access_log.stop_writers()
        assert [line["path"] for line in lines(stream)] == [f"/n/{n}" for n in range(51)]
    finally:
        access_log.stop_writers()
        logging.getLogger(access_log.LOGGER_NAME).removeHandler(handler)


@given(st.text())
def test_a_logfmt_value_reads_back_as_written(text: str) -> None:
    """Each value is one token a logfmt parser reads back: bare when nothing in it could end or
    split the token, else quoted as JSON."""
    value = access_log._logfmt(text)
    if text == "":
        assert value == "-"
    elif value.startswith('"'):
        assert json.loads(value) == text
    else:
        assert value == text and not re.search(r'[ "=\\\x00-\x1f]', text)
