"""WSGI middleware that carries out the faults a handler cannot express as a response:
latency, a connection reset before the remote acts, and "commit then lose the response".

In server mode the connection really breaks: the socket is closed with SO_LINGER 0, so the
client sees ECONNRESET, as from a real network fault. The WSGI contract is still kept for the
server: ``start_response`` is called (so gunicorn logs one access line with the status the
remote produced) and the body iterator then raises ``ConnectionResetError``, which gunicorn
treats as a client gone away (a debug line, no traceback) and which stops it from writing to
the dead socket. In in-process mode the transport adapter (inprocess.py) reads
``connsim.abort`` from the environ and raises the client library's own ConnectionError."""

from __future__ import annotations

import contextlib
import errno
import socket
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_LATENCY_MS = 30_000


class FaultMiddleware:
    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            captured["status"], captured["headers"] = status, headers
            return captured.setdefault("written", []).append

        app_iter = self.app(environ, capture)
        try:
            body = b"".join([*captured.get("written", []), *app_iter])
        finally:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
        latency = min(max(int(environ.get("connsim.latency_ms") or 0), 0), MAX_LATENCY_MS)
        if latency:
            time.sleep(latency / 1000.0)  # models the wire, not the clock: the one real wait
        start_response(captured["status"], captured["headers"])
        abort = environ.get("connsim.abort")
        sock = environ.get("gunicorn.socket")
        if abort and sock is not None:
            _reset(sock)
            return _Severed(abort)
        return [body]


class _Severed:
    """The body of a response whose connection was reset: iterating it reports the reset."""

    def __init__(self, action: str) -> None:
        self.action = action

    def __iter__(self) -> Iterator[bytes]:
        raise ConnectionResetError(errno.ECONNRESET, f"connsim: connection {self.action} by injected fault")


def _reset(sock: socket.socket) -> None:
    """Close with SO_LINGER 0: the kernel sends RST, not FIN, so the client sees ECONNRESET."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()
