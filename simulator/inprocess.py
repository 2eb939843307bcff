"""In-process mode, like moto's ``mock_aws``: the real hosts are intercepted and every request is
handed to the same Flask app the server runs. Code under test changes nothing, not even a URL.

Two transports are intercepted, because official clients use both:
* ``requests`` (python-quickbooks, intuit-oauth, most connectors) through ``responses``;
* bare ``urllib3`` (xero-python's REST layer) through a patch of the pool's single round trip
  (``HTTPConnectionPool._make_request``), below urllib3's retry logic, which so still runs.

``httpx`` (sync and async) is intercepted too when it is installed (inprocess_httpx.py).

Use as a context manager, a decorator (the simulator is passed to the function as its last
parameter, as ``unittest.mock.patch`` passes its mock), or the ``connsim_inprocess``
pytest fixture. ``.control``, ``.journal`` and ``.verify`` work as in server mode. Re-entrant:
nested uses share the outermost simulator. Connection faults raise the client library's own
errors (``requests.ConnectionError`` / ``urllib3.exceptions.ProtocolError`` / ``httpx.ReadError``)."""

from __future__ import annotations

import functools
import inspect
import io
import re
import sys
import threading
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar
from urllib.parse import unquote_to_bytes, urlsplit

import requests
import responses
import urllib3
from urllib3 import HTTPHeaderDict
from urllib3.connectionpool import HTTPConnectionPool

from connsim.simulator.app import create_app
from connsim.simulator.client import ControlClient
from connsim.simulator.config import SimConfig
from connsim.simulator.endpoints import INPROCESS_HOST, Endpoints
from connsim.simulator.verify import JournalView

F = TypeVar("F", bound=Callable[..., Any])



def host_pattern(hosts: list[str]) -> re.Pattern[str]:
    """URLs on these hosts (any port), as moto builds its URL index from each backend's urls."""
    return re.compile(r"https?://(" + "|".join(re.escape(h) for h in hosts) + r")(:\d+)?(/.*)?$")

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


class WireResult:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes, abort: str | None) -> None:
        self.status, self.headers, self.body, self.abort = status, headers, body, abort


def wsgi_environ(method: str, url: str, headers: dict[str, str], body: bytes | None) -> dict[str, Any]:
    """The WSGI environ a server would hand the app for this request: the same keys and values as
    werkzeug's ``EnvironBuilder`` gives (tests/core/test_inprocess_environ.py compares them), built
    directly because the builder cost about a tenth of an in-process call."""
    parts = urlsplit(url)
    scheme = parts.scheme or "http"
    path = parts.path or "/"
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method, "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"), "QUERY_STRING": parts.query,
        "REQUEST_URI": path, "RAW_URI": path, "SERVER_NAME": parts.hostname or "",
        "SERVER_PORT": str(parts.port or (443 if scheme == "https" else 80)), "HTTP_HOST": parts.netloc,
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.version": (1, 0), "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(body or b""), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": False, "wsgi.run_once": False,
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ[key] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    if body:
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def call_app(app: Any, method: str, url: str, headers: dict[str, str], body: bytes | None) -> WireResult:
    """Run one request through the WSGI app, exactly as the server would."""
    environ = wsgi_environ(method, url, headers, body)
    # the app is called with *this* environ (werkzeug's run_wsgi_app would copy it, and the fault
    # gate's ``connsim.abort`` mark would be lost)
    captured: dict[str, Any] = {}
    written: list[bytes] = []

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        captured["status"], captured["headers"] = status, response_headers
        return written.append

    app_iter = app.wsgi_app(environ, start_response)
    try:
        data = b"".join([*written, *app_iter])
    finally:
        close = getattr(app_iter, "close", None)
        if close:
            close()
    return WireResult(int(captured["status"][:3]), captured["headers"], data, environ.get("connsim.abort"))


