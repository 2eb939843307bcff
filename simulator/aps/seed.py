"""An APS firm filled with Faker client profiles from the tenant's seed (same seed, same data):
individuals, companies and trusts, plus a partnership and a super fund, some prospects and one
terminated client; a few individuals hold several emails in one value (the APS quirk FYI notes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from connsim.simulator.aps.model import ApsBackend
from connsim.simulator.core.fake import seeded_faker

if TYPE_CHECKING:
    from faker import Faker

_KINDS = ("Individual", "Individual", "Company", "Trust", "Individual", "Company", "Trust", "Partnership",
          "Superannuation Fund", "Sole Trader")


def seed(tenant: Any, clients: int = 15, **_: Any) -> dict[str, Any]:
    fake = seeded_faker("en_AU", tenant.seed)
    backend: ApsBackend = tenant.backend
    for n in range(clients):
        kind = _KINDS[n % len(_KINDS)]
        address = {"line1": fake.street_address(), "line2": None, "suburb": fake.city(),
                   "state": fake.state_abbr(), "postcode": fake.postcode(), "country": "Australia"}
        data: dict[str, Any] = {"name": _name(fake, kind), "entityType": kind, "primaryPhone": fake.phone_number(),
                                "physicalAddress": address,
                                "postalAddress": address if n % 3 else {**address, "line1": f"PO Box {n + 100}"},
                                "category": "Prospect" if n % 7 == 6 else "Client",
                                "status": "Terminated" if n % 11 == 10 else "Active"}
        if kind == "Individual":
            data["email"] = fake.free_email() + (f";{fake.free_email()}" if n % 4 == 0 else "")
            data["otherPhone"] = fake.phone_number()
        else:
            data["email"] = fake.company_email()
            data["website"] = f"https://www.{fake.domain_name()}"
        backend.create_client(data)
    return {"clients": clients}


def _name(fake: Faker, kind: str) -> str:
    if kind in ("Individual", "Sole Trader"):
        return fake.name()
    if kind == "Trust":
        return f"The {fake.last_name()} Family Trust"
    if kind == "Superannuation Fund":
        return f"{fake.last_name()} Super Fund"
    if kind == "Partnership":
        return f"{fake.last_name()} & {fake.last_name()} Partners"
    return fake.company()
