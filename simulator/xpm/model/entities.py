"""XPM records as plain dataclasses. Field names follow XPM's XML tags where they are free text
(client fields are kept by tag), so the wire layer maps them one to one. ``to_json`` gives the
control API's view (snapshots, assertions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

#: client fields XPM carries as free text, by XML tag (WebSite is read as Website by the wire layer)
CLIENT_FIELDS = ("Name", "Title", "FirstName", "LastName", "OtherName", "Email", "DateOfBirth", "Address", "City",
                 "Region", "PostCode", "Country", "PostalAddress", "PostalCity", "PostalRegion", "PostalPostCode",
                 "PostalCountry", "Phone", "Fax", "Website", "ReferralSource", "ExportCode", "BusinessStructure",
                 "TaxNumber", "CompanyNumber", "BusinessNumber", "Gender", "BranchNumber", "BalanceMonth",
                 "PrepareGST", "GSTRegistered", "GSTPeriod", "GSTBasis", "ProvisionalTaxBasis", "ProvisionalTaxRatio",
                 "SignedTaxAuthority", "TaxAgent", "AgencyStatus", "ReturnType", "PrepareActivityStatement",
                 "PrepareTaxReturn", "ActiveAtoClient", "AccountManagerUUID", "JobManagerUUID", "BillingClientUUID")

#: the tax block in the order recorded answers show it (xpm_ruby client/get.yml), with its defaults;
#: then the 3.1 docs' further tax fields, shown only when set
TAX_BLOCK = (("TaxNumber", ""), ("CompanyNumber", ""), ("BusinessNumber", ""), ("BranchNumber", ""),
             ("GSTRegistered", "No"), ("PrepareGST", "No"), ("SignedTaxAuthority", "No"), ("AgencyStatus", "Unlinked"),
             ("PrepareActivityStatement", "No"), ("PrepareTaxReturn", "No"), ("ActiveAtoClient", "No"))
TAX_EXTRA = ("BusinessStructure", "BalanceMonth", "GSTPeriod", "GSTBasis", "ProvisionalTaxBasis", "ProvisionalTaxRatio",
             "TaxAgent", "ReturnType")
YES_NO_FIELDS = ("GSTRegistered", "PrepareGST", "SignedTaxAuthority", "PrepareActivityStatement", "PrepareTaxReturn",
                 "ActiveAtoClient")
#: client fields naming another record: staff (AccountManager, JobManager) or a client (BillingClient)
CLIENT_LINKS = {"AccountManagerUUID": "staff", "JobManagerUUID": "staff", "BillingClientUUID": "client"}

CONTACT_FIELDS = ("Name", "Salutation", "Addressee", "Mobile", "Email", "Phone", "Position")

#: XPM's supported relationship types (reference/xero.md §4.4)
RELATIONSHIP_TYPES = ("Director", "Shareholder", "Trustee", "Beneficiary", "Partner", "Settlor", "Associate",
                      "Secretary", "Public Officer", "Husband", "Wife", "Spouse", "Parent Of", "Child Of",
                      "Appointer", "Member", "Auditor", "Owner")


@dataclass
class Contact:
    uuid: str
    client_uuid: str
    fields: dict[str, str] = field(default_factory=dict)
    is_primary: bool = False
    deleted: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "ClientUUID": self.client_uuid, **self.fields, "IsPrimary": self.is_primary,
                "IsDeleted": self.deleted}


@dataclass
class Relationship:
    uuid: str
    client_uuid: str
    related_uuid: str
    type: str
    number_of_shares: str | None = None
    percentage: str | None = None
    start_date: date | None = None
    end_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Type": self.type, "ClientUUID": self.client_uuid,
                "RelatedClientUUID": self.related_uuid, "NumberOfShares": self.number_of_shares,
                "Percentage": self.percentage, "StartDate": _iso(self.start_date), "EndDate": _iso(self.end_date)}


@dataclass
class Client:
    uuid: str
    fields: dict[str, str]
    modified_at: datetime
    is_prospect: bool = False
    archived: bool = False
    deleted: bool = False
    contacts: list[str] = field(default_factory=list)
    relationships: dict[str, Relationship] = field(default_factory=dict)
    #: the practice-management tax block (TaxNumber … ActiveAtoClient) shows once the client has one:
    #: recorded client.api/add answers omit it, client.api/update answers carry it (docs/simulator/xpm.md)
    tax_record: bool = False
    notes: list[Note] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields.get("Name", "")

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, **self.fields, "IsProspect": self.is_prospect, "IsArchived": self.archived,
                "IsDeleted": self.deleted, "ModifiedAt": self.modified_at.isoformat(),
                "Notes": [n.to_json() for n in self.notes],
                "Contacts": list(self.contacts),
                "Relationships": [r.to_json() for r in self.relationships.values()]}


@dataclass
class JobState:
    name: str
    code: str
    accepts_costs: bool = True
    #: completed states are not "current" (job.api/current)
    completed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "code": self.code, "accepts_costs": self.accepts_costs,
                "completed": self.completed}


@dataclass
class JobCost:
    uuid: str
    job: str
    date: date
    description: str
    quantity: Decimal
    unit_cost: Decimal
    unit_price: Decimal
    billable: bool = True
    code: str = ""
    note: str = ""
    #: UNCONFIRMED field (not in the 3.1 docs); stored and returned when sent
    supplier_reference: str | None = None
    #: on an XPM invoice already (invoice.api): not invoiced twice
    invoiced: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Job": self.job, "Date": self.date.isoformat(), "Description": self.description,
                "Code": self.code, "Note": self.note, "Quantity": str(self.quantity),
                "UnitCost": str(self.unit_cost), "UnitPrice": str(self.unit_price), "Billable": self.billable,
                "SupplierReference": self.supplier_reference}


@dataclass
class Task:
    """A task on a job (job.api/get <Tasks>): ``task_uuid`` names the practice's task type (task.api)."""

    uuid: str
    name: str
    completed: bool = False
    task_uuid: str = ""
    label: str = ""
    description: str = ""
    estimated_minutes: int = 0
    billable: bool = True
    folder: str = ""
    start_date: date | None = None
    due_date: date | None = None
    #: staff UUID -> allocated minutes (job.api/assign with task-uuid)
    assigned: dict[str, int] = field(default_factory=dict)


