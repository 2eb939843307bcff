"""XPM v3.1 over real HTTP, in process and against `connsim serve`: the flows a connector runs
(clients, jobs, costs, states, relationships) and the rejections the seeds describe (WIP lock,
job state, deleted job), all read back through the XML envelope."""

from __future__ import annotations

from xpm_http_client import Practice, open_practice, xml


def test_client_add_get_search_update_with_both_website_spellings(practice: Practice) -> None:
    api = practice.api
    uuid = api.add_client("Harbour Holdings Pty Ltd", Email="info@harbour.test", Phone="02 9000 0000",
                          WebSite="https://harbour.test")
    got = api.call("GET", f"client.api/get/{uuid}")
    assert got.status == 200 and got.method == "Get" and got.ok
    assert got.headers["Content-Type"] == "text/xml; charset=utf-8"
    client = got.find("Client")
    assert client.findtext("Name") == "Harbour Holdings Pty Ltd"
    assert client.findtext("Website") == "https://harbour.test"
    found = api.call("GET", "client.api/search", query="harbour")
    assert found.method == "Search" and [c.findtext("UUID") for c in found.root.iter("Client")] == [uuid]
    updated = api.call("PUT", "client.api/update", xml("Client", UUID=uuid, Website="https://new.test"))
    assert updated.ok and updated.find("Client").findtext("Website") == "https://new.test"
    listed = api.call("GET", "client.api/list", detailed="true")
    assert listed.method == "List" and uuid in [c.findtext("UUID") for c in listed.root.iter("Client")]


def test_job_starts_planned_and_takes_a_cost_with_reference(practice: Practice) -> None:
    api = practice.api
    client = api.add_client("Nguyen Family Trust")
    job = api.add_job(client, "Trust tax return")
    number = job.findtext("ID")
    assert number == "J000001" and job.findtext("State") == "Planned" and job.findtext("UUID")
    added = api.add_cost(number, SupplierReference="rechargly-42", Note="charge 42")
    assert added.status == 200 and added.ok and added.method == "Cost", added.text
    costs = api.call("GET", f"job.api/costs/{number}")
    [cost] = list(costs.root.iter("Cost"))
    assert cost.findtext("Note") == "charge 42" and cost.findtext("SupplierReference") == "rechargly-42"
    assert cost.findtext("Date") == "2026-11-15T00:00:00" and cost.findtext("UnitPrice") == "25.00"
    assert cost.findtext("Billable") == "true"
    assert practice.action(f"jobs/{number}/costs", method="GET")["costs"][0]["SupplierReference"] == "rechargly-42"
    changed = api.call("PUT", "job.api/cost", xml("Cost", UUID=cost.findtext("UUID"), Quantity="3"))
    assert changed.ok and changed.find("Cost").findtext("Quantity") == "3"


def test_form_encoded_body_is_read_as_xml(practice: Practice) -> None:
    answer = practice.api.call("POST", "client.api/add", xml("Client", Name="Form Client"),
                               content_type="application/x-www-form-urlencoded")
    assert answer.ok and answer.find("Client").findtext("Name") == "Form Client"


def test_state_change_by_interface_code_and_state_that_refuses_costs(practice: Practice) -> None:
    api = practice.api
    number = api.add_job(api.add_client("Smith")).findtext("ID")
    moved = api.call("PUT", "job.api/state", xml("Job", ID=number, State="INPROGRESS"))
    assert moved.method == "State" and moved.ok and moved.root.find("Job") is None  # recorded: bare OK
    assert api.call("GET", f"job.api/get/{number}").find("Job").findtext("State") == "In Progress"
    bad = api.call("PUT", "job.api/state", xml("Job", ID=number, State="NOPE"))
    assert bad.status == 200 and bad.root.findtext("Status") == "ERROR" and bad.error == "Invalid state code"
    assert api.call("PUT", "job.api/state", xml("Job", ID=number, State="COMPLETED")).ok
    refused = api.add_cost(number)
    assert refused.status == 200 and not refused.ok
    assert refused.error == (f"Costs cannot be added to job {number} because its state Completed does not accept "
                             "new costs")
    assert practice.action(f"jobs/{number}/state", {"state": "In Progress"})["State"] == "In Progress"
    assert api.add_cost(number).ok


