"""Every engine of the mutation suite, with what it must fail. ``profiles`` are the scenarios it is
graded on (the profiles its bug can reach: the mutation suite fits the CI budget because a costs bug
is not re-graded on the client scenarios); ``fails`` is the exact set of catalogue IDs it must fail
there, and the only ones. A correct engine has ``fails`` empty and is graded on every profile."""

from __future__ import annotations

from dataclasses import dataclass

from connsim.harness.adapters.contract import PROFILES
from connsim.harness.mutants import clients, correct, costs, payments, transport

#: scenarios that only their own mutants need: the rate alert pays ten invoices per example
COSTLY = ("CB-RATE",)


@dataclass(frozen=True)
class Mutant:
    engine: type
    profiles: tuple[str, ...]
    fails: frozenset[str]

    @property
    def without(self) -> tuple[str, ...]:
        """IDs not graded for this engine: costly scenarios its bug cannot reach (correct engines
        run everything)."""
        if not self.fails:
            return ()
        return tuple(cid for cid in COSTLY if cid not in self.fails)

    @property
    def name(self) -> str:
        return self.engine.__name__


def _m(engine: type, profiles: str, *fails: str) -> Mutant:
    return Mutant(engine, tuple(profiles.split()), frozenset(fails))


COSTS, PAYMENTS, ONEWAY, TWOWAY = "costs", "payments", "clients-oneway", "clients-twoway"