@dataclass
class Note:
    """A job or client note (job.api/note; client detail <Notes>)."""

    uuid: str
    title: str
    text: str
    date: datetime
    created_by: str
    folder: str = ""
    public: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Title": self.title, "Text": self.text, "Folder": self.folder,
                "Public": self.public, "Date": self.date.isoformat(), "CreatedBy": self.created_by}


@dataclass
class Job:
    number: str
    uuid: str
    name: str
    client_uuid: str
    state_code: str
    created_at: datetime
    description: str = ""
    start_date: date | None = None
    due_date: date | None = None
    completed_date: date | None = None
    budget: str | None = None
    client_order_number: str | None = None
    category_uuid: str | None = None
    template_uuid: str | None = None
    deleted: bool = False
    costs: dict[str, JobCost] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    contact_uuid: str | None = None
    manager_uuid: str | None = None
    partner_uuid: str | None = None
    #: staff assigned to the job (job.api/assign <add uuid=…/>), in assignment order
    assigned: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class CatalogueCost:
    uuid: str
    description: str
    code: str = ""
    note: str = ""
    unit_cost: Decimal = Decimal("0")
    unit_price: Decimal = Decimal("0")
    income_account: str = ""
    cost_of_sale_account: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Description": self.description, "Code": self.code, "Note": self.note,
                "UnitCost": str(self.unit_cost), "UnitPrice": str(self.unit_price),
                "IncomeAccount": self.income_account, "CostOfSaleAccount": self.cost_of_sale_account}


@dataclass
class Named:
    """Staff, job categories and templates: a UUID and a name (staff also an email)."""

    uuid: str
    name: str
    email: str = ""
    tasks: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"UUID": self.uuid, "Name": self.name, "Email": self.email}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
