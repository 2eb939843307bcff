"""The in-process bridge builds its WSGI environ itself (cheaper than werkzeug's EnvironBuilder,
issue 14); it must be the environ the builder would give, key for key, for every shape of request."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.test import EnvironBuilder

from connsim.simulator.inprocess import wsgi_environ

CASES = [
    ("GET", "https://api.xero.com/api.xro/2.0/Invoices/abc", {"Accept": "application/json"}, None),
    ("PUT", "https://api.xero.com/api.xro/2.0/Invoices?summarizeErrors=false&where=Total%3E%3D1",
     {"Content-Type": "application/json", "Content-Length": "2", "Authorization": "Bearer t"}, b"{}"),
    ("post", "http://connsim.local:8080/_connsim/tenants", {"content-type": "text/plain", "X-Many-Dashes-Here": "1"},
     b"body"),
    ("GET", "https://quickbooks.api.intuit.com/v3/company/1/query?query=select%20*%20from%20Invoice",
     {"Host": "other.example:99"}, b""),
    ("DELETE", "https://api.example.com/a%20b/%C3%A9t%C3%A9", {"Content-Length": "0"}, b""),
    ("GET", "https://api.example.com", {}, None),
]


def comparable(environ: dict[str, Any]) -> dict[str, Any]:
    out = dict(environ)
    out["wsgi.input"] = out["wsgi.input"].read()
    return out


@pytest.mark.parametrize(("method", "url", "headers", "body"), CASES)
def test_the_environ_is_the_one_werkzeug_builds(method: str, url: str, headers: dict[str, str],
                                                 body: bytes | None) -> None:
    base, _, rest = url.partition("://")
    host, _, path_query = rest.partition("/")
    path, _, query = ("/" + path_query).partition("?")
    expected = EnvironBuilder(method=method, path=path, query_string=query, base_url=f"{base}://{host}",
                              headers=list(headers.items()), data=body or b"").get_environ()
    assert comparable(wsgi_environ(method, url, headers, body)) == comparable(expected)
