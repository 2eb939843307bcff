"""Abuse only a real server shows: chunked bodies over the limit (413 in each remote's format)
and slow senders (they must not starve other clients; a body not sent in time is a 408)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import requests
from wire import Wire, assert_own_format

from connsim.simulator.pytest_plugin import ServerProcess
from connsim.simulator.request_body import BodyTimeout, buffer_body

SLOW_CLIENTS = 24


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    process = ServerProcess(capture_stderr=True)
    yield process
    process.stop()
    assert not [line for line in process.errors if "Traceback" in line], process.errors[-20:]


def _chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 65536):
        yield b"x" * 65536


@pytest.mark.parametrize("surface, path, ctype", [
    ("xero", "/api.xro/2.0/Invoices", "application/json"), ("qbo", "/v3/company/1/invoice", "application/json"),
    ("xpm", "/practicemanager/3.1/job.api/add", "text/xml"), ("control", "/_connsim/tenants", "application/json"),
    ("xero-identity", "/connect/token", "application/x-www-form-urlencoded"),
    ("intuit-oauth", "/oauth2/v1/tokens/bearer", "application/x-www-form-urlencoded")])
def test_an_oversized_chunked_body_is_413_in_the_remotes_format(server: ServerProcess, surface: str, path: str,
                                                                 ctype: str) -> None:
    response = requests.post(server.url + path, data=_chunks(2 * 1024 * 1024), timeout=60,
                             headers={"Content-Type": ctype, "Authorization": "Bearer x"})
    assert response.status_code == 413, response.text[:200]
    if surface != "xero-identity":  # identity's 413 is bare OAuth JSON {"error": ...}
        assert_own_format(surface, response)


def test_a_small_chunked_body_is_read_whole(server: ServerProcess) -> None:
    body = b'{"kind": "xero-org", "name": "Chunked"}'
    response = requests.post(server.url + "/_connsim/tenants", data=iter([body[:10], body[10:]]), timeout=30,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 201 and response.json()["name"] == "Chunked"


def test_slow_senders_do_not_starve_other_clients(server: ServerProcess) -> None:
    """24 clients send their headers and the first byte of a body, then nothing: each holds a
    server thread until its body deadline. Another client's requests are still answered."""
    port = int(server.url.rsplit(":", 1)[1])
    slow = []
    try:
        for _ in range(SLOW_CLIENTS):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(b"POST /_connsim/tenants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 1000\r\n\r\n{")
            slow.append(sock)
        for _ in range(5):
            assert requests.get(server.url + "/_connsim/health", timeout=30).status_code == 200
    finally:
        for sock in slow:
            sock.close()


class _Stalled:
    def read(self, size: int = -1) -> bytes:
        raise TimeoutError("timed out")  # what a socket with a timeout raises when nothing arrives


def test_a_body_not_sent_in_time_is_a_408() -> None:
    environ = {"CONTENT_LENGTH": "100", "wsgi.input": _Stalled()}
    with pytest.raises(BodyTimeout):
        buffer_body(environ, limit=1000, deadline_seconds=30)
    wire = Wire()
    wire.app.extensions["connsim"].config.body_read_seconds = 0  # from now on every body is late
    response = wire.send("xero", "PUT", "/Contacts", data=b'{"Contacts": []}',
                         headers={"Content-Type": "application/json"})
    assert response.status_code == 408 and response.headers["Connection"] == "close"
    assert_own_format("xero", response)
