"""Correct engines that differ from the reference engine in what the catalogue leaves open: retry
budget, order, extra reads, storage, idempotency keys, when tokens are refreshed. Each must pass
every catalogue ID; a failure means a scenario demands the reference engine's incidental choice."""

from __future__ import annotations

import os
import tempfile
import uuid
from datetime import datetime
from typing import Any, ClassVar

import requests

from connsim.harness.engine.http import Caller, OAuthSession, OutcomeUnknown, RemoteError
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.engine.services.costs import CostsService
from connsim.harness.engine.services.payments import PaymentsService
from connsim.harness.engine.services.payments_ledger import Ledger
from connsim.harness.engine.services.payments_model import InvoiceState


class _PatientCaller(Caller):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_attempts = 15


class LongRetryBudget(ReferenceEngine):
    """Retries a safe request 15 times instead of 6: rides out a 10-call outage and lands at once."""

    caller_class = _PatientCaller


class _HastyCaller(Caller):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_attempts = 2


class ShortRetryBudget(ReferenceEngine):
    """Tries a request twice at most: a short outage leaves the record visibly unsynced until the
    next sync or retry, which lands it once."""

    caller_class = _HastyCaller


class _NewestFirstCosts(CostsService):
    def sync(self) -> None:
        for charge in reversed(self.store.find("charges", status="Pending", tracked=True)):
            self._push(charge)


class _NewestFirstPayments(PaymentsService):
    def sync_payments(self) -> None:
        real_find = self.store.find
        self.store.find = lambda collection, **eq: list(reversed(real_find(collection, **eq)))  # type: ignore[method-assign]  # a mutant swaps the store's method on purpose
        try:
            super().sync_payments()
        finally:
            self.store.find = real_find  # type: ignore[method-assign]  # a mutant swaps the store's method on purpose


class NewestFirst(ReferenceEngine):
    """Pushes the newest cost and payment first."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _NewestFirstCosts, "payments": _NewestFirstPayments}


class _LookFirstCosts(CostsService):
    def _post_once(self, xpm: Any, charge: dict[str, Any], job: str) -> str:
        found = self._find_on_job(xpm, job, charge["key"])  # reconcile before every post, not only after a loss
        return found or super()._post_once(xpm, charge, job)


class _LookFirstPayments(PaymentsService):
    def _post_once(self, payment: dict[str, Any], ledger: Ledger, seen: InvoiceState) -> str:
        try:
            found = ledger.find_posted(payment["transaction_number"], seen.id)
        except (OutcomeUnknown, RemoteError):
            found = None
        return found or super()._post_once(payment, ledger, seen)


class ReconcilesBeforeEveryPost(ReferenceEngine):
    """Searches the remote for its own reference before every post (extra reads, same writes)."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _LookFirstCosts, "payments": _LookFirstPayments}


class FileBackedStore(ReferenceEngine):
    """Keeps its state in a SQLite file instead of memory."""

    def __init__(self, db_path: str = "") -> None:
        handle, path = tempfile.mkstemp(prefix="connsim-engine-", suffix=".db")
        os.close(handle)
        super().__init__(db_path or path)

    def start(self, env: Any) -> None:
        super().start(env)
        assert self.ctx is not None
        # a file, but no fsync per write: what is graded is behaviour, not durability
        self.ctx.store._db.execute("PRAGMA synchronous = OFF")

    def stop(self) -> None:
        super().stop()
        if os.path.exists(self.db_path):
            os.remove(self.db_path)


class _UuidKeyCosts(CostsService):
    def add_charge(self, organisation: str, date: str, description: str, amount: float,
                   quantity: float = 1.0) -> str:
        charge_id = super().add_charge(organisation, date, description, amount, quantity)
        charge = self._charge(charge_id)
        charge["key"] = f"pc-{uuid.uuid4().hex[:16]}"
        self.store.put("charges", charge)
        return charge_id


class _UuidKeyPayments(PaymentsService):
    @staticmethod
    def _idempotency_key(payment: dict[str, Any]) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"connectbooster:{payment['id']}:{payment['generation']}"))


class OtherIdempotencyKeys(ReferenceEngine):
    """Random cost references and name-based UUID idempotency keys for payments."""

    service_classes: ClassVar[dict[str, type]] = {"costs": _UuidKeyCosts, "payments": _UuidKeyPayments}


class _ClockedOAuth(OAuthSession):
    def _token_request(self, form: dict[str, str]) -> None:
        super()._token_request(form)
        if self.now is not None:
            self.tokens.extra["obtained_at"] = self.now()
            if self.on_change:
                self.on_change(self.tokens)


class _ProactiveCaller(Caller):
    """Refreshes five minutes before the access token expires, as Xero and Intuit recommend."""

    def call(self, method: str, url: str, *, safe: bool, headers: dict[str, str] | None = None,
             **kwargs: Any) -> requests.Response:
        extra = self.oauth.tokens.extra
        if self.now is not None and extra.get("obtained_at") and extra.get("expires_in"):
            age = (_instant(self.now()) - _instant(extra["obtained_at"])).total_seconds()
            if age >= float(extra["expires_in"]) - 300:
                self.oauth.refresh()
        return super().call(method, url, safe=safe, headers=headers, **kwargs)


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class RefreshesBeforeExpiry(ReferenceEngine):
    """Refreshes tokens before they expire, so the remote never answers 401."""

    oauth_class = _ClockedOAuth
    caller_class = _ProactiveCaller
