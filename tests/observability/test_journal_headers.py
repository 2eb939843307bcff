"""observe.request_headers reads the request's headers straight from the WSGI environ (werkzeug's
``EnvironHeaders`` cost a tenth of the journal's work): it must list exactly what werkzeug lists,
in the same order, with credentials masked."""

from __future__ import annotations

from werkzeug.datastructures import EnvironHeaders
from werkzeug.test import EnvironBuilder

from connsim.simulator.core import redact
from connsim.simulator.observe import request_headers


def _environ(headers: dict[str, str], **extra: str) -> dict[str, object]:
    environ: dict[str, object] = EnvironBuilder(path="/api.xro/2.0/Invoices", method="PUT", headers=headers,
                                                data=b'{"Invoices": []}').get_environ()
    environ.update(extra)
    return environ


def test_lists_what_werkzeug_lists_with_credentials_masked() -> None:
    environ = _environ({"Authorization": "Bearer eyJ.secret", "Xero-Tenant-Id": "t-1", "Cookie": "",
                        "Content-Type": "application/json", "X-Connsim-Admin": "admin-token",
                        "Accept": "application/json"}, HTTP_X_WEIRD__NAME="v")
    expected = redact.headers(list(EnvironHeaders(environ).items()))
    assert request_headers(environ) == expected
    kept = dict(expected)
    assert kept["Authorization"] == "Bearer [REDACTED]" and kept["X-Connsim-Admin"] == "[REDACTED]"
    assert kept["Content-Length"] == "16" and kept["Cookie"] == "[REDACTED]"  # an empty header is still listed


def test_an_unset_content_type_is_no_header_as_in_werkzeug() -> None:
    environ = _environ({"Accept": "*/*"}, CONTENT_TYPE="", CONTENT_LENGTH="")
    assert request_headers(environ) == list(EnvironHeaders(environ).items())
    assert "Content-Type" not in dict(request_headers(environ))
