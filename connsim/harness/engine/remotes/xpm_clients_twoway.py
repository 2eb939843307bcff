"""The slice of XPM's client.api the two-way client sync needs (reference/xero.md §4.4): list,
search, get and update clients, XML in and out, read with defusedxml. XPM answers errors inside
``<Response><Status>ERROR</Status>``, sometimes with HTTP 200, so the envelope decides."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeET

from connsim.harness.engine.http import Caller, OutcomeUnknown, RemoteError

XML_HEADERS = {"Content-Type": "application/xml", "Accept": "application/xml"}


def client_fields(el: Element) -> dict[str, Any]:
    """A <Client> as a dict of its leaf elements (nested groups such as Contacts are left out)."""
    return {child.tag: (child.text or "").strip() for child in el if len(child) == 0}


class XpmClientsApi:
    def __init__(self, caller: Caller, api_base: str, tenant_id: str) -> None:
        self.caller, self.tenant_id = caller, tenant_id
        self.base = api_base.rstrip("/") + "/practicemanager/3.1/client.api"

    def _send(self, method: str, path: str, body: bytes | None = None,
              params: dict[str, str] | None = None) -> Element:
        # updates carry every field they set, so a repeat is harmless: safe to resend
        response = self.caller.call(method, f"{self.base}/{path}", safe=True, data=body, params=params,
                                    headers={**XML_HEADERS, "xero-tenant-id": self.tenant_id})
        try:
            root = SafeET.fromstring(response.content)
        except Exception as exc:
            if response.status_code >= 500:
                raise OutcomeUnknown(f"XPM client.api/{path}: HTTP {response.status_code}") from exc
            raise RemoteError(response.status_code, f"unreadable XPM response ({response.status_code})",
                              response.text) from exc
        if (root.findtext("Status") or "").strip() != "OK":
            message = (root.findtext("ErrorDescription") or response.text or "").strip()
            raise RemoteError(response.status_code, message, response.text)
        return root

    def list_clients(self) -> list[dict[str, Any]]:
        root = self._send("GET", "list", params={"detailed": "true"})
        return [client_fields(c) for c in root.iter("Client")]

    def search_clients(self, query: str) -> list[dict[str, Any]]:
        root = self._send("GET", "search", params={"query": query, "detailed": "true"})
        return [client_fields(c) for c in root.iter("Client")]

    def get_client(self, uuid: str) -> dict[str, Any]:
        client = self._send("GET", f"get/{uuid}").find("Client")
        if client is None:
            raise RemoteError(200, f"XPM returned no client for {uuid}")
        return client_fields(client)

    def update_client(self, uuid: str, fields: dict[str, Any]) -> dict[str, Any]:
        el = Element("Client")
        SubElement(el, "UUID").text = uuid
        for tag, value in fields.items():
            SubElement(el, tag).text = "" if value is None else str(value)
        client = self._send("PUT", "update", tostring(el, encoding="utf-8")).find("Client")
        return client_fields(client) if client is not None else self.get_client(uuid)
