"""The modelled APS API's error kinds. Each renders as
``{"error": {"code": "<code>", "message": "...", "details": [...]}}`` with its HTTP status."""

from __future__ import annotations

from typing import Any

from connsim.simulator.core.errors import Conflict, MalformedInput, NotFound, SimError, ValidationFailed


class InvalidJson(MalformedInput):
    code = "invalid_json"


class UnknownField(MalformedInput):
    code = "unknown_field"


class ReadOnlyField(MalformedInput):
    code = "read_only_field"


class InvalidParameter(MalformedInput):
    code = "invalid_parameter"


class FieldInvalid(ValidationFailed):
    """A value broke a field rule; ``details`` lists ``{"field", "message"}`` per problem."""

    status = 422
    code = "validation_error"

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(problems[0]["message"] if problems else "Validation failed")
        self.problems = problems


class ClientNotFound(NotFound):
    code = "not_found"

    def __init__(self, client_id: str) -> None:
        super().__init__(f"No client with id {client_id!r}")


class DuplicateCode(Conflict):
    code = "duplicate_code"


class PreconditionFailed(SimError):
    status = 412
    code = "precondition_failed"
