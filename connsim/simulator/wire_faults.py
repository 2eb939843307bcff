"""WSGI middleware that carries out the faults a handler cannot express as a response:
latency, a connection reset before the remote acts, and "commit then lose the response".

In server mode the connection really breaks: the socket is closed with SO_LINGER 0, so the
client sees ECONNRESET, as from a real network fault. In in-process mode the transport adapter
(inprocess.py) reads ``connsim.abort`` from the environ and raises the client library's own
ConnectionError instead."""

from __future__ import annotations

import socket
import struct
import time
from typing import Any, Callable, Iterable

MAX_LATENCY_MS = 30_000


class FaultMiddleware:
    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(self.app(environ, capture))
        latency = min(int(environ.get("connsim.latency_ms") or 0), MAX_LATENCY_MS)
        if latency:
            time.sleep(latency / 1000.0)
        abort = environ.get("connsim.abort")
        sock = environ.get("gunicorn.socket")
        if abort and sock is not None:
            _reset(sock)
            return []
        start_response(captured["status"], captured["headers"])
        return [body]


def _reset(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