def test_custom_state_that_does_not_accept_costs(practice: Practice) -> None:
    api = practice.api
    number = api.add_job(api.add_client("Lee")).findtext("ID")
    practice.action("job-states", {"name": "Awaiting Invoice", "code": "AWAITINV", "accepts_costs": False})
    assert api.call("PUT", "job.api/state", xml("Job", ID=number, State="AWAITINV")).ok
    assert "does not accept new costs" in (api.add_cost(number).error or "")


def test_wip_lock_date_rejects_costs_on_or_before_it(practice: Practice) -> None:
    api = practice.api
    number = api.add_job(api.add_client("Locked Ltd")).findtext("ID")
    assert practice.action("wip-lock", {"date": "2026-10-31"}) == {"wipLockDate": "2026-10-31"}
    refused = api.add_cost(number, date="20261015")
    assert refused.status == 200 and refused.root.findtext("Status") == "ERROR"
    assert refused.error == ("The cost date 2026-10-15 falls within a locked WIP period "
                             "(WIP is locked up to 2026-10-31)")
    assert not api.add_cost(number, date="20261031").ok
    assert api.add_cost(number, date="20261101").ok
    practice.remote.control.tenant_settings(practice.id, xpm_error_http_status=400)
    assert api.add_cost(number, date="20261001").status == 400
    assert practice.action("wip-lock", {"date": None}) == {"wipLockDate": None}
    assert api.add_cost(number, date="20261015").ok
    assert len(practice.action(f"jobs/{number}/costs", method="GET")["costs"]) == 2


def test_deleted_job_is_gone_and_recreated_job_is_new(practice: Practice) -> None:
    api = practice.api
    client = api.add_client("Deleted Job Pty Ltd")
    job = api.add_job(client, "BAS")
    number, old_uuid = job.findtext("ID"), job.findtext("UUID")
    assert practice.action(f"jobs/{number}/delete") == {"deleted": number}
    for answer in (api.call("GET", f"job.api/get/{number}"), api.add_cost(number)):
        assert answer.status == 200 and answer.error == "Invalid job identifier"
    new = practice.action(f"jobs/{number}/recreate")
    assert new["ID"] != number and new["UUID"] != old_uuid and new["ClientUUID"] == client
    assert new["Name"] == "BAS" and new["State"] == "Planned"
    assert api.add_cost(new["ID"]).ok
    assert api.call("POST", "job.api/delete", xml("Job", ID=new["ID"])).method == "Delete"
    assert api.call("GET", f"job.api/get/{new['ID']}").error == "Invalid job identifier"


def test_relationships_valid_and_invalid_types(practice: Practice) -> None:
    api = practice.api
    company, person = api.add_client("Acme Pty Ltd"), api.add_client("Jo Citizen")
    for rel_type in ("Director", "Public Officer"):
        added = api.call("POST", "client.api/addrelationship",
                         xml("Relationship", ClientUUID=company, RelatedClientUUID=person, Type=rel_type))
        assert added.ok, added.text
    detail = api.call("GET", f"client.api/get/{company}").find("Client/Relationships")
    rels = {r.findtext("Type"): r for r in detail.iter("Relationship")}
    assert set(rels) == {"Director", "Public Officer"}
    assert rels["Director"].findtext("RelatedClient/UUID") == person
    assert rels["Director"].findtext("RelatedClient/Name") == "Jo Citizen"
    bad = api.call("POST", "client.api/addrelationship",
                   xml("Relationship", ClientUUID=company, RelatedClientUUID=person, Type="Cousin"))
    assert bad.status == 200 and bad.root.findtext("Status") == "ERROR" and "Cousin" in (bad.error or "")
    removed = api.call("POST", "client.api/deleterelationship", xml("Relationship", UUID=rels["Director"].findtext("UUID")))
    assert removed.ok
    detail = api.call("GET", f"client.api/get/{company}").find("Client/Relationships")
    assert [r.findtext("Type") for r in detail.iter("Relationship")] == ["Public Officer"]
    state = practice.remote.control.tenant_state(practice.id)
    assert [r["Type"] for r in state["clients"][company]["Relationships"]] == ["Public Officer"]


