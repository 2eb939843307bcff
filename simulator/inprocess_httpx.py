"""In-process interception of ``httpx`` (sync and async), for connectors that do not use
``requests`` or ``urllib3``. Like the urllib3 patch in inprocess.py it patches the transport's
single round trip (``HTTPTransport.handle_request`` / ``AsyncHTTPTransport.handle_async_request``),
so httpx's own client logic (auth flows, redirects, event hooks, timeouts' bookkeeping) runs as
against a server, and hands the request to the same WSGI app through ``call_app``: no second
implementation. Requests to other hosts go to the real transport unchanged.

A connection fault (``reset`` / ``drop``) raises ``httpx.ReadError``, what httpx raises when a
server resets the connection (``httpcore.ReadError`` mapped by httpx's ``map_httpcore_exceptions``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

#: returns the innermost active simulator for a URL it intercepts, else None
Router = Callable[[str], Any]


class HttpxPatch:
    original_sync: Any = None
    original_async: Any = None
    router: Router | None = None

    @classmethod
    def install(cls, router: Router) -> None:
        if cls.original_sync is not None:
            return
        cls.router = router
        cls.original_sync = httpx.HTTPTransport.handle_request
        cls.original_async = httpx.AsyncHTTPTransport.handle_async_request
        original_sync, original_async = cls.original_sync, cls.original_async

        def handle_request(transport: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
            sim = router(str(request.url))
            if sim is None:
                return original_sync(transport, request)
            return _answer(sim, request, request.read())

        async def handle_async_request(transport: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
            sim = router(str(request.url))
            if sim is None:
                return await original_async(transport, request)
            # the app is synchronous and fast (no I/O): it runs on the loop, as an ASGI-less test
            # client would; a latency fault holds the loop for its duration, like a blocking call
            return _answer(sim, request, await request.aread())

        httpx.HTTPTransport.handle_request = handle_request  # type: ignore[method-assign,assignment]  # patching httpx's transport, restored on exit
        httpx.AsyncHTTPTransport.handle_async_request = handle_async_request  # type: ignore[method-assign,assignment]  # patching httpx's transport, restored on exit

    @classmethod
    def uninstall(cls) -> None:
        if cls.original_sync is None:
            return
        httpx.HTTPTransport.handle_request = cls.original_sync  # type: ignore[method-assign]  # patching httpx's transport, restored on exit
        httpx.AsyncHTTPTransport.handle_async_request = cls.original_async  # type: ignore[method-assign]  # patching httpx's transport, restored on exit
        cls.original_sync = cls.original_async = cls.router = None


def _answer(sim: Any, request: httpx.Request, body: bytes) -> httpx.Response:
    from connsim.simulator.inprocess import call_app

    result = call_app(sim.app, request.method, str(request.url), dict(request.headers), body)
    if result.abort:
        raise httpx.ReadError(f"connsim: connection {'reset' if result.abort == 'reset' else 'lost after commit'} "
                              f"(injected fault) for {request.method} {request.url}", request=request)
    return httpx.Response(result.status, headers=result.headers, content=result.body, request=request)
