"""The request body, read once and bounded in size and in time, before any route runs.

Why here and not in each handler: a client that sends its body one byte a second would otherwise
hold a server thread for as long as it likes (every parser blocks on ``wsgi.input``), and a
chunked body has no length to check up front. So the app reads every body itself: over
``limit`` bytes is a 413; not finished within ``deadline`` seconds of real time (the wire, like
injected latency, is not simulated time) is a 408 and the connection is closed; otherwise the
body is handed on as an in-memory stream with its length, which every parser then reads at once."""

from __future__ import annotations

import contextlib
import io
import socket
import time
from typing import Any

from connsim.simulator.core.errors import PayloadTooLarge, SimError

#: an oversized body up to this size is read and thrown away before the 413 is sent, so the
#: client finishes sending and reads the answer; closing with unread bytes would make the kernel
#: reset the connection and the client would see a connection error instead of the 413
DRAIN_CAP = 16 * 1024 * 1024
CHUNK = 65536


class BodyTimeout(SimError):
    """The client did not finish sending its body in time (its connection is then closed)."""

    status = 408
    code = "RequestTimeout"


def buffer_body(environ: dict[str, Any], limit: int, deadline_seconds: float) -> bytes:
    """Read the body of ``environ`` (declared or chunked) into memory and return it (b"" for none),
    or raise PayloadTooLarge (after draining what the client sends, up to DRAIN_CAP) or BodyTimeout."""
    length = _declared_length(environ)
    chunked = "HTTP_TRANSFER_ENCODING" in environ and "chunked" in environ["HTTP_TRANSFER_ENCODING"].lower()
    if (length is None and not chunked) or length == 0:
        return b""
    reader = _DeadlineReader(environ, deadline_seconds)
    if length is not None and length > limit:
        reader.drain(min(length, DRAIN_CAP))
        raise PayloadTooLarge(f"The request body is {length} bytes; the limit is {limit}")
    body = reader.read(limit + 1 if length is None else length)
    if len(body) > limit:
        reader.drain(DRAIN_CAP)
        raise PayloadTooLarge(f"The chunked request body is over the limit of {limit} bytes")
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ.pop("wsgi.input_terminated", None)
    return body


def _declared_length(environ: dict[str, Any]) -> int | None:
    declared = environ.get("CONTENT_LENGTH")
    if not declared:
        return None  # most requests (every GET): no exception raised and caught to say so
    try:
        value = int(declared)
    except ValueError:
        return None
    return value if value >= 0 else None


class _DeadlineReader:
    """Reads ``wsgi.input`` until a real-time deadline; on the server the socket's timeout is set
    to what is left, so a client that stops sending cannot block the read past the deadline."""

    def __init__(self, environ: dict[str, Any], deadline_seconds: float) -> None:
        self.stream = environ.get("wsgi.input")
        self.sock: socket.socket | None = environ.get("gunicorn.socket")
        self.deadline = time.monotonic() + deadline_seconds
        self.seconds = deadline_seconds

    def read(self, most: int) -> bytes:
        out = bytearray()
        while self.stream is not None and len(out) < most:
            chunk = self._chunk(min(CHUNK, most - len(out)))
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def drain(self, most: int) -> None:
        while self.stream is not None and most > 0:
            chunk = self._chunk(min(CHUNK, most))
            if not chunk:
                break
            most -= len(chunk)

    def _chunk(self, size: int) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise BodyTimeout(f"The request body was not received within {self.seconds:g} seconds")
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.settimeout(left)
        try:
            return self.stream.read(size) if self.stream is not None else b""
        except TimeoutError:
            raise BodyTimeout(f"The request body was not received within {self.seconds:g} seconds") from None
        finally:
            if self.sock is not None:
                with contextlib.suppress(OSError):
                    self.sock.settimeout(None)