def test_control_client_edit_and_job_creation(practice: Practice) -> None:
    client = practice.action("clients", {"name": "UI Client", "email": "a@ui.test", "website": "ui.test"})
    edited = practice.action(f"clients/{client['UUID']}/edit", {"phone": "0400 000 000"})
    assert edited["Phone"] == "0400 000 000" and edited["Website"] == "ui.test"
    job = practice.action("jobs", {"client_uuid": client["UUID"], "name": "Tax", "state": "In Progress"})
    got = practice.api.call("GET", f"job.api/get/{job['ID']}").find("Job")
    assert got.findtext("State") == "In Progress" and got.findtext("Client/UUID") == client["UUID"]
    assert practice.api.call("GET", f"client.api/get/{client['UUID']}").find("Client").findtext("Phone") == "0400 000 000"


def test_archive_and_delete_client(practice: Practice) -> None:
    api = practice.api
    uuid = api.add_client("Old Client")
    archived = api.call("PUT", "client.api/archive", xml("Client", UUID=uuid))
    assert archived.find("Client").findtext("IsArchived") == "Yes"
    assert not api.call("POST", "job.api/add", xml("Job", Name="x", ClientUUID=uuid, StartDate="20261101",
                                                  DueDate="20261130")).ok
    assert api.call("POST", "client.api/delete", xml("Client", UUID=uuid)).ok
    assert api.call("GET", f"client.api/get/{uuid}").error == "Invalid client identifier"


def test_contacts(practice: Practice) -> None:
    api = practice.api
    uuid = api.add_client("Contacts Co")
    added = api.call("POST", "client.api/contact", xml("Contact", Client={"UUID": uuid}, Name="Pat", Email="p@c.test"))
    contact = added.find("Contact").findtext("UUID")
    assert api.call("GET", f"client.api/contact/{contact}").find("Contact").findtext("Email") == "p@c.test"
    assert contact in [c.findtext("UUID") for c in api.call("GET", "client.api/contacts").root.iter("Contact")]


def test_catalogues_a_connector_reads(connsim_remote) -> None:  # type: ignore[no-untyped-def]
    practice = open_practice(connsim_remote, populate=True)
    api = practice.api
    for path, tag in (("category.api/list", "Category"), ("staff.api/list", "Staff"),
                      ("template.api/list", "Template")):
        assert list(api.call("GET", path).root.iter(tag)), path
    page = api.call("GET", "cost.api/list", page="1")
    assert int(page.root.findtext("Records") or 0) == len(list(page.root.iter("Cost"))) > 0
    assert api.call("GET", "cost.api/list").status == 400
    added = api.call("POST", "cost.api/add", xml("Cost", Description="Printing", Code="PRINT", UnitCost="1.00",
                                                 UnitPrice="2.00"))
    assert api.call("GET", f"cost.api/get/{added.find('Cost').findtext('UUID')}").ok
    current = api.call("GET", "job.api/current")
    assert {j.findtext("State") for j in current.root.iter("Job")} <= {"Planned", "In Progress", "On Hold"}
    assert api.call("GET", "job.api/list", **{"from": "20260101", "to": "20261231"}).ok


def test_gateway_answers_auth_failures_as_json(practice: Practice) -> None:
    api = practice.api
    ok = api.call("GET", "client.api/list")
    assert ok.headers["X-MinLimit-Remaining"] and ok.headers["X-DayLimit-Remaining"]
    api.session.headers["Authorization"] = "Bearer not-a-token"
    denied = api.call("GET", "client.api/list")
    assert denied.status == 401 and denied.root is None
    assert api.session.get(f"{api.base}/client.api/list").json()["Title"] == "Unauthorized"
