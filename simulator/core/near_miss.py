"""Near-misses: for a request no route (or no tenant) matched, the closest candidates and why each
missed, as WireMock's near-miss report and responses' matcher reasons do. A slightly wrong
request (``/Invoice`` for ``/Invoices``, POST where the route takes PUT, a realm id with a typo)
is the most common connector bug, and a bare 404 does not say which it was.

Pure functions over route shapes and tenant ids (no Flask): the wire layer collects them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

PLACEHOLDER_OPEN = "<"


@dataclass(frozen=True)
class RouteShape:
    api: str
    rule: str          # Werkzeug rule text, e.g. /api.xro/2.0/Invoices/<invoice_id>
    methods: tuple[str, ...]


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def _segment_miss(index: int, given: str, wanted: str) -> tuple[float, str | None]:
    """Distance (0 same, 1 unrelated) and the reason a path segment missed."""
    if wanted.startswith(PLACEHOLDER_OPEN) or given == wanted:
        return 0.0, None
    if given.lower() == wanted.lower():
        return 0.3, f"path segment {index} is {given!r}; the route has {wanted!r} (differs only in case)"
    ratio = difflib.SequenceMatcher(None, given.lower(), wanted.lower()).ratio()
    return 1.0 - ratio * 0.6, f"path segment {index} is {given!r}; the route has {wanted!r}"


def route_reasons(method: str, path: str, route: RouteShape) -> tuple[float, list[str]]:
    """How far the request is from one route (0: it matches) and why it missed, field by field."""
    given, wanted = _segments(path), _segments(route.rule)
    distance, reasons = 0.0, []
    for index, (g, w) in enumerate(zip(given, wanted), start=1):
        d, why = _segment_miss(index, g, w)
        distance += d
        if why:
            reasons.append(why)
    if len(given) != len(wanted):
        distance += abs(len(given) - len(wanted))
        reasons.append(f"the path has {len(given)} segments; the route has {len(wanted)}")
    allowed = [m for m in route.methods if m not in ("HEAD", "OPTIONS")]
    if method.upper() not in route.methods:
        distance += 0.5
        reasons.append(f"method {method.upper()} is not allowed; the route takes {', '.join(sorted(allowed))}")
    return distance, reasons


def closest_routes(method: str, path: str, routes: Iterable[RouteShape], limit: int = 3) -> list[dict[str, object]]:
    """The ``limit`` nearest routes, nearest first, each with its distance and reasons."""
    scored = []
    for route in routes:
        distance, reasons = route_reasons(method, path, route)
        scored.append((round(distance, 3), route.rule, route))
    scored.sort(key=lambda item: (item[0], item[1]))
    out: list[dict[str, object]] = []
    for distance, _, route in scored[:limit]:
        _, reasons = route_reasons(method, path, route)
        allowed = sorted(m for m in route.methods if m not in ("HEAD", "OPTIONS"))
        out.append({"api": route.api, "route": route.rule, "methods": allowed, "distance": distance,
                    "reasons": reasons or ["matches"]})
    return out


def closest_tenants(given: str | None, wanted_kind: str, tenants: Iterable[tuple[str, str, str]],
                    limit: int = 3) -> list[dict[str, object]]:
    """Why ``given`` named no tenant this API serves, and the nearest tenant ids (id, kind, name)."""
    scored = []
    for tenant_id, kind, name in tenants:
        ratio = difflib.SequenceMatcher(None, (given or "").lower(), tenant_id.lower()).ratio() if given else 0.0
        reasons = []
        if given == tenant_id and kind != wanted_kind:
            reasons.append(f"tenant {tenant_id!r} is a {kind}; this API serves {wanted_kind}")
        elif given:
            reasons.append(f"tenant id {given!r} is not {tenant_id!r}")
        else:
            reasons.append("the request names no tenant")
        if kind != wanted_kind and given != tenant_id:
            reasons.append(f"and {tenant_id!r} is a {kind}, not a {wanted_kind}")
        penalty = 0.0 if kind == wanted_kind else 0.5
        scored.append((round(1.0 - ratio + penalty, 3), tenant_id, name, kind, reasons))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [{"tenant": tenant_id, "name": name, "kind": kind, "distance": distance, "reasons": reasons}
            for distance, tenant_id, name, kind, reasons in scored[:limit]]