class InProcessSimulator:
    """The context manager / decorator. ``.state`` is the SimState, ``.endpoints`` the real hosts."""

    _active: ClassVar[list[InProcessSimulator]] = []
    _patch_lock = threading.Lock()

    def __init__(self, config: SimConfig | None = None, app: Any = None) -> None:
        self.app = app or create_app(config or SimConfig())
        self.state = self.app.extensions["connsim"]
        self.endpoints = Endpoints.real_hosts(self.state.remotes)
        #: the real hosts the remotes declare, and connsim.local for the control API
        self.hosts = list(dict.fromkeys([h for r in self.state.remotes for h in r.hosts] + [INPROCESS_HOST]))
        self.host_re = host_pattern(self.hosts)
        #: control calls run through the app directly, entered or not (see client.py)
        self.control = ControlClient(self.endpoints.control, admin_token=self.state.config.admin_token,
                                     transport=self.call_control)
        self.journal = JournalView(self.control)
        self.verify = self.journal.verify
        self._mock: responses.RequestsMock | None = None
        self._depth = 0

    # -- context manager / decorator -------------------------------------------------------------
    def __enter__(self) -> InProcessSimulator:
        if self._depth == 0:
            self._mock = responses.RequestsMock(assert_all_requests_are_fired=False)
            for method in _METHODS:
                self._mock.add_callback(method, self.host_re, callback=self._requests_callback)
            self._mock.add_passthru(re.compile(r"https?://(127\.0\.0\.1|localhost|\[::1\])"))
            self._mock.start()
            with self._patch_lock:
                InProcessSimulator._active.append(self)
                if len(InProcessSimulator._active) == 1:
                    _Urllib3Patch.install()
                    _install_optional_transports()
        self._depth += 1
        return self

    def __exit__(self, *exc: Any) -> None:
        self._depth -= 1
        if self._depth == 0:
            assert self._mock is not None
            self._mock.stop()
            self._mock.reset()
            with self._patch_lock:
                InProcessSimulator._active.remove(self)
                if not InProcessSimulator._active:
                    _Urllib3Patch.uninstall()
                    _uninstall_optional_transports()

    def __call__(self, func: F) -> F:
        """Decorate: the function gets this simulator as its last parameter (by name, so callers
        and pytest may pass the others by keyword), which is hidden from the signature (so pytest
        does not look for a fixture of that name)."""
        signature = inspect.signature(func)
        params = list(signature.parameters.values())
        takes_sim = bool(params) and params[-1].kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                         inspect.Parameter.POSITIONAL_OR_KEYWORD)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **{**kwargs, params[-1].name: self}) if takes_sim else func(*args, **kwargs)

        if takes_sim:
            wrapper.__signature__ = signature.replace(parameters=params[:-1])  # type: ignore[attr-defined]  # functools.wraps keeps the signature F promises
        return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature F promises

    # -- transports ------------------------------------------------------------------------------
    def call_control(self, method: str, url: str, headers: dict[str, str], body: bytes | None) -> tuple[int, bytes]:
        """The control client's transport: the same app, without `requests` and interception."""
        result = call_app(self.app, method, url, headers, body)
        return result.status, result.body

    def _requests_callback(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], bytes]:
        body = request.body
        if isinstance(body, str):
            body = body.encode()
        result = call_app(self.app, request.method or "GET", request.url or "", dict(request.headers), body)
        if result.abort:
            raise requests.exceptions.ConnectionError(
                f"connsim: connection {'reset' if result.abort == 'reset' else 'lost after commit'} "
                f"(injected fault) for {request.method} {request.url}")
        headers: dict[str, str] = {}
        for name, value in result.headers:
            if name.lower() == "content-length":
                continue
            headers[name] = value
        return result.status, headers, result.body

    def handle_urllib3(self, method: str, url: str, body: Any, headers: dict[str, str] | None,
                       preload_content: bool) -> urllib3.HTTPResponse:
        if isinstance(body, str):
            body = body.encode()
        result = call_app(self.app, method, url, dict(headers or {}), body)
        if result.abort:
            raise urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError(
                f"connsim: injected {result.abort} for {method} {url}"))
        return urllib3.HTTPResponse(body=io.BytesIO(result.body), headers=HTTPHeaderDict(result.headers),
                                    status=result.status,
                                    preload_content=preload_content, decode_content=True, request_method=method,
                                    request_url=url)


class _Urllib3Patch:
    """Routes ``HTTPConnectionPool._make_request`` (the one network round trip) to the innermost
    active simulator for the simulated hosts. Patching below ``urlopen`` keeps urllib3's own
    Retry logic (status retries, Retry-After, connection-error retries) running exactly as it
    does against a server, so a client behaves the same in both modes."""

    original: Any = None

    @classmethod
    def install(cls) -> None:
        if cls.original is not None:
            return
        cls.original = HTTPConnectionPool._make_request

        def _make_request(pool: Any, conn: Any, method: str, url: str, body: Any = None, headers: Any = None,
                          retries: Any = None, timeout: Any = None, chunked: bool = False,
                          response_conn: Any = None, preload_content: bool = True, decode_content: bool = True,
                          enforce_content_length: bool = True) -> Any:
            full = url if "://" in url else f"{pool.scheme}://{pool.host}{_port(pool)}{url}"
            sim = InProcessSimulator._active[-1] if InProcessSimulator._active else None
            if sim is not None and sim.host_re.match(full):
                response = sim.handle_urllib3(method, full, body, dict(headers or {}), preload_content)
                response.retries = retries
                response._connection = response_conn
                response._pool = pool
                return response
            return cls.original(pool, conn, method, url, body=body, headers=headers, retries=retries,
                                timeout=timeout, chunked=chunked, response_conn=response_conn,
                                preload_content=preload_content, decode_content=decode_content,
                                enforce_content_length=enforce_content_length)

        HTTPConnectionPool._make_request = _make_request  # type: ignore[method-assign,assignment]  # patching urllib3's private hook

    @classmethod
    def uninstall(cls) -> None:
        if cls.original is not None:
            HTTPConnectionPool._make_request = cls.original  # type: ignore[method-assign]  # restoring urllib3's private hook
            cls.original = None


def _route_to_simulator(url: str) -> InProcessSimulator | None:
    """The innermost active simulator when ``url`` is on a simulated host (transport patches)."""
    sim = InProcessSimulator._active[-1] if InProcessSimulator._active else None
    return sim if sim is not None and sim.host_re.match(url) else None


def _install_optional_transports() -> None:
    try:
        from connsim.simulator.inprocess_httpx import HttpxPatch
    except ImportError:  # httpx is not installed: nothing of it to intercept
        return
    HttpxPatch.install(_route_to_simulator)


def _uninstall_optional_transports() -> None:
    try:
        from connsim.simulator.inprocess_httpx import HttpxPatch
    except ImportError:
        return
    HttpxPatch.uninstall()


def _port(pool: Any) -> str:
    default = 443 if pool.scheme == "https" else 80
    return "" if pool.port in (None, default) else f":{pool.port}"


def mock_remotes(config: SimConfig | None = None) -> InProcessSimulator:
    """``with mock_remotes() as sim:`` / ``@mock_remotes()``: every remote, in process."""
    return InProcessSimulator(config)
