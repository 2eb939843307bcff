"""The journal from Python, the same in both modes (it speaks the control API): ``entries``,
``count``, ``find``, ``unmatched``, and ``verify(times=1, **pattern)``, which fails with a
readable difference: what was expected, how many were found, and the closest requests with the
reason each missed (WireMock's verification message, in the matcher vocabulary of
core/matching.py).

    with mock_remotes() as sim:
        run_connector()
        sim.verify(api="xero", method="PUT", path="/Invoices", json={"Invoices": [{"Reference": "R-1"}]})
"""

from __future__ import annotations

import json
from typing import Any

from connsim.simulator.client import ControlClient


class VerificationError(AssertionError):
    """The journal does not hold the expected number of matching requests."""


class JournalView:
    def __init__(self, control: ControlClient) -> None:
        self.control = control

    def entries(self, **filters: Any) -> list[dict[str, Any]]:
        """Entries, oldest first; the GET /journal filters (``since``, ``limit``, ``status``, pattern)."""
        return self.control.journal(**filters)

    def count(self, **pattern: Any) -> int:
        return int(self.control.call("POST", "/journal/count", pattern)["count"])

    def find(self, **pattern: Any) -> list[dict[str, Any]]:
        return self.control.call("POST", "/journal/find", pattern)["entries"]

    def unmatched(self, since: int = 0) -> list[dict[str, Any]]:
        """Near-misses: requests no route or no tenant matched, with their closest candidates."""
        return self.control.call("GET", "/journal/unmatched", since=since)["entries"]

    def last_seq(self) -> int:
        """The newest entry's sequence number: pass it as ``since`` to look only at what follows."""
        newest = self.control.journal(limit=1)
        return int(newest[-1]["seq"]) if newest else 0

    def verify(self, times: int | None = 1, at_least: int | None = None, **pattern: Any) -> list[dict[str, Any]]:
        """The matching entries when there are exactly ``times`` of them (or at least ``at_least``);
        otherwise VerificationError saying what differs."""
        answer = self.control.call("POST", "/journal/find", {**pattern, "explain": True})
        found: list[dict[str, Any]] = answer["entries"]
        ok = len(found) >= at_least if at_least is not None else len(found) == times
        if not ok:
            raise VerificationError(difference(pattern, found, answer.get("nearMisses", []),
                                               f"at least {at_least}" if at_least is not None else f"{times}"))
        return found


def describe(entry: dict[str, Any]) -> str:
    query = f"?{entry['query']}" if entry.get("query") else ""
    return (f"#{entry['seq']} {entry['method']} {entry['path']}{query} -> {entry['status']} "
            f"(api {entry['api']}, tenant {entry['tenant']})")


def difference(pattern: dict[str, Any], found: list[dict[str, Any]], near: list[dict[str, Any]],
               expected: str) -> str:
    lines = [f"expected {expected} request(s) matching {json.dumps(pattern, sort_keys=True)}; "
             f"the journal has {len(found)}"]
    if found:
        lines.append("matching:")
        lines.extend(f"  {describe(entry)}" for entry in found[-10:])
    if near:
        lines.append("closest that did not match:")
        for miss in near:
            lines.append(f"  {describe(miss['entry'])}")
            lines.extend(f"      {reason}" for reason in miss["reasons"])
    elif not found:
        lines.append("no request came close (the journal holds none of this API, or is empty)")
    return "\n".join(lines)