BROKEN: list[Mutant] = [
    # -- every remote: tokens, back-off, retries
    _m(transport.KeepsFirstRefreshToken, f"{COSTS} {PAYMENTS}", "XX-TOKEN"),
    _m(transport.NeverRefreshesTokens, f"{COSTS} {PAYMENTS}", "XX-TOKEN"),
    _m(transport.IgnoresRetryAfter, f"{COSTS} {PAYMENTS}", "XX-RATE"),
    _m(transport.RetriesClientErrorsAsTransient, PAYMENTS, "XX-LOCKDATE", "CB-KEEP", "CB-RECREATED", "XX-EDIT"),
    # -- costs
    _m(costs.IgnoresLockDates, COSTS, "PC-LOCK", "PC-RETRY", "PC-SUPPORT"),
    _m(costs.HidesJobStateReason, COSTS, "PC-STATE", "PC-RETRY"),
    _m(costs.RepostsAfterLostResponse, COSTS, "XX-FLAKY"),
    _m(costs.CreatesJobWhenDeleted, COSTS, "PC-DELETED"),
    _m(costs.RetriesEveryErrorCharge, COSTS, "PC-RETRY"),
    _m(costs.RetriesFirstErrorRow, COSTS, "PC-RETRY"),
    _m(costs.SyncsCostsOnMapping, COSTS, "PC-UNMAPPED"),
    _m(costs.ShowsUnmappedAsPending, COSTS, "PC-UNMAPPED"),
    _m(costs.LosesRemoteErrorText, COSTS, "PC-SUPPORT"),
    _m(costs.NamesOrganisationForSupport, COSTS, "PC-SUPPORT"),
    _m(costs.DatesCostsByWallClock, COSTS, "PC-LOCK", "PC-RETRY", "PC-SUPPORT"),
    _m(costs.ReadsXpmErrorAsSuccess, COSTS, "PC-LOCK", "PC-STATE", "PC-DELETED", "PC-RETRY", "PC-SUPPORT"),
    _m(costs.DropsCostsWhileInactive, COSTS, "PC-INACTIVE", "XX-TOKEN"),
    _m(costs.ResyncNeverReconnects, COSTS, "PC-INACTIVE", "XX-TOKEN"),
    _m(costs.ReportsActiveWhenRevoked, COSTS, "PC-INACTIVE", "XX-TOKEN"),
    # -- clients one way
    _m(clients.SyncsOnReconnect, ONEWAY, "PH-EXPIRE"),
    _m(clients.SyncsClientsOnCreate, ONEWAY, "PH-MANUAL"),
    _m(clients.SyncButtonPushesEveryClient, ONEWAY, "PH-MANUAL"),
    _m(clients.PullsEditsFromXpm, ONEWAY, "PH-ONEWAY", "PH-EXPIRE", "XX-TOKEN"),
    _m(clients.ClearsXpmRecordOnDelete, ONEWAY, "PH-DELETE"),
    _m(clients.SyncsWhileDisconnected, ONEWAY, "PH-DISCONNECT"),
    _m(clients.ClearsActivityOnDisconnect, ONEWAY, "PH-DISCONNECT"),
    _m(clients.ResetsSettingsOnReconnect, ONEWAY, "PH-EXPIRE", "XX-TOKEN"),
    _m(clients.KeepsOldConnectedSince, ONEWAY, "PH-EXPIRE", "XX-TOKEN"),
    _m(clients.VagueExpiryMessage, ONEWAY, "PH-EXPIRE", "XX-TOKEN"),
    _m(clients.FailsClientOnBadRelationship, ONEWAY, "PH-REL"),
    _m(clients.NeverRetriesSkippedRelationships, ONEWAY, "PH-REL"),
    # -- clients both ways
    _m(clients.AnyRoleActivatesAddons, TWOWAY, "CW-ADDON"),
    _m(clients.AuthorisesBeforeRoleCheck, TWOWAY, "CW-ADDON"),
    _m(clients.LeavesImportsUnlinked, TWOWAY, "CW-LINK-AUTO", "CW-ADDON", "CW-REFRESH"),
    _m(clients.ImportsEveryKind, TWOWAY, "CW-LINK-AUTO"),
    _m(clients.ImportsDuplicates, TWOWAY, "CW-LINK-AUTO"),
    _m(clients.SearchIgnoresTheName, TWOWAY, "CW-LINK-MANUAL"),
    _m(clients.DisconnectKeepsLink, TWOWAY, "CW-LINK-MANUAL"),
    _m(clients.RefreshKeepsCachedValues, TWOWAY, "CW-REFRESH", "CW-DIFF", "CW-SYNC"),
    _m(clients.IgnoresBlankFields, TWOWAY, "CW-DIFF", "CW-LINK-MANUAL", "CW-REFRESH", "CW-SYNC"),
    _m(clients.PullsFromCachedPanel, TWOWAY, "CW-SYNC", "CW-DIFF"),
    _m(clients.SyncsTheWrongWay, TWOWAY, "CW-SYNC", "CW-DIFF"),
    _m(clients.PushesUntickedFields, TWOWAY, "CW-SYNC", "CW-DIFF"),
    _m(clients.EditFormDoesNotRefresh, TWOWAY, "CW-REFRESH"),
    _m(clients.StampsRefreshWithWallClock, TWOWAY, "CW-REFRESH"),
    # -- payments
    _m(payments.RetriesDismissedPayments, PAYMENTS, "CB-MANUAL", "CB-RECREATED", "XX-EDIT"),
    _m(payments.PostsWithoutCheckingTheInvoice, PAYMENTS, "XX-EDIT", "CB-CREDIT", "CB-KEEP", "CB-MANUAL"),
    _m(payments.PostsToRecreatedInvoice, PAYMENTS, "CB-RECREATED", "CB-KEEP", "XX-EDIT"),
    _m(payments.NeverRetriesFailedPayments, PAYMENTS, "CB-CREDIT", "XX-EDIT", "XX-LOCKDATE"),
    _m(payments.AlertsAboveTenPercentOnly, PAYMENTS, "CB-RATE"),
    _m(payments.NeverAlertsOnFailureRate, PAYMENTS, "CB-RATE"),
    _m(payments.HidesFailedPayments, PAYMENTS, "CB-KEEP"),
    _m(payments.DropsPaymentsWhileDisconnected, PAYMENTS, "CB-KEEP", "XX-TOKEN"),
    _m(payments.HidesLockDateReason, PAYMENTS, "XX-LOCKDATE"),
    _m(payments.LosesRemoteErrorTextOnPayments, PAYMENTS, "XX-LOCKDATE"),
    _m(payments.DatesPaymentsByWallClock, PAYMENTS, "XX-LOCKDATE"),
    _m(payments.RepostsPaymentAfterLostResponse, PAYMENTS, "XX-FLAKY"),
    _m(payments.IgnoresEditedTotals, PAYMENTS, "XX-EDIT"),
    _m(payments.HidesAlreadyPaidReason, PAYMENTS, "CB-MANUAL", "CB-KEEP"),
    _m(payments.OffersNoDismissSyncing, PAYMENTS, "CB-MANUAL", "CB-KEEP", "CB-RECREATED", "XX-EDIT"),
    _m(payments.HideDeletesThePayment, PAYMENTS, "CB-MANUAL", "CB-KEEP"),
]

CORRECT: list[Mutant] = [
    Mutant(engine, PROFILES, frozenset())
    for engine in (correct.LongRetryBudget, correct.ShortRetryBudget, correct.NewestFirst,
                   correct.ReconcilesBeforeEveryPost, correct.FileBackedStore, correct.OtherIdempotencyKeys,
                   correct.RefreshesBeforeExpiry)
]

ALL = BROKEN + CORRECT
