"""Xero Accounting's own error kinds. The wire layer turns each into Xero's JSON shape:
ValidationException (ErrorNumber 10), PostDataInvalidException (14), QueryParseException (16),
and the plain-text 404."""

from __future__ import annotations

from typing import Any

from connsim.simulator.core.errors import MalformedInput, NotFound, SimError, ValidationFailed


class XeroValidation(ValidationFailed):
    """A business rule refused one element; ``messages`` become its ValidationErrors."""

    code = "ValidationException"

    def __init__(self, *messages: str) -> None:
        super().__init__(messages[0])
        self.messages = list(messages)


class ValidationBatch(ValidationFailed):
    """One or more elements of a request failed: rendered as ErrorNumber 10 with these Elements."""

    code = "ValidationException"

    def __init__(self, elements: list[dict[str, Any]], schema: str | None = None) -> None:
        first = elements[0]["ValidationErrors"][0]["Message"] if elements else "A validation exception occurred"
        super().__init__(first)
        self.elements = elements
        #: the element kind (``Invoice``), named by XML's ``DataContractBase xsi:type``
        self.schema = schema


class PostDataInvalid(MalformedInput):
    """The body could not be read (bad JSON, wrong content type, a value of the wrong type)."""

    code = "PostDataInvalidException"


class QueryParseError(MalformedInput):
    """A ``where``/``order`` expression Xero could not parse."""

    code = "QueryParseException"


class ResourceNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("The resource you're looking for cannot be found")


class NotImplementedByXero(SimError):
    """A method Xero does not offer on a path it serves (``POST /Organisation``): 501 with
    ApiMethodNotImplementedException, ErrorNumber 20 (pyxero's test_not_implemented, recorded live)."""

    status = 501
    code = "ApiMethodNotImplementedException"

    def __init__(self) -> None:
        super().__init__("The Api Method called is not implemented")
