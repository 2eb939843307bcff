"""A small closed-loop HTTP/1.1 load generator that ships with the project (wrk is used instead when
installed): N keep-alive connections on asyncio, each sending its next request as soon as the last
answer is read, for a bounded count of requests. One process, so the figures it gives are a floor
for every server measured with it in the same run: compare ratios, not absolutes.

    from bench.loadgen import Load, run_load
    stats = run_load(Load("127.0.0.1", 8765, "GET", "/path", headers), connections=16, total=20000)
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Load:
    """One request, sent again and again: the target of a measurement."""

    host: str
    port: int
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def wire(self) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        if self.body or self.method in ("POST", "PUT"):
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


@dataclass
class Stats:
    """What one measurement gives: throughput, latency percentiles, non-2xx answers."""

    tool: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


_LENGTH = re.compile(rb"content-length:\s*(\d+)", re.IGNORECASE)


async def _connection(load: Load, count: int, latencies: list[float], statuses: list[int]) -> None:
    reader, writer = await asyncio.open_connection(load.host, load.port)
    request = load.wire()
    try:
        for _ in range(count):
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lowered = head.lower()
            match = _LENGTH.search(head)
            if match:
                await reader.readexactly(int(match.group(1)))
            elif b"transfer-encoding: chunked" in lowered:
                await _read_chunks(reader)
            latencies.append(time.perf_counter() - started)
            statuses.append(int(head[9:12]))
            if b"connection: close" in lowered or (head.startswith(b"HTTP/1.0") and b"keep-alive" not in lowered):
                writer.close()
                reader, writer = await asyncio.open_connection(load.host, load.port)
    finally:
        writer.close()


async def _read_chunks(reader: asyncio.StreamReader) -> None:
    """A chunked body (WireMock answers some bodies so), up to and including its last chunk."""
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
                pass
            return
        await reader.readexactly(size + 2)


async def _run(load: Load, connections: int, total: int) -> Stats:
    latencies: list[float] = []
    statuses: list[int] = []
    shares = [total // connections + (1 if i < total % connections else 0) for i in range(connections)]
    started = time.perf_counter()
    await asyncio.gather(*(_connection(load, n, latencies, statuses) for n in shares if n))
    seconds = time.perf_counter() - started
    ordered = sorted(latencies)
    return Stats("loadgen", len(ordered), seconds, statistics.median(ordered) * 1000,
                 ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
                 sum(1 for s in statuses if s >= 400))


def run_load(load: Load, connections: int, total: int) -> Stats:
    """``total`` requests over ``connections`` keep-alive connections (bounded: stops by itself)."""
    return asyncio.run(_run(load, connections, total))


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(load: Load, connections: int, seconds: int) -> Stats:
    """The same measurement with wrk (C, several threads): the columns that matter when installed."""
    # JSON string literals are Lua string literals for ASCII text (a Python repr with its quotes
    # swapped was not: a JSON body's own quotes ended the Lua string, and every PUT answered 400)
    script = f"wrk.method = {json.dumps(load.method)}\nwrk.body = {json.dumps(load.body.decode())}\n"
    script += "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n" for k, v in load.headers.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", f.name,
                          f"http://{load.host}:{load.port}{load.path}"], capture_output=True, text=True, check=False,
                         timeout=seconds + 30).stdout
    total = int(re.search(r"(\d+) requests in", out).group(1)) if "requests in" in out else 0  # type: ignore[union-attr]
    p50 = _wrk_ms(re.search(r"50%\s+([\d.]+\w+)", out))
    p99 = _wrk_ms(re.search(r"99%\s+([\d.]+\w+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Stats("wrk", total, float(seconds), p50, p99, int(non2xx.group(1)) if non2xx else 0)


def _wrk_ms(match: re.Match[str] | None) -> float:
    """wrk prints latencies as 812.00us, 1.20ms or 1.01s."""
    parsed = re.fullmatch(r"([\d.]+)(us|ms|s)", match.group(1)) if match else None
    if not parsed:
        return float("nan")
    return float(parsed.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[parsed.group(2)]
