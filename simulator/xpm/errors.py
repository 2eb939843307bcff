"""XPM's own error kinds. Every one becomes the XPM XML envelope
``<Response api-method=…><Status>ERROR</Status><ErrorDescription>…</ErrorDescription></Response>``.

Two families: *business rules* (unknown or deleted job, locked WIP period, job state, state code,
relationship type) which recorded XPM traffic answers with HTTP 200 (per-tenant setting
``xpm_error_http_status``), and *bad input* (unreadable XML, missing or ill-typed fields), which
always gets a 4xx."""

from __future__ import annotations

from connsim.simulator.core.errors import MalformedInput, ValidationFailed


class XpmRuleError(ValidationFailed):
    """A business rule refused the request. The wire layer picks the HTTP status from the tenant."""

    code = "XpmError"


class InvalidJob(XpmRuleError):
    code = "InvalidJob"


class InvalidClient(XpmRuleError):
    code = "InvalidClient"


class InvalidIdentifier(XpmRuleError):
    """Unknown cost, contact, relationship, staff, category or template UUID."""

    code = "InvalidIdentifier"


class InvalidStateCode(XpmRuleError):
    code = "InvalidStateCode"


class WipLocked(XpmRuleError):
    code = "WipLocked"


class JobStateRejectsCosts(XpmRuleError):
    code = "JobStateRejectsCosts"


class InvalidRelationshipType(XpmRuleError):
    code = "InvalidRelationshipType"


class ArchivedClient(XpmRuleError):
    code = "ArchivedClient"


class DuplicateJobNumber(XpmRuleError):
    code = "DuplicateJobNumber"


class XpmBadInput(MalformedInput):
    """A field is missing or cannot be read (bad date, bad number): always a 400."""

    code = "XpmBadInput"
