"""An XPM v3.1 client written from the facts file (reference/xero.md §4): XML in and out, the
`<Response><Status>OK|ERROR</Status>` envelope, errors that may arrive with HTTP 200."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import defusedxml.ElementTree as SafeET

from connsim.harness.engine.http import Caller, OutcomeUnknown, RemoteError

XML_HEADERS = {"Content-Type": "application/xml", "Accept": "application/xml"}


def build(root: str, fields: dict[str, Any]) -> bytes:
    el = Element(root)
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, Element):
            el.append(value)
        else:
            SubElement(el, name).text = _text(value)
    return tostring(el, encoding="utf-8")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def element_dict(el: Element) -> dict[str, Any]:
    """Flat view of an element: child text by tag; nested elements as dicts (first level only)."""
    out: dict[str, Any] = {}
    for child in el:
        out[child.tag] = element_dict(child) if len(child) else (child.text or "").strip()
    return out


class XpmClient:
    def __init__(self, caller: Caller, base: str, tenant_id: str) -> None:
        self.caller, self.base, self.tenant_id = caller, base.rstrip("/") + "/practicemanager/3.1", tenant_id

    def _send(self, method: str, path: str, body: bytes | None = None, safe: bool = True,
              params: dict[str, str] | None = None) -> Element:
        response = self.caller.call(method, f"{self.base}/{path}", safe=safe, data=body, params=params,
                                    headers={**XML_HEADERS, "xero-tenant-id": self.tenant_id})
        try:
            root = SafeET.fromstring(response.content)
        except Exception as exc:
            if response.status_code >= 500:
                raise OutcomeUnknown(f"XPM {path}: HTTP {response.status_code}") from exc
            raise RemoteError(response.status_code, f"unreadable XPM response ({response.status_code})",
                              response.text) from exc
        status = (root.findtext("Status") or "").strip()
        if status != "OK":
            message = (root.findtext("ErrorDescription") or response.text or "").strip()
            raise RemoteError(response.status_code, message, response.text)
        return root

    # -- jobs and costs ----------------------------------------------------------------------------
    def get_job(self, job_number: str) -> dict[str, Any]:
        return element_dict(self._send("GET", f"job.api/get/{job_number}").find("Job"))  # type: ignore[arg-type]  # XPM always answers with this element (else its error raised first)

    def job_costs(self, job_number: str) -> list[dict[str, Any]]:
        root = self._send("GET", f"job.api/costs/{job_number}")
        return [element_dict(c) for c in root.iter("Cost")]

    def add_cost(self, job_number: str, date: str, description: str, quantity: float, unit_cost: float,
                 unit_price: float, note: str, reference: str) -> dict[str, Any]:
        body = build("Cost", {"Job": job_number, "Date": date.replace("-", ""), "Description": description,
                              "Note": note, "Quantity": quantity, "UnitCost": f"{unit_cost:.2f}",
                              "UnitPrice": f"{unit_price:.2f}", "Billable": True, "SupplierReference": reference})
        root = self._send("POST", "job.api/cost", body, safe=False)
        cost = root.find("Cost")
        return element_dict(cost) if cost is not None else {}

    # -- clients -------------------------------------------------------------------------------
    def get_client(self, uuid: str) -> dict[str, Any]:
        client = self._send("GET", f"client.api/get/{uuid}").find("Client")
        if client is None:
            raise RemoteError(200, f"XPM returned no client for {uuid}")
        return element_dict(client)

    def list_clients(self) -> list[dict[str, Any]]:
        root = self._send("GET", "client.api/list", params={"detailed": "true"})
        return [element_dict(c) for c in root.iter("Client")]

    def search_clients(self, query: str) -> list[dict[str, Any]]:
        root = self._send("GET", "client.api/search", params={"query": query, "detailed": "true"})
        return [element_dict(c) for c in root.iter("Client")]

    def add_client(self, fields: dict[str, Any]) -> dict[str, Any]:
        root = self._send("POST", "client.api/add", build("Client", fields), safe=False)
        return element_dict(root.find("Client"))  # type: ignore[arg-type]  # XPM always answers with this element (else its error raised first)

    def update_client(self, uuid: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Sets every given field (None blanks it): repeating the same update is harmless, so safe."""
        blanked = {tag: "" if value is None else value for tag, value in fields.items()}
        root = self._send("PUT", "client.api/update", build("Client", {"UUID": uuid, **blanked}), safe=True)
        client = root.find("Client")
        return element_dict(client) if client is not None else self.get_client(uuid)

    def relationships(self, uuid: str) -> list[dict[str, Any]]:
        client = self._send("GET", f"client.api/get/{uuid}").find("Client")
        rels = client.find("Relationships") if client is not None else None
        return [element_dict(r) for r in rels.iter("Relationship")] if rels is not None else []

    def add_relationship(self, client_uuid: str, related_uuid: str, relationship_type: str) -> None:
        body = build("Relationship", {"ClientUUID": client_uuid, "RelatedClientUUID": related_uuid,
                                      "Type": relationship_type})
        self._send("POST", "client.api/addrelationship", body, safe=False)
