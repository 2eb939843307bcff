"""Other simulators as reference columns of bench_side_by_side.py, each only when present: WireMock
(a Java HTTP stub server) and moto (the AWS simulator connsim's in-process mode is modelled on).
They answer other APIs, so they are reference points, not like-for-like floors: one WireMock stub
costs what a stub server costs at all, and moto is a simulator with a domain model, like connsim.

* WireMock: ``--wiremock-jar PATH`` or ``WIREMOCK_JAR``, and ``java`` on the PATH. The standalone jar
  ships in npm's ``wiremock`` package (``npm pack wiremock``; ``package/build/*.jar``). Two stubs:
  GET of a fixed invoice body, and PUT answering the request's own body (response templating).
* moto: ``pip install 'moto[s3,server]' boto3``. Server: ``python -m moto.server`` (its own
  threaded werkzeug server), S3 GET and PUT of a small object. In process: one boto3 ``get_object``
  under ``mock_aws`` against the same call answered by a bare botocore ``before-send`` hook, the
  hook ``mock_aws`` itself uses (so the ratio is moto's own cost over its interception's).
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from bench.loadgen import Load
from bench.timing import alternate, per_call_us
from connsim.simulator.pytest_plugin import free_port

#: the object both moto targets read; a few hundred bytes, like an invoice body
OBJECT = b'{"Id": "reference", "Status": "OK", "Invoices": [{"InvoiceID": "' + b"x" * 36 + b'", "Total": 100.0}]}'


def _wait_ready(url: str, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


class ReferenceProcess:
    """A reference server in a subprocess, with the loads it is measured on."""

    name = ""

    def __init__(self, argv: list[str]) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([arg.replace("{port}", str(self.port)) for arg in argv],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"

    def loads(self) -> dict[str, Load]:
        raise NotImplementedError

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def wiremock_jar(given: str | None) -> str | None:
    jar = given or os.environ.get("WIREMOCK_JAR")
    return jar if jar and Path(jar).is_file() and shutil.which("java") else None


class WireMockProcess(ReferenceProcess):
    name = "WireMock"

    def __init__(self, jar: str) -> None:
        super().__init__(["java", "-jar", jar, "--port", "{port}", "--disable-banner"])
        _wait_ready(f"{self.base}/__admin/health", "WireMock")
        stubs = [
            {"request": {"method": "GET", "urlPath": "/invoice"},
             "response": {"status": 200, "body": OBJECT.decode(), "headers": {"Content-Type": "application/json"}}},
            {"request": {"method": "PUT", "urlPath": "/invoice"},
             "response": {"status": 200, "body": "{{request.body}}", "transformers": ["response-template"],
                          "headers": {"Content-Type": "application/json"}}},
        ]
        for stub in stubs:
            requests.post(f"{self.base}/__admin/mappings", json=stub, timeout=10).raise_for_status()

    def loads(self) -> dict[str, Load]:
        json_type = {"Content-Type": "application/json"}
        return {"WireMock GET (one stub)": Load("127.0.0.1", self.port, "GET", "/invoice", {}),
                "WireMock PUT echo (template)": Load("127.0.0.1", self.port, "PUT", "/invoice", json_type, OBJECT)}


def have_moto() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("moto", "boto3", "flask_cors"))


class MotoServerProcess(ReferenceProcess):
    name = "moto_server"

    def __init__(self) -> None:
        super().__init__([sys.executable, "-m", "moto.server", "-p", "{port}"])
        _wait_ready(f"{self.base}/moto-api/", "moto_server")
        public = {"x-amz-acl": "public-read"}  # anonymous reads, so the load needs no signature
        requests.put(f"{self.base}/bench", headers=public, timeout=10).raise_for_status()
        requests.put(f"{self.base}/bench/invoice", data=OBJECT, headers=public, timeout=10).raise_for_status()

    def loads(self) -> dict[str, Load]:
        return {"moto_server S3 GET object": Load("127.0.0.1", self.port, "GET", "/bench/invoice", {}),
                "moto_server S3 PUT object": Load("127.0.0.1", self.port, "PUT", "/bench/upload",
                                                  {"Content-Type": "application/json"}, OBJECT)}


def references(wiremock: str | None) -> list[Callable[[], ReferenceProcess]]:
    """The reference servers present on this machine, as constructors."""
    found: list[Callable[[], ReferenceProcess]] = []
    jar = wiremock_jar(wiremock)
    if jar:
        found.append(lambda: WireMockProcess(jar))
    if have_moto():
        found.append(MotoServerProcess)
    return found


def moto_inprocess(calls: int, rounds: int) -> tuple[list[float], list[float]] | None:
    """boto3 ``get_object`` under ``mock_aws`` and answered by a bare ``before-send`` hook, in
    alternating rounds: per-call µs of each, per round; None when moto is not installed."""
    if not have_moto():
        return None
    import boto3  # type: ignore[import-untyped,import-not-found,unused-ignore]  # optional, untyped
    from botocore.awsrequest import AWSResponse  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from moto import mock_aws

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

    class _Raw(io.BytesIO):
        """What botocore reads an AWSResponse's body from (urllib3's response has both methods)."""

        def stream(self, **_: Any) -> Any:
            yield self.read()

    def bare_answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, {"Content-Type": "application/json",
                                              "Content-Length": str(len(OBJECT))}, _Raw(OBJECT))

    def client() -> Any:
        return boto3.client("s3", region_name="us-east-1")

    mock = mock_aws()
    mock.start()
    try:
        mocked = client()
        mocked.create_bucket(Bucket="bench")
        mocked.put_object(Bucket="bench", Key="invoice", Body=OBJECT)
        mocked_get = lambda: mocked.get_object(Bucket="bench", Key="invoice")["Body"].read()  # noqa: E731
        bare = client()
        bare.meta.events.register_first("before-send.s3", bare_answer)
        bare_get = lambda: bare.get_object(Bucket="bench", Key="invoice")["Body"].read()  # noqa: E731
        if mocked_get() != OBJECT or bare_get() != OBJECT:
            raise RuntimeError("the moto and bare answers differ from the object put")
        moto_us, bare_us = alternate([lambda n: per_call_us(mocked_get, n), lambda n: per_call_us(bare_get, n)],
                                     calls, rounds)
        return moto_us, bare_us
    finally:
        mock.stop()
