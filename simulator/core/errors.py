"""Errors as domain facts. A SimError carries a stable code, a message and an HTTP status hint;
it never knows whether it becomes Xero JSON, XPM XML or a QBO Fault: each API's wire layer
renders it. Subclasses name the cross-API kinds the gates raise."""

from __future__ import annotations

from typing import Any


class SimError(Exception):
    """Base of every error the simulator answers with. ``status`` is a hint the wire layer may override."""

    status: int = 400
    code: str = "BadRequest"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.details: dict[str, Any] = details

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r}, status={self.status})"


class MalformedInput(SimError):
    """The request body or a parameter could not be parsed (bad JSON/XML, bad date, wrong type)."""

    code = "MalformedInput"


class UnsupportedMediaType(SimError):
    status = 415
    code = "UnsupportedMediaType"


class PayloadTooLarge(SimError):
    status = 413
    code = "PayloadTooLarge"


class NotFound(SimError):
    status = 404
    code = "NotFound"


class ValidationFailed(SimError):
    """A business rule rejected the request (lock date, job state, overpayment, ...)."""

    code = "ValidationFailed"


class Conflict(SimError):
    status = 409
    code = "Conflict"


class Unauthenticated(SimError):
    """No valid credential: missing, malformed, expired or revoked token."""

    status = 401
    code = "Unauthenticated"


class TokenExpired(Unauthenticated):
    code = "TokenExpired"


class Forbidden(SimError):
    """Authenticated, but not for this tenant (disconnected, never connected, wrong scope)."""

    status = 403
    code = "Forbidden"


class RateLimited(SimError):
    status = 429
    code = "RateLimited"

    def __init__(self, message: str, *, problem: str, retry_after: int, **details: Any) -> None:
        super().__init__(message, problem=problem, retry_after=retry_after, **details)
        self.problem = problem
        self.retry_after = retry_after


class InjectedFault(SimError):
    """A fault rule asked for this status. The wire layer renders the API's own error for it."""

    code = "InjectedFault"


class OAuthError(SimError):
    """An RFC 6749 error from a token endpoint (``invalid_grant``, ``invalid_client``, ...)."""

    def __init__(self, error: str, description: str | None = None, *, status: int = 400) -> None:
        super().__init__(description or error, code=error, status=status)
        self.error = error
        self.description = description
