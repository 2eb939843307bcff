"""Lossy engines the chaos run must catch: the reference engine with its exactly-once machinery
taken out, as naive connectors are written. Run them with ``connsim chaos --adapter
connsim.harness.chaos.lossy:NaivePayments`` (or ``:BlindRepostCosts``)."""

from __future__ import annotations

import uuid
from typing import Any

from connsim.harness.engine.http import RemoteError
from connsim.harness.engine.reference import ReferenceEngine
from connsim.harness.engine.services import payments_rules as rules
from connsim.harness.engine.services.costs import CostsService
from connsim.harness.engine.services.payments import PaymentsService, Rejected


class _FreshKeyPayments(PaymentsService):
    """A fresh idempotency key on every attempt and no look at the books before posting again:
    after a lost answer the next sync posts the payment a second time."""

    def _post_once(self, payment: dict[str, Any], ledger: Any, seen: Any) -> str:
        now = ledger.invoice(seen.id) or seen
        try:
            return str(ledger.post(now, payment["amount"], payment["date"], payment["transaction_number"],
                                   f"naive-{uuid.uuid4()}"))
        except RemoteError as exc:
            raise Rejected(rules.classify_rejection(exc.message, None), exc.message) from exc


class NaivePayments(ReferenceEngine):
    """Payments with a fresh idempotency key per attempt and no reconciling."""

    profiles = ("payments",)
    service_classes = {"payments": _FreshKeyPayments}  # noqa: RUF012 - the base class's override table


class _BlindCosts(CostsService):
    @staticmethod
    def _find_on_job(xpm: Any, job: str, key: str) -> str | None:
        return None  # never looks: a lost answer means "post it again"


class BlindRepostCosts(ReferenceEngine):
    """Costs re-posted after a lost response instead of looking on the job first."""

    profiles = ("costs",)
    service_classes = {"costs": _BlindCosts}  # noqa: RUF012 - the base class's override table


LOSSY_ENGINES = {"NaivePayments": NaivePayments, "BlindRepostCosts": BlindRepostCosts}
