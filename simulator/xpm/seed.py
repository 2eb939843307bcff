"""A practice filled with Faker data from the tenant's seed (same seed, same data): staff, job
categories and templates, a cost catalogue, clients (individuals, companies, trusts) with
relationships, and jobs in every default state with costs on the ones that accept them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from connsim.simulator.core.fake import seeded_faker
from connsim.simulator.xpm.model import XpmBackend

if TYPE_CHECKING:
    from faker import Faker

_CATEGORIES = ("Accounting", "Taxation", "Advisory", "Bookkeeping", "Company Secretarial")
_TEMPLATES = (("Annual Accounts", ("Prepare workpapers", "Review", "Sign off")),
              ("Income Tax Return", ("Collect information", "Prepare return", "Lodge")),
              ("BAS Preparation", ("Reconcile", "Prepare BAS", "Lodge BAS")))
_CATALOGUE = (("ASIC annual review fee", "ASIC", "0", "310.00"), ("Company search", "SEARCH", "9.00", "25.00"),
              ("Courier", "COURIER", "15.00", "22.00"), ("Title search", "TITLE", "18.00", "35.00"))
_STATE_CYCLE = ("PLANNED", "INPROGRESS", "INPROGRESS", "ONHOLD", "COMPLETED", "CLOSED")


def seed(tenant: Any, clients: int = 12, jobs: int = 10, **_: Any) -> dict[str, Any]:
    fake = seeded_faker("en_AU", tenant.seed)
    backend: XpmBackend = tenant.backend
    staff = [backend.add_staff({"Name": fake.name(), "Email": fake.company_email(), "Phone": fake.phone_number()})
             for _n in range(3)]
    for name in _CATEGORIES:
        backend.add_named("categories", name)
    for name, tasks in _TEMPLATES:
        backend.add_named("templates", name, tasks=tasks)
    for description, code, unit_cost, unit_price in _CATALOGUE:
        backend.save_catalogue_cost({"description": description, "code": code, "unit_cost": unit_cost,
                                     "unit_price": unit_price})
    people = [_individual(backend, fake) for _n in range(max(1, clients // 2))]
    entities = []
    for n in range(max(0, clients - len(people))):
        entity = _entity(backend, fake, trust=n % 2 == 1)
        entities.append(entity)
        for rel_type, related in _roles(entity, people, n):
            backend.add_relationship(entity.uuid, related.uuid, rel_type)
    everyone = people + entities
    templates = list(backend.templates.values())
    categories = list(backend.categories.values())
    today, cost_count = backend.today(), 0
    for n in range(jobs):
        client = everyone[n % len(everyone)]
        template = templates[n % len(templates)]
        job = backend.add_job(client.uuid, f"{template.name} {today.year - 1 + n % 2}",
                              description=fake.sentence(nb_words=8), start_date=today - timedelta(days=60 - n),
                              due_date=today + timedelta(days=30 + n), template_uuid=template.uuid,
                              category_uuid=categories[n % len(categories)].uuid)
        backend.assign(job.number, [("add-manager", staff[n % 3].uuid, None), ("add", staff[(n + 1) % 3].uuid, None)])
        if job.tasks:
            backend.add_time({"job": job.number, "task_uuid": job.tasks[0].uuid, "staff_uuid": staff[(n + 1) % 3].uuid,
                              "date": today - timedelta(days=fake.random_int(1, 30)), "minutes": 30 * (1 + n % 4),
                              "note": fake.sentence(nb_words=5)})
        for _c in range(n % 3):
            item = list(backend.catalogue.values())[fake.random_int(0, len(backend.catalogue) - 1)]
            backend.add_cost(job.number, {"date": today - timedelta(days=fake.random_int(1, 40)),
                                          "description": item.description, "code": item.code,
                                          "note": fake.sentence(nb_words=4), "quantity": Decimal(1),
                                          "unit_cost": item.unit_cost, "unit_price": item.unit_price})
            cost_count += 1
        backend.set_job_state(job.number, _STATE_CYCLE[n % len(_STATE_CYCLE)])
    return {"clients": len(everyone), "jobs": jobs, "costs": cost_count}


def _address(fake: Faker) -> dict[str, str]:
    return {"Address": fake.street_address(), "City": fake.city(), "Region": fake.state_abbr(),
            "PostCode": fake.postcode(), "Country": "Australia"}


def _individual(backend: XpmBackend, fake: Faker) -> Any:
    first, last = fake.first_name(), fake.last_name()
    address = _address(fake)
    fields = {"Name": f"{first} {last}", "FirstName": first, "LastName": last, "BusinessStructure": "Individual",
              "Email": f"{first}.{last}@{fake.free_email_domain()}".lower(), "Phone": fake.phone_number(),
              **address, **{f"Postal{k}" if k != "Address" else "PostalAddress": v for k, v in address.items()}}
    return backend.add_client(fields)


def _entity(backend: XpmBackend, fake: Faker, trust: bool) -> Any:
    surname = fake.last_name()
    name = f"The {surname} Family Trust" if trust else f"{fake.company()}"
    fields = {"Name": name, "BusinessStructure": "Trust" if trust else "Company", "Email": fake.company_email(),
              "Phone": fake.phone_number(), "Website": f"https://www.{fake.domain_name()}", **_address(fake)}
    if not trust:
        fields["CompanyNumber"] = fake.numerify("### ### ###")
    return backend.add_client(fields)


def _roles(entity: Any, people: list[Any], n: int) -> list[tuple[str, Any]]:
    first, second = people[n % len(people)], people[(n + 1) % len(people)]
    if entity.fields.get("BusinessStructure") == "Trust":
        return [("Trustee", first), ("Beneficiary", second)] if first is not second else [("Trustee", first)]
    return [("Director", first), ("Shareholder", first)]
